/*
 * Small multiples that fit a phone (dashboard/figures/trend.py, small_multiples).
 *
 * A grid of panels is drawn four to a row for a laptop; on a phone that is ~85 px a panel,
 * the panel titles running into each other. The figure carries in layout.meta:
 *   narrow_px      the graph width (CSS px) below which it counts as narrow;
 *   narrow_layout  relayout edits for a narrow graph (two panels a row, shorter title lines,
 *                  fewer year ticks, a taller figure);
 *   wide_layout    the same keys as the server drew them, to go back on a wider graph.
 * A figure about to be drawn in a narrow graph is drawn narrow at once (one draw: a step
 * before Plotly.react, assets/_plotly_react.js); a graph that becomes narrow or wide later (a turned
 * phone, a resized window) is relaid out after its next draw. Maps have their own script
 * (assets/map_fit.js): a figure with meta.fit_bounds is left to it.
 */
(function () {
  "use strict";

  function gridMeta(layout) {
    var meta = layout && layout.meta;
    if (!meta || meta.fit_bounds || !meta.narrow_px || !meta.narrow_layout || !meta.wide_layout) {
      return null;
    }
    return meta;
  }

  function stateAt(width, meta) {
    return width && width < meta.narrow_px ? "narrow" : "wide";
  }

  function stateFor(plot, meta) {
    return stateAt(plot.clientWidth, meta);
  }

  function heightOf(meta, state) {
    return (state === "narrow" ? meta.narrow_layout : meta.wide_layout).height;
  }

  // The layout edits of a state, without "height": dcc.Graph sizes a responsive plot to
  // its own element, so the height goes there (the plot follows it).
  function edits(meta, state) {
    var all = state === "narrow" ? meta.narrow_layout : meta.wide_layout;
    var layout = {};
    Object.keys(all).forEach(function (path) {
      if (path !== "height") {
        layout[path] = all[path];
      }
    });
    return layout;
  }

  function setHeight(plot, meta, state) {
    var height = heightOf(meta, state);
    var graph = plot.parentElement;
    if (height && graph && graph.style.height !== height + "px") {
      graph.style.height = height + "px";
    }
  }

  // "annotations[2].x" -> ["annotations", 2, "x"]
  function pathParts(path) {
    return path
      .replace(/\[(\d+)\]/g, ".$1")
      .split(".")
      .map(function (part) {
        return /^\d+$/.test(part) ? Number(part) : part;
      });
  }

  // The layout with the edits applied; the figure in Dash's store is left as it is. Its
  // template and meta stay the same objects, not copied (edits never touch them).
  function edited(layout, changes) {
    var copy = JSON.parse(
      JSON.stringify(layout, function (key, value) {
        return this === layout && (key === "template" || key === "meta") ? undefined : value;
      })
    );
    ["template", "meta"].forEach(function (key) {
      if (layout[key] !== undefined) {
        copy[key] = layout[key];
      }
    });
    Object.keys(changes).forEach(function (path) {
      var parts = pathParts(path);
      var node = copy;
      for (var i = 0; i < parts.length - 1; i += 1) {
        if (node[parts[i]] === undefined || node[parts[i]] === null) {
          node[parts[i]] = typeof parts[i + 1] === "number" ? [] : {};
        }
        node = node[parts[i]];
      }
      node[parts[parts.length - 1]] = changes[path];
    });
    return copy;
  }

  // Relays out a drawn grid whose width class is not the one it was drawn for.
  function fit(plot) {
    var meta = gridMeta(plot.layout);
    if (!meta || plot._gridFitBusy) {
      return;
    }
    var state = stateFor(plot, meta);
    if (state === (plot._gridFitState || "wide")) {
      return; // the server draws wide
    }
    plot._gridFitState = state;
    plot._gridFitBusy = true;
    setHeight(plot, meta, state);
    var done = function () {
      plot._gridFitBusy = false;
    };
    var result = window.Plotly.relayout(plot, edits(meta, state));
    if (result && result.then) {
      result.then(done, done);
    } else {
      done();
    }
  }

  function watch(plot) {
    if (plot._gridFitWatched || !plot.on) {
      return;
    }
    plot._gridFitWatched = true;
    plot.on("plotly_afterplot", function () {
      fit(plot);
    });
    fit(plot); // drawn before this script saw it: its afterplot has passed
  }

  // Before plotly.js draws a new grid: its box at the state's height, and the narrow edits
  // in the figure when the graph is narrow (assets/_plotly_react.js runs it).
  function forDraw(plot, figure) {
    var meta = figure ? gridMeta(figure.layout) : null;
    if (!meta) {
      return figure;
    }
    var state = stateFor(plot, meta);
    plot._gridFitState = state;
    setHeight(plot, meta, state);
    if (state !== "narrow") {
      return figure;
    }
    return Object.assign({}, figure, { layout: edited(figure.layout, edits(meta, "narrow")) });
  }

  function watchAll() {
    var plots = document.querySelectorAll(".js-plotly-plot");
    for (var i = 0; i < plots.length; i += 1) {
      watch(plots[i]);
    }
  }

  window.gridFit = {
    // For assets/deferred_charts.js, which sizes a chart's box before plotly.js draws it:
    // the height a figure is drawn at in a graph `width` px wide (undefined: not a grid).
    heightFor: function (layout, width) {
      var meta = gridMeta(layout);
      return meta ? heightOf(meta, stateAt(width, meta)) : undefined;
    },
    // For assets/map_fit.js: a copy of a layout with relayout-style edits applied.
    edited: edited,
  };

  window.dashboardReact.beforeDraw(forDraw); // assets/_plotly_react.js
  window.dashboardDom.onChange(watchAll); // assets/_dom_changes.js
})();
