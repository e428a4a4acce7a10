/*
 * Decision tool, question pages: turns a flow rendered as linked sections (which works
 * without JavaScript) into GOV.UK-style question pages: one question per step as its
 * legend, a Back link at the top, a document title naming the step, focus on the new
 * heading, and "Check your answers" below the question so it never pushes the question
 * off screen. Answers (only yes, no, not-sure) live in the address (?<flow-id>=yes,no) so
 * Back and bookmarks work; a link to a step (#anchor, e.g. from search) opens the tool at
 * that step. Words come from the page (flow.html.jinja): step titles from data-title,
 * answer words from the buttons, the Change link's from the answer list's data-change*.
 *
 * The record under an outcome is decision-record.js: each step shown is told to it by an
 * "isg-flow:show" event on the tool, and "isg-flow:restart" asks it before starting again.
 */
(function () {
  "use strict";

  var tools = new WeakMap(); // each tool's root → what the popstate listener below calls

  function enhance(root) {
    root.dataset.enhanced = "true";
    root.classList.add("isg-flow--js");

    var flowId = root.id;
    var baseTitle = document.title;
    var pathname = window.location.pathname;
    var steps = {};
    root.querySelectorAll("[data-node]").forEach(function (step) {
      steps[step.dataset.node] = step;
    });
    var words = {};
    root.querySelectorAll(".isg-flow__buttons").forEach(function (buttons) {
      buttons.hidden = false;
      buttons.querySelectorAll("[data-answer]").forEach(function (button) {
        words[button.dataset.answer] = button.textContent.trim();
      });
    });
    var backLink = root.querySelector(".isg-flow__back-link");
    var back = backLink.querySelector("a");
    var summary = root.querySelector(".isg-flow__summary");
    var answerList = root.querySelector(".isg-flow__answers");
    var answers = [];
    var pushed = 0;

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

    function title(node) {
      return steps[node].dataset.title;
    }

    function summaryRow(question, answer, index) {
      var row = document.createElement("div");
      row.className = "isg-flow__answer-row";
      var key = document.createElement("dt");
      key.textContent = question;
      var value = document.createElement("dd");
      value.textContent = words[answer];
      var action = document.createElement("dd");
      action.className = "isg-flow__answer-action";
      var change = document.createElement("a");
      change.href = address(answers.slice(0, index));
      change.dataset.change = String(index);
      change.textContent = answerList.dataset.change;
      var context = document.createElement("span");
      context.className = "isg-visually-hidden";
      context.textContent = " " + answerList.dataset.changeContext + " " + question;
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
      var answered = answers.map(function (answer, index) {
        answerList.appendChild(summaryRow(title(path.nodes[index]), answer, index));
        return [title(path.nodes[index]), words[answer]];
      });
      summary.hidden = answers.length === 0;
      backLink.hidden = answers.length === 0;
      back.href = address(answers.slice(0, -1));

      var step = steps[current];
      document.title = step.dataset.caption + ": " + title(current) + " \u2013 " + baseTitle;
      root.dispatchEvent(
        new CustomEvent("isg-flow:show", { bubbles: true, detail: { step: step, answered: answered, page: baseTitle } })
      );
      if (moveFocus) focusStep(current);
    }

    function focusStep(node) {
      steps[node].querySelector(".isg-flow__title").focus({ preventScroll: true });
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

    function restart() {
      // decision-record.js cancels this when the reader keeps what they typed.
      var asked = new CustomEvent("isg-flow:restart", { bubbles: true, cancelable: true });
      if (root.dispatchEvent(asked)) go([]);
    }

    // The tool's one click handler; the record's buttons are decision-record.js's.
    root.addEventListener("click", function (event) {
      var control = event.target.closest("button, a");
      if (!control || !root.contains(control)) return;
      var action = control.dataset.action;
      if (control.classList.contains("isg-flow__restart-link")) action = "restart";
      if (control.dataset.answer) go(answers.concat([control.dataset.answer]));
      else if (control.dataset.change) go(answers.slice(0, Number(control.dataset.change)));
      else if (action === "back") stepBack();
      else if (action === "restart") restart();
      else return;
      if (control.tagName === "A") {
        event.preventDefault();
        // Under Material's instant navigation its click listener would visit the link as well.
        event.stopPropagation();
      }
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

    return function () {
      // Material's instant navigation also fires popstate for the page it is about to replace.
      if (window.location.pathname !== pathname) return;
      if (pushed > 0) pushed -= 1;
      restore(true);
    };
  }

  function start() {
    document.querySelectorAll(".isg-flow:not([data-enhanced])").forEach(function (root) {
      tools.set(root, enhance(root));
    });
  }

  // Registered once, not for each page Material shows: only the tools on the page answer it.
  window.addEventListener("popstate", function () {
    document.querySelectorAll(".isg-flow[data-enhanced]").forEach(function (root) {
      if (tools.has(root)) tools.get(root)();
    });
  });

  if (window.document$) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
