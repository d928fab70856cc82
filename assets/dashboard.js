/*
 * Clientside helpers of the dashboard shell (registered in dashboard/app.py).
 *
 * Cross-filtering: Dash's clickData does not say whether a modifier key was held, so a
 * capture-phase listener remembers the modifier keys of the last press on any Plotly chart;
 * crossfilterClick() turns a click on a point whose customdata[0] (or location) is a 6-digit
 * area code into {area, add, chart, time} in the store ids.CROSSFILTER_CLICK, where add is
 * true when Shift, Ctrl or Cmd was held. The shell's sync_state callback applies it.
 */
(function () {
  "use strict";

  // Accessible names of the shell in the page language (shell_attributes in
  // dashboard/shell/layout.py): applied now and whenever the shell's widgets are redrawn.
  var shellAttributes = [];
  var watching = false;

  function applyShellAttributes() {
    shellAttributes.forEach(function (entry) {
      var selector = entry[0];
      var attribute = entry[1];
      var value = entry[2];
      document.querySelectorAll(selector).forEach(function (element, index) {
        var text = Array.isArray(value) ? value[index] : value;
        if (text === undefined) {
          return;
        }
        if (attribute === "textContent") {
          if (element.textContent !== text) {
            element.textContent = text;
          }
        } else if (element.getAttribute(attribute) !== text) {
          element.setAttribute(attribute, text);
        }
      });
    });
  }

  function watchShell() {
    if (!watching) {
      watching = true;
      window.dashboardDom.onChange(applyShellAttributes); // assets/_dom_changes.js
    }
  }

  var lastPress = { shift: false, ctrl: false, meta: false, time: 0 };

  function remember(event) {
    var target = event.target;
    if (!target || !target.closest || !target.closest(".js-plotly-plot")) {
      return;
    }
    lastPress = {
      shift: event.shiftKey,
      ctrl: event.ctrlKey,
      meta: event.metaKey,
      time: Date.now(),
    };
  }
  document.addEventListener("pointerdown", remember, true);
  document.addEventListener("mousedown", remember, true);

  // After a search hit or suggestion is chosen, let the results panel close.
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest(".search-results a")) {
      window.setTimeout(function () {
        if (document.activeElement) {
          document.activeElement.blur();
        }
      }, 0);
    }
  });

  // Escape in the search box or its results closes the panel.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var box = event.target && event.target.closest && event.target.closest(".search-box");
    if (box && document.activeElement) {
      document.activeElement.blur();
    }
  });

  function areaOf(point) {
    var data = point.customdata;
    var value = Array.isArray(data) ? data[0] : data;
    if (value === undefined || value === null) {
      value = point.location;
    }
    value = String(value === undefined || value === null ? "" : value);
    return /^\d{6}$/.test(value) ? value : null;
  }

  var clientside = (window.dash_clientside = window.dash_clientside || {});
  clientside.dashboard = {
    crossfilterClick: function () {
      var noUpdate = clientside.no_update;
      var context = clientside.callback_context;
      var triggered = context && context.triggered && context.triggered[0];
      if (!triggered || !triggered.value || !triggered.value.points) {
        return noUpdate;
      }
      var point = triggered.value.points[0];
      var area = point ? areaOf(point) : null;
      var idText = triggered.prop_id.slice(0, triggered.prop_id.lastIndexOf("."));
      var graphId = null;
      try {
        graphId = JSON.parse(idText);
      } catch (error) {
        graphId = null;
      }
      if (graphId && clientside.set_props) {
        // Forget the click so that clicking the same bar again is seen again.
        clientside.set_props(graphId, { clickData: null });
      }
      if (area === null) {
        return noUpdate;
      }
      var recent = Date.now() - lastPress.time < 5000;
      return {
        area: area,
        add: recent && (lastPress.shift || lastPress.ctrl || lastPress.meta),
        chart: graphId ? graphId.chart : null,
        time: Date.now(),
      };
    },

    // An export button pressed: {button: its id, time}, for the export callback on the
    // server. Not when buttons only appeared (a new page or chart cards): Dash fires these
    // inputs then too, with no clicks.
    exportAsked: function () {
      var context = clientside.callback_context;
      var pressed = (context && context.triggered ? context.triggered : []).filter(
        function (item) {
          return item.value;
        }
      );
      if (!pressed.length) {
        return clientside.no_update;
      }
      var idText = pressed[0].prop_id.slice(0, pressed[0].prop_id.lastIndexOf("."));
      var button = idText;
      try {
        button = JSON.parse(idText);
      } catch (error) {
        button = idText;
      }
      return { button: button, time: Date.now() };
    },

    // A move to another page or view empties the search box; an empty box stays as it is
    // (setting it sends the search panel's callback a request for nothing).
    clearSearch: function (href, value) {
      return value ? "" : clientside.no_update;
    },

    toggleNavbar: function (clicks, isOpen) {
      return !isOpen;
    },

    applyDocumentMeta: function (meta) {
      if (!meta) {
        return;
      }
      document.documentElement.lang = meta.lang === "en" ? "en" : "zh-CN";
      shellAttributes = meta.attributes || [];
      applyShellAttributes();
      watchShell();
      // After Pages' own title update, which runs on the same change.
      window.setTimeout(function () {
        document.title = meta.title;
      }, 0);
    },
  };
})();
