"""Overview: the briefing of the selected area and year (headline figures with captions),
small trends per programme, and every indicator's latest reading in a collapsed list.

The collapsed list is built when a reader first opens it, not with the page: it holds about half
of the page's components (a card per indicator), which the browser would otherwise mount, and
under Dash 4.2-4.4 mount again, at every filter change for a list that is usually never opened
(benchmarks/PROPOSALS.md, item 6)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.components.briefing import briefing_heading, missing_note, program_section
from dashboard.components.chart_card import chart_cards
from dashboard.components.filter_bar import read_filters
from dashboard.components.kpi_card import kpi_grid
from dashboard.components.navigation import program_href
from dashboard.components.notices import no_data_notice
from dashboard.components.plain_html import element, link
from dashboard.components.search import page_key
from dashboard.i18n import format_year, t
from dashboard.state import href, parse_query, restricted_to, to_query
from dashboard.userdata.session import session_dataset
from dashboard.views import build_view
from dashboard.views.briefing import build_briefing
from dashboard.views.chart_specs import programs_with_pages
from dashboard.views.kpis import coverage, headline_count, headline_kpis

FILTERS = ("area", "year")
OVERVIEW_BODY = "overview-body"
# The briefing (headline cards and captions, ~300 components at 1M generated rows, mounted
# anew at each change) is drawn by assets/plain_html.js from plain data (plain_html.py).
OVERVIEW_BRIEFING = "overview-briefing"
OVERVIEW_BRIEFING_NODES = "overview-briefing-nodes"
OVERVIEW_MODE = "overview-mode"
ALL_INDICATORS_SUMMARY = "overview-all-summary"
ALL_INDICATORS_BODY = "overview-all-body"
CALLBACK_IDS = (ALL_INDICATORS_SUMMARY, ALL_INDICATORS_BODY)  # made by update_overview
MAX_CARDS_PER_PROGRAM = 4

dash.register_page(
    __name__,
    path="/",
    order=0,
    title=t("page.overview.name"),
    filters=FILTERS,
)


def layout(**query):
    lang = parse_query(query)[0].lang
    return html.Div(
        [
            html.H1(t("overview.title", lang), className="h3 mb-1"),
            html.P(t("overview.intro", lang), className="text-muted mb-2"),
            html.Div(
                [
                    html.Span(
                        t("briefing.mode.label", lang),
                        id=f"{OVERVIEW_MODE}-label",
                        className="small text-muted",
                    ),
                    dbc.RadioItems(
                        id=OVERVIEW_MODE,
                        options=[
                            {"label": t(f"briefing.mode.{mode}", lang), "value": mode}
                            for mode in ("year", "latest")
                        ],
                        value="year",
                        inline=True,
                        className="briefing-mode small",
                    ),
                ],
                role="radiogroup",
                **{"aria-labelledby": f"{OVERVIEW_MODE}-label"},
                className="d-flex align-items-center gap-2 mb-2",
            ),
            # Outside the loading wrapper: what the browser draws there is not Dash's to keep.
            html.Div(id=OVERVIEW_BRIEFING),
            dcc.Store(id=OVERVIEW_BRIEFING_NODES),
            dcc.Loading(html.Div(id=OVERVIEW_BODY), type="dot", delay_show=400),
        ],
        className="page-overview",
    )


@callback(
    Output(OVERVIEW_BRIEFING_NODES, "data"),
    Output(OVERVIEW_BODY, "children"),
    Input(ids.FILTER_STATE, "data"),
    Input(OVERVIEW_MODE, "value"),
    State(ids.UPLOAD_STORE, "data"),
)
def update_overview(filter_data, mode="year", upload=None):
    """The briefing as plain data for the browser to draw, and the rest of the page (the
    trend cards, whose export buttons are Dash components, and the list of every indicator)."""
    state = restricted_to(read_filters(filter_data), FILTERS)
    dataset = session_dataset(upload)
    count = headline_count(dataset, state)
    lang = state.lang
    if not count:
        found = coverage(dataset, state)
        return [], no_data_notice(
            lang,
            areas=state.areas,
            year=state.year,
            nearest_years=found.nearest_years,
            areas_with_data=found.areas_with_data,
            area_name=lambda code: dataset.area_name(code, lang),
        )
    briefing = build_briefing(dataset, state, mode=mode or "year")
    told = [briefing_heading(briefing)]  # plain nodes (components/briefing.py)
    if briefing.programs:
        told.append(element("p", t("briefing.caption_hint", lang), className="small text-muted"))
    else:
        told.append(element("p", t("briefing.none", lang), className="text-muted"))
    for program in briefing.programs:
        told.append(program_section(program, state, _more_link(program.program, state)))
    told.append(missing_note(briefing))
    view = build_view("overview", dataset, state)
    sections = [html.H2(t("overview.trends", lang), className="h5 mt-4 mb-3")]
    if view.charts:
        sources = {s: dataset.source(s) for chart in view.charts for s in chart.sources}
        # Below the briefing, off the first screen: drawn when scrolled to.
        sections.append(
            chart_cards(view.charts, state=state, sources_of=sources, columns=1, deferred=True)
        )
        if view.more:
            sections.append(_more_trends(dataset, state, view.more))
    else:
        sections.append(html.P(t("overview.trends_none", lang), className="text-muted"))
    sections.append(
        html.Details(
            [
                html.Summary(
                    t("overview.all_indicators", lang, count=count),
                    id=ALL_INDICATORS_SUMMARY,
                    className="h5 mt-4 all-indicators-summary",
                ),
                html.Div(
                    html.P(t("app.loading", lang), className="text-muted small"),
                    id=ALL_INDICATORS_BODY,
                ),
            ],
            className="all-indicators mt-3",
        )
    )
    return [node for node in told if node is not None], sections


clientside_callback(
    ClientsideFunction("plainHtml", "draw"),
    Output(OVERVIEW_BRIEFING, "data-drawn"),
    Input(OVERVIEW_BRIEFING_NODES, "data"),
    State(OVERVIEW_BRIEFING, "id"),
)


@callback(
    Output(ALL_INDICATORS_BODY, "children"),
    Input(ALL_INDICATORS_SUMMARY, "n_clicks"),
    State(ids.FILTER_STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    prevent_initial_call=True,
)
def open_all_indicators(clicks, filter_data, upload=None):
    """The list of every indicator, built at the first opening after the page body was drawn
    (a new body comes with a new, unopened summary); later clicks only fold and unfold it."""
    if clicks != 1:
        raise PreventUpdate
    state = restricted_to(read_filters(filter_data), FILTERS)
    return all_indicators(session_dataset(upload), state)


def all_indicators(dataset, state):
    """Every indicator's reading for the state, a section of cards per programme."""
    lang = state.lang
    heading = (
        t("overview.headline_year", lang, year=format_year(state.year, lang))
        if state.year is not None
        else t("overview.headline_latest", lang)
    )
    every = [html.H3(heading, className="h6 mt-2 mb-3")]
    for program, program_kpis in _by_program(headline_kpis(dataset, state)).items():
        every.append(_program_section(dataset, state, program, program_kpis))
    return every


