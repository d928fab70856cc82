"""Upload: the template, a drop zone, the check report, and the session's preview of the upload.

A valid file is kept server-side under a random token (dashboard.userdata.upload); the browser
keeps only the token in the session store ids.UPLOAD_STORE, and every page's callback merges
it over the served data through session_dataset(). Nothing is written to the served data.
Everything the user wrote (file name, cell values) is rendered as text, never as markup.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import config, ids
from dashboard.components.filter_bar import read_filters
from dashboard.i18n import both, check_lang, format_number, format_year, keys, t
from dashboard.state import parse_query
from dashboard.userdata import upload as uploads
from dashboard.userdata.session import forget, session_dataset, upload_info
from dashboard.userdata.template import template_bytes
from dashboard.views.changes import column_labels, display_changes

FILTERS: tuple[str, ...] = ()
MAX_PROBLEMS_SHOWN = 200
MAX_CHANGES_SHOWN = 50
UPLOAD_TEMPLATE_BUTTON = "upload-template-button"
UPLOAD_TEMPLATE_DOWNLOAD = "upload-template-download"
UPLOAD_FILE = "upload-file"
UPLOAD_REPORT = "upload-report"
UPLOAD_STATUS = "upload-status"
UPLOAD_CLEAR = "upload-clear"
# Shown by assets/feedback.js when the chosen file is over the limit: the browser refuses
# it (dcc.Upload's max_size) and would otherwise say nothing.
UPLOAD_SIZE_ALERT = "upload-size-alert"
# The badge's container is the shell's (ids.UPLOAD_BADGE); its "clear" button is made here.
CALLBACK_IDS = (UPLOAD_CLEAR, ids.UPLOAD_BADGE_CLEAR)  # made by callbacks: app.validation_layout

dash.register_page(
    __name__,
    path="/upload",
    order=7,
    title=t("page.upload.name"),
    filters=FILTERS,
    state_fields=("area", "year"),  # kept in links for the next page (see pages/sources.py)
)


def layout(**query):
    lang = parse_query(query)[0].lang
    size = format_number(config.MAX_UPLOAD_BYTES / 1_048_576, lang, decimals=0)
    hours = format_number(uploads.UPLOAD_MAX_AGE_SECONDS / 3600, lang, decimals=0)
    return html.Div(
        [
            html.H1(t("upload.title", lang), className="h3 mb-1"),
            html.P(t("upload.intro", lang), className="mb-1"),
            html.P(t("upload.private", lang, hours=hours), className="text-muted small"),
            html.Div(id=UPLOAD_STATUS, **{"aria-live": "polite"}),
            dbc.Row(
                [
                    dbc.Col(_template_card(lang), md=5),
                    dbc.Col(_drop_card(lang, size), md=7),
                ],
                className="g-3 mb-3",
            ),
            html.H2(t("upload.step.report", lang), className="h5"),
            dcc.Loading(
                html.Div(
                    html.P(t("upload.report.empty", lang), className="text-muted"),
                    id=UPLOAD_REPORT,
                    **{"aria-live": "polite"},
                ),
                type="dot",
            ),
            _formats_help(lang),
        ],
        className="page-upload",
    )


def _template_card(lang: str) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("upload.step.template", lang), className="h5"),
                html.P(t("upload.template.hint", lang), className="small"),
                dbc.Button(
                    t("upload.template.button", lang),
                    id=UPLOAD_TEMPLATE_BUTTON,
                    color="primary",
                    outline=True,
                ),
                dcc.Download(id=UPLOAD_TEMPLATE_DOWNLOAD),
            ]
        ),
        className="h-100",
    )


def _drop_card(lang: str, size: str) -> dbc.Card:
    zone = dcc.Upload(
        html.Div(
            [
                html.Span(t("upload.drop.prompt", lang) + " "),
                html.A(t("upload.drop.link", lang), href="#", className="fw-bold"),
                html.Div(t("upload.drop.limit", lang, size=size), className="small text-muted"),
            ]
        ),
        id=UPLOAD_FILE,
        multiple=False,
        max_size=config.MAX_UPLOAD_BYTES,
        className="upload-drop border border-2 border-primary rounded-3 p-4 text-center bg-light",
        style={"borderStyle": "dashed", "cursor": "pointer"},
    )
    too_large = html.Div(
        id=UPLOAD_SIZE_ALERT,
        hidden=True,
        role="alert",
        className="alert alert-danger small mt-2 mb-0",
        **{
            "data-max-bytes": str(config.MAX_UPLOAD_BYTES),
            "data-message": t(
                "serving.upload_too_large", lang, filename="{filename}", size="{size}", limit=size
            ),
        },
    )
    return dbc.Card(
        dbc.CardBody([html.H2(t("upload.step.file", lang), className="h5"), zone, too_large]),
        className="h-100",
    )


def _formats_help(lang: str) -> html.Details:
    items = ["files", "areas", "numbers", "new", "refused"]
    return html.Details(
        [
            html.Summary(t("upload.formats.heading", lang), className="h6"),
            html.Ul([html.Li(t(f"upload.formats.{item}", lang)) for item in items]),
        ],
        className="mt-4 small",
    )


# ---------------------------------------------------------------- callbacks


@callback(
    Output(UPLOAD_TEMPLATE_DOWNLOAD, "data"),
    Input(UPLOAD_TEMPLATE_BUTTON, "n_clicks"),
    prevent_initial_call=True,
)
def download_template(_clicks):
    data = template_bytes(session_dataset(None))  # the served data, never a preview upload
    return dcc.send_bytes(data, "tibet-education-data-template.xlsx")


@callback(
    Output(UPLOAD_REPORT, "children"),
    Output(ids.UPLOAD_STORE, "data", allow_duplicate=True),
    Input(UPLOAD_FILE, "contents"),
    State(UPLOAD_FILE, "filename"),
    State(ids.FILTER_STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    prevent_initial_call=True,
)
def check_file(contents, filename, filter_data, previous):
    if not contents:
        raise PreventUpdate
    lang = read_filters(filter_data).lang
    served = session_dataset(None)
    report = uploads.check_upload(contents, filename, served)
    if not report.ok:
        return problems_report(report, lang), no_update  # a previous preview stays as it was
    if isinstance(previous, dict):
        forget(previous.get("token"))
    merged = session_dataset(report.store_data())
    return valid_report(report, served, merged, lang), report.store_data()


@callback(
    Output(UPLOAD_STATUS, "children"),
    Input(ids.UPLOAD_STORE, "data"),
    Input(ids.LANGUAGE, "data"),
)
def show_status(upload, language):
    lang = check_lang(language)
    info = upload_info(upload)
    if info is None:
        return None
    return dbc.Alert(
        [
            html.Span(t("upload.current", lang, filename=info["filename"]), className="me-2"),
            dbc.Button(
                t("upload.badge.clear", lang),
                id=UPLOAD_CLEAR,
                color="dark",
                outline=True,
                size="sm",
                className="py-0",
            ),
        ],
        color="warning",
        className="py-2 small d-flex align-items-center",
    )


@callback(
    Output(ids.UPLOAD_STORE, "data", allow_duplicate=True),
    Output(UPLOAD_REPORT, "children", allow_duplicate=True),
    Input(UPLOAD_CLEAR, "n_clicks"),
    State(ids.UPLOAD_STORE, "data"),
    State(ids.FILTER_STATE, "data"),
    prevent_initial_call=True,
)
def clear_on_page(clicks, upload, filter_data):
    if not clicks:
        raise PreventUpdate
    if isinstance(upload, dict):
        forget(upload.get("token"))
    lang = read_filters(filter_data).lang
    return None, html.P(t("upload.report.empty", lang), className="text-muted")


@callback(
    Output(ids.UPLOAD_STORE, "data", allow_duplicate=True),
    Output(ids.FILTER_STATE, "data", allow_duplicate=True),
    Input(ids.UPLOAD_BADGE_CLEAR, "n_clicks"),
    State(ids.UPLOAD_STORE, "data"),
    State(ids.FILTER_STATE, "data"),
    prevent_initial_call=True,
)
def clear_from_badge(clicks, upload, filter_data):
    if not clicks or ctx.triggered_id != ids.UPLOAD_BADGE_CLEAR:
        raise PreventUpdate
    if isinstance(upload, dict):
        forget(upload.get("token"))
    # Pages read the upload as State: setting the filter store again (same filters) makes
    # every chart on the page draw again, now from the embedded data alone.
    refreshed = dict(filter_data) if isinstance(filter_data, dict) else {}
    return None, refreshed


# ---------------------------------------------------------------- the report


def problems_report(report: uploads.UploadReport, lang: str) -> html.Div:
    """Every problem with where it is, the value (as text), the rule and the suggestion."""
    shown = report.problems[:MAX_PROBLEMS_SHOWN]
    headers = ["where", "row", "column", "value", "rule", "suggestion"]
    rows = [
        html.Tr(
            [
                html.Td(problem.file),
                html.Td("" if problem.row is None else str(problem.row)),
                html.Td(problem.column or ""),
                html.Td(html.Code(problem.value) if problem.value else ""),
                _in_lang(problem.rule_in(lang), problem.rule, lang),
                _in_lang(problem.suggestion_in(lang) or "", problem.suggestion or "", lang),
            ],
            className="upload-problem",
        )
        for problem in shown
    ]
    children = [
        dbc.Alert(
            [
                html.Strong(
                    t(
                        "upload.report.bad.title",
                        lang,
                        filename=report.filename,
                        count=len(report.problems),
                    )
                ),
                html.Div(t("upload.report.bad.hint", lang), className="small mt-1"),
            ],
            color="danger",
        ),
        dbc.Table(
            [
                html.Thead(html.Tr([html.Th(t(f"upload.col.{key}", lang)) for key in headers])),
                html.Tbody(rows),
            ],
            bordered=True,
            hover=True,
            responsive=True,
            size="sm",
            className="upload-problems small bg-white",
        ),
    ]
    if len(report.problems) > len(shown):
        more = len(report.problems) - len(shown)
        children.append(html.P(t("upload.report.more", lang, count=more), className="small"))
    return html.Div(children, className="upload-report-bad")


# A rule or suggestion with a fixed English text -> its catalogue key (catalog_upload.py).
RULE_TEXTS = {both(key)[1]: key for key in keys("upload.rule_text.")}


def _in_lang(text: str, as_written: str, lang: str) -> html.Td:
    """A rule or suggestion in the page's language; one with no catalogue text yet stays as
    written (English) and is marked lang="en" so a screen reader reads it as English."""
    if text == as_written and text in RULE_TEXTS:
        text = t(RULE_TEXTS[text], lang)
    untranslated = lang != "en" and text == as_written and bool(as_written)
    return html.Td(text, **({"lang": "en"} if untranslated else {}))


def valid_report(report: uploads.UploadReport, served, merged, lang: str) -> html.Div:
    first, last = report.years or (0, 0)
    years = (
        format_year(first, lang)
        if first == last
        else t("format.year_range", lang, start=first, end=last)
    )
    summary = t(
        "upload.report.ok.summary",
        lang,
        rows=format_number(report.rows, lang),
        indicators=format_number(report.indicators, lang),
        areas=format_number(report.areas, lang),
        years=years,
    )
    comparison = uploads.compare_with_served(served, merged)
    counts = comparison["change"].value_counts()
    table = display_changes(comparison.head(MAX_CHANGES_SHOWN), served, merged, lang)
    labels = column_labels(lang)
    columns = ["change", "indicator", "area", "year", "breakdown", "source", "before", "after"]
    return html.Div(
        [
            dbc.Alert(
                [
                    html.Strong(t("upload.report.ok.title", lang, filename=report.filename)),
                    html.Div(summary, className="mt-1"),
                    html.Div(t("upload.report.ok.preview", lang)),
                    dcc.Link(
                        t("upload.report.ok.go", lang),
                        href="/" if lang == "zh" else "/?lang=en",
                        className="alert-link",
                    ),
                ],
                color="success",
            ),
            html.H3(t("upload.changes.heading", lang), className="h6"),
            html.P(
                t(
                    "upload.changes.summary",
                    lang,
                    added=int(counts.get("added", 0)),
                    replaced=int(counts.get("changed", 0) + counts.get("preferred", 0)),
                    changed=int(counts.get("changed", 0)),
                ),
                className="small",
            ),
            dbc.Table(
                [
                    html.Thead(html.Tr([html.Th(labels[column]) for column in columns])),
                    html.Tbody(
                        [
                            html.Tr([html.Td(str(record[column])) for column in columns])
                            for record in table.to_dict("records")
                        ]
                    ),
                ],
                bordered=True,
                size="sm",
                responsive=True,
                className="upload-changes small bg-white",
            ),
        ],
        className="upload-report-ok",
    )
