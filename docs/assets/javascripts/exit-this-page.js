/*
 * "Exit this page" (the GOV.UK Design System pattern) for pages a person at
 * risk may be reading: the button, or pressing Shift three times, replaces the
 * page with a neutral one without leaving this page in the browser's history.
 * Without JavaScript the button is an ordinary link to the same place.
 */
(function () {
  "use strict";

  var PRESSES = 3;
  var WITHIN_MS = 2000;

  function exit(link) {
    document.body.classList.add("isg-exiting");
    document.title = "Loading";
    window.location.replace(link.href);
  }

  function enhance(container) {
    if (container.dataset.enhanced) return;
    container.dataset.enhanced = "true";
    var link = container.querySelector("a");
    var status = container.querySelector("[role='status']");
    var presses = [];

    link.addEventListener("click", function (event) {
      event.preventDefault();
      exit(link);
    });

    function onKey(event) {
      if (!document.body.contains(container)) {
        document.removeEventListener("keydown", onKey);
        return;
      }
      if (event.key !== "Shift" || event.repeat) return;
      var now = Date.now();
      presses = presses.filter(function (time) {
        return now - time < WITHIN_MS;
      });
      presses.push(now);
      if (presses.length >= PRESSES) {
        status.textContent = "Exit this page activated.";
        exit(link);
      } else {
        var left = PRESSES - presses.length;
        status.textContent = "Shift, press " + left + " more " + (left === 1 ? "time" : "times") + " to exit.";
      }
    }
    document.addEventListener("keydown", onKey);
  }

  function init() {
    document.querySelectorAll("[data-exit-this-page]").forEach(enhance);
  }

  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
