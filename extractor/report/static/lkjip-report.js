// lkjip verification pages: filters and sortable columns. Plain script, no library, no network.
// A filter box (data-filters="TABLE_ID") holds buttons (data-filter="severity", aria-pressed),
// selects and search inputs (data-filter="code" | "year" | "text"); rows carry data-severity,
// data-code, data-year. A sortable table has a button per header (data-sort="COLUMN_INDEX").
(function () {
  "use strict";

  function setUpFilters(box) {
    var table = document.getElementById(box.getAttribute("data-filters"));
    if (!table || !table.tBodies.length) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var shown = box.querySelector("[data-shown]");
    var state = {};

    function matches(row) {
      return Object.keys(state).every(function (key) {
        var wanted = state[key];
        if (!wanted) return true;
        if (key === "text") return row.textContent.toLowerCase().indexOf(wanted.toLowerCase()) !== -1;
        return row.getAttribute("data-" + key) === wanted;
      });
    }

    function apply() {
      var count = 0;
      rows.forEach(function (row) {
        var keep = matches(row);
        row.hidden = !keep;
        if (keep) count += 1;
      });
      if (shown) shown.textContent = String(count);
    }

    box.querySelectorAll("button[data-filter]").forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.getAttribute("data-filter");
        box.querySelectorAll('button[data-filter="' + key + '"]').forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
        state[key] = button.getAttribute("data-value");
        apply();
      });
    });
    box.querySelectorAll("select[data-filter], input[data-filter]").forEach(function (input) {
      var event = input.tagName === "SELECT" ? "change" : "input";
      input.addEventListener(event, function () {
        state[input.getAttribute("data-filter")] = input.value.trim();
        apply();
      });
    });
  }

  function sortValue(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return numeric ? 0 : "";
    var value = cell.getAttribute("data-sort-value");
    if (value === null) value = cell.textContent.trim();
    return numeric ? parseFloat(value) || 0 : value.toLowerCase();
  }

  function setUpSorting(table) {
    table.querySelectorAll("th button[data-sort]").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.parentElement;
        var index = parseInt(button.getAttribute("data-sort"), 10);
        var numeric = button.hasAttribute("data-numeric");
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (other) {
          if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortValue(a, index, numeric), y = sortValue(b, index, numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function start() {
    document.querySelectorAll("[data-filters]").forEach(setUpFilters);
    document.querySelectorAll("table.sortable").forEach(setUpSorting);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
