/*
 * Puts a page's new card parts into its cards (dashboard/components/card_refresh.py): the
 * page's callback sends [component id, {property: value}] pairs to a store instead of new
 * cards, so that each chart is redrawn in place (plotly.js react) rather than mounted anew.
 * A pair whose component is not on the page (the reader has moved on) is left out.
 */
(function () {
  "use strict";

  var clientside = (window.dash_clientside = window.dash_clientside || {});
  clientside.cardRefresh = {
    apply: function (updates) {
      if (!Array.isArray(updates) || !clientside.set_props) {
        return;
      }
      updates.forEach(function (update) {
        var id = update[0];
        var key = typeof id === "string" ? id : JSON.stringify(sortedKeys(id));
        if (document.getElementById(key)) {
          clientside.set_props(id, update[1]);
        }
      });
    },
  };

  // Dash writes a pattern-matching id into the DOM as JSON with its keys sorted.
  function sortedKeys(id) {
    var sorted = {};
    Object.keys(id)
      .sort()
      .forEach(function (key) {
        sorted[key] = id[key];
      });
    return sorted;
  }
})();
