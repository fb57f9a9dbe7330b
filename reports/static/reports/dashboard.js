// The dashboard's three bar charts, drawn from the JSON data block of the page (no inline script: CSP).
// Loaded with `defer` after Chart.js, so the document is parsed and Chart is defined when this runs.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!window.Chart || !source) { return; }
  var data = JSON.parse(source.textContent);
  function bar(id, set, horizontal) {
    new window.Chart(document.getElementById(id), {
      type: "bar",
      data: {labels: set.labels, datasets: [{label: "Số lượng", data: set.values, backgroundColor: "#0172ad"}]},
      options: {
        indexAxis: horizontal ? "y" : "x",
        plugins: {legend: {display: false}},
        scales: {x: {ticks: {precision: 0}}, y: {ticks: {precision: 0}}},
      },
    });
  }
  bar("chart-petitions", data.petitions, true);
  bar("chart-overdue", data.overdue, true);
  bar("chart-states", data.states, false);
})();
