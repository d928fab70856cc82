/*
 * Long static lists drawn from plain data, outside Dash's component tree
 * (dashboard/components/plain_html.py says why and what the data looks like).
 *
 * window.dash_clientside.plainHtml.draw(nodes, containerId, selected) is a clientside
 * callback: it replaces the container's content with the nodes ([tag, attributes, ...children],
 * a child being a string or such a list), then, if `selected` names an anchor, scrolls to it.
 * Text is set as text; only the attributes the server may send are set; a link keeps only an
 * http(s), relative or fragment address; a link marked data-link="app" is followed inside
 * the app.
 */
(function () {
  "use strict";

  var ATTRIBUTES = ["class", "id", "lang", "tabindex", "href", "target", "rel", "role", "title"];
  var TAGS = /^[a-z][a-z0-9]*$/;
  var SAFE_LINK = /^(https?:\/\/|\/|#)/i;

  function element(node) {
    if (typeof node === "string") {
      return document.createTextNode(node);
    }
    if (!Array.isArray(node) || typeof node[0] !== "string" || !TAGS.test(node[0])) {
      return document.createTextNode("");
    }
    var made = document.createElement(node[0]);
    var attributes = node[1] || {};
    Object.keys(attributes).forEach(function (name) {
      var value = attributes[name];
      if (name === "style" && value && typeof value === "object") {
        Object.keys(value).forEach(function (property) {
          made.style.setProperty(property, String(value[property]));
        });
      } else if (ATTRIBUTES.indexOf(name) >= 0 || /^(aria|data)-[a-z0-9-]+$/.test(name)) {
        if (name === "href" && !SAFE_LINK.test(String(value))) {
          return;
        }
        made.setAttribute(name, String(value));
      }
    });
    for (var i = 2; i < node.length; i += 1) {
      made.appendChild(element(node[i]));
    }
    return made;
  }

  function draw(nodes, containerId, selected) {
    var noUpdate = window.dash_clientside.no_update;
    var container = document.getElementById(containerId);
    if (!container || !Array.isArray(nodes)) {
      return noUpdate;
    }
    var fragment = document.createDocumentFragment();
    nodes.forEach(function (node) {
      fragment.appendChild(element(node));
    });
    container.replaceChildren(fragment);
    container.setAttribute("data-plain-drawn", "1"); // for CSS: what follows may show now
    if (selected && selected.anchor) {
      var target = document.getElementById(selected.anchor);
      if (target) {
        window.setTimeout(function () {
          target.scrollIntoView({ block: "start", behavior: "instant" }); // not a 15,000 px glide
        }, 50);
      }
    }
    return noUpdate;
  }

  // A link drawn from a dcc.Link (data-link="app") is followed inside the app, as dcc.Link
  // follows it: the address changes without a page load, Dash's location hears of it, and
  // the page starts at the top. A modified click (new tab, window) is left to the browser.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("a[data-link=app]");
    if (
      !link ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    var href = link.getAttribute("href") || "";
    if (!window.dashboardLinks.onSite(href)) {
      return;
    }
    event.preventDefault();
    window.history.pushState({}, "", href);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
  });

  var clientside = (window.dash_clientside = window.dash_clientside || {});
  clientside.plainHtml = { draw: draw };
})();
