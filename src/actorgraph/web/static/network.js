// Draws the endorsement network the page carries as JSON; a click on a node opens its actor page.
(function () {
  "use strict";
  var element = document.getElementById("network-data");
  var container = document.getElementById("network");
  if (!element || !container || typeof vis === "undefined") { return; }
  var graph = JSON.parse(element.textContent);
  var nodes = new vis.DataSet(graph.nodes.map(function (n) { return { id: n.id, label: n.label, href: n.href }; }));
  var edges = new vis.DataSet(graph.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, arrows: "to", dashes: e.mode === "nomination", title: e.mode };
  }));
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    nodes: { shape: "dot", size: 12, font: { size: 14 }, color: "#3d6fa8" },
    physics: { stabilization: { iterations: 200 } }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) { window.location.href = nodes.get(params.nodes[0]).href; }
  });
  network.once("afterDrawing", function () { container.dataset.nodes = String(nodes.length); });
})();
