"""create_app(): the Dash app, with the shell (dashboard.shell) around the pages.

The shell owns the URL, the filter state, the navigation, the notices and the search; see
dashboard/shell/ and docs/ARCHITECTURE.md. This module only creates the app.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import dash
from dash import Dash, html

from dashboard import config
from dashboard.data.store import DataLoadError, Dataset
from dashboard.i18n import t
from dashboard.index_page import DashboardDash, install_asset_bundle
from dashboard.map_boundaries import install_boundaries
from dashboard.plotly_bundle import install_plotly_bundle
from dashboard.security import install_security, on_callback_error
from dashboard.shell import callbacks as shell_callbacks
from dashboard.shell.layout import nav_pages, page_for_path, page_label, shell_layout
from dashboard.userdata.session import session_dataset

PACKAGE_DIR = Path(__file__).resolve().parent
BOOTSTRAP_CSS = "vendor/bootstrap-flatly.min.css"  # Bootswatch Flatly 5.3.6, served locally

__all__ = ["create_app", "nav_pages", "page_for_path", "page_label", "shell_layout"]


def create_app(dataset: Dataset | None = None) -> Dash:
    """The app. With dataset, the shell uses it (tests); otherwise the session's dataset."""
    app = DashboardDash(  # Dash, with a lighter page (dashboard/index_page.py)
        "dashboard",
        use_pages=True,
        pages_folder=str(PACKAGE_DIR / "pages"),
        assets_folder=str(config.ASSETS_DIR),
        assets_path_ignore=["vendor", "maps"],
        # Callbacks are checked against the pages' layouts (Pages builds the validation
        # layout from every registered page and the shell), so a mistyped id fails loudly.
        suppress_callback_exceptions=False,
        serve_locally=True,
        title=t("app.title"),
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        # A callback that raises is logged and answers "no update", never a 500 page.
        on_error=on_callback_error,
    )
    install_security(app.server)
    install_boundaries(app.server)  # the file the maps' boundaries are loaded from
    install_plotly_bundle(app)  # plotly.js with only the traces the pages draw
    install_asset_bundle(app)  # the app's scripts in one request (dashboard/index_page.py)
    # Bootstrap goes in before the app's own CSS (assets/app.css), hence not auto-loaded.
    app.config.external_stylesheets.append(app.get_asset_url(BOOTSTRAP_CSS))
    # Chinese by default; assets/dashboard.js sets <html lang> when the language changes.
    app.index_string = app.index_string.replace("<html>", '<html lang="zh-CN">', 1)

    def dataset_for(upload: Any) -> Dataset:
        return dataset if dataset is not None else session_dataset(upload)

    def layout() -> html.Div:
        try:
            return shell_layout(dataset_for(None))
        except DataLoadError:
            # No version of the data ever loaded: pages answer 503 (serving.install_data_guard);
            # Dash still asks for a layout when it is set.
            return html.Div(t("serving.unavailable.title"), id=VALIDATION_ID + "-unavailable")

    app.layout = layout
    shell_callbacks.register(app, dataset_for)

    # Pages sets app.validation_layout (every page's layout and the shell) on the first
    # request; this hook, registered after Pages' own, adds what page callbacks create.
    @app.server.before_request
    def _complete_validation_layout() -> None:
        layout = app.validation_layout
        if layout is not None and getattr(layout, "id", None) != VALIDATION_ID:
            app.validation_layout = html.Div([layout, *created_by_callbacks()], id=VALIDATION_ID)

    return app


VALIDATION_ID = "validation-layout"


def created_by_callbacks() -> list[html.Div]:
    """Stand-ins for the components page callbacks create (a page lists them in CALLBACK_IDS)."""
    return [
        html.Div(id=component_id)
        for page in dash.page_registry.values()
        for component_id in getattr(sys.modules.get(page["module"]), "CALLBACK_IDS", ())
    ]


_served_app: list[Dash] = []


def __getattr__(name: str) -> Any:
    # `server` for `gunicorn dashboard.app:server`: the app is built on first access, not at
    # import, so that importing dashboard.app (tests, exports) never builds an app by accident.
    if name == "server":
        if not _served_app:
            _served_app.append(create_app())
        return _served_app[0].server
    raise AttributeError(name)
