/*
 * Charts drawn when they come near the screen, not with the page (issue 14: "draw only what
 * is on screen and defer the rest").
 *
 * A deferred chart card (dashboard/components/chart_card.py, deferred_graph) holds an empty
 * box of the graph's height, `.chart-deferred`, whose data-graph attribute is the dcc.Graph
 * (id, figure, config) as JSON. When the box comes within MARGIN of the screen, or the page
 * is printed, this script hands the graph to Dash (dash_clientside.set_props on the box's
 * children), which mounts it like any graph a callback returns: the same figure, the same
 * pattern-matching id for the shell's callbacks, the same steps before plotly.js draws it
 * (assets/_plotly_react.js) and after (map_fit.js, grid_fit.js, presentation.js). Without
 * IntersectionObserver every chart is drawn at once.
 *
 * dcc.Graph loads plotly.js (1.4 MB: the partial bundle, dashboard/plotly_bundle.py) when the
 * first graph mounts; on a page whose graphs all wait, that would make the first scroll wait
 * for it. So once the page has been
 * still for PRELOAD_AFTER_MS, plotly.js is loaded in the background, from the address Dash
 * gives dcc.Graph (window._dashPlotlyJSURL); dcc.Graph uses window.Plotly when it is there,
 * and a chart reached while it loads waits for it rather than load it a second time.
 */
(function () {
  "use strict";

  var SLOT = ".chart-deferred[data-graph]";
  var MARGIN = "600px 0px"; // start a little before the chart scrolls into view
  var PRELOAD_AFTER_MS = 1000;
  var observer = null;
  var preloading = null; // resolves when plotly.js has loaded
  var quietTimer = null;
  var observed = new Set();
  var sizing = new Set(); // ids of boxes holding their height until their graph is drawn

  function graphOf(slot) {
    try {
      return JSON.parse(slot.dataset.graph);
    } catch (error) {
      return null;
    }
  }

  // A trend grid drawn narrow (assets/grid_fit.js: two panels a row on a phone) is taller
  // than the box the server sized for a laptop: size the box as it will be drawn, so that
  // the page does not grow under the reader's thumb as charts come in.
  function sizeBox(slot) {
    var graph = graphOf(slot);
    var figure = graph && graph.props && graph.props.figure;
    var fit = window.gridFit; // assets/grid_fit.js: the same choice it makes when drawing
    var width = slot.clientWidth;
    var height = figure && fit && width && fit.heightFor(figure.layout, width);
    if (height) {
      slot.style.height = height + "px";
    }
  }

  function draw(slot) {
    var dash = window.dash_clientside;
    if (!slot.isConnected || !slot.dataset.graph || !dash || !dash.set_props) {
      return;
    }
    var graph = graphOf(slot);
    if (!graph) {
      return;
    }
    forget(slot);
    plotlyLoaded().then(function () {
      mount(slot, graph);
    });
  }

  function mount(slot, graph) {
    if (!slot.isConnected) {
      return; // a new page body came meanwhile: its boxes are watched anew
    }
    // dcc.Graph takes no room until plotly.js has loaded and drawn: the box keeps its height
    // until then (else the page shrinks and jumps under the reader), then lets go of it
    // (releaseBoxes), so that a graph drawn taller later pushes what follows down.
    sizing.add(slot.id);
    window.dash_clientside.set_props(slot.id, {
      children: graph,
      className: "chart-graph chart-drawn",
      style: { minHeight: slot.style.height },
      "data-graph": null,
    });
  }

  function plotlyLoaded() {
    if (window.Plotly || !window._dashPlotlyJSURL) {
      return Promise.resolve();
    }
    if (!preloading) {
      preloading = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = window._dashPlotlyJSURL;
        script.async = true;
        script.onload = resolve;
        script.onerror = resolve; // dcc.Graph then tries itself and reports the failure
        document.head.appendChild(script);
      });
    }
    return preloading;
  }

  function preloadWhenStill() {
    window.clearTimeout(quietTimer);
    if (window.Plotly || preloading || !document.querySelector(SLOT)) {
      return;
    }
    quietTimer = window.setTimeout(function () {
      (window.requestIdleCallback || window.setTimeout)(plotlyLoaded);
    }, PRELOAD_AFTER_MS);
  }

  function releaseBoxes() {
    sizing.forEach(function (id) {
      var box = document.getElementById(id);
      var plot = box && box.querySelector(".js-plotly-plot");
      if (!box || box.dataset.graph) {
        sizing.delete(id); // replaced by a new page body
      } else if (plot && plot._fullLayout) {
        sizing.delete(id);
        window.dash_clientside.set_props(id, { style: {} });
      }
    });
  }

  function forget(slot) {
    if (observer) {
      observer.unobserve(slot);
    }
    observed.delete(slot);
  }

  function drawAll() {
    document.querySelectorAll(SLOT).forEach(draw);
  }

  function watchAll() {
    releaseBoxes();
    preloadWhenStill();
    if (!("IntersectionObserver" in window)) {
      drawAll();
      return;
    }
    if (!observer) {
      observer = new IntersectionObserver(
        function (entries) {
          entries.forEach(function (entry) {
            if (entry.isIntersecting) {
              draw(entry.target);
            }
          });
        },
        { rootMargin: MARGIN }
      );
    }
    observed.forEach(function (slot) {
      if (!slot.isConnected) {
        forget(slot); // a new page body replaced it
      }
    });
    document.querySelectorAll(SLOT).forEach(function (slot) {
      if (!observed.has(slot)) {
        observed.add(slot);
        sizeBox(slot);
        observer.observe(slot);
      }
    });
  }

  window.addEventListener("beforeprint", drawAll);
  window.dashboardDom.onChange(watchAll); // assets/_dom_changes.js
})();
