// Sortable comparison tables: click a column header to sort the rows by that
// column, click again to reverse. Tables stay fully readable without this.
(function () {
  "use strict";
  function cellKey(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    return cell.getAttribute("data-sort") || cell.textContent.trim().toLowerCase();
  }
  function compare(a, b) {
    var na = parseFloat(a), nb = parseFloat(b);
    if (!isNaN(na) && !isNaN(nb) && String(na) !== "NaN") return na - nb;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function makeSortable(table) {
    var headers = table.querySelectorAll("thead th[scope=col]");
    var body = table.tBodies[0];
    if (!body) return;
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function (event) {
        if (event.target.closest("a")) return;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(cellKey(a, index), cellKey(b, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
    table.classList.add("is-sortable");
  }
  document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
})();
