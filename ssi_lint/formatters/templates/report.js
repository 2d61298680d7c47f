// ssi-lint report: sortable overview, plan and severity filters, details opened for printing.
(function () {
  "use strict";

  function sortValue(row, index) {
    var cell = row.cells[index];
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compare(a, b, numeric) {
    return numeric ? Number(a) - Number(b) : a.localeCompare(b, undefined, { numeric: true });
  }

  function sortTable(table, index) {
    var headers = table.tHead.rows[0].cells;
    var header = headers[index];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var numeric = header.getAttribute("data-type") === "number";
    for (var i = 0; i < headers.length; i++) headers[i].removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (first, second) {
      var a = sortValue(first, index), b = sortValue(second, index);
      if (a === "" || b === "") return (a === "") - (b === "");  // unknown values last, either way
      var order = compare(a, b, numeric);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () { sortTable(table, index); });
    });
    var hint = table.querySelector(".sort-hint");
    if (hint) hint.hidden = false;
  });

  var controls = document.getElementById("controls");
  if (controls) controls.hidden = false;

  var filter = document.getElementById("plan-filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var wanted = filter.value.trim().toLowerCase();
      document.querySelectorAll("[data-plan]").forEach(function (element) {
        element.hidden = wanted !== "" && element.getAttribute("data-plan").toLowerCase().indexOf(wanted) < 0;
      });
    });
  }

  document.querySelectorAll("[data-severity-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-severity-toggle"), !box.checked);
    });
  });

  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
}());
