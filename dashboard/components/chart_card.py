"""The chart card every page uses: title, filters in words, graph, sources, summary, exports.

`chart_card(chart, lang=..., sources=..., state=...)` renders a `dashboard.views.Chart`.
The parts have pattern-matching IDs from `dashboard.ids` (chart_graph(name), chart_summary(name)
...) so a callback can update one part; most pages simply re-render the cards.
The export buttons have IDs ids.chart_export(name, fmt); the export module wires them.

A deferred card (`deferred=True`, for charts below the first screen) carries its graph as JSON
in an empty box of the graph's height; assets/deferred_charts.js puts the graph in when the box
comes near the screen, so a page's first draw does not wait for charts nobody sees yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html
from plotly.io.json import to_json_plotly

from dashboard import ids
from dashboard.figures.common import figure_height, plotly_config
from dashboard.i18n import join_list, t
from dashboard.map_boundaries import browser_figure
from dashboard.state import FilterState, href
from dashboard.views import Chart, source_names

EXPORT_FORMATS = ("png", "svg", "pdf")
SOURCES_PATH = "/sources"
DEFAULT_HEIGHT = 360
DEFERRED_CLASS = "chart-deferred"  # assets/deferred_charts.js and app.css


def source_href(source: str, state: FilterState) -> str:
    """The Sources page scrolled to one source, keeping the language and filters."""
    return href(SOURCES_PATH, state, fragment=ids.source_anchor(source), source=source)


def source_links(
    sources: Sequence[Mapping[str, str]], state: FilterState, *, limit: int = 3
) -> list:
    """ "来源：新华社 2020-03-23、…" with each source a link to its entry on the Sources page."""
    if not sources:
        return []
    parts: list = [t("chart.source_label", state.lang)]
    for index, source in enumerate(sources[:limit]):
        if index:
            parts.append(t("format.list_separator", state.lang))
        text = source_names.label(source, state.lang)
        parts.append(dcc.Link(text, href=source_href(str(source.get("source", "")), state)))
    if len(sources) > limit:
        parts.append(" " + t("chart.source_more", state.lang, count=len(sources) - limit))
    return parts


def graph_height(chart: Chart, height: int | None = None) -> int:
    """The height of a card's graph box: the one asked for, the figure's, or the default."""
    return height or figure_height(chart.figure) or DEFAULT_HEIGHT


def export_button_name(fmt: str, title: str, lang: str) -> str:
    """The accessible name (and tooltip) of one export button of a chart titled `title`."""
    return t("export.chart_button", lang, format=fmt.upper(), title=title)


def export_group_name(title: str, lang: str) -> str:
    return t("export.chart_group", lang, title=title)


def export_buttons(name: str, title: str, lang: str) -> html.Div:
    """PNG/SVG/PDF buttons (html buttons, so that each can carry an accessible name)."""
    return html.Div(
        [
            html.Button(
                fmt.upper(),
                id=ids.chart_export(name, fmt),
                type="button",
                className="btn btn-outline-secondary btn-sm",
                title=export_button_name(fmt, title, lang),
                **{"aria-label": export_button_name(fmt, title, lang)},
            )
            for fmt in EXPORT_FORMATS
        ],
        id=ids.chart_export_group(name),
        role="group",
        className="btn-group btn-group-sm chart-export",
        **{"aria-label": export_group_name(title, lang)},
    )


def chart_card(
    chart: Chart,
    *,
    state: FilterState,
    sources: Sequence[Mapping[str, str]] = (),
    height: int | None = None,
    className: str = "",
    deferred: bool = False,
) -> dbc.Card:
    """A card for one chart; sources are the dicts of dataset.source(id) for chart.sources.
    With deferred, the graph is drawn when the card comes near the screen."""
    lang = state.lang
    figure_height = graph_height(chart, height)
    graph = dcc.Graph(
        id=ids.chart_graph(chart.name),
        figure=browser_figure(chart.figure),  # a map's boundaries by URL
        config=plotly_config(chart.name, lang),
        style={"height": f"{figure_height}px"},
        className="chart-graph",
    )
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.H3(chart.title, id=ids.chart_title(chart.name), className="h6 mb-0"),
                    html.P(
                        chart.subtitle,
                        id=ids.chart_subtitle(chart.name),
                        className="chart-subtitle small text-muted mb-0",
                    ),
                ],
                className="bg-white border-0 pb-0",
            ),
            dbc.CardBody(
                html.Figure(
                    [
                        deferred_graph(graph, chart.name, figure_height) if deferred else graph,
                        html.Figcaption(
                            chart.summary,
                            id=ids.chart_summary(chart.name),
                            className="visually-hidden",
                        ),
                    ],
                    className="mb-0",
                ),
                className="py-1 px-2",
            ),
            dbc.CardFooter(
                [
                    html.Div(
                        source_links(sources, state),
                        id=ids.chart_source(chart.name),
                        className="chart-source small text-muted",
                    ),
                    export_buttons(chart.name, chart.title, lang),
                ],
                className="bg-white d-flex flex-wrap gap-2 justify-content-between "
                "align-items-center",
            ),
        ],
        id=ids.chart_anchor(chart.name),
        className=f"chart-card h-100 shadow-sm {className}".strip(),
    )


def deferred_graph(graph: dcc.Graph, name: str, height: int) -> html.Div:
    """An empty box of the graph's height holding the graph (id, figure, config) as JSON."""
    return html.Div(
        id=ids.chart_slot(name),
        className=f"chart-graph {DEFERRED_CLASS}",
        style={"height": f"{height}px"},
        **{"data-graph": to_json_plotly(graph.to_plotly_json())},
    )


def chart_cards(
    charts: Sequence[Chart],
    *,
    state: FilterState,
    sources_of: Mapping[str, Mapping[str, str]],
    columns: int = 2,
    height: int | None = None,
    deferred: bool = False,
) -> dbc.Row:
    """Cards in a responsive grid: one column on phones, `columns` from large screens up."""
    width = {1: 12, 2: 6, 3: 4, 4: 3}.get(columns, 6)
    return dbc.Row(
        [
            dbc.Col(
                chart_card(
                    chart,
                    state=state,
                    sources=[sources_of[s] for s in chart.sources if s in sources_of],
                    height=height,
                    deferred=deferred,
                ),
                xs=12,
                md=6 if columns > 1 else 12,
                lg=width,
                className="mb-3",
            )
            for chart in charts
        ],
        className="g-3",
    )


def subtitle_text(parts: Sequence[str], lang: str) -> str:
    """The filters in words, joined for a subtitle."""
    return join_list([part for part in parts if part], lang)
