"""Shared by the programme pages: their layout and how a programme's view is rendered.

Not a page itself (Dash Pages skips modules whose name starts with "_"). `/program/<id>`
renders any programme; `/dropout`, `/aid` and `/teachers` are kept as links to three of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dash import Output, dcc, html

from dashboard.components.card_refresh import drawn_key, parts_or_cards, parts_store
from dashboard.components.chart_card import chart_cards
from dashboard.i18n import t
from dashboard.state import FilterState, parse_query
from dashboard.userdata.session import session_dataset
from dashboard.views import build_view
from dashboard.views.chart_specs import program_specs
from dashboard.views.programme import PAGE_PROGRAMS, program_intro, program_title

FILTERS = ("area", "year", "year_range")
BODY = "programme-body"  # every programme page's chart grid (and its stores' prefix)
PROGRAM_STORE = "programme-program"  # the programme the page shows


def program_layout(program: str, query: dict) -> html.Div:
    """Title, introduction and the (callback-filled) chart grid of a programme page."""
    lang = parse_query(query)[0].lang
    dataset = session_dataset(None)
    return html.Div(
        [
            html.H1(
                program_title(dataset, program, lang),
                id=title_id(BODY),
                className="h3 mb-1 programme-title",
            ),
            html.P(program_intro(program, lang), className="text-muted mb-3"),
            dcc.Store(id=PROGRAM_STORE, data=program),
            dcc.Store(id=drawn_id(BODY)),
            parts_store(parts_id(BODY)),
            dcc.Loading(html.Div(id=BODY), type="dot", delay_show=400),
        ],
        className=f"page-programme page-{_page_of(program)}",
    )


def drawn_id(body_id: str) -> str:
    """The store of what the page's body has drawn (card_refresh.drawn_key)."""
    return f"{body_id}-drawn"


def parts_id(body_id: str) -> str:
    """The store of the cards' new parts (card_refresh.card_parts)."""
    return f"{body_id}-parts"


def title_id(body_id: str) -> str:
    """The page title's id: the body callback writes it too (an upload's programme is
    named only in the session's dataset, which the layout does not see)."""
    return f"{body_id}-title"


def _page_of(program: str) -> str:
    return next((page for page, value in PAGE_PROGRAMS.items() if value == program), program)


def program_body(program: object, state: FilterState, upload: object) -> tuple[str, list]:
    """The programme's title and its charts for the state as chart cards: two per row, wide
    ones alone."""
    title, _charts, draw, _dataset = _program_page(program, state, session_dataset(upload))
    return title, draw()


def program_outputs(body_id: str) -> dict[str, Output]:
    """A programme page callback's outputs: its title, its body, what the body has drawn
    (card_refresh), and the cards' new parts."""
    return {
        "title": Output(title_id(body_id), "children"),
        "body": Output(body_id, "children"),
        "drawn": Output(drawn_id(body_id), "data"),
        "parts": Output(parts_id(body_id), "data"),
    }


def program_update(program: object, state: FilterState, upload: object, drawn: object) -> dict:
    """The value of each of program_outputs: when the page shows the same cards as before
    (drawn), only their parts; otherwise the whole body."""
    program = str(program or "")
    title, charts, draw, dataset = _program_page(program, state, session_dataset(upload))
    key = f"{program} {drawn_key(charts, state, dataset)}" if charts else None
    sources = {s: dataset.source(s) for chart in charts for s in chart.sources}
    body, parts, now = parts_or_cards(key, drawn, charts, state, sources, draw)
    return {"title": title, "body": body, "drawn": now, "parts": parts}


def _program_page(program: object, state: FilterState, dataset):  # noqa: ANN001, ANN202
    """(title, the charts, a function that makes the body, the dataset) of a programme's
    page; the body's cards are made only when they are sent."""
    program = str(program or "")
    if not program:  # "/program": every programme, grouped as in the menu
        index = [programme_index(dataset, state)]
        return t("programme.nav.all", state.lang), [], lambda: index, dataset
    if program not in set(dataset.catalogue.programs.index):
        # A mistyped or old link: say so, and offer the programmes there are.
        missing = t("programme.not_found", state.lang, program=program)
        choose = html.P(t("programme.not_found_choose", state.lang), className="lead")
        return missing, [], lambda: [choose, programme_index(dataset, state)], dataset
    charts = _charts(dataset, program, state)
    title = program_title(dataset, program, state.lang)
    return title, charts, lambda: _cards(dataset, program, charts, state), dataset


def programme_index(dataset, state: FilterState) -> html.Div:  # noqa: ANN001
    from dashboard.components.navigation import grouped_programs, program_href
    from dashboard.state import to_query
    from dashboard.views.chart_specs import programs_with_pages

    names = dataset.catalogue.programs["name_zh" if state.lang == "zh" else "name_en"]
    query = to_query(state)
    return html.Div(
        [
            html.Section(
                [
                    html.H2(t(f"programme.nav.group.{theme}", state.lang), className="h5"),
                    html.Ul(
                        [
                            html.Li(dcc.Link(str(names[p]), href=program_href(p, query)))
                            for p in members
                        ]
                    ),
                ]
            )
            for theme, members in grouped_programs(programs_with_pages(dataset))
        ],
        className="programme-index",
    )


def _charts(dataset, program: str, state: FilterState) -> list:  # noqa: ANN001
    """The programme's charts for the state."""
    page = _page_of(program)
    if page in PAGE_PROGRAMS:
        return list(build_view(page, dataset, state).charts)
    return list(build_view("programme", dataset, replace(state, program=program)).charts)


def _cards(dataset, program: str, charts: list, state: FilterState) -> list:  # noqa: ANN001
    """The charts as cards: two a row, wide ones alone."""
    if not charts:
        return [html.P(t("programme.no_charts", state.lang), className="text-muted")]
    wide = {spec.chart for spec in program_specs(dataset, program) if spec.wide}
    sources = {source: dataset.source(source) for chart in charts for source in chart.sources}
    rows: list[tuple[int, list]] = []
    for chart in charts:
        columns = 1 if chart.name in wide else 2
        if rows and rows[-1][0] == columns == 2 and len(rows[-1][1]) < 2:
            rows[-1][1].append(chart)
        else:
            rows.append((columns, [chart]))
    return [
        chart_cards(row, state=state, sources_of=sources, columns=columns) for columns, row in rows
    ]


def legacy_page(page: str, program: str, *, order: int) -> tuple[dict, Callable[..., html.Div]]:
    """What `/<page>` (a path that had its own page) registers, and its layout: the
    programme's page, with the same components, so that the programme page's callback
    (pages/programme.py) draws it. Not in the navigation bar: the programme menu lists the
    programme. (Dash Pages imports only modules that call register_page themselves.)

    No callback of its own: each callback on the filter state is looked at by the browser
    at every filter change, on every page, even where its outputs are not drawn."""
    registration = {
        "path": f"/{page}",
        "order": order,
        "title": t(f"page.{page}.name"),
        "filters": FILTERS,
        "programs": (program,),
        "nav": False,
    }

    def layout(**query):
        return program_layout(program, query)

    return registration, layout
