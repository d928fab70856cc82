/*
 * Maps that show the whole region at the size they are drawn, on a phone as on a projector.
 *
 * A map figure (dashboard/figures/choropleth.py) carries in layout.meta:
 *   fit_bounds     [west, south, east, north] in degrees: the box that must be visible;
 *   narrow_layout  layout edits for a narrow graph (colour bar and legend out of the map);
 *   wide_layout    the same keys as the server drew them, to go back on a wider graph;
 *   narrow_px      the graph width (CSS px) below which it counts as narrow.
 * The server's zoom suits a 720-pixel-wide map; only the browser knows the real width, so
 * after each draw this script (1) puts the colour bar and legend where they leave the map
 * free for the graph's width and (2) zooms and centres the map on the box with MapLibre's
 * own cameraForBounds.
 *
 * The first version of this script broke the map ("Map error.", "reading 'layers'"): any
 * Plotly.relayout pruned the style's empty "sources" and MapLibre rejected the style. The
 * style now has a source (BLANK_STYLE). Timing still matters: MapLibre must have loaded its
 * style and sources before the view changes, and one relayout must be drawn before the next
 * starts (else plotly.js adds a source twice). So nothing happens before plotly_afterplot;
 * then only once the map is loaded and still, one relayout at a time. Each step compares
 * the wanted values with the current ones, so the redraw a relayout causes ends the chain.
 */
