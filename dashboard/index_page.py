"""The page's scripts: Dash's babel polyfill replaced by the one piece of it Dash still uses.

Dash puts @babel/polyfill 7 (core-js 2 and regenerator-runtime, 99 KB) before React on every
page. Evaluating it took ~100 ms in Chromium here on a blank page and ~330 ms during the
dashboard's first load, where it runs beside the other scripts (benchmarks/PROPOSALS.md, tenth
session): all to add ES2015-2017 features that every browser able to run Dash 4 and React 18
already has. One part is still called: the global `regeneratorRuntime`, which the lazy
loaders of dcc and dash-bootstrap-components use for the components they load on demand
(dropdowns, graphs). So the polyfill's script tag is swapped for
assets/vendor/regenerator-runtime.min.js (7 KB), through `interpolate_index`, the hook Dash
documents for changing the page's HTML. If a Dash release drops the polyfill, nothing is
swapped and the page is Dash's own.
"""

from __future__ import annotations

import re
from typing import Any

from dash import Dash

REGENERATOR_ASSET = "vendor/regenerator-runtime.min.js"
POLYFILL_TAG = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>')


def page_scripts(scripts: str, regenerator_url: str) -> str:
    """Dash's script tags with the polyfill's replaced by regenerator-runtime's."""
    return POLYFILL_TAG.sub(f'<script src="{regenerator_url}"></script>', scripts, count=1)


class DashboardDash(Dash):
    """Dash, with page_scripts applied to the page it serves."""

    def interpolate_index(self, **kwargs: Any) -> str:
        kwargs["scripts"] = page_scripts(
            kwargs.get("scripts", ""), self.get_asset_url(REGENERATOR_ASSET)
        )
        return super().interpolate_index(**kwargs)
