// The default theme's only script; every page reads fully without it.
(function () {
  "use strict";

  var collator =
    typeof Intl !== "undefined" && Intl.Collator
      ? new Intl.Collator(document.documentElement.lang || undefined, { numeric: true })
      : null;

  // What a cell sorts by: a number, text, or null for a blank.
  function sortKey(cell) {
    if (!cell || cell.classList.contains("blank")) return null;
    var number = cell.getAttribute("data-sort");
    if (number !== null && number !== "" && !isNaN(Number(number))) return Number(number);
    var label = cell.querySelector("a, .label") || cell;
    return label.textContent.trim().toLowerCase();
  }

  function compareKeys(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    a = String(a);
    b = String(b);
    return collator ? collator.compare(a, b) : a < b ? -1 : a > b ? 1 : 0;
  }

  function makeSortable(table) {
    var body = table.tBodies[0];
    var head = table.tHead && table.tHead.rows[0];
    if (!body || !head || body.rows.length < 2) return;
    // Rows keep their first order as the last tie-break: sorting is stable.
    Array.prototype.forEach.call(body.rows, function (row, i) {
      row.setAttribute("data-order", String(i));
    });
    var headers = Array.prototype.slice.call(head.cells);
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      var link = th.querySelector("a");
      if (link) {
        // The link keeps its place; the button sorts and is named for it.
        button.setAttribute("aria-label", link.textContent.trim());
        link.insertAdjacentElement("afterend", button);
      } else {
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
      }
      var arrow = document.createElement("span");
      arrow.className = "sort-arrow";
      arrow.setAttribute("aria-hidden", "true");
      button.appendChild(arrow);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        sortBy(table, headers, index, ascending);
      });
    });
    var hint = table.querySelector(".sort-hint");
    if (hint) hint.hidden = false;
    table.classList.add("is-sortable");
  }

  function sortBy(table, headers, index, ascending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row) {
      return { row: row, key: sortKey(row.cells[index]), order: Number(row.getAttribute("data-order")) };
    });
    rows.sort(function (a, b) {
      // Blanks go last whichever way the column is sorted.
      if (a.key === null || b.key === null) {
        if (a.key === null && b.key === null) return a.order - b.order;
        return a.key === null ? 1 : -1;
      }
      var order = compareKeys(a.key, b.key);
      if (order === 0) return a.order - b.order;
      return ascending ? order : -order;
    });
    rows.forEach(function (r) {
      body.appendChild(r.row);
    });
    headers.forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    headers[index].setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }


  function watchScroll(frame) {
    var scroller = frame.querySelector(".table-scroll");
    var hint = frame.querySelector(".scroll-hint");
    if (!scroller) return;
    function update() {
      var hidden = scroller.scrollWidth - scroller.clientWidth;
      var overflowing = hidden > 1;
      frame.classList.toggle("is-overflowing", overflowing);
      frame.classList.toggle("has-more-left", overflowing && scroller.scrollLeft > 1);
      frame.classList.toggle("has-more-right", overflowing && scroller.scrollLeft < hidden - 1);
      if (hint) hint.hidden = !overflowing;
    }
    scroller.addEventListener("scroll", update, { passive: true });
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(update).observe(scroller);
    } else {
      window.addEventListener("resize", update);
    }
    update();
  }


  function offerDifferences(frame) {
    var tools = frame.querySelector(".table-tools");
    var box = frame.querySelector("input.only-differences");
    var table = frame.querySelector("table");
    if (!tools || !box || !table) return;
    tools.hidden = false;
    box.addEventListener("change", function () {
      table.classList.toggle("only-differences", box.checked);
    });
  }


  // The page is drawn with the button in place (noscript.css takes it
  // away without the script), so bringing it to life moves nothing.
  function collapseMenu(nav) {
    var button = nav.querySelector(".menu-button");
    if (!button) return;
    function toggle(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    }
    button.addEventListener("click", function () {
      toggle(button.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes the open menu from anywhere in it and gives the focus
    // back to its button.
    nav.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
      toggle(false);
      button.focus();
    });
  }

  // What the script adds, where it helps:
  // - sorting to tables with a row per product (`table[data-sortable]`):
  //   each column header gets one button (a link in a header stays beside
  //   it, never inside), `aria-sort` marks the sorted column, values sort in
  //   the order the site declared (numbers as numbers), and blank cells
  //   always go last;
  // - a scroll hint and edge shadows on tables wider than their frame;
  // - the "only rows that differ" switch of side-by-side tables;
  // - the menu button of the site navigation on narrow screens.
  document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
  function enhanceFrame(frame) {
    watchScroll(frame);
    offerDifferences(frame);
  }
  document.querySelectorAll(".table-frame").forEach(enhanceFrame);
  // For tables drawn later (the compare picker's, by compare.js).
  window.vialTables = { enhance: enhanceFrame };
  document.querySelectorAll(".site-nav").forEach(collapseMenu);
})();