def _more_trends(dataset, state, programs):
    """The programmes whose trends the page leaves out, each linked to its own page."""
    lang = state.lang
    with_pages = set(programs_with_pages(dataset))
    query = to_query(state)
    listed: list = []
    for program in programs:
        if listed:
            listed.append("、" if lang == "zh" else ", ")
        name = dataset.program_name(program, lang)
        link = program in with_pages
        listed.append(dcc.Link(name, href=program_href(program, query)) if link else name)
    return html.P(
        [t("overview.trends_more", lang, count=len(programs)), *listed],
        className="small text-muted overview-more-trends",
    )


def _more_link(program, state):
    page = _program_page(program)
    if page is None:
        return None
    name = t(f"page.{page_key(page)}.name", state.lang)
    return link(
        t("overview.more_on_page", state.lang, page=name),
        href=href(page["path"], state),
        className="small ms-auto",
    )


def _by_program(kpis):
    groups = {}
    for kpi in kpis:
        groups.setdefault(kpi.program, []).append(kpi)
    return groups


def _program_section(dataset, state, program, kpis):
    lang = state.lang
    shown = kpis[:MAX_CARDS_PER_PROGRAM]
    title = dataset.program_name(program, lang) if program else t("overview.program_other", lang)
    header = [html.H3(title, className="h6 text-uppercase text-muted mb-2 program-heading")]
    if len(kpis) > len(shown):
        header.append(
            html.Span(
                t("overview.more_count", lang, count=len(kpis) - len(shown)),
                className="small text-muted",
            )
        )
    page = _program_page(program)
    if page is not None:
        name = t(f"page.{page_key(page)}.name", lang)
        header.append(
            dcc.Link(
                t("overview.more_on_page", lang, page=name),
                href=href(page["path"], state),
                className="small ms-auto",
            )
        )
    return html.Section(
        [
            html.Div(header, className="d-flex flex-wrap align-items-baseline column-gap-2"),
            kpi_grid(shown, state=state),
        ],
        className="program-section mb-2",
    )


def _program_page(program):
    for page in dash.page_registry.values():
        if program in page.get("programs", ()):
            return page
    return None
