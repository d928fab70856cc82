/*
 * Presentation mode for a meeting room: "#present" at the end of any page's address (or the
 * shell's Present button, which links there) hides the navigation, the filters and the
 * buttons (assets/app.css, html.presenting) and draws chart text larger. Esc, or removing
 * the fragment, leaves it. Nothing goes to the server: the filters in the query stay as
 * they are, so a copied link still reproduces the view.
 */
(function () {
  "use strict";

  var FRAGMENT = "#present";
  var CHART_FONT = 20;

  function presenting() {
    return window.location.hash === FRAGMENT;
  }

  function enlarge(plot) {
    if (!window.Plotly || !plot.layout || !presenting()) {
      return;
    }
    // Dash sends a new layout object with each figure; enlarge each figure once.
    if (plot._presentedLayout === plot.layout) {
      return;
    }
    plot._presentedLayout = plot.layout;
    window.Plotly.relayout(plot, { "font.size": CHART_FONT });
  }

  function watch(plot) {
    if (plot._presentationWatched || !plot.on) {
      return;
    }
    plot._presentationWatched = true;
    plot.on("plotly_afterplot", function () {
      enlarge(plot);
    });
    enlarge(plot);
  }

  function watchAll() {
    if (!presenting()) {
      return;
    }
    var plots = document.querySelectorAll(".js-plotly-plot");
    for (var i = 0; i < plots.length; i += 1) {
      watch(plots[i]);
    }
  }

  function apply() {
    document.documentElement.classList.toggle("presenting", presenting());
    watchAll();
    // Charts are responsive: let them take the new width.
    window.dispatchEvent(new Event("resize"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && presenting()) {
      window.history.replaceState(
        window.history.state,
        "",
        window.location.pathname + window.location.search
      );
      apply();
    }
  });
  window.addEventListener("hashchange", apply);

  window.dashboardDom.onChange(watchAll); // assets/_dom_changes.js
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
