/* Warta: draw the quad-class chart and the counterpart graph from JSON embedded in the page (no inline scripts). */
"use strict";
(function () {
  var QUAD_COLOURS = { 0: "#9e9e9e", 1: "#4caf50", 2: "#1e88e5", 3: "#fb8c00", 4: "#e53935" };

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function chart() {
    var spec = data("quad-data");
    var canvas = document.getElementById("quad-chart");
    if (!spec || !canvas || typeof Chart === "undefined") return;
    var datasets = [1, 2, 3, 4, 0].map(function (quad) {
      var counts = spec.periods.map(function (period) {
        var n = 0;
        spec.points.forEach(function (p) { if (p[0] === period && p[1] === quad) n += p[2]; });
        return n;
      });
      return { label: spec.classes[quad] || "unclassified", data: counts, backgroundColor: QUAD_COLOURS[quad] };
    }).filter(function (d) { return d.data.some(function (n) { return n > 0; }); });
    new Chart(canvas, {
      type: "bar",
      data: { labels: spec.periods, datasets: datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  function graph() {
    var spec = data("graph-data");
    var box = document.getElementById("graph");
    if (!spec || !box || typeof cytoscape === "undefined") return;
    var elements = spec.nodes.map(function (n) {
      return { data: { id: n.id, label: n.label, focus: n.focus ? 1 : 0 } };
    }).concat(spec.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight } };
    }));
    var cy = cytoscape({
      container: box,
      elements: elements,
      layout: { name: spec.nodes.length > 2 ? "concentric" : "grid", concentric: function (n) { return n.data("focus") ? 2 : 1; },
                levelWidth: function () { return 1; }, padding: 30, animate: false },
      style: [
        { selector: "node", style: { "label": "data(label)", "background-color": "#1e88e5", "color": "#222",
          "font-size": 12, "text-valign": "bottom", "text-margin-y": 4, "width": 22, "height": 22 } },
        { selector: "node[focus = 1]", style: { "background-color": "#e53935", "width": 34, "height": 34, "font-weight": "bold" } },
        { selector: "edge", style: { "width": "mapData(weight, 1, 10, 1.5, 8)", "line-color": "#90a4ae",
          "target-arrow-color": "#90a4ae", "target-arrow-shape": "triangle", "curve-style": "bezier",
          "label": "data(weight)", "font-size": 10 } }
      ],
      userZoomingEnabled: false
    });
    cy.on("tap", "node", function (evt) {
      var id = evt.target.id();
      if (!evt.target.data("focus")) window.location.href = "/actors/" + encodeURIComponent(id).replace("%3A", ":");
    });
    box.setAttribute("data-ready", String(cy.nodes().length));
  }

  document.addEventListener("DOMContentLoaded", function () { chart(); graph(); });
})();
