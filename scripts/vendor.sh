#!/usr/bin/env bash
# Vendor the web app's JavaScript libraries into src/warta/serve/static/vendor/ (run at build time, results committed).
#
# The app must work offline: no CDN at run time. Each library is fetched from the npm registry with `npm pack`
# (a tarball of the published package, no install scripts run), and only the minified browser build and the
# licence are copied. Bump a version here, rerun, and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/warta/serve/static/vendor
CHARTJS=4.6.1     # charts (time series by PLOVER quad class) — MIT
CYTOSCAPE=3.35.0  # network graphs (an actor's counterparts) — MIT
LEAFLET=1.9.4     # the events map — BSD-2-Clause
WORLDATLAS=2.0.2  # offline base layer: country outlines (Natural Earth 1:110m, public domain) as TopoJSON — ISC
TOPOJSON=3.1.0    # topojson-client: TopoJSON -> GeoJSON in the browser — ISC

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "chart.js@$CHARTJS" "cytoscape@$CYTOSCAPE" "leaflet@$LEAFLET" \
    "world-atlas@$WORLDATLAS" "topojson-client@$TOPOJSON" >/dev/null)
for pkg in "chart.js-$CHARTJS" "cytoscape-$CYTOSCAPE" "leaflet-$LEAFLET" "world-atlas-$WORLDATLAS" \
    "topojson-client-$TOPOJSON"; do
    mkdir -p "$work/$pkg" && tar -xzf "$work/$pkg.tgz" -C "$work/$pkg"
done
mkdir -p "$DEST"
cp "$work/chart.js-$CHARTJS/package/dist/chart.umd.min.js" "$DEST/chart.umd.min.js" 2>/dev/null \
    || cp "$work/chart.js-$CHARTJS/package/dist/chart.umd.js" "$DEST/chart.umd.min.js"
cp "$work/chart.js-$CHARTJS/package/LICENSE.md" "$DEST/chart.js.LICENSE.md"
cp "$work/cytoscape-$CYTOSCAPE/package/dist/cytoscape.min.js" "$DEST/cytoscape.min.js"
cp "$work/cytoscape-$CYTOSCAPE/package/LICENSE" "$DEST/cytoscape.LICENSE"
mkdir -p "$DEST/leaflet/images" "$DEST/world-atlas"
cp "$work/leaflet-$LEAFLET/package/dist/leaflet.js" "$work/leaflet-$LEAFLET/package/dist/leaflet.css" "$DEST/leaflet/"
cp "$work/leaflet-$LEAFLET/package/dist/images/"*.png "$DEST/leaflet/images/"
cp "$work/leaflet-$LEAFLET/package/LICENSE" "$DEST/leaflet/LICENSE"
cp "$work/world-atlas-$WORLDATLAS/package/countries-110m.json" "$DEST/world-atlas/countries-110m.json"
cp "$work/world-atlas-$WORLDATLAS/package/LICENSE" "$DEST/world-atlas/LICENSE"
cp "$work/topojson-client-$TOPOJSON/package/dist/topojson-client.min.js" "$DEST/topojson-client.min.js"
cp "$work/topojson-client-$TOPOJSON/package/LICENSE" "$DEST/topojson-client.LICENSE"
cat > "$DEST/VERSIONS" <<VERSIONS
chart.js $CHARTJS (npm pack chart.js@$CHARTJS: dist/chart.umd.min.js, LICENSE.md)
cytoscape $CYTOSCAPE (npm pack cytoscape@$CYTOSCAPE: dist/cytoscape.min.js, LICENSE)
leaflet $LEAFLET (npm pack leaflet@$LEAFLET: dist/leaflet.js, dist/leaflet.css, dist/images/*.png, LICENSE; BSD-2-Clause)
world-atlas $WORLDATLAS (npm pack world-atlas@$WORLDATLAS: countries-110m.json, LICENSE; data: Natural Earth, public domain)
topojson-client $TOPOJSON (npm pack topojson-client@$TOPOJSON: dist/topojson-client.min.js, LICENSE; ISC)
VERSIONS
ls -lR "$DEST"
