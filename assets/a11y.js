/*
 * Accessibility repairs of third-party widgets, applied as they appear in the page.
 *
 * Dash 4's dcc.Dropdown puts a focusable <input class="dash-dropdown-focus-target"> with
 * aria-hidden="true" in front of its button: the input is the Tab stop and hands focus to
 * the button at once. A focusable element hidden from assistive technology is a WCAG 4.1.2
 * failure (axe-core: aria-hidden-focus). The input keeps its job; it is un-hidden and named
 * after the dropdown's own label, so a screen reader that lands on it for an instant hears
 * the same name as the button it moves to.
 */

(function () {
  "use strict";

  function dropdownName(target) {
    var button = target.nextElementSibling;
    if (!button || !button.id) {
      return "";
    }
    var label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
    if (label && label.textContent.trim()) {
      return label.textContent.trim();
    }
    return button.getAttribute("aria-label") || "";
  }

  function repairDropdown(target) {
    if (target.hasAttribute("aria-hidden")) {
      target.removeAttribute("aria-hidden");
    }
    var name = dropdownName(target);
    if (name && target.getAttribute("aria-label") !== name) {
      target.setAttribute("aria-label", name);
    }
  }

  // dcc.Upload's hidden <input type="file"> is reachable by assistive technology but has no
  // name: it takes the drop zone's visible text.
  function repairFileInput(input) {
    if (input.getAttribute("aria-label") || input.labels.length) {
      return;
    }
    var zone = input.parentElement;
    var name = zone ? zone.textContent.trim() : "";
    if (name) {
      input.setAttribute("aria-label", name);
    }
  }

  function repairAll(root) {
    var inputs = document.querySelectorAll('input[type="file"]');
    for (var j = 0; j < inputs.length; j += 1) {
      repairFileInput(inputs[j]);
    }
    var targets = (root.querySelectorAll ? root : document).querySelectorAll(
      ".dash-dropdown-focus-target"
    );
    for (var i = 0; i < targets.length; i += 1) {
      repairDropdown(targets[i]);
    }
  }

  window.dashboardDom.onChange(function () {
    repairAll(document);
  });
})();
