// stationwatch dashboard: sortable tables. Served from the package; no other script runs.
"use strict";

function cellValue(row, index, kind) {
  const cell = row.cells[index];
  const raw = cell ? (cell.dataset.value ?? cell.textContent.trim()) : "";
  if (kind === "number") {
    const n = parseFloat(raw);
    return Number.isNaN(n) ? -Infinity : n;
  }
  return raw.toLocaleLowerCase();
}

function sortBy(table, header) {
  const headers = Array.from(header.parentElement.children);
  const index = headers.indexOf(header);
  const kind = header.dataset.sort;
  const ascending = header.getAttribute("aria-sort") !== "ascending";
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const x = cellValue(a, index, kind);
    const y = cellValue(b, index, kind);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return ascending ? order : -order;
  });
  headers.forEach((h) => h.removeAttribute("aria-sort"));
  header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  body.append(...rows);
}

function makeSortable(table) {
  for (const header of table.querySelectorAll("th[data-sort]")) {
    header.tabIndex = 0;
    header.title = "Sort by this column";
    header.addEventListener("click", () => sortBy(table, header));
    header.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        sortBy(table, header);
      }
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.sortable").forEach(makeSortable);
});
