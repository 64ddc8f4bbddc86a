// Keys of the duplicate pages, beside app.js's j/k, Enter and "?": o opens the current
// pair, m merges (opens the comparison at its merge form, or presses the page's merge
// button), n says "not a duplicate"; x (app.js) ticks the current group for a bulk
// dismissal, and its other pairs follow.
(function () {
  "use strict";
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.isContentEditable);
  }
  function current() {
    return document.querySelector("[data-duplicates] tbody tr.selected");
  }
  function act(action, key) {
    var row = current();
    var el = row && row.querySelector("[data-action='" + action + "']");
    if (!el && !row) el = document.querySelector("[data-dup-key='" + key + "']");
    if (!el) return false;
    el.click();
    return true;
  }
  function count() {
    var n = document.querySelectorAll("input[name=ids][form=dismiss-form]:checked:not([data-follows])").length;
    var out = document.querySelector("[data-selected-count]");
    if (out) out.textContent = n === 0 ? "None selected" : n + " selected";
  }
  // Ticking a group ticks all its pairs.
  function follow(box) {
    document.querySelectorAll("input[data-follows='" + box.value + "']").forEach(function (b) { b.checked = box.checked; });
  }
  function addHelp() {
    var dl = document.querySelector("#keys-help dl");
    if (!dl || dl.querySelector("[data-dup]")) return;
    [["o", "open the pair"], ["m", "merge: compare, then preview"], ["n", "not a duplicate"], ["x", "select the group to dismiss"]].forEach(function (k) {
      var dt = document.createElement("dt"); dt.textContent = k[0]; dt.setAttribute("data-dup", "");
      var dd = document.createElement("dd"); dd.textContent = k[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
  }
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-action='keys']")) setTimeout(addHelp, 0);
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    var done = true;
    if (e.key === "o") {
      done = act("open", "o");
    } else if (e.key === "m") {
      done = act("merge", "m");
    } else if (e.key === "n") {
      done = act("dismiss", "n");
    } else if (e.key === "x" && current()) {
      // app.js ticks the row's box; its group's other pairs follow it.
      var box = current().querySelector("input[name=ids]:not([data-follows])");
      setTimeout(function () { if (box) { follow(box); count(); } }, 0);
      done = false;
    } else {
      // app.js draws the help for "?"; the duplicate keys join it.
      if (e.key === "?") setTimeout(addHelp, 0);
      done = false;
    }
    if (done) e.preventDefault();
  });
  document.addEventListener("change", function (e) {
    if (e.target.matches("input[name=ids][form=dismiss-form]")) { follow(e.target); count(); }
  });
})();
