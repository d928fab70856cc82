/*
 * One watcher of the page's DOM for every script that must act on what Dash draws later
 * (assets/a11y.js, dashboard.js, grid_fit.js, map_fit.js, presentation.js): a single MutationObserver on
 * document.body, its bursts of changes coalesced into one call per animation frame.
 *
 * window.dashboardDom.onChange(listener) calls listener() once now (or when the document
 * has loaded) and then after each frame in which the DOM changed. The file name sorts before
 * the other assets, which Dash loads in alphabetical order.
 */
(function () {
  "use strict";

  var listeners = [];
  var scheduled = false;
  var observer = null;

  function notify() {
    scheduled = false;
    listeners.forEach(function (listener) {
      listener();
    });
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(notify);
    }
  }

  function start(listener) {
    listener();
    if (!observer) {
      observer = new MutationObserver(schedule);
      // aria-hidden: assets/a11y.js undoes Dash's aria-hidden on focusable elements.
      observer.observe(document.body, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ["aria-hidden"],
      });
    }
  }

  window.dashboardDom = {
    onChange: function (listener) {
      listeners.push(listener);
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", function () {
          start(listener);
        });
      } else {
        start(listener);
      }
    },
  };
})();
