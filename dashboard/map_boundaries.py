"""The maps' boundaries as one file the browser loads once, instead of inline in every answer.

A map figure (figures/choropleth.py) carries each drawn area's GeoJSON boundary inline, as
an export needs it (kaleido, the offline HTML file and the slide deck draw without this
server). Sent that way to the browser, the boundaries were ~170 KB of every map answer and
~18 ms of its JSON encoding, at every filter change. `browser_figure` gives the browser the
same figure with each map trace's `geojson` set to the URL of one file holding every
prefecture's and county's boundary: plotly.js fetches it once per page (it keeps it in
`window.PlotlyGeoAssets`, by URL) and draws only the trace's `locations` from it. The URL is
named by the file's content hash and served as immutable, so the browser's cache keeps it
across pages and visits, and a new boundary file gets a new URL.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go

from dashboard.figures.choropleth import geometry_by_url
from dashboard.figures.common import figure_json, with_data_revision
from dashboard.views.map import map_geometry

URL_PREFIX = "/_dashboard/boundaries/"
CACHE_CONTROL = "public, max-age=31536000, immutable"


@lru_cache(maxsize=1)
def boundaries_file() -> tuple[str, bytes]:
    """(URL path, content): every area of the map's boundary files in one FeatureCollection."""
    features = list(map_geometry().features.values())
    content = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    digest = hashlib.blake2b(content, digest_size=10).hexdigest()
    return f"{URL_PREFIX}{digest}.geojson", content


def browser_figure(figure: go.Figure) -> dict:
    """The figure to send to the browser, as a dict ready for JSON without the deep copy of
    `to_dict`, map boundaries by URL (see the module's docstring), its data revision named
    (common.with_data_revision: plotly.js redraws only what changed)."""
    return with_data_revision(geometry_by_url(figure_json(figure), boundaries_file()[0]))


def install_boundaries(server: Any) -> None:
    """Serve boundaries_file() at its URL (any other name under URL_PREFIX: 404)."""
    import flask

    if server.extensions.get("dashboard.boundaries"):
        return
    server.extensions["dashboard.boundaries"] = True

    @server.route(f"{URL_PREFIX}<name>")
    def map_boundaries(name: str) -> Any:
        path, content = boundaries_file()
        if f"{URL_PREFIX}{name}" != path:
            flask.abort(404)
        response = flask.Response(content, mimetype="application/json")
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response
