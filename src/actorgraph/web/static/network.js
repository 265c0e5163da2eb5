// Draws the endorsement network the page carries as JSON and filters it in place: the form's election
// and dates redraw the network and the table without reloading (the same form, submitted, filters
// on the server when JavaScript is off). A page with too many endorsements to carry says so
// ("complete": false): then the server filters. A double-click on a node opens its actor page.
(function () {
  "use strict";
  var element = document.getElementById("network-data");
  var container = document.getElementById("network");
  var form = document.getElementById("network-filters");
  if (!element || !container || !form || typeof vis === "undefined") { return; }
  var graph = JSON.parse(element.textContent);
  var byId = {};
  graph.nodes.forEach(function (n) { byId[n.id] = n; });
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    nodes: { shape: "dot", size: 12, font: { size: 14 }, color: "#3d6fa8" },
    physics: { stabilization: { iterations: 200 } }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) { window.location.href = byId[params.nodes[0]].href; }
  });
  network.on("afterDrawing", function () {
    var drawn = network.body && network.body.nodeIndices ? network.body.nodeIndices.length : nodes.length;
    container.dataset.nodes = String(drawn);
  });

  // The server's rule (views.within): a partial date is compared at its own precision.
  function within(date, since, until) {
    if (!since && !until) { return true; }
    if (!date) { return false; }
    return (!since || date >= since.slice(0, date.length)) && (!until || date <= until.slice(0, date.length));
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.setAttribute("href", href);
    a.textContent = text;
    return a;
  }

  function row(cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (content) {
      var td = document.createElement("td");
      if (typeof content === "string") { td.textContent = content; } else { td.appendChild(content); }
      tr.appendChild(td);
    });
    return tr;
  }

  function draw(shown) {
    var ids = {};
    shown.forEach(function (e) { ids[e.from] = true; ids[e.to] = true; });
    nodes.clear();
    edges.clear();
    nodes.add(Object.keys(ids).sort().map(function (id) { return { id: id, label: byId[id].label }; }));
    edges.add(shown.map(function (e, i) {
      return { id: i, from: e.from, to: e.to, arrows: "to", dashes: e.mode === "nomination", title: e.mode };
    }));
    if (!shown.length) { network.redraw(); }
    return ids;
  }

  function apply() {
    var election = form.elements.election.value;
    var since = form.elements.from.value;
    var until = form.elements.until.value;
    var shown = graph.edges.filter(function (e) {
      return (!election || e.election === election) && within(e.date, since, until);
    });
    var ids = draw(shown);
    var body = document.querySelector("#network-table tbody");
    body.replaceChildren();
    shown.forEach(function (e) {
      body.appendChild(row([link(e.fromHref, e.fromLabel), link(e.toHref, e.toLabel), e.mode, e.electionName,
        e.date, link(e.document, e.documentTitle)]));
    });
    if (!shown.length) {
      var empty = row(["No endorsements match."]);
      empty.firstChild.colSpan = 6;
      body.appendChild(empty);
    }
    document.getElementById("network-count").textContent =
      shown.length + " endorsements among " + Object.keys(ids).length + " actors";
    var params = new URLSearchParams();
    if (election) { params.set("election", election); }
    if (since) { params.set("from", since); }
    if (until) { params.set("until", until); }
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  if (graph.complete === false) {
    // Too many endorsements for the page to carry: the server filters (the form is submitted), and
    // the script draws the edges the server sent; the table and the count are the server's.
    draw(graph.edges);
    form.addEventListener("change", function () { form.submit(); });
    return;
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  apply();
})();
