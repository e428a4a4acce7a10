/*
 * Runs before Material's bundle: sets the globals it expects (__md_scope, __md_hash,
 * __md_get, __md_set) from a file rather than Material's inline script, so that the
 * Content-Security-Policy allows no inline script, and points it at the site's search
 * worker. Nothing else (search-dialog-label.js names the search dialog).
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
})(document.currentScript);
