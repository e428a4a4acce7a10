/*
 * The search layer: runs in front of Material's search worker, in the same file
 * (macros/search.py joins the two after each build). Material's worker is lunr;
 * this layer changes what it is asked and tidies what it answers:
 *
 * - question words ("can", "I", "what", "if") are dropped, so they never widen a search;
 * - a misspelt word of five letters or more becomes the nearest word the site uses
 *   (one letter out, or two for words of seven letters or more);
 * - everyday words and phrases (content/search/synonyms.yml) add the guidance's words;
 * - results lose their keyword pills, show the page's one-line summary, and the
 *   decision tool is one result; when nothing matches, the answer says "Did you mean"
 *   and offers the decision tool and the golden rules (search-hint.js shows this).
 *
 * What the layer needs comes with the search index (config.isg), so it works the same
 * in the offline copy. Nothing here makes a request.
 */
(function (scope) {
  "use strict";

  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var post = scope.postMessage;
  var listen = scope.addEventListener;
  var layer = null;
  var asked = null;

  function words(text) {
    return String(text).toLowerCase().split(/[^a-z0-9.]+|\.(?!\d)/).filter(Boolean);
  }

  function plainText(html) {
    return String(html || "").replace(/<[^>]*>/g, " ").replace(/&[#a-z0-9]+;/gi, " ");
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* Edit distance (adjacent swaps count as one), giving up above `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var before = null;
    var previous = [];
    var j;
    for (j = 0; j <= b.length; j++) previous[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
        current[j] = value;
        if (value < best) best = value;
      }
      if (best > max) return max + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  function Layer(data) {
    var config = data.config.isg;
    var self = this;
    this.question = {};
    config.question_words.forEach(function (word) {
      self.question[word] = true;
    });
    this.summaries = config.summaries || {};
    this.whole = {};
    (config.whole_pages || []).forEach(function (location) {
      self.whole[location] = true;
    });
    this.fallback = config.fallback || [];
    this.common = {};
    (config.common_words || []).forEach(function (word) {
      self.common[word] = true;
    });
    var tuning = config.tuning || {};
    this.exactBoost = tuning.exact || 10;
    this.meansBoost = tuning.means || 10;
    this.correcting = tuning.correct !== false;
    this.docs = {};
    this.count = {};
    this.weight = {};
    data.docs.forEach(function (doc) {
      self.docs[doc.location] = doc;
      var seen = {};
      words([doc.title, plainText(doc.text), (doc.tags || []).join(" ")].join(" ")).forEach(function (word) {
        if (!seen[word]) self.count[word] = (self.count[word] || 0) + 1;
        seen[word] = true;
      });
      // A word in a title or a name counts ten times a word in the text, to choose between corrections.
      words([doc.title, (doc.tags || []).join(" ")].join(" ")).forEach(function (word) {
        if (seen[word] !== 2) self.weight[word] = (self.weight[word] || 0) + 9;
        seen[word] = 2;
      });
    });
    Object.keys(this.count).forEach(function (word) {
      self.weight[word] = (self.weight[word] || 0) + self.count[word];
    });
    this.everyday = {};
    this.known = {};
    (config.everyday_words || []).forEach(function (entry) {
      var means = [];
      entry.means.forEach(function (phrase) {
        means = means.concat(words(phrase));
      });
      entry.words.forEach(function (phrase) {
        var tokens = words(phrase);
        tokens.forEach(function (word) {
          self.known[word] = true;
        });
        (self.everyday[tokens[0]] = self.everyday[tokens[0]] || []).push({ tokens: tokens, means: means });
      });
    });
    Object.keys(this.everyday).forEach(function (first) {
      self.everyday[first].sort(function (a, b) {
        return b.tokens.length - a.tokens.length;
      });
    });
    this.vocabulary = Object.keys(this.count).filter(function (word) {
      return word.length > 2 && !/\d/.test(word);
    });
  }

  Layer.prototype.isKnown = function (word) {
    if (this.count[word] || this.known[word] || this.question[word] || /\d/.test(word)) return true;
    for (var i = 0; i < this.vocabulary.length; i++) if (this.vocabulary[i].lastIndexOf(word, 0) === 0) return true;
    return false;
  };

  /* The site's words nearest to `word`, most used first. */
  Layer.prototype.nearest = function (word, max) {
    var found = [];
    var best = max + 1;
    for (var i = 0; i < this.vocabulary.length; i++) {
      var candidate = this.vocabulary[i];
      var d = distance(word, candidate, Math.min(best, max));
      if (d < best) {
        best = d;
        found = [candidate];
      } else if (d === best && d <= max) {
        found.push(candidate);
      }
    }
    var weight = this.weight;
    return found.sort(function (a, b) {
      return (weight[b] || 0) - (weight[a] || 0);
    });
  };

  Layer.prototype.correct = function (word) {
    if (!this.correcting || word.length < 5 || this.isKnown(word)) return null;
    var near = this.nearest(word, 1);
    if (!near.length && word.length >= 7) {
      // Two letters out is a guess: keep it to words with the same first letter, which typing
      // rarely gets wrong ("trouble" is not a misspelling of "double").
      near = this.nearest(word, 2).filter(function (candidate) { return candidate[0] === word[0]; });
    }
    return near.length ? near[0] : null;
  };

  /* A word the site does not use, without its ending, when the site uses that: "proportionality"
     searches for words starting "proportion". */
  var ENDINGS = /(ationally|ality|ities|ity|ations|ation|nesses|ness|ments|ment|ings|ing|ied|ies|ed|es|s|ly)$/;
  Layer.prototype.stem = function (word) {
    if (word.length < 7 || this.isKnown(word)) return null;
    var base = word.replace(ENDINGS, "");
    return base !== word && base.length >= 4 && this.isKnown(base) ? base : null;
  };

  /* What to ask lunr for, from what the person typed. */
  Layer.prototype.rewrite = function (typed) {
    var self = this;
    var corrected = [];
    var tokens = words(typed).map(function (word) {
      var better = self.correct(word);
      if (better) {
        corrected.push({ from: word, to: better });
        return better;
      }
      return self.stem(word) || word;
    });
    var terms = [];
    var extra = [];
    for (var i = 0; i < tokens.length; ) {
      var match = null;
      var candidates = this.everyday[tokens[i]] || [];
      for (var c = 0; c < candidates.length && !match; c++) {
        var phrase = candidates[c].tokens;
        if (phrase.join(" ") === tokens.slice(i, i + phrase.length).join(" ")) match = candidates[c];
      }
      if (match) {
        extra = extra.concat(match.means);
        if (match.tokens.length === 1) terms.push(tokens[i]);
        i += match.tokens.length;
      } else {
        terms.push(tokens[i]);
        i += 1;
      }
    }
    var keep = function (word) {
      return !self.question[word] && !/^[a-z]$/.test(word);
    };
    var rare = function (word) {
      return !self.common[word];
    };
    terms = terms.filter(keep);
    extra = extra.filter(keep);
    // Words found all over this site ("share", "information") count only when nothing else is asked.
    if (terms.concat(extra).some(rare)) {
      terms = terms.filter(rare);
      extra = extra.filter(rare);
    }
    // Each word as typed (boosted) and as the start of a longer word ("record" finds "records"),
    // so a whole-word match ranks above a longer word that starts with it.
    var query = [];
    var add = function (word, boost) {
      var exact = word + "^" + boost;
      if (query.indexOf(exact) < 0) query.push(exact, word);
    };
    terms.forEach(function (word) { add(word, self.exactBoost); });
    extra.forEach(function (word) { add(word, self.meansBoost); });
    return { typed: typed, tokens: tokens, terms: terms, corrected: corrected, query: query.join(" ") };
  };

  Layer.prototype.summary = function (location, terms) {
    var summary = this.summaries[location];
    if (!summary) return null;
    var matched = Object.keys(terms || {}).filter(function (term) {
      return terms[term] && term.length > 1;
    });
    if (!matched.length) return summary;
    var pattern = new RegExp("\\b(" + matched.map(escapeRegExp).join("|") + ")[a-z0-9]*", "gi");
    return summary.replace(pattern, "<mark>$&</mark>");
  };

  /* One page's results: the page first with its summary, no keyword pills, no missing terms. */
  Layer.prototype.tidy = function (group) {
    var self = this;
    var items = group.map(function (item) {
      var tidy = {};
      Object.keys(item).forEach(function (key) {
        if (key !== "tags") tidy[key] = item[key];
      });
      tidy.terms = {};
      Object.keys(item.terms || {}).forEach(function (term) {
        if (item.terms[term]) tidy.terms[term] = true;
      });
      return tidy;
    });
    var top = Math.max.apply(null, items.map(function (item) { return item.score; }));
    var page = items.filter(function (item) { return item.location.indexOf("#") < 0; })[0];
    if (!page) return items;
    var rest = items.filter(function (item) { return item !== page; });
    if (this.whole[page.location]) {
      rest.forEach(function (item) {
        Object.keys(item.terms).forEach(function (term) { page.terms[term] = true; });
      });
      rest = [];
    }
    var summary = this.summary(page.location, page.terms);
    if (summary !== null) page.text = summary;
    page.score = top + 0.01;
    rest.sort(function (a, b) { return b.score - a.score; });
    return [page].concat(rest);
  };

  /* "Did you mean": the typed words with each unknown word swapped for the nearest the site uses. */
  Layer.prototype.suggest = function (asked) {
    var self = this;
    var changed = false;
    var words = asked.tokens.map(function (word) {
      if (word.length < 3 || self.isKnown(word)) return word;
      var near = self.nearest(word, word.length >= 7 ? 3 : 2);
      if (!near.length) return word;
      changed = true;
      return near[0];
    });
    return changed ? words.join(" ") : null;
  };

  Layer.prototype.present = function (result, asked) {
    var self = this;
    var items = (result.items || []).map(function (group) { return self.tidy(group); });
    var hint = { query: asked.typed };
    if (items.length && asked.corrected.length) {
      hint.corrected = asked.corrected.reduce(function (text, change) {
        return text.replace(new RegExp("(^|[^a-z0-9])" + escapeRegExp(change.from) + "(?![a-z0-9])", "i"), "$1" + change.to);
      }, asked.typed.trim());
    }
    if (!items.length && asked.typed.trim()) {
      hint.none = true;
      // Only question words ("can I"): nothing to look for yet, so no spelling to suggest.
      hint.general = !asked.query;
      hint.suggestion = hint.general ? null : this.suggest(asked);
      items = this.fallback
        .filter(function (location) { return self.docs[location]; })
        .map(function (location, index) {
          var doc = self.docs[location];
          return [{
            location: doc.location,
            title: doc.title,
            text: self.summaries[location] || "",
            score: self.fallback.length - index,
            terms: {}
          }];
        });
    }
    var answer = {};
    Object.keys(result).forEach(function (key) { answer[key] = result[key]; });
    answer.items = items;
    answer.isg = hint;
    return answer;
  };

  scope.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen.call(scope, type, listener, options);
    return listen.call(scope, "message", function (event) {
      var message = event.data;
      try {
        if (message && message.type === SETUP) {
          layer = message.data.config && message.data.config.isg ? new Layer(message.data) : null;
        } else if (message && message.type === QUERY && layer) {
          asked = layer.rewrite(String(message.data || ""));
          message = { type: QUERY, data: asked.query };
        }
      } catch (error) {
        layer = null;
        asked = null;
        console.warn("Search layer switched off:", error);
      }
      return listener.call(scope, { data: message });
    }, options);
  };

  scope.postMessage = function (message) {
    if (message && message.type === RESULT && layer && asked) {
      try {
        message = { type: RESULT, data: layer.present(message.data, asked) };
      } catch (error) {
        console.warn("Search layer could not tidy the results:", error);
      }
    }
    return post.call(scope, message);
  };
})(self);
