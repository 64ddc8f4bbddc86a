// Keys of the publications queue, beside app.js's "?": j/k walk the failed groups and, inside
// an opened group, its publications; o or Enter opens a group (or a publication's record);
// r retries the current publication, or the whole group through its confirmation page;
// s puts the cursor in the current publication's skip reason. The group's items load when
// it opens (HTMX), so the walk is recomputed on every key.
(function () {
  "use strict";
  var current = null;

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.isContentEditable);
  }

  // stops lists what j/k walk, in page order: each group, then its loaded rows while it is
  // open; on a group's own page, just its rows.
  function stops() {
    var out = [];
    var groups = document.querySelectorAll("[data-publications] details.pub-group");
    if (groups.length === 0) {
      document.querySelectorAll("table.pub-items tbody tr").forEach(function (r) { out.push(r); });
      return out;
    }
    groups.forEach(function (g) {
      out.push(g);
      if (g.open) g.querySelectorAll("table.pub-items tbody tr").forEach(function (r) { out.push(r); });
    });
    return out;
  }

  function isGroup(el) {
    return el && el.tagName === "DETAILS";
  }

  function select(el) {
    if (current) current.classList.remove("selected");
    current = el;
    el.classList.add("selected");
    // Real focus, so a screen reader follows the steward; a group's summary is focusable.
    var target = isGroup(el) ? el.querySelector("summary") : el;
    if (!isGroup(el)) el.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var s = stops();
    if (s.length === 0) return false;
    var i = s.indexOf(current);
    i = i < 0 ? (step > 0 ? 0 : s.length - 1) : Math.max(0, Math.min(s.length - 1, i + step));
    select(s[i]);
    return true;
  }

  function open() {
    if (!current) return false;
    if (isGroup(current)) {
      current.open = !current.open;
      return true;
    }
    var link = current.querySelector("td a");
    if (link) link.click();
    return !!link;
  }

  function retry() {
    if (!current) return false;
    // A group's own button leads to the confirmation page; a row's retries the one.
    var btn = isGroup(current) ? current.querySelector(":scope > form [data-action='retry']") : current.querySelector("[data-action='retry']");
    if (!btn) return false;
    btn.click();
    return true;
  }

  function skip() {
    var input = current && !isGroup(current) && current.querySelector("[data-action='skip']");
    if (!input) return false;
    input.focus();
    return true;
  }

  // app.js draws the help for "?" with the list keys; this page's keys replace them.
  function help() {
    var dl = document.querySelector("#keys-help dl");
    if (!dl || dl.querySelector("[data-pub]")) return;
    dl.textContent = "";
    [["j / k", "next / previous group, or publication in an open group"], ["o / Enter", "open the group, or the publication's record"],
      ["r", "retry the publication, or the whole group (asks first)"], ["s", "give the reason to skip the publication"],
      ["?", "show or hide this help"], ["Esc", "leave a field"]].forEach(function (k) {
      var dt = document.createElement("dt"); dt.textContent = k[0]; dt.setAttribute("data-pub", "");
      var dd = document.createElement("dd"); dd.textContent = k[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
  }

  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-action='keys']")) setTimeout(help, 0);
    var el = e.target.closest && (e.target.closest("table.pub-items tbody tr") || e.target.closest("details.pub-group"));
    if (el && stops().indexOf(el) >= 0) {
      if (current) current.classList.remove("selected");
      current = el;
      el.classList.add("selected");
    }
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    var done;
    if (e.key === "j") {
      done = move(1);
    } else if (e.key === "k") {
      done = move(-1);
    } else if (e.key === "o" || (e.key === "Enter" && (e.target === document.body || e.target === current || (current && e.target === current.querySelector("summary"))))) {
      // Enter on a focused summary would toggle it natively too; prevented below, so once.
      done = open();
    } else if (e.key === "r") {
      done = retry();
    } else if (e.key === "s") {
      done = skip();
    } else {
      if (e.key === "?") setTimeout(help, 0);
      done = false;
    }
    if (done) e.preventDefault();
  });
})();
