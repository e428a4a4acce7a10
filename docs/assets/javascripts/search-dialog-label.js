/*
 * Material's search is a dialog without a name, which screen readers announce as just
 * "dialog": name it, on every page Material shows.
 */
(function () {
  "use strict";

  function label() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search this site");
  }

  if (window.document$) window.document$.subscribe(label);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", label);
  else label();
})();
