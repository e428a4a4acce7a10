/*
 * A stand-in for Material's search worker built on MiniSearch, for comparison only: the same
 * messages (SETUP, QUERY, RESULT), the same index, behind the same search layer. compare.py
 * joins search_worker.js, MiniSearch's UMD build and this file, as macros/search.py joins the
 * layer and Material's worker.
 */
(function (scope) {
  "use strict";
  var engine = null;
  var docs = {};
  var fuzzy = true;

  function text(html) {
    return String(html || "").replace(/<[^>]*>/g, " ").replace(/&[#a-z0-9]+;/gi, " ");
  }

  scope.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === 0) {
      var config = message.data.config;
      var separator = new RegExp(config.separator);
      fuzzy = !config.isg || !config.isg.tuning || config.isg.tuning.correct === false ? true : false;
      engine = new scope.MiniSearch({
        idField: "location",
        fields: ["title", "text", "tags"],
        storeFields: ["title"],
        tokenize: function (value) { return String(value).split(separator); },
        extractField: function (doc, field) {
          if (field === "tags") return (doc.tags || []).join(" ");
          if (field === "text") return text(doc.text);
          return doc[field];
        }
      });
      message.data.docs.forEach(function (doc) { docs[doc.location] = doc; });
      engine.addAll(message.data.docs);
      scope.postMessage({ type: 1 });
    } else if (message.type === 2) {
      var words = [];
      String(message.data).split(/\s+/).forEach(function (term) {
        var word = term.replace(/\^\d+$/, "");
        if (word && words.indexOf(word) < 0) words.push(word);
      });
      var found = words.length ? engine.search(words.join(" "), {
        prefix: true,
        fuzzy: fuzzy ? function (term) { return term.length >= 7 ? 2 : term.length >= 5 ? 1 : 0; } : false,
        combineWith: "OR",
        boost: { title: 10, tags: 10 },
        boostDocument: function (id) { return docs[id] && docs[id].boost !== undefined ? docs[id].boost : 1; },
        processTerm: function (term) { return term.toLowerCase(); }
      }) : [];
      var groups = {};
      var order = [];
      found.forEach(function (hit) {
        var page = hit.id.split("#")[0];
        if (!groups[page]) { groups[page] = []; order.push(page); }
        groups[page].push({ location: hit.id, title: docs[hit.id].title, text: "", score: hit.score, terms: {} });
      });
      var items = order.map(function (page) {
        var group = groups[page];
        if (!group.some(function (item) { return item.location === page; }) && docs[page]) {
          group.push({ location: page, title: docs[page].title, text: "", score: 0, terms: {} });
        }
        return group;
      });
      scope.postMessage({ type: 3, data: { items: items } });
    }
  });
})(self);
