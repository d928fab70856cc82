/*
 * The data page's grid asks the server for rows block by block (dashboard/pages/data_table.py).
 *
 * dash-ag-grid hands every answer (getRowsResponse) to the grid's latest request, whichever
 * request the answer was for. When a reader sorts twice, or filters while a block is on its
 * way, the answer to the older request arrived second and filled the newer block with rows
 * in the wrong order, or left it blank. So each request gets a ticket here (ask), the server
 * answers with it (serve_rows), and only the answer to the latest ticket reaches the grid and
 * the URL (answer); older answers are dropped, as the grid already dropped their requests.
 */
(function () {
  "use strict";

  var latest = 0;
  var clientside = (window.dash_clientside = window.dash_clientside || {});
  clientside.dataGrid = {
    ask: function (request) {
      if (!request) {
        return clientside.no_update;
      }
      latest += 1;
      // The fields the server reads; the request itself also holds the grid's callbacks.
      return {
        ticket: latest,
        request: {
          startRow: request.startRow,
          endRow: request.endRow,
          sortModel: request.sortModel,
          filterModel: request.filterModel,
        },
      };
    },
    answer: function (block) {
      var noUpdate = clientside.no_update;
      if (!block || block.ticket !== latest) {
        return [noUpdate, noUpdate];
      }
      return [block.rows, block.search ? block.search : noUpdate];
    },
  };
})();
