/*
 * Charts redrawn in part after a filter change, not from nothing.
 *
 * plotly.js `react` (what dcc.Graph calls with each new figure) compares the new figure with
 * the drawn one and redraws only what changed, when it can tell what did:
 *   - data arrays: the server names each figure's traces (layout.datarevision, a digest:
 *     dashboard/figures/common.py with_data_revision), so equal revisions mean equal arrays;
 *     without one, every array of a JSON answer is new and the whole chart is drawn again;
 *   - properties of any value type, the layout's `template` and the layout's and each
 *     trace's `meta`: compared by identity only, and new in every answer, each of them
 *     alone makes plotly.js draw the whole chart again.
 * This wraps Plotly.react to give back the drawn template and metas where the new ones are
 * equal, in a copy of the figure (the figure in Dash's store is left as it is). A trend chart
 * whose year changed is then redrawn as its moved highlight (a shape and an annotation):
 * ~10 ms instead of ~50 ms here.
 *
 * It is the one wrapper of Plotly.react: a script that fits a new figure to its graph before
 * it is drawn (grid_fit.js, map_fit.js) registers a step with
 * window.dashboardReact.beforeDraw(function (plot, figure) { return figure or a copy; }),
 * and the steps run in the order registered, this file's last. The file name sorts before
 * theirs (Dash loads assets in alphabetical order) and after _dom_changes.js, which it uses.
 */
(function () {
  "use strict";

  function equal(drawn, next) {
    return drawn === next || JSON.stringify(drawn) === JSON.stringify(next);
  }

  // `next` with the drawn object's value put back for each of `keys` it holds equal.
  function withDrawn(drawn, next, keys) {
    var copy = null;
    keys.forEach(function (key) {
      if (
        drawn &&
        next[key] !== undefined &&
        drawn[key] !== undefined &&
        next[key] !== drawn[key] &&
        equal(drawn[key], next[key])
      ) {
        copy = copy || Object.assign({}, next);
        copy[key] = drawn[key];
      }
    });
    return copy || next;
  }

  function reused(plot, figure) {
    var layout = figure && figure.layout;
    if (!layout || layout.datarevision === undefined || !plot || !plot._fullLayout) {
      return figure; // a first draw, or a figure that does not name its data
    }
    var drawnData = Array.isArray(plot.data) ? plot.data : [];
    var data = Array.isArray(figure.data)
      ? figure.data.map(function (trace, index) {
          return trace ? withDrawn(drawnData[index], trace, ["meta"]) : trace;
        })
      : figure.data;
    return Object.assign({}, figure, {
      data: data,
      layout: withDrawn(plot.layout, layout, ["template", "meta"]),
    });
  }

  var steps = [];

  function wrapReact() {
    var plotly = window.Plotly;
    if (!plotly || !plotly.react || plotly.dashboardReactWrapped) {
      return;
    }
    var react = plotly.react;
    plotly.react = function (plot, figure) {
      var args = Array.prototype.slice.call(arguments);
      if (args.length === 2 && plot && plot.nodeType === 1) {
        // dcc.Graph: react(gd, {data, layout, ...})
        var next = figure;
        steps.forEach(function (step) {
          next = step(plot, next);
        });
        args[1] = reused(plot, next);
      }
      return react.apply(this, args);
    };
    plotly.dashboardReactWrapped = true;
  }

  window.dashboardReact = {
    beforeDraw: function (step) {
      steps.push(step);
    },
  };

  window.dashboardDom.onChange(wrapReact); // assets/_dom_changes.js
})();
