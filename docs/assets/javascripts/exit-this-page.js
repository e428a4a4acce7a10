/*
 * "Exit this page" for pages a person at risk may be reading, behaving as the
 * GOV.UK Frontend ExitThisPage component is documented to (reproduced here, not
 * copied: the package delivers the component inside the library's ES module bundle,
 * with the library's styles; this file is about 1.6 KB compressed, within the
 * pages' 75 KB script and style budget):
 *
 * - the button, a skip link that is the first Tab stop, or pressing Shift three
 *   times replaces the page with a neutral one, leaving no history entry;
 * - only Shift pressed and released on its own counts: presses are counted on
 *   keyup, a Shift released after being used with another key (a capital letter
 *   in the search box) is not counted, and any other key resets the count;
 * - the count expires 5 seconds after the last Shift;
 * - each step is announced to screen readers through a status message.
 *
 * Without JavaScript the button is an ordinary link to the same place.
 */
(function () {
  "use strict";

  var PRESSES = 3;
  var EXPIRES_MS = 5000;
  var count = 0;
  var lastKeyUsedShift = false;
  var expiry = null;
  var clearMessage = null;

  function container() {
    return document.querySelector("[data-exit-this-page][data-enhanced]");
  }

  function announce(text) {
    var current = container();
    if (current) current.querySelector(".isg-exit__status").textContent = text;
  }

  function exit(href) {
    var overlay = document.createElement("div");
    overlay.className = "isg-exit-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = "Loading.";
    document.body.appendChild(overlay);
    document.body.classList.add("isg-exiting");
    document.title = "Loading";
    window.location.replace(href);
  }

  function reset() {
    window.clearTimeout(expiry);
    expiry = null;
    count = 0;
    announce("Exit this page expired.");
    window.clearTimeout(clearMessage);
    clearMessage = window.setTimeout(function () {
      announce("");
    }, EXPIRES_MS);
  }

  function onKeyUp(event) {
    var current = container();
    if (!current) return;
    // A Shift keyup after a key pressed with Shift held is the end of a capital, not a press.
    if (event.key === "Shift" && !lastKeyUsedShift) {
      count += 1;
      window.clearTimeout(clearMessage);
      window.clearTimeout(expiry);
      if (count >= PRESSES) {
        count = 0;
        expiry = null;
        exit(current.querySelector(".isg-exit__button").href);
      } else {
        var left = PRESSES - count;
        announce("Shift, press " + left + " more " + (left === 1 ? "time" : "times") + " to exit.");
        expiry = window.setTimeout(reset, EXPIRES_MS);
      }
    } else if (expiry) {
      reset();
    }
    lastKeyUsedShift = event.shiftKey;
  }

  function enhance(box) {
    box.dataset.enhanced = "true";
    var link = box.querySelector(".isg-exit__button");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      exit(link.href);
    });
    // GOV.UK's pattern: an "Exit this page" skip link is the first thing Tab reaches.
    var skip = document.createElement("a");
    skip.className = "isg-exit-skip";
    skip.href = link.href;
    skip.rel = "nofollow noreferrer";
    skip.textContent = "Exit this page";
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      exit(link.href);
    });
    document.body.insertBefore(skip, document.body.firstChild);
  }

  function init() {
    // Material's instant navigation replaces the page's content but not the top of <body>:
    // the skip link of the page before goes, and this page's button brings its own.
    var box = document.querySelector("[data-exit-this-page]");
    if (box && box.dataset.enhanced) return;
    document.querySelectorAll(".isg-exit-skip").forEach(function (skip) {
      skip.remove();
    });
    if (box) enhance(box);
  }

  // Registered once: the handler finds the current page's button when a key is released.
  document.addEventListener("keyup", onKeyUp, true);
  window.addEventListener("pageshow", function (event) {
    // Back from the neutral site through the browser's page cache: show the page again.
    if (!event.persisted) return;
    document.body.classList.remove("isg-exiting");
    document.querySelectorAll(".isg-exit-overlay").forEach(function (overlay) {
      overlay.remove();
    });
  });

  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
