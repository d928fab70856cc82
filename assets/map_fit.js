/*
 * Maps whose legend and colour bar leave the map free at the size they are drawn, on a
 * phone as on a projector.
 *
 * A map figure (dashboard/figures/choropleth.py) is an SVG "geo" subplot whose longitude and
 * latitude ranges are the region's box: plotly.js itself fits that box to the graph at every
 * draw and resize. What it cannot know is where the legend and colour bar should go, so a map
 * figure carries in layout.meta:
 *   fit_bounds     [west, south, east, north] in degrees: marks the figure as a map;
 *   narrow_layout  layout edits for a narrow graph (colour bar and legend out of the map,
 *                  a shorter graph: its box is sized to the edits' height);
 *   wide_layout    the same keys as the server drew them, to go back on a wider graph;
 *   narrow_px      the graph width (CSS px) below which it counts as narrow.
 * After each draw this script compares the wanted placement with the drawn one and, when they
 * differ, makes one relayout; the redraw it causes finds nothing to change and marks the plot
 * (data-map-fitted, for tests and screenshots: the map is final).
 *
 * Until December 2026 maps were MapLibre (WebGL) maps and this script also zoomed them to the
 * box with MapLibre's cameraForBounds, polling until MapLibre was idle.
 */
(function () {
  "use strict";

  var MAX_EDITS = 2; // relayouts per draw not of ours (a figure, a resize): one is enough

  function mapMeta(plot) {
    var full = plot._fullLayout;
    var meta = (full && full.meta) || (plot.layout && plot.layout.meta);
    var bounds = meta && meta.fit_bounds;
    if (!full || !full.geo || !bounds || bounds.length !== 4) {
      return null;
    }
    return meta;
  }

  function valueAt(object, path) {
    var parts = path.split(".");
    for (var i = 0; i < parts.length; i += 1) {
      if (object === undefined || object === null) {
        return undefined;
      }
      object = object[parts[i]];
    }
    return object;
  }

  function differing(full, edits) {
    var changes = {};
    var any = false;
    Object.keys(edits || {}).forEach(function (path) {
      var now = valueAt(full, path);
      // undefined: not drawn (no colour bar, no legend), and a relayout would not change that
      if (now !== undefined && now !== edits[path]) {
        changes[path] = edits[path];
        any = true;
      }
    });
    return any ? changes : null;
  }

  // The graph's box follows the layout's height (the narrow placement is shorter).
  function sizeBox(plot, height) {
    var graph = plot && plot.parentElement;
    if (height && graph && graph.style.height !== height + "px") {
      graph.style.height = height + "px";
    }
  }

  function place(plot) {
    var meta = mapMeta(plot);
    if (!meta || !document.body.contains(plot) || !window.Plotly) {
      return;
    }
    var full = plot._fullLayout;
    var narrow = meta.narrow_px && full.width < meta.narrow_px;
    var wanted = narrow ? meta.narrow_layout : meta.wide_layout;
    sizeBox(plot, wanted.height);
    var edits = differing(full, wanted);
    if (!edits) {
      plot.dataset.mapFitted = "1";
      return;
    }
    plot._mapFitEdits = (plot._mapFitEdits || 0) + 1;
    if (plot._mapFitEdits > MAX_EDITS) {
      return;
    }
    plot._mapFitBusy = true;
    delete plot.dataset.mapFitted;
    var done = function () {
      plot._mapFitBusy = false;
    };
    var result = window.Plotly.relayout(plot, edits);
    if (result && result.then) {
      result.then(done, done);
    } else {
      done();
    }
  }

  function watch(plot) {
    if (plot._mapFitWatched || !plot.on) {
      return;
    }
    plot._mapFitWatched = true;
    plot.on("plotly_afterplot", function () {
      if (!plot._mapFitBusy) {
        plot._mapFitEdits = 0; // a new figure or size, not our own relayout
        delete plot.dataset.mapFitted;
      }
      place(plot);
    });
    place(plot); // drawn before this script saw it: its afterplot has passed
  }

  // A new figure drawn on a narrow graph gets the narrow placement before its first draw,
  // not after it through a second one.
  function withPlacement(plot, figure) {
    var layout = figure && figure.layout;
    var meta = layout && layout.meta;
    if (!meta || !meta.fit_bounds || !meta.narrow_px || !meta.narrow_layout) {
      return figure;
    }
    var width = plot && plot.nodeType === 1 ? plot.clientWidth : 0;
    if (!width || width >= meta.narrow_px) {
      return figure;
    }
    sizeBox(plot, meta.narrow_layout.height);
    var copy = window.gridFit.edited(layout, meta.narrow_layout); // assets/grid_fit.js
    return Object.assign({}, figure, { layout: copy });
  }

  function watchAll() {
    var plots = document.querySelectorAll(".js-plotly-plot");
    for (var i = 0; i < plots.length; i += 1) {
      watch(plots[i]);
    }
  }

  window.dashboardReact.beforeDraw(withPlacement); // assets/_plotly_react.js
  window.dashboardDom.onChange(watchAll); // assets/_dom_changes.js
})();
