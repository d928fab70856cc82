"""The app's side of exports: one callback behind every export button, and its status line.

A press is found in the browser (a clientside callback sets ids.EXPORT_ASKED to the pressed
button), so buttons that merely appear on a page ask the server for nothing.

Buttons (rendered by the shell and the chart cards):
- each chart card: ids.chart_export(chart, fmt), fmt in png/svg/pdf
- the navbar's export menu: ids.EXPORT_DECK (PPTX) and ids.EXPORT_DATA (XLSX), plus any
  `page_export_id(fmt)` items (`page_export_items(lang)` makes the CSV and HTML ones)
The file goes to dcc.Download(ids.EXPORT_DOWNLOAD). What happened is written to every
`export_status()` in the layout (zero or more: a pattern-matching output), inside a
dcc.Loading, which shows progress while the export is being made.

Exports are made from the user's own state: the page from the URL, the filters from the
filter store, the dataset from the session (their preview upload, if any). Images wait for
the shared renderer at most kaleido_server.LOCK_WAIT_SECONDS, then tell this user it is busy;
other users' requests are served meanwhile (the server is threaded or has several workers).
With DASHBOARD_EXPORT_QUEUE=celery the same callback runs as a Dash background callback on
Celery workers (dashboard/export/queue.py), and the web worker is free at once.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import dash_bootstrap_components as dbc
from dash import (
    ALL,
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    dcc,
    html,
)
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.export.context import ExportContext
from dashboard.export.files import PAGE_FORMATS, ExportFile, export_chart, export_page
from dashboard.export.kaleido_server import IMAGE_FORMATS, ExportBusy, ExportError
from dashboard.export.queue import callback_options
from dashboard.i18n import t
from dashboard.state import from_store
from dashboard.userdata.session import session_dataset

LOGGER = logging.getLogger("dashboard.export")
PAGE_EXPORT = "page-export"
EXPORT_STATUS = "export-status"
MENU_FORMATS = {ids.EXPORT_DECK: "pptx", ids.EXPORT_DATA: "xlsx"}
EXTRA_MENU_FORMATS = ("csv", "html")  # menu items this module adds
LABEL_KEYS = {
    "pptx": "export.deck",
    "xlsx": "export.data",
    "csv": "export.csv",
    "html": "export.html",
}


def page_export_id(fmt: str) -> dict[str, str]:
    """A page-level export button or menu item: fmt in pptx/csv/xlsx/html."""
    return {"type": PAGE_EXPORT, "format": fmt}


def export_status_id(slot: str = "main") -> dict[str, str]:
    return {"type": EXPORT_STATUS, "slot": slot}


def page_export_items(lang: str) -> list[dbc.DropdownMenuItem]:
    """Menu items for the CSV and offline HTML downloads (the shell adds them to its menu)."""
    return [
        dbc.DropdownMenuItem(t(LABEL_KEYS[fmt], lang), id=page_export_id(fmt))
        for fmt in EXTRA_MENU_FORMATS
    ]


def export_status(slot: str = "main") -> dcc.Loading:
    """Where the result of an export is announced; shows a spinner while one is made."""
    return dcc.Loading(
        html.Div(
            id=export_status_id(slot),
            role="status",
            **{"aria-live": "polite"},
            className="export-status small",
        ),
        type="dot",
        delay_show=150,
    )


def page_export_labels(items: list[dict], lang: str) -> list[str]:
    """The words of the CSV/HTML menu items (the shell's render_shell writes them with its
    own), for the items as a pattern-matching output lists them."""
    return [t(LABEL_KEYS.get(item["id"]["format"], "export.menu"), lang) for item in items]


def view_page(pathname: str | None) -> str:
    """The view name of a URL path: "/" -> "overview", "/dropout" -> "dropout";
    a programme's page "/program/<id>" -> "program/<id>"."""
    parts = (pathname if isinstance(pathname, str) else "/").strip("/").split("/")
    if parts[0] == "program" and len(parts) > 1 and parts[1]:
        return f"program/{parts[1]}"
    return parts[0] or "overview"


