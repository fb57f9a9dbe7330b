// The dashboard's three bar charts, drawn from the JSON data block of the page (no inline script: CSP).
// Loaded with `defer` after Chart.js, so the document is parsed and Chart is defined when this runs.
// Bars run across and their labels wrap onto lines that fit the chart's width, recomputed on every resize:
// on a phone (390 px) a body's or a state's name is never cut at the canvas' edge nor skipped.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!window.Chart || !source) { return; }
  var data = JSON.parse(source.textContent);

  var LINE = 1.25;  // the labels' line height, in font sizes

  function fontSize(width) { return width < 500 ? 11 : 12; }

  // Characters a label line may take: a share of the chart's width (more of it on a phone), at the font size.
  function lineLimit(width) {
    return Math.max(8, Math.floor(width * (width < 500 ? 0.42 : 0.33) / (fontSize(width) * 0.6)));
  }

  function wrap(text, limit) {
    var lines = [];
    var line = "";
    String(text).split(/\s+/).forEach(function (word) {
      while (word.length > limit) {  // a word longer than a line is split, with a hyphen
        if (line) { lines.push(line); line = ""; }
        lines.push(word.slice(0, limit - 1) + "-");
        word = word.slice(limit - 1);
      }
      if (!word) { return; }
      if (line && (line + " " + word).length > limit) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }

  // The box is as tall as the bars' wrapped labels need (each bar at least as tall as its label, and a gap).
  function fitHeight(box, labels, width) {
    var size = fontSize(width);
    var limit = lineLimit(width);
    var tallest = Math.max.apply(null, labels.map(function (label) { return wrap(label, limit).length; }).concat([1]));
    var height = Math.max(160, labels.length * (tallest * size * LINE + 12) + 48) + "px";
    if (box.style.height !== height) { box.style.height = height; }
  }

  function bar(id, set) {
    var canvas = document.getElementById(id);
    var box = canvas.parentNode;
    fitHeight(box, set.labels, box.clientWidth);
    new window.Chart(canvas, {
      type: "bar",
      data: {labels: set.labels, datasets: [{label: "Số lượng", data: set.values, backgroundColor: "#0172ad"}]},
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        // A phone turned or a window resized: the labels wrap again, and the box follows their height.
        onResize: function (chart, size) { fitHeight(box, set.labels, size.width); },
        plugins: {legend: {display: false}},
        scales: {
          x: {ticks: {precision: 0}},
          y: {
            ticks: {
              autoSkip: false,
              font: function (context) { return {size: fontSize(context.chart.width), lineHeight: LINE}; },
              callback: function (value) { return wrap(this.getLabelForValue(value), lineLimit(this.chart.width)); },
            },
          },
        },
      },
    });
  }
  bar("chart-petitions", data.petitions);
  bar("chart-overdue", data.overdue);
  bar("chart-states", data.states);
})();
