/*
 * The phone's one-line filter bar (dashboard/shell/layout.py, compact_line): the "筛选 /
 * Filters" button opens and closes the panel of controls. Its aria-expanded says which; the
 * panel's "open" class is read by assets/app.css under 768 px only, so wider screens always
 * show the controls.
 */
(function () {
  "use strict";

  // Added to the one shared object, never a copy of it: other scripts (assets/dashboard.js)
  // keep a reference to window.dash_clientside and read callback_context from it.
  var clientside = (window.dash_clientside = window.dash_clientside || {});
  clientside.filterBar = {
    toggle: function (clicks, expanded) {
      var open = expanded !== "true";
      return [open ? "true" : "false", open ? "filter-panel open" : "filter-panel"];
    },
  };
})();
