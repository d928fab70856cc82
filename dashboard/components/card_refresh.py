"""Chart cards kept on the page: a new selection sends what changed in each card, not new cards.

A card sent anew (its parent's children replaced, or patched) is mounted anew: plotly.js draws
its chart from nothing, dcc.Graph resizes it once more ~100 ms later (it does after every first
draw), and its export buttons look new to Dash, which calls the export callback for them. When
a page shows the same cards as it has drawn (the same charts, in the same language, from the
same dataset: `drawn_key`), its callback sends each card's parts that a selection changes
instead (`card_parts`, by component id): the figure (plotly.js `react`) and the height of its
box, the title (and with it the export buttons' accessible names), the subtitle, the summary
for screen readers and the source links, which carry the state. A figure the selection left
as it was (the same JSON as drawn: a chart of every year after a year change, the map page's
coverage chart) is not sent again: plotly.js would draw it again from its new arrays (a
second for the coverage chart at 1M rows, whose every cell has a number).

The parts go to a store of the page (`parts_store`); the browser puts them into the cards
(assets/card_refresh.js, `dash_clientside.set_props`). Not as pattern-matching outputs of the
page's callback: those would match the cards of other pages too, and Dash would call the
callback there, where its page's components do not exist.

A page using it:

    layout:    parts_store(PARTS), dcc.Store(id=DRAWN)
    callback:  Output(PARTS, "data"), Output(DRAWN, "data"), State(DRAWN, "data")
               key = drawn_key(charts, state, dataset)
               body, parts, now = parts_or_cards(key, drawn, charts, state, sources, draw)
               (send `now` to DRAWN)
    at import: register(PARTS)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from dash import ClientsideFunction, Input, clientside_callback, dcc, no_update
from plotly.utils import PlotlyJSONEncoder

from dashboard import ids
from dashboard.components.chart_card import (
    EXPORT_FORMATS,
    export_button_name,
    export_group_name,
    graph_height,
    source_links,
)
from dashboard.map_boundaries import browser_figure
from dashboard.state import FilterState
from dashboard.views import Chart


def parts_store(store_id: str) -> dcc.Store:
    """Where a page's callback puts its cards' new parts for the browser."""
    return dcc.Store(id=store_id)


def register(store_id: str) -> None:
    """The browser puts the parts a page's callback sends into its cards."""
    clientside_callback(
        ClientsideFunction("cardRefresh", "apply"),
        Input(store_id, "data"),
        prevent_initial_call=True,
    )


def drawn_key(charts: Sequence[Chart], state: FilterState, dataset: Any) -> str:
    """What the cards' shape depends on: when it is the same, only their parts change."""
    return json.dumps(
        [state.lang, dataset.token(), [chart.name for chart in charts]], ensure_ascii=False
    )


def figure_digest(figure: Mapping[str, Any]) -> str:
    """A name for a figure as sent to the browser (browser_figure): equal digests, equal
    figures. A layout naming its data (its `datarevision`, a digest of the traces) stands
    for them: the traces are not encoded a second time."""
    layout = figure.get("layout")
    if isinstance(layout, Mapping) and "datarevision" in layout:
        figure = {key: value for key, value in figure.items() if key != "data"}
    text = json.dumps(figure, cls=PlotlyJSONEncoder, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def card_parts(
    charts: Sequence[Chart],
    state: FilterState,
    sources_of: Mapping[str, Mapping[str, str]],
    *,
    figures: Mapping[str, dict] | None = None,
    drawn_figures: Collection[str] = (),
) -> list[list]:
    """Each chart's new parts as [component id, {property: value}] pairs (what
    assets/card_refresh.js gives dash_clientside.set_props, in this order). `figures` may
    hold the charts' browser figures, by name, when the caller has them; the graph of a
    chart named in drawn_figures (its figure is drawn as it is) is left as it is."""
    lang = state.lang
    updates: list[list] = []
    for chart in charts:
        name, title = chart.name, chart.title
        sources = [sources_of[s] for s in chart.sources if s in sources_of]
        if name not in drawn_figures:
            made = (figures or {}).get(name)
            graph = {
                "figure": made if made is not None else browser_figure(chart.figure),
                "style": {"height": f"{graph_height(chart)}px"},  # as chart_card sizes it
            }
            updates.append([ids.chart_graph(name), graph])
        updates += [
            [ids.chart_title(name), {"children": title}],
            [ids.chart_subtitle(name), {"children": chart.subtitle}],
            [ids.chart_summary(name), {"children": chart.summary}],
            [ids.chart_source(name), {"children": source_links(sources, state)}],
            [ids.chart_export_group(name), {"aria-label": export_group_name(title, lang)}],
        ]
        for fmt in EXPORT_FORMATS:
            label = export_button_name(fmt, title, lang)
            updates.append([ids.chart_export(name, fmt), {"title": label, "aria-label": label}])
    return updates


def parts_or_cards(
    key: str | None,
    drawn: object,
    charts: Sequence[Chart],
    state: FilterState,
    sources_of: Mapping[str, Mapping[str, str]],
    draw: Callable[[], Any],
) -> tuple[Any, Any, dict | None]:
    """(body, parts, drawn now): no_update and the cards' parts that differ from what is
    drawn when the page shows these cards (drawn is what this returned for them, with the
    same key, not None); otherwise the body draw() makes, built only then, and no_update.
    `drawn now` goes to the page's store of what is drawn: the key, each chart's figure
    digest and each other part's (a title and its export buttons' names stay as they are
    after a filter change: each part sent is one more update of the renderer's store, which
    every component on the page checks, ~2.5 ms)."""
    if key is None:
        return draw(), no_update, None
    figures = {chart.name: browser_figure(chart.figure) for chart in charts}
    digests = {name: figure_digest(figure) for name, figure in figures.items()}
    graphs = {_part_key(ids.chart_graph(chart.name)): chart.name for chart in charts}
    every = [
        (_part_key(target), target, props)
        for target, props in card_parts(charts, state, sources_of, figures=figures)
    ]
    words = {part: figure_digest(props) for part, _, props in every if part not in graphs}
    now = {"key": key, "figures": digests, "parts": words}
    before = drawn if isinstance(drawn, Mapping) else {}
    if before.get("key") != key:
        return draw(), no_update, now
    shown = before.get("figures") if isinstance(before.get("figures"), Mapping) else {}
    shown_words = before.get("parts") if isinstance(before.get("parts"), Mapping) else {}

    def changed(part: str) -> bool:
        if part in graphs:
            return shown.get(graphs[part]) != digests[graphs[part]]
        return shown_words.get(part) != words[part]

    parts = [[target, props] for part, target, props in every if changed(part)]
    return no_update, parts, now


def _part_key(target: object) -> str:
    return json.dumps(target, sort_keys=True)