# Which button was pressed, found in the browser: Dash also fires these inputs when new
# export buttons mount (every page with chart cards, at every change that draws them), and
# that was a request to the server for nothing.
clientside_callback(
    ClientsideFunction("dashboard", "exportAsked"),
    Output(ids.EXPORT_ASKED, "data"),
    Input(ids.chart_export(ALL, ALL), "n_clicks"),
    Input(page_export_id(ALL), "n_clicks"),
    Input(ids.EXPORT_DECK, "n_clicks"),
    Input(ids.EXPORT_DATA, "n_clicks"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.EXPORT_DOWNLOAD, "data"),
    Output(export_status_id(ALL), "children"),
    Input(ids.EXPORT_ASKED, "data"),
    State(ids.URL, "pathname"),
    State(ids.FILTER_STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    prevent_initial_call=True,
    **callback_options(),  # on the Celery queue when configured (dashboard/export/queue.py)
)
def download_export(asked, pathname, store, upload):
    if not isinstance(asked, dict):
        raise PreventUpdate
    request = export_request(asked.get("button"))
    if request is None:
        raise PreventUpdate
    chart, fmt = request
    download, message = make_download(view_page(pathname), chart, fmt, store, upload)
    return download, [message] * _status_count()


def export_request(trigger: Any) -> tuple[str | None, str] | None:
    """(chart or None, format) from the id of the clicked button; None if not an export."""
    if isinstance(trigger, dict):
        fmt = str(trigger.get("format", ""))
        if trigger.get("type") == ids.CHART_EXPORT and fmt in IMAGE_FORMATS:
            return str(trigger.get("chart", "")), fmt
        if trigger.get("type") == PAGE_EXPORT and fmt in PAGE_FORMATS:
            return None, fmt
        return None
    fmt = MENU_FORMATS.get(str(trigger))
    return (None, fmt) if fmt else None


def make_download(
    page: str, chart: str | None, fmt: str, store: Any, upload: Any
) -> tuple[dict | None, Any]:
    """(dcc.Download data or None, status message) for one export request of one user."""
    state = from_store(store)
    lang = state.lang
    if page.startswith("program/"):  # any programme's page: the view of that programme
        page, state = "programme", replace(state, program=page.split("/", 1)[1])
    try:
        context = ExportContext.for_page(page, session_dataset(upload), state)
    except KeyError:
        return None, _alert(t("export.status.no_page", lang), "warning")
    if not context.view.charts:
        return None, _alert(t("export.status.no_page", lang), "warning")
    try:
        if chart is not None:
            if chart not in {item.name for item in context.view.charts}:
                return None, _alert(t("export.status.unknown_chart", lang, chart=chart), "warning")
            file, rows = export_chart(context, chart, fmt), None
        else:
            result = export_page(context, fmt)
            file, rows = result.files[0], result.rows
    except ExportBusy:
        return None, _alert(t("export.status.busy", lang), "warning")
    except ExportError as error:
        return None, _alert(t("export.status.failed", lang, reason=str(error)), "danger")
    except Exception as error:  # noqa: BLE001 - a bug in a writer: logged, and the user told
        LOGGER.error("export %s %s failed", page, fmt, exc_info=error)
        return None, _alert(t("serving.export_failed", lang), "danger")
    return _send(file), _ready(file, rows, lang)


def _send(file: ExportFile) -> dict:
    return dcc.send_bytes(file.content, file.name, type=file.media_type)


def _ready(file: ExportFile, rows: int | None, lang: str) -> dbc.Alert:
    if rows is None:
        text = t("export.status.ready", lang, filename=file.name)
    else:
        text = t("export.status.ready_rows", lang, filename=file.name, rows=rows)
    return _alert(text, "success")


def _alert(text: str, color: str) -> dbc.Alert:
    return dbc.Alert(text, color=color, dismissable=True, className="py-2 px-3 mb-0 small")


def _status_count() -> int:
    outputs = ctx.outputs_list[1] if len(ctx.outputs_list) > 1 else []
    return len(outputs) if isinstance(outputs, list) else 0
