/*
 * Search when the site is opened from disk (file://), under the site's
 * Content-Security-Policy. Chromium will not start a Web Worker from a file,
 * so Material's offline plugin loads the "iframe-worker" shim from a CDN, and
 * that shim runs the worker through an inline script the policy must block.
 * This replacement runs the worker in a hidden frame, worker-frame.html, a
 * static page of this site that loads the worker with an ordinary <script src>.
 * The name contains "iframe-worker" so the offline plugin adds no CDN script.
 */
(function () {
  "use strict";
  if (window.location.protocol !== "file:" || window.FrameWorker) return;

  var frameUrl = new URL("worker-frame.html", document.currentScript.src).href;

  function FrameWorker(url) {
    var target = new EventTarget();
    var frame = document.createElement("iframe");
    var queue = [];
    var ready = false;

    frame.hidden = true;
    frame.title = "Search";
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.src = frameUrl + "#" + encodeURIComponent(new URL(url, window.location.href).href);

    window.addEventListener("message", function (event) {
      if (event.source !== frame.contentWindow) return;
      if (event.data && event.data.frameWorkerReady === true) {
        ready = true;
        queue.splice(0).forEach(function (message) {
          frame.contentWindow.postMessage(message, "*");
        });
        return;
      }
      var message = new MessageEvent("message", { data: event.data });
      if (typeof target.onmessage === "function") target.onmessage(message);
      target.dispatchEvent(message);
    });

    target.postMessage = function (message) {
      if (ready) frame.contentWindow.postMessage(message, "*");
      else queue.push(message);
    };
    target.terminate = function () {
      frame.remove();
    };
    (document.body || document.documentElement).appendChild(frame);
    return target;
  }

  window.FrameWorker = FrameWorker;
  window.Worker = FrameWorker;
})();
