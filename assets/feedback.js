/*
 * Feedback the server cannot give by itself (issue 16):
 *
 * - A callback request that fails (HTTP 4xx/5xx, the network, or a callback that raised and
 *   was answered "no update" with the X-Dashboard-Callback-Error header) shows the alert
 *   #callback-error-alert (dashboard/components/notices.py) in the page's language, instead
 *   of nothing happening.
 * - A file over the upload limit is refused by the browser (dcc.Upload's max_size) without a
 *   word; #upload-size-alert (dashboard/pages/upload.py) says so, naming the file and sizes.
 *
 * Every text comes from the elements' data attributes (the i18n catalogues), and is written
 * with textContent, never as markup.
 */
(function () {
  "use strict";

  var CALLBACK_PATH = "_dash-update-component";
  var ERROR_HEADER = "X-Dashboard-Callback-Error";
  var HIDE_AFTER_MS = 15000;
  var hideTimer = null;

  function language() {
    var lang = (document.documentElement.lang || "zh").toLowerCase();
    return lang.indexOf("en") === 0 ? "en" : "zh";
  }

  function showCallbackError(kind, status) {
    var alert = document.getElementById("callback-error-alert");
    if (!alert) {
      return;
    }
    var lang = language();
    var text = alert.getAttribute("data-" + kind + "-" + lang) || "";
    text = text.replace("{status}", String(status || ""));
    alert.textContent = "";
    var message = document.createElement("span");
    message.textContent = text + " ";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close btn-sm float-end ms-2";
    close.setAttribute("aria-label", alert.getAttribute("data-close-" + lang) || "Close");
    close.addEventListener("click", function () {
      alert.hidden = true;
    });
    alert.appendChild(close);
    alert.appendChild(message);
    alert.hidden = false;
    if (hideTimer) {
      clearTimeout(hideTimer);
    }
    hideTimer = setTimeout(function () {
      alert.hidden = true;
    }, HIDE_AFTER_MS);
  }

  function isCallback(resource) {
    var url = typeof resource === "string" ? resource : resource && resource.url;
    return typeof url === "string" && url.indexOf(CALLBACK_PATH) !== -1;
  }

  var originalFetch = window.fetch;
  if (typeof originalFetch === "function") {
    window.fetch = function (resource, init) {
      var request = originalFetch.apply(this, arguments);
      if (!isCallback(resource)) {
        return request;
      }
      return request.then(
        function (response) {
          if (response.status === 413) {
            showCallbackError("too-large", response.status);
          } else if (response.status >= 400) {
            showCallbackError("status", response.status);
          } else if (response.headers && response.headers.get(ERROR_HEADER)) {
            showCallbackError("failed", response.status);
          }
          return response;
        },
        function (error) {
          showCallbackError("network", "");
          throw error;
        }
      );
    };
  }

  // ------------------------------------------------------------------ oversize uploads

  function checkUpload(files) {
    var alert = document.getElementById("upload-size-alert");
    if (!alert || !files || !files.length) {
      return;
    }
    var limit = Number(alert.getAttribute("data-max-bytes")) || Infinity;
    var file = files[0];
    if (file.size <= limit) {
      alert.hidden = true;
      return;
    }
    var megabytes = (file.size / 1048576).toFixed(1);
    alert.textContent = (alert.getAttribute("data-message") || "")
      .replace("{filename}", file.name)
      .replace("{size}", megabytes);
    alert.hidden = false;
  }

  function inUploadZone(target) {
    return target && target.closest && target.closest("#upload-file");
  }

  document.addEventListener(
    "change",
    function (event) {
      if (inUploadZone(event.target) && event.target.files) {
        checkUpload(event.target.files);
      }
    },
    true
  );
  document.addEventListener(
    "drop",
    function (event) {
      if (inUploadZone(event.target) && event.dataTransfer) {
        checkUpload(event.dataTransfer.files);
      }
    },
    true
  );
})();