(function () {
  "use strict";

  var PADDING_PX = 10; // air around the region inside the map
  var ZOOM_TOLERANCE = 0.01;
  var DEGREE_TOLERANCE = 0.01;
  var POLL_MS = 100;
  var MAX_TRIES = 600; // a minute: a slow phone's software WebGL can take that long
  var MAX_EDITS = 4; // relayouts per draw not of ours (a figure, a resize): two are enough
  // The last fitted view of each graph, by its dcc.Graph id: a filter change may give the
  // graph a new plot element, drawn for the same region at the same width.
  var fittedViews = {};

  function graphKey(plot) {
    var graph = plot.parentElement;
    return (graph && graph.id) || plot.id || "";
  }

  function mapMeta(plot) {
    var full = plot._fullLayout;
    var meta = (full && full.meta) || (plot.layout && plot.layout.meta);
    var bounds = meta && meta.fit_bounds;
    if (!full || !full.map || !bounds || bounds.length !== 4) {
      return null;
    }
    return meta;
  }

  function maplibreOf(plot) {
    var subplot = plot._fullLayout && plot._fullLayout.map && plot._fullLayout.map._subplot;
    return subplot && subplot.map ? subplot.map : null;
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

  function mayEdit(plot) {
    plot._mapFitEdits = (plot._mapFitEdits || 0) + 1;
    return plot._mapFitEdits <= MAX_EDITS;
  }

  function relayout(plot, edits) {
    if (!mayEdit(plot)) {
      return;
    }
    // One relayout at a time: a second one while plotly.js redraws the map (new margins
    // redraw the whole plot) adds its sources twice ("Source ... already exists").
    plot._mapFitBusy = true;
    delete plot.dataset.mapFitted;
    var done = function () {
      plot._mapFitBusy = false;
      request(plot); // check again at the new size; stops when nothing differs
    };
    var result = window.Plotly.relayout(plot, edits);
    if (result && result.then) {
      result.then(done, done);
    } else {
      done();
    }
  }

  function placeKeys(plot, meta) {
    var full = plot._fullLayout;
    var narrow = meta.narrow_px && full.width < meta.narrow_px;
    return differing(full, narrow ? meta.narrow_layout : meta.wide_layout);
  }

  function camera(map, bounds) {
    var canvas = map.getCanvas();
    var room = Math.min(canvas.clientWidth, canvas.clientHeight);
    var padding = room > 4 * PADDING_PX ? PADDING_PX : 0;
    return map.cameraForBounds(
      [
        [bounds[0], bounds[1]],
        [bounds[2], bounds[3]],
      ],
      { padding: padding }
    );
  }

  function ready(map) {
    return map.isStyleLoaded() && map.loaded() && !map.isMoving();
  }

  function fitNow(plot) {
    var meta = mapMeta(plot);
    var map = maplibreOf(plot);
    var placement = placeKeys(plot, meta);
    if (placement) {
      relayout(plot, placement); // the map's box changes: fitted once that is drawn
      return;
    }
    var view = camera(map, meta.fit_bounds);
    if (!view || !isFinite(view.zoom)) {
      return;
    }
    var current = plot._fullLayout.map;
    var zoom = Math.round(view.zoom * 100) / 100;
    var lon = Math.round(view.center.lng * 1000) / 1000;
    var lat = Math.round(view.center.lat * 1000) / 1000;
    if (
      Math.abs(current.zoom - zoom) < ZOOM_TOLERANCE &&
      Math.abs(current.center.lon - lon) < DEGREE_TOLERANCE &&
      Math.abs(current.center.lat - lat) < DEGREE_TOLERANCE
    ) {
      plot.dataset.mapFitted = "1"; // for tests and screenshots: the view is final
      fittedViews[graphKey(plot)] = {
        bounds: JSON.stringify(meta.fit_bounds),
        width: plot.clientWidth,
        zoom: current.zoom,
        center: { lon: current.center.lon, lat: current.center.lat },
      };
      return;
    }
    relayout(plot, { "map.zoom": zoom, "map.center.lon": lon, "map.center.lat": lat });
  }

  // After a draw: wait (polling, as MapLibre's events may have passed) until the map's
  // style and sources are loaded and no relayout of ours is under way, then fit.
  function request(plot) {
    if (plot._mapFitTimer) {
      return;
    }
    var tries = 0;
    var step = function () {
      plot._mapFitTimer = null;
      tries += 1;
      var map = maplibreOf(plot);
      if (!mapMeta(plot) || !map || !document.body.contains(plot) || !window.Plotly) {
        return;
      }
      if (plot._mapFitBusy || !ready(map)) {
        if (tries < MAX_TRIES) {
          plot._mapFitTimer = window.setTimeout(step, POLL_MS);
        }
        return;
      }
      fitNow(plot);
    };
    plot._mapFitTimer = window.setTimeout(step, POLL_MS);
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
      if (mapMeta(plot)) {
        request(plot);
      }
    });
    // Drawn before this script saw it: its afterplot has passed.
    if (mapMeta(plot) && maplibreOf(plot)) {
      request(plot);
    }
  }

  // A new figure of a map already fitted at this width (a filter change): drawn at the fitted
  // view at once, instead of at the server's view and then moved, two draws of a map that a
  // machine without a GPU draws in software. The check after the draw then finds it fitted.
  function atFittedView(plot, figure) {
    var view = plot && plot.nodeType === 1 ? fittedViews[graphKey(plot)] : null;
    var layout = figure && figure.layout;
    var bounds = layout && layout.meta && layout.meta.fit_bounds;
    if (!view || !bounds || !layout.map || plot.clientWidth !== view.width) {
      return figure;
    }
    if (JSON.stringify(bounds) !== view.bounds) {
      return figure;
    }
    var map = Object.assign({}, layout.map, { zoom: view.zoom, center: view.center });
    return Object.assign({}, figure, { layout: Object.assign({}, layout, { map: map }) });
  }

  function wrapReact() {
    var plotly = window.Plotly;
    if (!plotly || !plotly.react || plotly.mapFitWrapped) {
      return;
    }
    var react = plotly.react;
    plotly.react = function (plot, figure) {
      var args = Array.prototype.slice.call(arguments);
      if (args.length === 2) {
        args[1] = atFittedView(plot, figure); // dcc.Graph: react(gd, {data, layout, ...})
      }
      return react.apply(this, args);
    };
    plotly.mapFitWrapped = true; // on Plotly: grid_fit.js wraps react too
  }

  function watchAll() {
    wrapReact();
    var plots = document.querySelectorAll(".js-plotly-plot");
    for (var i = 0; i < plots.length; i += 1) {
      watch(plots[i]);
    }
  }

  window.dashboardDom.onChange(watchAll); // assets/_dom_changes.js
})();
