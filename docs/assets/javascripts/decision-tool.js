/*
 * Decision tool: turns a flow rendered as linked sections (which works without
 * JavaScript) into one question at a time. Answers live in the address
 * (?<flow-id>=yes,no) so a result can be bookmarked and the browser's Back
 * button steps back. Nothing typed into the record form is sent or stored.
 */
(function () {
  "use strict";

  var ANSWER_TEXT = { yes: "Yes", no: "No", "not-sure": "Not sure" };

  function enhance(root) {
    if (root.dataset.enhanced) return;
    root.dataset.enhanced = "true";
    root.classList.add("isg-flow--js");

    var flowId = root.id;
    var steps = {};
    root.querySelectorAll("[data-node]").forEach(function (step) {
      steps[step.dataset.node] = step;
    });
    var summary = root.querySelector(".isg-flow__summary");
    var answerList = root.querySelector(".isg-flow__answers");
    var controls = root.querySelector(".isg-flow__controls");
    var form = root.querySelector(".isg-flow__record");
    var output = form.querySelector(".isg-flow__record-output");
    var status = form.querySelector(".isg-flow__status");
    var pushed = 0;
    var answers = [];

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

    function fromAddress() {
      var value = new URLSearchParams(window.location.search).get(flowId);
      return value ? value.split(",") : [];
    }

    function address(given) {
      var params = new URLSearchParams(window.location.search);
      if (given.length) params.set(flowId, given.join(","));
      else params.delete(flowId);
      var query = params.toString();
      return window.location.pathname + (query ? "?" + query : "") + "#" + flowId;
    }

    function title(node) {
      return steps[node].querySelector("h2").textContent.replace(/\u00b6\s*$/, "").trim();
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
        var question = document.createElement("dt");
        question.textContent = title(path.nodes[index]);
        var reply = document.createElement("dd");
        reply.textContent = ANSWER_TEXT[answer] + " ";
        var change = document.createElement("button");
        change.type = "button";
        change.className = "isg-flow__change";
        change.dataset.change = String(index);
        change.textContent = "Change";
        var context = document.createElement("span");
        context.className = "isg-visually-hidden";
        context.textContent = " your answer to: " + question.textContent;
        change.appendChild(context);
        reply.appendChild(change);
        answerList.appendChild(question);
        answerList.appendChild(reply);
      });
      summary.hidden = answers.length === 0;
      controls.hidden = answers.length === 0;

      var finished = Boolean(steps[current].dataset.decision);
      form.hidden = !finished;
      if (finished) prepareRecord(current);
      if (moveFocus) steps[current].querySelector("h2").focus();
    }

    function go(given) {
      history.pushState({ flow: flowId }, "", address(given));
      pushed += 1;
      show(given, true);
    }

    function prepareRecord(outcome) {
      output.hidden = true;
      status.textContent = "";
      var date = form.querySelector('[data-field="date"]');
      if (!date.value) date.value = new Date().toISOString().slice(0, 10);
      form.querySelector('[data-field="decision"]').value = title(outcome);
      form.dataset.outcome = outcome;
    }

    function recordText() {
      var field = function (name) {
        return form.querySelector('[data-field="' + name + '"]').value.trim() || "(not given)";
      };
      var path = walk(answers);
      var lines = [
        "Information sharing decision record",
        "",
        "Date: " + field("date"),
        "What was asked, and by whom: " + field("asked"),
        "",
        "Questions answered (" + root.dataset.title + "):",
      ];
      answers.forEach(function (answer, index) {
        lines.push("- " + title(path.nodes[index]) + " " + ANSWER_TEXT[answer]);
      });
      lines.push(
        "",
        "Outcome from the guidance: " + title(form.dataset.outcome),
        "Decision: " + field("decision"),
        "What was shared, and with whom: " + field("shared"),
        "Reasons and lawful basis: " + field("reasons"),
        "",
        "Guidance: " + document.title + ", " + window.location.origin + window.location.pathname
      );
      return lines.join("\n");
    }

    function say(message) {
      status.textContent = message;
    }

    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) return;
      if (button.dataset.answer) {
        go(answers.concat([button.dataset.answer]));
      } else if (button.dataset.change) {
        go(answers.slice(0, Number(button.dataset.change)));
      } else if (button.dataset.action === "back") {
        if (pushed > 0) {
          pushed -= 1;
          history.back();
        } else {
          history.replaceState({ flow: flowId }, "", address(answers.slice(0, -1)));
          show(answers.slice(0, -1), true);
        }
      } else if (button.dataset.action === "restart") {
        form.reset();
        go([]);
      } else if (button.dataset.action === "copy") {
        copy(form.querySelector('[data-field="record"]'));
      } else if (button.dataset.action === "download") {
        var file = new Blob([recordText() + "\n"], { type: "text/plain" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(file);
        link.download = "information-sharing-decision-" + form.querySelector('[data-field="date"]').value + ".txt";
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () {
          URL.revokeObjectURL(link.href);
        }, 0);
        say("Downloaded.");
      } else if (button.dataset.action === "print") {
        document.body.classList.add("isg-printing-record");
        window.print();
      }
    });

    // Links inside a step (e.g. "Start again") keep working with the tool's own state.
    root.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (link && link.getAttribute("href") === "#" + flowId + "-" + root.dataset.start) {
        event.preventDefault();
        form.reset();
        go([]);
      }
    });

    function copy(record) {
      var done = function () {
        say("Copied. Paste it into your organisation's record.");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(record.value).then(done, function () {
          record.select();
          say("Select all and copy the record above.");
        });
      } else {
        record.select();
        say(document.execCommand("copy") ? "Copied. Paste it into your organisation's record." : "Select all and copy the record above.");
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      form.querySelector('[data-field="record"]').value = recordText();
      output.hidden = false;
      form.querySelector('[data-field="record"]').focus();
    });

    window.addEventListener("afterprint", function () {
      document.body.classList.remove("isg-printing-record");
    });

    window.addEventListener("popstate", function () {
      if (!document.body.contains(root)) return;
      if (pushed > 0) pushed -= 1;
      show(fromAddress(), true);
    });

    show(fromAddress(), false);
  }

  function init() {
    document.querySelectorAll(".isg-flow").forEach(enhance);
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
