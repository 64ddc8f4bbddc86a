// Keyboard help for lists: "/" focuses search, j/k move through rows, Enter opens the row,
// "?" shows the keys. In the inbox also a/r/e/x on the current row: approve, reject (asks
// why), edit, select. On a page that marks buttons with data-key, the same letters press
// them. Pages work without it; it only saves hands from the mouse.
(function () {
  "use strict";
  var selected = -1;

  function list() {
    return document.querySelector("[data-keyboard-list]");
  }

  function rows() {
    var l = list();
    var body = l && l.tBodies && l.tBodies[0];
    return body ? Array.prototype.slice.call(body.rows) : [];
  }

  // Inbox rows take real focus, so a screen reader follows the steward down the list.
  function inbox() {
    var l = list();
    return !!(l && l.hasAttribute("data-inbox"));
  }

  function select(i) {
    var rs = rows();
    if (rs.length === 0) return;
    i = Math.max(0, Math.min(rs.length - 1, i));
    rs.forEach(function (r) { r.classList.remove("selected"); });
    rs[i].classList.add("selected");
    rs[i].scrollIntoView({ block: "nearest" });
    if (inbox()) rs[i].focus({ preventScroll: true });
    selected = i;
  }

  function current() {
    return selected >= 0 ? rows()[selected] || null : null;
  }

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.isContentEditable);
  }

  function keys() {
    var k = [["/", "search"], ["j / k", "next / previous row"], ["Enter", "open the row"]];
    if (inbox() || document.querySelector("[data-key]")) {
      k.push(["a", "approve"], ["r", "reject (asks why)"], ["e", "edit, then approve"]);
    }
    if (inbox()) k.push(["x", "select the row for a bulk decision"]);
    k.push(["?", "show or hide this help"], ["Esc", "leave a field, close a form"]);
    return k;
  }

  function toggleHelp() {
    var help = document.getElementById("keys-help");
    if (help) { help.remove(); return; }
    help = document.createElement("div");
    help.id = "keys-help";
    help.className = "card keys";
    help.setAttribute("role", "dialog");
    help.setAttribute("aria-label", "Keyboard shortcuts");
    var dl = document.createElement("dl");
    dl.className = "fields";
    keys().forEach(function (k) {
      var dt = document.createElement("dt"); dt.textContent = k[0];
      var dd = document.createElement("dd"); dd.textContent = k[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
    help.appendChild(dl);
    document.body.appendChild(help);
  }

  // The reject form of an inbox row asks for the reason before anything is sent.
  function openReject(row) {
    var form = row && row.querySelector(".reject-form");
    if (!form) return false;
    form.hidden = false;
    var input = form.querySelector("input[name=note]");
    if (input) input.focus();
    return true;
  }

  function closeReject(form) {
    form.hidden = true;
    var row = form.closest("tr");
    if (row) select(rows().indexOf(row));
  }

  function countSelected() {
    var n = document.querySelectorAll("input[name=ids][form=bulk-form]:checked").length;
    var out = document.querySelector("[data-selected-count]");
    if (out) out.textContent = n === 0 ? "None selected" : n + " selected";
  }

  // press acts on the current row's control for a key, else on the page's.
  function press(action, key) {
    var row = current();
    var el = row && row.querySelector("[data-action='" + action + "']");
    if (!el && !row) el = document.querySelector("[data-key='" + key + "']");
    if (!el) return false;
    if (typing(el)) el.focus(); else el.click();
    return true;
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e.target)) {
      if (e.key === "Escape") {
        var form = e.target.closest(".reject-form");
        if (form) closeReject(form); else e.target.blur();
      }
      return;
    }
    var done = true;
    if (e.key === "/") {
      var s = document.querySelector("[data-shortcut='/']");
      if (s) { s.focus(); s.select(); } else done = false;
    } else if (e.key === "j") {
      select(selected + 1);
    } else if (e.key === "k") {
      select(selected - 1);
    } else if (e.key === "Enter" && current() && e.target.tagName !== "BUTTON" && e.target.tagName !== "A") {
      var link = current().querySelector("a");
      if (link) link.click();
    } else if (e.key === "?") {
      toggleHelp();
    } else if (e.key === "a") {
      done = press("approve", "a");
    } else if (e.key === "r") {
      done = current() ? openReject(current()) : press("reject", "r");
    } else if (e.key === "e") {
      done = press("edit", "e");
    } else if (e.key === "x" && current()) {
      var box = current().querySelector("input[name=ids]");
      if (box) { box.checked = !box.checked; countSelected(); }
    } else {
      done = false;
    }
    if (done) e.preventDefault();
  });

  document.addEventListener("click", function (e) {
    var t = e.target.closest && e.target.closest("[data-action]");
    var row = e.target.closest && e.target.closest("[data-keyboard-list] tbody tr");
    if (row) selected = rows().indexOf(row);
    if (!t) return;
    var action = t.getAttribute("data-action");
    if (action === "reject" && row) {
      openReject(row);
    } else if (action === "cancel" && t.closest(".reject-form")) {
      closeReject(t.closest(".reject-form"));
    } else if (action === "cancel-confirm") {
      var c = document.getElementById("bulk-confirm");
      if (c) c.innerHTML = "";
    } else if (action === "keys") {
      toggleHelp();
    }
  });

  document.addEventListener("change", function (e) {
    if (e.target.matches("[data-action='select-all']")) {
      document.querySelectorAll("input[name=ids][form=bulk-form]").forEach(function (b) { b.checked = e.target.checked; });
    }
    if (e.target.matches("input[name=ids], [data-action='select-all']")) countSelected();
  });

  // After a decision the row comes back out of band at the same place: the steward moves
  // on to the next waiting row, or stays on a row whose reject form asks again.
  document.addEventListener("htmx:oobAfterSwap", function (e) {
    var tr = e.target;
    if (!tr.matches || !tr.matches("tr[data-item]")) return;
    setTimeout(function () {
      var row = document.getElementById(tr.id);
      var rs = rows();
      var i = rs.indexOf(row);
      if (i < 0) return;
      var form = row.querySelector(".reject-form");
      if (form && !form.hidden) {
        selected = i;
        row.classList.add("selected");
        var input = form.querySelector("input[name=note]");
        if (input) input.focus();
        return;
      }
      for (var j = i + 1; j < rs.length; j++) {
        if (!rs[j].classList.contains("decided")) { select(j); return; }
      }
      select(i);
    }, 0);
  });

  // A list swapped by a search or a filter starts with no row selected.
  document.addEventListener("htmx:afterSwap", function (e) {
    var t = e.target;
    if (t.matches && (t.matches("[data-keyboard-list]") || t.querySelector("[data-keyboard-list]") || t.id === "results")) {
      selected = -1;
      countSelected();
    }
  });

  // HTMX errors show in the alert area instead of failing silently.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var status = e.detail.xhr.status;
    if (status >= 400) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
      e.detail.target = document.getElementById("alerts") || e.detail.target;
      e.detail.swapOverride = "innerHTML";
    }
  });
})();
