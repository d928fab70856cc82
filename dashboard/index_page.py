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

The app's own scripts (assets/*.js, fifteen small files Dash gives a tag each) are sent as
one: the browser opens six connections to a server, so each wave of six requests waited on
the one before while the renderer compiled the first scripts. `asset_bundle` joins them in
the order Dash gives them (each file is its own function scope), under an address named by
their content that browsers may keep for a year.

dcc loads its dropdown and slider code on demand, when the first one is drawn: after the
layout has arrived and been drawn, ~200 ms later than the page's other scripts, and its
evaluation then fell between the first callbacks' answers and the next requests. The shell
always draws both, so the page asks for them at once (`<link rel=preload>`, the same address
dcc's loader asks for, which the browser then takes from what it preloaded). (Preloading
the layout and the callbacks' list the same way, as=fetch, made the first page slower here,
1,531 -> 1,611 ms median over twelve alternating loads: not kept.)
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from dash import Dash

REGENERATOR_ASSET = "vendor/regenerator-runtime.min.js"
POLYFILL_TAG = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>')
# Dash's tag for a script of the assets folder's top level: src="<prefix>assets/<name>?m=<mtime>"
ASSET_TAG = re.compile(r'<script src="[^"]*?/assets/(?P<name>[^"/?]+\.js)\?m=[^"]*"></script>\n?')
# dcc's code for the controls every page's filter bar draws (its loader's addresses).
PRELOADED_CHUNKS = ("async-dropdown.js", "async-slider.js")
BUNDLE_ROUTE = "_dashboard-scripts/<digest>.js"  # under the app's routes prefix
BUNDLE_CACHE_CONTROL = "public, max-age=31536000, immutable"  # the address names the content


def page_scripts(scripts: str, regenerator_url: str, bundle_url: str | None = None) -> str:
    """Dash's script tags with the polyfill's replaced by regenerator-runtime's and, given
    bundle_url, the app's asset scripts by one tag for their bundle, where the first was."""
    scripts = POLYFILL_TAG.sub(f'<script src="{regenerator_url}"></script>', scripts, count=1)
    if bundle_url is None:
        return scripts
    tags = list(ASSET_TAG.finditer(scripts))
    if not tags:
        return scripts
    first = tags[0]
    kept = ASSET_TAG.sub("", scripts[first.start() :])
    return f'{scripts[: first.start()]}<script src="{bundle_url}"></script>\n{kept}'


def chunk_preloads(prefix: str) -> str:
    """<link rel=preload> tags for dcc's chunks that every page draws (those dcc ships)."""
    import dash.dcc

    folder = Path(dash.dcc.__file__).parent
    return "".join(
        f'<link rel="preload" as="script" href="{prefix}_dash-component-suites/dash/dcc/{name}">'
        for name in PRELOADED_CHUNKS
        if (folder / name).is_file()
    )


def asset_names(scripts: str) -> tuple[str, ...]:
    """The asset scripts Dash's tags load, in their order."""
    return tuple(match["name"] for match in ASSET_TAG.finditer(scripts))


def folder_scripts(folder: Path) -> tuple[str, ...]:
    """The scripts of the assets folder's top level, in the order Dash loads them (by name)."""
    return tuple(sorted(path.name for path in folder.glob("*.js")))


def asset_bundle(folder: Path) -> tuple[bytes, str]:
    """(the folder's scripts joined, a digest of them); read again when a file changes."""
    names = folder_scripts(folder)
    stamps = tuple((name, (folder / name).stat().st_mtime_ns) for name in names)
    return _bundle(stamps, str(folder))


@lru_cache(maxsize=8)
def _bundle(stamps: tuple[tuple[str, int], ...], folder: str) -> tuple[bytes, str]:
    parts = []
    for name, _mtime in stamps:
        # Each file is wrapped in its own function already; the `;` ends one that does not
        # end its last statement, so that the next file's `(function` is not a call.
        parts.append(f"/* assets/{name} */\n".encode() + (Path(folder) / name).read_bytes())
    content = b"\n;\n".join(parts) + b"\n"
    return content, hashlib.blake2b(content, digest_size=10).hexdigest()


class DashboardDash(Dash):
    """Dash, with page_scripts applied to the page it serves, and the assets' bundle."""

    def interpolate_index(self, **kwargs: Any) -> str:
        scripts = kwargs.get("scripts", "")
        folder = Path(self.config.assets_folder)
        bundle_url = None
        names = asset_names(scripts)
        if names and names == folder_scripts(folder):  # else Dash's own tags stay
            digest = asset_bundle(folder)[1]
            route = BUNDLE_ROUTE.replace("<digest>", digest)
            bundle_url = f"{self.config.requests_pathname_prefix}{route}"
        kwargs["css"] = kwargs.get("css", "") + chunk_preloads(self.config.requests_pathname_prefix)
        kwargs["scripts"] = page_scripts(scripts, self.get_asset_url(REGENERATOR_ASSET), bundle_url)
        return super().interpolate_index(**kwargs)


def install_asset_bundle(app: Dash) -> None:
    """Answer the bundle's address (the page names it by its digest)."""
    import flask

    @app.server.route(f"{app.config.routes_pathname_prefix}{BUNDLE_ROUTE}")
    def asset_scripts(digest: str) -> Any:
        content, current = asset_bundle(Path(app.config.assets_folder))
        if digest != current:  # a page from before a file changed: a reload asks anew
            flask.abort(404)
        response = flask.Response(content, mimetype="application/javascript")
        response.headers["Cache-Control"] = BUNDLE_CACHE_CONTROL
        return response
