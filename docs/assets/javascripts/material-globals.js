/*
 * The globals Material's bundle expects before it loads (__md_scope, __md_hash,
 * __md_get, __md_set), set from a file rather than Material's inline script so
 * that the Content-Security-Policy allows no inline script.
 */
(function (script) {
  "use strict";
  var scope = new URL(script.getAttribute("data-scope"), window.location);
  window.__md_scope = scope;
  window.__md_hash = function (value) {
    var hash = 0;
    for (var i = 0; i < value.length; i++) hash = (hash << 5) - hash + value.charCodeAt(i);
    return hash | 0;
  };
  window.__md_get = function (key, storage, base) {
    return JSON.parse((storage || window.localStorage).getItem((base || scope).pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    try {
      (storage || window.localStorage).setItem((base || scope).pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      /* storage full or blocked: Material treats these values as optional */
    }
  };

  // Search goes through the site's worker: Material's own behind the search layer (macros/search.py).
  var worker = script.getAttribute("data-search-worker");
  var config = document.getElementById("__config");
  if (worker && config) {
    try {
      var settings = JSON.parse(config.textContent);
      settings.search = worker;
      config.textContent = JSON.stringify(settings);
    } catch (error) {
      /* leave Material's own worker in place */
    }
  }

  // Material's search is a dialog without a name; screen readers announce it as "dialog".
  var dialog = document.querySelector(".md-search[role='dialog']");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search this site");
})(document.currentScript);
