/*
 * What a link drawn outside Dash's components may point at (assets/grid_cells.js,
 * plain_html.js). The file name sorts before the scripts that use it; Dash loads assets in
 * alphabetical order.
 *
 * window.dashboardLinks.onSite(href): a path on this site ("/sources?…"), never a scheme a
 * value could smuggle in (javascript:, data:) nor another host ("//host/…").
 */
(function () {
  "use strict";

  function onSite(href) {
    var text = href == null ? "" : String(href);
    return text.charAt(0) === "/" && text.charAt(1) !== "/";
  }

  window.dashboardLinks = { onSite: onSite };
})();
