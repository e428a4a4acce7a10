/*
 * Decision tool: turns a flow rendered as linked sections (which works without
 * JavaScript) into GOV.UK-style question pages: one question per step as its
 * legend, a Back link at the top, a document title naming the step, focus on the
 * new heading, and "Check your answers" below the question so it never pushes the
 * question off screen. Answers (only yes, no, not-sure) live in the address
 * (?<flow-id>=yes,no) so Back and bookmarks work; a link to a step (#anchor, e.g.
 * from search) opens the tool at that step. The decision record is made from the
 * form alone: recordText() is the one source for what is shown, copied, downloaded
 * and printed. Nothing typed is sent, stored or put in the address.
 */
(function () {
  "use strict";

  var ANSWER_TEXT = { yes: "Yes", no: "No", "not-sure": "Not sure" };
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var tools = [];

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  // "2026-11-28" → "28 November 2026", the GOV.UK style, whatever the browser's locale.
  function longDate(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return parts ? Number(parts[3]) + " " + MONTHS[Number(parts[2]) - 1] + " " + parts[1] : value;
  }

  function headingText(heading) {
    return heading.textContent.replace(/\u00b6\s*$/, "").trim();
  }

  function enhance(root) {
    if (root.dataset.enhanced) return null;
    root.dataset.enhanced = "true";
    root.classList.add("isg-flow--js");

    var flowId = root.id;
    var baseTitle = document.title;
    var steps = {};
    root.querySelectorAll("[data-node]").forEach(function (step) {
      steps[step.dataset.node] = step;
    });
    var backLink = root.querySelector(".isg-flow__back-link");
    var back = backLink.querySelector("a");
    var summary = root.querySelector(".isg-flow__summary");
    var answerList = root.querySelector(".isg-flow__answers");
    var form = root.querySelector(".isg-flow__record");
    var recordOutput = form.querySelector(".isg-flow__record-text");
    var status = form.querySelector(".isg-flow__status");
    var answers = [];
    var pushed = 0;

    root.querySelectorAll(".isg-flow__buttons").forEach(function (buttons) {
      buttons.hidden = false;
    });

    function next(node, answer) {
      var step = steps[node];
      if (!step || step.dataset.decision) return null;
      if (answer === "not-sure") return root.dataset.notSure;
      return step.dataset[answer] || null;
    }

    // The nodes visited for the answers, dropping any answer that does not fit the flow.
    function walk(given) {
      var nodes = [root.dataset.start];
      var kept = [];
      for (var i = 0; i < given.length; i++) {
        var target = next(nodes[nodes.length - 1], given[i]);
        if (!target || !steps[target]) break;
        nodes.push(target);
        kept.push(given[i]);
      }
      return { nodes: nodes, answers: kept };
    }

    // The fewest answers that reach a step, so a link to an outcome opens it with its route.
    function route(node) {
      var queue = [[root.dataset.start, []]];
      var seen = {};
      while (queue.length) {
        var item = queue.shift();
        if (item[0] === node) return item[1];
        if (seen[item[0]]) continue;
        seen[item[0]] = true;
        ["yes", "no", "not-sure"].forEach(function (answer) {
          var target = next(item[0], answer);
          if (target) queue.push([target, item[1].concat([answer])]);
        });
      }
      return [];
    }

    // A step the address's #anchor points into (a search result, a link from another page).
    function linkedStep() {
      var id;
      try {
        id = decodeURIComponent(window.location.hash.slice(1));
      } catch (error) {
        return null; // a mangled #fragment is no step
      }
      var target = id && document.getElementById(id);
      var step = target && target.closest("[data-node]");
      return step && root.contains(step) ? step : null;
    }

    function fromAddress() {
      var value = new URLSearchParams(window.location.search).get(flowId);
      var given = value ? value.split(",") : [];
      var step = linkedStep();
      if (!step) return given;
      var nodes = walk(given).nodes;
      return nodes[nodes.length - 1] === step.dataset.node ? given : route(step.dataset.node);
    }

    // Opened from a link to a step: show it, and keep its route in the address like any step's.
    function restore(moveFocus) {
      var given = fromAddress();
      if (linkedStep()) history.replaceState({ flow: flowId }, "", address(walk(given).answers));
      show(given, moveFocus);
    }

    function address(given) {
      var params = new URLSearchParams(window.location.search);
      if (given.length) params.set(flowId, given.join(","));
      else params.delete(flowId);
      var query = params.toString();
      // No #fragment: returning to one makes the browser move focus to it, away from the heading.
      return window.location.pathname + (query ? "?" + query : "");
    }

    function heading(node) {
      return steps[node].querySelector(".isg-flow__title");
    }

    function title(node) {
      return headingText(heading(node));
    }

    function summaryRow(question, answer, index) {
      var row = document.createElement("div");
      row.className = "isg-flow__answer-row";
      var key = document.createElement("dt");
      key.textContent = question;
      var value = document.createElement("dd");
      value.textContent = ANSWER_TEXT[answer];
      var action = document.createElement("dd");
      action.className = "isg-flow__answer-action";
      var change = document.createElement("a");
      change.href = address(answers.slice(0, index));
      change.dataset.change = String(index);
      change.textContent = "Change";
      var context = document.createElement("span");
      context.className = "isg-visually-hidden";
      context.textContent = " your answer to: " + question;
      change.appendChild(context);
      action.appendChild(change);
      row.appendChild(key);
      row.appendChild(value);
      row.appendChild(action);
      return row;
    }

    function show(given, moveFocus) {
      var path = walk(given);
      answers = path.answers;
      var current = path.nodes[path.nodes.length - 1];
      Object.keys(steps).forEach(function (node) {
        steps[node].hidden = node !== current;
      });

      answerList.textContent = "";
      answers.forEach(function (answer, index) {
        answerList.appendChild(summaryRow(title(path.nodes[index]), answer, index));
      });
      summary.hidden = answers.length === 0;
      backLink.hidden = answers.length === 0;
      back.href = address(answers.slice(0, -1));

      var step = steps[current];
      document.title = step.dataset.caption + ": " + title(current) + " \u2013 " + baseTitle;
      var decision = step.dataset.decision;
      form.hidden = !decision;
      if (decision) prepareRecord(current, decision);
      if (moveFocus) focusStep(current);
    }

    function focusStep(node) {
      heading(node).focus({ preventScroll: true });
      // The new step starts at the top of the screen, as a new GOV.UK question page would.
      (answers.length ? backLink : steps[node]).scrollIntoView({ block: "start" });
    }

    function go(given) {
      history.pushState({ flow: flowId }, "", address(given));
      pushed += 1;
      show(given, true);
    }

    function stepBack() {
      if (pushed > 0) {
        pushed -= 1;
        history.back(); // popstate shows the step and moves focus to its heading
      } else {
        history.replaceState({ flow: flowId }, "", address(answers.slice(0, -1)));
        show(answers.slice(0, -1), true);
      }
    }

    // --- The record ---------------------------------------------------------

    function field(name) {
      return form.querySelector('[data-field="' + name + '"]');
    }

    function prepareRecord(outcome, decision) {
      form.dataset.outcome = outcome;
      form.dataset.decision = decision;
      form.querySelectorAll("[data-for]").forEach(function (part) {
        part.hidden = part.dataset.for.split(" ").indexOf(decision) < 0;
      });
      // The reader's own date and time, not UTC: at 00:30 in summer UTC is still yesterday.
      var now = new Date();
      if (!field("date").value) {
        field("date").value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
      }
      if (!field("time").value) field("time").value = pad(now.getHours()) + ":" + pad(now.getMinutes());
      status.textContent = "";
      refresh();
    }

    function valueOf(part) {
      var checked = part.querySelector("input[type=radio]:checked");
      if (checked) return checked.value;
      var input = part.querySelector("input:not([type=radio]), textarea");
      return input ? input.value.trim() : "";
    }

    function labelOf(part) {
      var label = part.querySelector("legend, label");
      return label.textContent.replace(/\s*\(optional\)$/, "").trim();
    }

    // The one source of the record's text: the screen, Copy, Download and Print all use it.
    function recordText() {
      var path = walk(answers);
      var lines = [
        "Information sharing decision record",
        "",
        "Outcome from the guidance: " + title(form.dataset.outcome),
        "Date and time of the decision: " + longDate(field("date").value) +
          (field("time").value ? " at " + field("time").value : ""),
      ];
      form.querySelectorAll("[data-for]").forEach(function (part) {
        if (part.hidden || part.querySelector('[data-field="date"], [data-field="time"]')) return;
        var label = labelOf(part);
        lines.push(label + (/\?$/.test(label) ? " " : ": ") + (valueOf(part) || "(not given)"));
      });
      lines.push("", "Questions answered (" + root.dataset.title + "):");
      answers.forEach(function (answer, index) {
        lines.push("- " + title(path.nodes[index]) + " " + ANSWER_TEXT[answer]);
      });
      lines.push("", "Guidance: " + baseTitle + ", " + window.location.origin + window.location.pathname);
      return lines.join("\n");
    }

    function refresh() {
      if (!form.hidden) recordOutput.textContent = recordText();
    }

    // Whether the reader has typed anything that starting again or leaving would throw away.
    function typed() {
      return Array.prototype.some.call(form.querySelectorAll("textarea, input"), function (input) {
        if (input.type === "radio") return input.checked;
        return input.type !== "date" && input.type !== "time" && input.value.trim() !== "";
      });
    }

    function say(message) {
      status.textContent = message;
    }

    function copy() {
      var text = recordText();
      recordOutput.textContent = text;
      var selectIt = function () {
        var range = document.createRange();
        range.selectNodeContents(recordOutput);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      };
      var done = function () {
        say("Copied. Paste it into your organisation's record.");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () {
          selectIt();
          say("The record is selected: copy it with your keyboard or menu.");
        });
      } else {
        selectIt();
        say(document.execCommand("copy") ? "Copied. Paste it into your organisation's record." : "The record is selected: copy it with your keyboard or menu.");
      }
    }

    function download() {
      var file = new Blob([recordText() + "\n"], { type: "text/plain" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(file);
      link.download = "information-sharing-decision-" + (field("date").value || "record") + ".txt";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () {
        URL.revokeObjectURL(link.href);
      }, 0);
      say("Downloaded.");
    }

    function restart() {
      if (typed() && !window.confirm("Start again? What you typed in the record will be deleted.")) return;
      form.reset();
      go([]);
    }

    root.addEventListener("click", function (event) {
      // Back at the page after printing the record: a later print is of the page again.
      document.body.classList.remove("isg-printing-record");
      var control = event.target.closest("button, a");
      if (!control || !root.contains(control)) return;
      if (control.dataset.answer) {
        go(answers.concat([control.dataset.answer]));
      } else if (control.dataset.change) {
        event.preventDefault();
        go(answers.slice(0, Number(control.dataset.change)));
      } else if (control.dataset.action === "back") {
        event.preventDefault();
        stepBack();
      } else if (control.dataset.action === "restart" || control.classList.contains("isg-flow__restart-link")) {
        event.preventDefault();
        restart();
      } else if (control.dataset.action === "copy") {
        copy();
      } else if (control.dataset.action === "download") {
        download();
      } else if (control.dataset.action === "print") {
        refresh();
        document.body.classList.add("isg-printing-record");
        window.print();
      }
    });

    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    form.addEventListener("submit", function (event) {
      event.preventDefault(); // Enter in a field must not send anything anywhere
    });

    var linked = linkedStep();
    restore(false);
    if (linked) {
      // Opened at a #step: the browser scrolls to (and focuses) the fragment once the page has
      // loaded, so the heading takes focus after that.
      var settle = function () {
        setTimeout(function () {
          focusStep(walk(answers).nodes.slice(-1)[0]);
        }, 0);
      };
      if (document.readyState === "complete") settle();
      else window.addEventListener("load", settle, { once: true });
    }

    return {
      root: root,
      restore: function () {
        if (pushed > 0) pushed -= 1;
        restore(true);
      },
      typed: typed,
      refresh: refresh,
    };
  }

  function init() {
    document.querySelectorAll(".isg-flow").forEach(function (root) {
      var tool = enhance(root);
      if (tool) tools.push(tool);
    });
    tools = tools.filter(function (tool) {
      return document.body.contains(tool.root);
    });
  }

  // Window listeners are registered once, here, not for each page Material shows.
  window.addEventListener("popstate", function () {
    tools.forEach(function (tool) {
      tool.restore();
    });
  });
  window.addEventListener("beforeprint", function () {
    tools.forEach(function (tool) {
      tool.refresh();
    });
  });
  window.addEventListener("afterprint", function () {
    document.body.classList.remove("isg-printing-record");
  });
  window.addEventListener("beforeunload", function (event) {
    if (tools.some(function (tool) { return tool.typed(); })) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
