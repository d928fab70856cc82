"""The browser's plotly.js: a partial bundle of the traces the dashboard draws, not all of them.

dcc.Graph loads plotly.js from one address the Dash renderer gives it (and the deferred
charts preload it from there, assets/deferred_charts.js): the full plotly.min.js that
plotly.py ships, 4.8 MB holding every trace type. In Chromium here its evaluation alone took
~1.3 s of the first chart a visitor sees (benchmarks/PROPOSALS.md, tenth session). The pages
draw five trace types, so this module answers that same address with
assets/vendor/plotly-dashboard.min.js (1.4 MB): the same plotly.js version, built from
plotly.js's own modules with only those traces (scripts/build_vendor_js.sh). Exports do
not use it: kaleido and the offline HTML export keep the full bundle.

Tests keep it honest: every trace type a page's figure holds is in BUNDLED_TRACES, the
bundle was built from the plotly.js version plotly.py ships, and the address answers it.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any

from dashboard import config

BUNDLE_FILE = config.ASSETS_DIR / "vendor" / "plotly-dashboard.min.js"
# The traces assets/vendor/plotly-dashboard.entry.js registers (scatter is plotly.js core's).
BUNDLED_TRACES = frozenset({"scatter", "bar", "heatmap", "choropleth", "scattergeo"})
# Where the Dash renderer tells dcc.Graph to load plotly.js from, with serve_locally (Dash 3
# and 4, dash-renderer: window._dashPlotlyJSURL), after the app's requests prefix.
DASH_PLOTLY_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"
_VERSION = re.compile(rb"plotly\.js v(\d+\.\d+\.\d+)")


@lru_cache(maxsize=1)
def bundle() -> tuple[bytes, str]:
    """(the bundle's bytes, an ETag for them)."""
    content = BUNDLE_FILE.read_bytes()
    return content, hashlib.blake2b(content, digest_size=10).hexdigest()


def bundle_version() -> str | None:
    """The plotly.js version the bundle was built from (its first comment says it)."""
    found = _VERSION.search(bundle()[0][:400])
    return found.group(1).decode() if found else None


def install_plotly_bundle(app: Any) -> None:
    """Answer the address dcc.Graph loads plotly.js from with the partial bundle."""
    import flask

    server = app.server
    if server.extensions.get("dashboard.plotly_bundle"):
        return
    server.extensions["dashboard.plotly_bundle"] = True

    @server.route(f"{app.config.routes_pathname_prefix}{DASH_PLOTLY_PATH}")
    def plotly_bundle() -> Any:
        content, etag = bundle()
        response = flask.Response(content, mimetype="application/javascript")
        response.set_etag(etag)
        # As Dash serves an address without a fingerprint: kept, asked again with its ETag.
        response.headers["Cache-Control"] = "no-cache"
        return response.make_conditional(flask.request)
