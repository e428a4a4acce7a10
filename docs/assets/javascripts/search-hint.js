/*
 * Shows what the search layer (macros/search_worker.js) adds to an answer, above
 * Material's list of results: "Showing results for …" when a misspelt word was
 * corrected, and "Did you mean …" with the decision tool and the golden rules when
 * nothing matched. It listens to the search worker's answers, so it loads before
 * Material's bundle starts the worker.
 */
(function () {
  "use strict";
  var Base = window.Worker;
  if (typeof Base !== "function") return;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function ask(query) {
    var input = document.querySelector("input.md-search__input");
    if (!input) return;
    input.value = query;
    input.focus();
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  /* A link inside Material's result area, so the arrow keys reach it as they reach results. */
  function suggestion(query) {
    var link = element("a", "isg-search-hint__suggestion");
    link.href = "?q=" + encodeURIComponent(query);
    // Material's Enter key reads a score from each result link's first element; this is not a result.
    var text = element("span", null, query);
    text.setAttribute("data-md-score", "-1");
    link.appendChild(text);
    link.addEventListener("click", function (event) {
      event.preventDefault();
      // Material closes search on any link click; open it again with the suggested words.
      window.setTimeout(function () {
        ask(query);
      }, 0);
    });
    return link;
  }

  function show(hint) {
    var result = document.querySelector(".md-search-result");
    var meta = document.querySelector(".md-search-result__meta");
    var input = document.querySelector("input.md-search__input");
    if (!result || !meta) return;
    // Answers to words typed earlier can arrive after Material has shown the latest results:
    // a hint for "d" must not replace the count for "dvds".
    if (hint && input && hint.query !== input.value) return;
    var box = result.querySelector(".isg-search-hint");
    if (!box) {
      box = element("div", "isg-search-hint");
      box.setAttribute("aria-live", "polite");
      meta.insertAdjacentElement("afterend", box);
    }
    box.textContent = "";
    if (!hint || !(hint.none || hint.corrected)) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    var line = element("p");
    if (hint.none && hint.general) {
      meta.textContent = "Add a word about what you need to know";
      line.appendChild(document.createTextNode("Or start with these pages:"));
    } else if (hint.none) {
      meta.textContent = "No pages match \u201c" + hint.query.trim() + "\u201d";
      if (hint.suggestion) {
        line.appendChild(document.createTextNode("Did you mean "));
        line.appendChild(suggestion(hint.suggestion));
        line.appendChild(document.createTextNode("? "));
      }
      line.appendChild(document.createTextNode("These pages may help:"));
    } else {
      line.appendChild(document.createTextNode("Showing results for "));
      line.appendChild(element("strong", null, hint.corrected));
    }
    box.appendChild(line);
  }

  function SearchWorker(url, options) {
    var worker = new Base(url, options);
    worker.addEventListener("message", function (event) {
      var message = event.data;
      // Material updates the results on the same message; show the hint once it has.
      if (message && message.type === 3) {
        window.setTimeout(function () {
          show(message.data && message.data.isg);
        }, 0);
      }
    });
    return worker;
  }
  SearchWorker.prototype = Base.prototype;
  window.Worker = SearchWorker;
})();
