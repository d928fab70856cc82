"""Sources: every source document with the sentences quoted from it and the values they support.

`/sources?source=<id>` (what every chart card and table row links to) scrolls to that source
and highlights it; the card's HTML id is ids.source_anchor(id), so `#source-<id>` works too.
"""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import ids
from dashboard.components.filter_bar import read_filters
from dashboard.components.plain_html import plain_list
from dashboard.i18n import t
from dashboard.state import parse_query, shorten
from dashboard.userdata.session import session_dataset
from dashboard.views.source_names import text_lang
from dashboard.views.sources import SourceEntry, source_entries

FILTERS: tuple[str, ...] = ()
SOURCES_SELECTED = "sources-selected"
SOURCES_LIST = "sources-list"  # drawn by assets/plain_html.js from SOURCES_CARDS
SOURCES_CARDS = "sources-cards"
SOURCES_COUNT = "sources-count"
SOURCES_DRAWN = "sources-drawn"  # the language and data the list was drawn for
SELECTED_CLASS = "source-selected border-primary border-2"

dash.register_page(
    __name__,
    path="/sources",
    order=6,
    title=t("page.sources.name"),
    filters=FILTERS,
    # No filter bar here, but a link to this page keeps the area and year, so that they
    # survive a visit to the sources on the way to the next page (shell.links.page_query).
    state_fields=("area", "year"),
)


def layout(source=None, **query):
    lang = parse_query(query)[0].lang
    selected = None
    if isinstance(source, str) and source:
        selected = {"source": source, "anchor": ids.source_anchor(source)}
    return html.Div(
        [
            dcc.Store(id=SOURCES_SELECTED, data=selected),
            dcc.Store(id=SOURCES_DRAWN),
            dcc.Store(id=SOURCES_CARDS),
            html.H1(t("sources.title", lang), className="h3 mb-1"),
            html.P(t("sources.intro", lang), className="text-muted mb-1"),
            html.P(id=SOURCES_COUNT, className="small text-muted"),
            html.Div(id=SOURCES_LIST, className="sources-list"),
        ],
        className="page-sources",
    )


@callback(
    Output(SOURCES_CARDS, "data"),
    Output(SOURCES_COUNT, "children"),
    Output(SOURCES_DRAWN, "data"),
    Input(ids.FILTER_STATE, "data"),
    State(SOURCES_SELECTED, "data"),
    State(ids.UPLOAD_STORE, "data"),
    State(SOURCES_DRAWN, "data"),
)
def update_sources(filter_data, selected, upload, drawn=None):
    lang = read_filters(filter_data).lang
    dataset = session_dataset(upload)
    frame = f"{lang} {dataset.token()}"
    if drawn == frame:
        # The list depends on the language and the data only: an area or year change (the
        # links here keep them) leaves it as it is.
        return dash.no_update, dash.no_update, dash.no_update
    entries = source_entries(dataset, lang)
    known = {entry.id for entry in entries}
    selected = selected.get("source") if isinstance(selected, dict) else None
    children = []
    if selected and selected not in known:
        children.append(
            html.Div(
                t("sources.unknown", lang, source=shorten(selected)),
                role="alert",
                className="alert alert-warning small",
            )
        )
    children += [source_card(entry, lang, selected=entry.id == selected) for entry in entries]
    count = t(
        "sources.count",
        lang,
        count=len(entries),
        quotes=sum(len(entry.quotes) for entry in entries),
    )
    # Drawn by the browser from plain data, not mounted as ~1,200 Dash components
    # (components/plain_html.py).
    return plain_list(children), count, frame


def source_card(entry: SourceEntry, lang: str, *, selected: bool) -> html.Article:
    """One source. Kept to few components (a page of ~45 sources and ~200 values would
    otherwise take the browser seconds to draw): the values are lines of plain text."""
    separator = "：" if lang == "zh" else ": "
    via = (
        _link(entry.via_url, lang)
        if entry.via_url
        else t("sources.via_same" if entry.url else "sources.no_link", lang)
    )
    body: list = []
    if selected:
        body.append(html.Span(t("sources.selected", lang), className="badge bg-primary mb-1"))
    body += [
        html.H2(entry.title, className="h6 mb-1", lang=text_lang(entry.title)),
        *_original_title(entry, lang),
        html.P(
            f"{t('sources.publisher', lang)}{separator}{entry.publisher or '—'} · "
            f"{t('sources.date', lang)}{separator}{entry.date or t('format.date_unknown', lang)}",
            className="small mb-1",
        ),
        html.P(
            [t("sources.link", lang) + separator, _link(entry.url, lang)],
            className="small mb-1 text-break",
        ),
        html.P(
            [t("sources.via", lang) + separator, via],
            className="small mb-2 text-break source-via",
        ),
    ]
    if not entry.quotes:
        body.append(html.P(t("sources.no_quotes", lang), className="small text-muted mb-0"))
    alternative = t("sources.alternative", lang)
    for quote in entry.quotes:
        lines = [
            f"• {value.text}"
            + (
                ""
                if value.preferred
                else (f"（{alternative}）" if lang == "zh" else f" ({alternative})")
            )
            for value in quote.values
        ]
        body += [
            html.Blockquote(
                quote.quote or t("sources.no_quote_text", lang),
                className="source-quote border-start border-3 ps-2 mb-1",
                # a quote stays verbatim in its own language, marked for screen readers
                **({"lang": text_lang(quote.quote)} if quote.quote else {}),
            ),
            html.Div(
                "\n".join(lines),
                className="source-values small mb-2 ps-2",
                style={"whiteSpace": "pre-line"},  # one line per value, still plain text
            ),
        ]
    return html.Article(
        html.Div(body, className="card-body"),
        id=ids.source_anchor(entry.id),
        tabIndex="-1",
        className=f"card source-card shadow-sm mb-3 {SELECTED_CLASS if selected else ''}".strip(),
        **({"aria-current": "true"} if selected else {}),
    )


def _original_title(entry: SourceEntry, lang: str) -> list:
    """ "Original title: 《…》" under a translated title, marked with its own language."""
    if not entry.original_title:
        return []
    separator = "：" if lang == "zh" else ": "
    return [
        html.P(
            [
                t("sources.original_title", lang) + separator,
                html.Span(entry.original_title, lang=text_lang(entry.original_title)),
            ],
            className="small text-muted mb-1 source-original-title",
        )
    ]


def _link(url: str, lang: str):
    if not url:
        return t("sources.no_link", lang)
    return html.A(url, href=url, target="_blank", rel="noopener noreferrer")


# Draw the list, then scroll to the source the link names (the browser's own jump to
# #source-<id> happens before the cards exist).
clientside_callback(
    ClientsideFunction("plainHtml", "draw"),
    Output(SOURCES_LIST, "data-drawn"),
    Input(SOURCES_CARDS, "data"),
    State(SOURCES_LIST, "id"),
    State(SOURCES_SELECTED, "data"),
)
