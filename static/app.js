// Keyboard help for lists: "/" focuses search, j/k move through rows, Enter opens the row,
// "?" shows the keys. Pages work without it; it only saves hands from the mouse.
(function () {
  "use strict";
  var selected = -1;

  function rows() {
    var list = document.querySelector("[data-keyboard-list] tbody");
    return list ? Array.prototype.slice.call(list.rows) : [];
  }

  function select(i) {
    var rs = rows();
    if (rs.length === 0) return;
    i = Math.max(0, Math.min(rs.length - 1, i));
    rs.forEach(function (r) { r.classList.remove("selected"); });
    rs[i].classList.add("selected");
    rs[i].scrollIntoView({ block: "nearest" });
    selected = i;
  }

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.isContentEditable);
  }

  function toggleHelp() {
    var help = document.getElementById("keys-help");
    if (help) { help.remove(); return; }
    help = document.createElement("div");
    help.id = "keys-help";
    help.className = "card keys";
    help.setAttribute("role", "dialog");
    help.setAttribute("aria-label", "Keyboard shortcuts");
    var keys = [["/", "search"], ["j / k", "next / previous row"], ["Enter", "open the row"], ["?", "show or hide this help"], ["Esc", "leave the search box"]];
    var dl = document.createElement("dl");
    dl.className = "fields";
    keys.forEach(function (k) {
      var dt = document.createElement("dt"); dt.textContent = k[0];
      var dd = document.createElement("dd"); dd.textContent = k[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
    help.appendChild(dl);
    document.body.appendChild(help);
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e.target)) {
      if (e.key === "Escape") e.target.blur();
      return;
    }
    if (e.key === "/") {
      var s = document.querySelector("[data-shortcut='/']");
      if (s) { e.preventDefault(); s.focus(); s.select(); }
    } else if (e.key === "j") {
      select(selected + 1);
    } else if (e.key === "k") {
      select(selected - 1);
    } else if (e.key === "Enter" && selected >= 0) {
      var link = rows()[selected] && rows()[selected].querySelector("a");
      if (link) link.click();
    } else if (e.key === "?") {
      toggleHelp();
    }
  });

  // A swapped list starts with no row selected.
  document.addEventListener("htmx:afterSwap", function () { selected = -1; });

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
