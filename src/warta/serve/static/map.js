/* Warta: the events map. Leaflet over offline country outlines (world-atlas TopoJSON, Natural Earth), one circle per
   located event from JSON embedded in the page; no tile server, no inline scripts. */
"use strict";
(function () {
  var QUAD_COLOURS = { 0: "#757575", 1: "#4caf50", 2: "#1e88e5", 3: "#fb8c00", 4: "#e53935" };
  var box = document.getElementById("map");
  var spec = document.getElementById("map-data");
  if (!box || !spec || typeof L === "undefined") return;
  var events = JSON.parse(spec.textContent);

  var map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 10, zoomSnap: 0.5 });
  map.attributionControl.addAttribution("Natural Earth");
  map.createPane("outlines").style.zIndex = 350;

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }

  function popup(e) {
    var div = document.createElement("div");
    div.className = "map-popup";
    div.appendChild(text("strong", e.place + (e.country ? " (" + e.country + ")" : "")));
    div.appendChild(text("div", e.event + " · " + e.date + " · " + e.precision, "quad-" + e.quad));
    var link = document.createElement("a");
    link.href = e.url;
    link.textContent = e.title;
    div.appendChild(link);
    return div;
  }

  // jitter events at the same spot a little, so each circle can be clicked
  var seen = {};
  var markers = events.map(function (e) {
    var key = e.lat.toFixed(3) + "," + e.lon.toFixed(3);
    var k = seen[key] = (seen[key] || 0) + 1;
    var angle = k * 2.4, r = k > 1 ? 0.6 * Math.sqrt(k - 1) : 0;
    var ll = [e.lat + r * Math.sin(angle), e.lon + r * Math.cos(angle)];
    return L.circleMarker(ll, {
      radius: 7, weight: 1.5, color: "#222", fillColor: QUAD_COLOURS[e.quad] || QUAD_COLOURS[0], fillOpacity: 0.85,
      className: "event-marker"
    }).bindPopup(popup(e)).bindTooltip(e.place + " — " + e.event);
  });
  var layer = L.featureGroup(markers).addTo(map);
  if (markers.length) {
    map.fitBounds(layer.getBounds().pad(0.4), { maxZoom: 5 });
  } else {
    map.setView([10, 110], 2);
  }
  box.setAttribute("data-markers", String(markers.length));

  // rings that cross the antimeridian (Russia's Chukotka, Fiji) are split at ±180 in Natural Earth: move their
  // western points east of 180 so no polygon edge spans the whole map
  function unwrap(geometry) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] :
      geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    polygons.forEach(function (rings) {
      rings.forEach(function (ring) {
        var east = ring.some(function (p) { return p[0] > 170; });
        var west = ring.some(function (p) { return p[0] < -170; });
        if (east && west) ring.forEach(function (p) { if (p[0] < 0) p[0] += 360; });
      });
    });
  }

  fetch("/static/vendor/world-atlas/countries-110m.json")
    .then(function (r) { return r.json(); })
    .then(function (topo) {
      if (typeof topojson === "undefined") return;
      var outlines = topojson.feature(topo, topo.objects.countries);
      outlines.features.forEach(function (f) { if (f.geometry) unwrap(f.geometry); });
      L.geoJSON(outlines, {
        pane: "outlines", interactive: false,
        style: { color: "#8a8a8a", weight: 0.8, fillColor: "#f1efe8", fillOpacity: 1 }
      }).addTo(map);
      box.setAttribute("data-outlines", "1");
    })
    .catch(function () { box.setAttribute("data-outlines", "0"); });
})();
