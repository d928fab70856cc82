#!/usr/bin/env bash
# Rebuild the browser scripts in assets/vendor (assets/vendor/README.md):
# - plotly-dashboard.min.js: plotly.js, at the version plotly.py ships (so that the figures'
#   JSON and the browser's plotly.js agree), with only the traces the dashboard draws
#   (plotly-dashboard.entry.js); the options are plotly.js's own build's (its
#   esbuild-config.js), minified;
# - regenerator-runtime.min.js: regenerator-runtime, minified (dashboard/index_page.py).
# Needs node/npm and the npm registry; run by hand after upgrading plotly or Dash
# (`make vendor-js`), never by setup or test.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
version="$("$python" -c 'from plotly.offline import get_plotlyjs_version as v; print(v())')"
esbuild_version="0.28.2"
regenerator_version="0.14.1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund --ignore-scripts \
    "plotly.js@$version" "esbuild@$esbuild_version" "regenerator-runtime@$regenerator_version"
cp "$here/assets/vendor/plotly-dashboard.entry.js" entry.js
traces="$(grep -o "lib/[a-z]*')" entry.js | sed "s/lib\///; s/')//" | grep -v core | paste -sd, -)"
npx esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
    --target=es2016 --define:global=window --define:define.amd=false \
    --define:process.env.NODE_DEBUG=false --log-level=warning \
    --banner:js="/* plotly.js v$version, partial bundle for the dashboard: scatter,$traces (assets/vendor/README.md). MIT licence: LICENSE-plotly.txt */" \
    --outfile=plotly-dashboard.min.js
cp plotly-dashboard.min.js "$here/assets/vendor/plotly-dashboard.min.js"
cp node_modules/plotly.js/LICENSE "$here/assets/vendor/LICENSE-plotly.txt"
npx esbuild node_modules/regenerator-runtime/runtime.js --minify --log-level=warning \
    --banner:js="/* regenerator-runtime v$regenerator_version (the global regeneratorRuntime Dash's lazy loaders call), minified: assets/vendor/README.md. MIT licence: LICENSE-regenerator-runtime.txt */" \
    --outfile="$here/assets/vendor/regenerator-runtime.min.js"
cp node_modules/regenerator-runtime/LICENSE "$here/assets/vendor/LICENSE-regenerator-runtime.txt"
echo "assets/vendor/plotly-dashboard.min.js: plotly.js $version, scatter,$traces," \
    "$(wc -c < plotly-dashboard.min.js) bytes"
