/*
 * Maps that fit their box: a figure whose layout.meta.fit_bounds is [west, south, east, north]
 * (degrees) is zoomed and centred so that the whole box shows at the graph's actual size, on
 * a phone as on a projector. The server cannot know the reader's width, so it sends the
 * bounds and this script does the arithmetic of MapLibre's Web Mercator (512-pixel world at
 * zoom 0) whenever the graph is drawn at a new size.
 */
(function () {
  "use strict";

  var TILE = 512;
  var MARGIN = 0.92; // a little air around the region

  function mercatorY(latitude) {
    var radians = (latitude * Math.PI) / 180;
    return Math.log(Math.tan(Math.PI / 4 + radians / 2));
  }

  function fittedView(bounds, width, height) {
    var west = bounds[0], south = bounds[1], east = bounds[2], north = bounds[3];
    var zoomX = Math.log2((width * MARGIN * 360) / (TILE * (east - west)));
    var spanY = mercatorY(north) - mercatorY(south);
    var zoomY = Math.log2((height * MARGIN * 2 * Math.PI) / (TILE * spanY));
    var middleY = (mercatorY(north) + mercatorY(south)) / 2;
    var centreLat = (Math.atan(Math.sinh(middleY)) * 180) / Math.PI;
    return {
      zoom: Math.min(zoomX, zoomY),
      center: { lon: (west + east) / 2, lat: centreLat },
    };
  }

  function plotArea(plot) {
    var size = plot._fullLayout && plot._fullLayout._size;
    if (!size || !size.w || !size.h) {
      return null;
    }
    return { width: size.w, height: size.h };
  }

  function fit(plot) {
    var meta = plot.layout && plot.layout.meta;
    var bounds = meta && meta.fit_bounds;
    var area = plotArea(plot);
    if (!bounds || bounds.length !== 4 || !area || !window.Plotly) {
      return;
    }
    var key = Math.round(area.width) + "x" + Math.round(area.height) + ":" + bounds.join(",");
    // Fitted already at this size and for this figure (Dash sends a new layout object with
    // each figure): leave it, the reader may have zoomed since.
    if (plot._mapFitKey === key && plot._mapFitLayout === plot.layout) {
      return;
    }
    plot._mapFitKey = key;
    plot._mapFitLayout = plot.layout;
    var view = fittedView(bounds, area.width, area.height);
    window.Plotly.relayout(plot, {
      "map.zoom": view.zoom,
      "map.center.lon": view.center.lon,
      "map.center.lat": view.center.lat,
    });
  }

  function watch(plot) {
    if (plot.dataset.mapFitWatched || !plot.on) {
      return;
    }
    plot.dataset.mapFitWatched = "1";
    plot.on("plotly_afterplot", function () {
      fit(plot);
    });
    fit(plot);
  }

  function watchAll() {
    var plots = document.querySelectorAll(".js-plotly-plot");
    for (var i = 0; i < plots.length; i += 1) {
      watch(plots[i]);
    }
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) {
      return;
    }
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      watchAll();
    });
  }

  function start() {
    watchAll();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
