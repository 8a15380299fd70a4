(function () {
  "use strict";
  var items = JSON.parse(document.getElementById("govreport-data").textContent);
  var pop = document.getElementById("popover");
  var current = null;

  function fragments(id) {
    return document.querySelectorAll('.doc .hl[data-id="' + CSS.escape(id) + '"]');
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function clear() {
    document.querySelectorAll(".selected").forEach(function (n) { n.classList.remove("selected"); });
  }
  function hide() { pop.hidden = true; current = null; clear(); }

  function show(id, anchor) {
    var item = items[id];
    if (!item) { return; }
    clear();
    current = id;
    fragments(id).forEach(function (n) { n.classList.add("selected"); });
    document.querySelectorAll('tr[data-target="' + CSS.escape(id) + '"]').forEach(function (n) {
      n.classList.add("selected");
    });
    pop.replaceChildren();
    pop.className = "hl-" + item.type;
    pop.dataset.id = id;
    var close = el("button", "close", "\\u00d7");
    close.setAttribute("aria-label", "close");
    close.addEventListener("click", function (e) { e.stopPropagation(); hide(); });
    pop.appendChild(close);
    pop.appendChild(el("span", "type", item.type));
    pop.appendChild(el("div", "value", item.label));
    var table = el("table");
    item.fields.forEach(function (pair) {
      var tr = el("tr");
      tr.appendChild(el("th", "", pair[0]));
      tr.appendChild(el("td", "", pair[1]));
      table.appendChild(tr);
    });
    pop.appendChild(table);
    var outer = [];
    for (var n = anchor && anchor.parentElement; n && n.classList; n = n.parentElement) {
      if (n.classList.contains("hl") && n.dataset.id !== id && outer.indexOf(n.dataset.id) < 0) {
        outer.push(n.dataset.id);
      }
    }
    if (outer.length) {
      var within = el("div", "within", "inside: ");
      outer.forEach(function (oid) {
        var b = el("button", "hl-" + items[oid].type, items[oid].type + ": " + items[oid].label);
        b.dataset.goto = oid;
        within.appendChild(b);
      });
      pop.appendChild(within);
    }
    pop.hidden = false;
    var box = (anchor || fragments(id)[0]).getBoundingClientRect();
    var right = window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 12;
    var left = Math.max(8, Math.min(box.left + window.scrollX, right));
    pop.style.left = left + "px";
    pop.style.top = (box.bottom + window.scrollY + 8) + "px";
    pop.scrollIntoView({block: "nearest"});
  }

  document.addEventListener("click", function (e) {
    var go = e.target.closest("[data-goto]");
    if (go) { e.stopPropagation(); var f = fragments(go.dataset.goto)[0]; show(go.dataset.goto, f); return; }
    var hl = e.target.closest(".doc .hl");
    if (hl) { show(hl.dataset.id, hl); return; }
    var row = e.target.closest("tr[data-target]");
    if (row) {
      var first = fragments(row.dataset.target)[0];
      if (first) {
        first.scrollIntoView({block: "center"});
        show(row.dataset.target, first);
      }
      return;
    }
    if (!e.target.closest("#popover")) { hide(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); return; }
    if (e.key === "Enter" || e.key === " ") {
      var t = document.activeElement;
      if (t && (t.matches(".doc .hl") || t.matches("tr[data-target]"))) { e.preventDefault(); t.click(); }
    }
  });
  document.querySelectorAll("[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("off-" + box.dataset.toggle, !box.checked);
    });
  });
})();
