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

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "chart.js@$CHARTJS" "cytoscape@$CYTOSCAPE" >/dev/null)
for pkg in "chart.js-$CHARTJS" "cytoscape-$CYTOSCAPE"; do
    mkdir -p "$work/$pkg" && tar -xzf "$work/$pkg.tgz" -C "$work/$pkg"
done
mkdir -p "$DEST"
cp "$work/chart.js-$CHARTJS/package/dist/chart.umd.min.js" "$DEST/chart.umd.min.js" 2>/dev/null \
    || cp "$work/chart.js-$CHARTJS/package/dist/chart.umd.js" "$DEST/chart.umd.min.js"
cp "$work/chart.js-$CHARTJS/package/LICENSE.md" "$DEST/chart.js.LICENSE.md"
cp "$work/cytoscape-$CYTOSCAPE/package/dist/cytoscape.min.js" "$DEST/cytoscape.min.js"
cp "$work/cytoscape-$CYTOSCAPE/package/LICENSE" "$DEST/cytoscape.LICENSE"
cat > "$DEST/VERSIONS" <<VERSIONS
chart.js $CHARTJS (npm pack chart.js@$CHARTJS: dist/chart.umd.min.js, LICENSE.md)
cytoscape $CYTOSCAPE (npm pack cytoscape@$CYTOSCAPE: dist/cytoscape.min.js, LICENSE)
VERSIONS
ls -l "$DEST"
