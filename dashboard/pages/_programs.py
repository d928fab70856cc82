"""Shared by the dropout, aid and teachers pages: their layout and how a view is rendered.

Not a page itself (Dash Pages skips modules whose name starts with "_").
"""

from __future__ import annotations

from collections.abc import Collection

from dash import dcc, html

from dashboard.components.chart_card import chart_cards
from dashboard.i18n import t
from dashboard.state import FilterState, parse_query, restricted_to
from dashboard.userdata.session import session_dataset
from dashboard.views import build_view

FILTERS = ("area", "year", "year_range")


def program_layout(page: str, body_id: str, query: dict) -> html.Div:
    """Title, introduction and the (callback-filled) chart grid of a programme page."""
    lang = parse_query(query)[0].lang
    return html.Div(
        [
            html.H1(t(f"{page}.title", lang), className="h3 mb-1"),
            html.P(t(f"{page}.intro", lang), className="text-muted mb-3"),
            dcc.Loading(html.Div(id=body_id), type="dot", delay_show=400),
        ],
        className=f"page-{page}",
    )


def program_body(
    page: str, state: FilterState, upload: object, *, wide: Collection[str] = ()
) -> list:
    """The page's charts for the state as chart cards: two per row, `wide` ones full width."""
    state = restricted_to(state, FILTERS)
    dataset = session_dataset(upload)
    view = build_view(page, dataset, state)
    sources = {source: dataset.source(source) for chart in view.charts for source in chart.sources}
    rows: list[tuple[int, list]] = []
    for chart in view.charts:
        columns = 1 if chart.name in wide else 2
        if rows and rows[-1][0] == columns == 2 and len(rows[-1][1]) < 2:
            rows[-1][1].append(chart)
        else:
            rows.append((columns, [chart]))
    return [
        chart_cards(charts, state=state, sources_of=sources, columns=columns)
        for columns, charts in rows
    ]
