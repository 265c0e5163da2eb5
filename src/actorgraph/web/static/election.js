// Draws one bar chart of vote shares per round from the JSON the page carries.
(function () {
  "use strict";
  var element = document.getElementById("chart-data");
  if (!element || typeof Chart === "undefined") { return; }
  var rounds = JSON.parse(element.textContent);
  document.querySelectorAll("canvas[data-round]").forEach(function (canvas) {
    var rows = rounds[canvas.dataset.round] || [];
    var chart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.name; }),
        datasets: [{ label: "vote share %", data: rows.map(function (r) { return r.share; }), backgroundColor: "#3d6fa8" }]
      },
      options: { indexAxis: "y", animation: false, maintainAspectRatio: false, scales: { x: { min: 0, max: 100 } } }
    });
    canvas.dataset.drawn = String(chart.data.labels.length);
  });
})();
