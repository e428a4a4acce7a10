/*
 * Decision tool, the record: the form under an outcome makes a record of the decision from
 * what is typed alone. text() is the one source for what is shown, copied, downloaded and
 * printed. Its labels are the page's (flow.html.jinja): each field's data-label, the record's
 * own lines from the data-* of its text box. Nothing typed is sent, stored or put in the
 * address. decision-tool.js says which step is shown ("isg-flow:show") and asks before
 * starting again ("isg-flow:restart").
 */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var COPIED = "Copied. Paste it into your organisation's record.";
  var SELECTED = "The record is selected: copy it with your keyboard or menu.";
  var records = new WeakMap(); // each form → its record

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  // "2026-11-28" → "28 November 2026", the GOV.UK style, whatever the browser's locale.
  function longDate(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return parts ? Number(parts[3]) + " " + MONTHS[Number(parts[2]) - 1] + " " + parts[1] : value;
  }

  function valueOf(part) {
    var checked = part.querySelector("input[type=radio]:checked");
    if (checked) return checked.value;
    var input = part.querySelector("input:not([type=radio]), textarea");
    return input ? input.value.trim() : "";
  }

  function enhance(form) {
    form.dataset.enhanced = "true";
    var flow = form.closest(".isg-flow");
    var output = form.querySelector(".isg-flow__record-text");
    var labels = output.dataset; // the record's own lines, from the template
    var status = form.querySelector(".isg-flow__status");
    var shown = { step: null, answered: [], page: document.title };

    function field(name) {
      return form.querySelector('[data-field="' + name + '"]');
    }

    function say(message) {
      status.textContent = message;
    }

    // The one source of the record's text: the screen, Copy, Download and Print all use it.
    function text() {
      var time = field("time").value;
      var lines = [
        labels.heading,
        "",
        labels.outcome + ": " + shown.step.dataset.title,
        labels.when + ": " + longDate(field("date").value) + (time ? " " + labels.at + " " + time : ""),
      ];
      form.querySelectorAll("[data-for]").forEach(function (part) {
        if (part.hidden || part.querySelector('[data-field="date"], [data-field="time"]')) return;
        var label = part.dataset.label;
        lines.push(label + (/\?$/.test(label) ? " " : ": ") + (valueOf(part) || labels.notGiven));
      });
      lines.push("", labels.questions + " (" + flow.dataset.title + "):");
      shown.answered.forEach(function (answer) {
        lines.push("- " + answer[0] + " " + answer[1]);
      });
      lines.push("", labels.guidance + ": " + shown.page + ", " + window.location.origin + window.location.pathname);
      return lines.join("\n");
    }

    function refresh() {
      if (!form.hidden) output.textContent = text();
    }

    // Whether the reader has typed anything that starting again or leaving would throw away.
    function typed() {
      return Array.prototype.some.call(form.querySelectorAll("textarea, input"), function (input) {
        if (input.type === "radio") return input.checked;
        return input.type !== "date" && input.type !== "time" && input.value.trim() !== "";
      });
    }

    // The tool showed a step: the record is for outcomes only, with the fields that fit it.
    function show(detail) {
      shown = detail;
      var decision = detail.step.dataset.decision;
      form.hidden = !decision;
      if (!decision) return;
      form.querySelectorAll("[data-for]").forEach(function (part) {
        part.hidden = part.dataset.for.split(" ").indexOf(decision) < 0;
      });
      // The reader's own date and time, not UTC: at 00:30 in summer UTC is still yesterday.
      var now = new Date();
      if (!field("date").value) {
        field("date").value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
      }
      if (!field("time").value) field("time").value = pad(now.getHours()) + ":" + pad(now.getMinutes());
      say("");
      refresh();
    }

    function select() {
      var range = document.createRange();
      range.selectNodeContents(output);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }

    function copy() {
      var record = text();
      output.textContent = record;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(record).then(
          function () {
            say(COPIED);
          },
          function () {
            select();
            say(SELECTED);
          }
        );
      } else {
        select();
        say(document.execCommand("copy") ? COPIED : SELECTED);
      }
    }

    function download() {
      var file = new Blob([text() + "\n"], { type: "text/plain" });
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

    // The record's one click handler: its three buttons.
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      var action = button ? button.dataset.action : null;
      if (action === "copy") copy();
      else if (action === "download") download();
      else if (action === "print") {
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

    return { show: show, refresh: refresh, typed: typed };
  }

  function record(form) {
    if (!records.has(form)) records.set(form, enhance(form));
    return records.get(form);
  }

  function eachRecord(callback) {
    document.querySelectorAll(".isg-flow__record").forEach(function (form) {
      callback(record(form));
    });
  }

  function start() {
    document.querySelectorAll(".isg-flow__record:not([data-enhanced])").forEach(function (form) {
      record(form);
    });
  }

  // Registered once, not for each page Material shows; each finds the forms on the page.
  document.addEventListener("isg-flow:show", function (event) {
    var form = event.target.querySelector(".isg-flow__record");
    if (form) record(form).show(event.detail);
  });
  document.addEventListener("isg-flow:restart", function (event) {
    var form = event.target.querySelector(".isg-flow__record");
    if (!form) return;
    if (record(form).typed() && !window.confirm("Start again? What you typed in the record will be deleted.")) {
      event.preventDefault();
    } else {
      form.reset();
    }
  });
  // Back at the page after printing the record: a later print is of the page again.
  document.addEventListener(
    "click",
    function () {
      document.body.classList.remove("isg-printing-record");
    },
    true
  );
  window.addEventListener("afterprint", function () {
    document.body.classList.remove("isg-printing-record");
  });
  window.addEventListener("beforeprint", function () {
    eachRecord(function (each) {
      each.refresh();
    });
  });
  window.addEventListener("beforeunload", function (event) {
    var typed = false;
    eachRecord(function (each) {
      typed = typed || each.typed();
    });
    if (typed) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  if (window.document$) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
