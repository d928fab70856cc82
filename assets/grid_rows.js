/*
 * The data page's grid asks the server for rows block by block (dashboard/pages/data_table.py).
 *
 * dash-ag-grid hands every answer (getRowsResponse) to the grid's latest request, whichever
 * request the answer was for. When a reader sorts twice, or filters while a block is on its
 * way, the answer to the older request arrived second and filled the newer block with rows
 * in the wrong order, or left it blank. So each request gets a ticket here (ask), the server
 * answers with it (serve_rows), and only the answer to the latest ticket reaches the grid and
 * the URL (answer); older answers are dropped, as the grid already dropped their requests.
 *
 * A new selection's first block comes with the selection's row count (update_data: first).
 * Only then does refresh ask the grid to load its blocks again (AG Grid's refreshInfiniteCache:
 * it shows the rows it has until the new ones come, where a purge drew loading rows first),
 * and ask answers its request for the first block here: the grid is drawn once, with the
 * new rows, and no second round trip is made.
 * A block the grid already shows (its own sort or filter, copied into the URL), or no rows
 * after no rows, is not asked for again.
 */
(function () {
  "use strict";

  var latest = 0;
  var shown = null; // the key of the rows the grid holds
  var shownCount = null; // and how many rows pass its filters
  var clientside = (window.dash_clientside = window.dash_clientside || {});

  // One text for one request: keys sorted at every level, as the server's canonical JSON.
  function canonical(value) {
    if (Array.isArray(value)) {
      return "[" + value.map(canonical).join(",") + "]";
    }
    if (value && typeof value === "object") {
      return (
        "{" +
        Object.keys(value)
          .sort()
          .map(function (key) {
            return JSON.stringify(key) + ":" + canonical(value[key]);
          })
          .join(",") +
        "}"
      );
    }
    return JSON.stringify(value === undefined ? null : value);
  }

  clientside.dataGrid = {
    // The grid's request: answered here from the selection's first block (the page's store,
    // so never a block of an earlier visit) when it asks for that block, else sent to the
    // server with a new ticket. Returns [asked, getRowsResponse].
    ask: function (request, first) {
      var noUpdate = clientside.no_update;
      if (!request) {
        return [noUpdate, noUpdate];
      }
      latest += 1;
      // The fields the server reads; the request itself also holds the grid's callbacks.
      var fields = {
        startRow: request.startRow,
        endRow: request.endRow,
        sortModel: request.sortModel || [],
        filterModel: request.filterModel || {},
      };
      if (first && canonical(first.request) === canonical(fields)) {
        shown = first.key;
        shownCount = first.rows.rowCount;
        return [noUpdate, first.rows];
      }
      return [{ticket: latest, request: fields}, noUpdate];
    },
    answer: function (block) {
      var noUpdate = clientside.no_update;
      if (!block || block.ticket !== latest) {
        return [noUpdate, noUpdate];
      }
      shown = block.key || null;
      shownCount = block.rows ? block.rows.rowCount : null;
      return [block.rows, block.search ? block.search : noUpdate];
    },
    // A selection's first block (kept in the page's store for ask): the grid loads its
    // blocks again, unless it already holds these rows or has just been drawn (it then
    // asks for them itself).
    refresh: function (block, gridId) {
      var noUpdate = clientside.no_update;
      if (!block) {
        return noUpdate;
      }
      if (block.initial) {
        shown = shownCount = null; // a new grid: what the last one held is not on the page
        return noUpdate;
      }
      // The same rows, or none after none: nothing to load again.
      var empty = block.rows.rowCount === 0 && shownCount === 0;
      if (block.key === shown || empty) {
        shown = block.key;
        return noUpdate;
      }
      if (!window.dash_ag_grid) {
        return noUpdate;
      }
      window.dash_ag_grid
        .getApiAsync(gridId)
        .then(function (api) {
          if (api && !api.isDestroyed()) {
            api.refreshInfiniteCache();
          }
        })
        .catch(function () {});
      return Date.now();
    },
  };
})();
