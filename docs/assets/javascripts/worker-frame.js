/*
 * Runs a Web Worker script inside this frame (see iframe-worker-shim.js): the
 * worker's postMessage goes to the page that made the frame, and that page's
 * messages arrive here as the "message" events a worker listens for.
 */
(function () {
  "use strict";
  var page = window.parent;
  var workerUrl = decodeURIComponent(window.location.hash.slice(1));
  if (page === window || !/^file:/.test(workerUrl)) return;

  window.postMessage = function (message) {
    page.postMessage(message, "*");
  };
  // Material's worker looks for the CDN shim in `parent`; reading a property of a page from
  // another (file) origin throws, so give it a plain object (`parent` is replaceable).
  window.parent = {};
  window.importScripts = function () {
    throw new Error("importScripts is not available in the file:// search frame");
  };

  var script = document.createElement("script");
  script.src = workerUrl;
  script.onload = function () {
    page.postMessage({ frameWorkerReady: true }, "*");
  };
  document.head.appendChild(script);
})();
