"""The navigation's programme menu: every programme with a page, grouped by theme.

Twelve or more programmes stay readable in both languages and on a phone: one "Programmes"
dropdown with a header per theme (the menu scrolls when taller than the screen). A
programme the embedded data does not know (an upload's preview, an import) is listed under
"Other programmes" and links to its page like the others.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html

from dashboard import ids
from dashboard.i18n import t
from dashboard.state import FilterState, from_store, to_query
from dashboard.userdata.session import session_dataset
from dashboard.views.chart_specs import programs_with_pages

MENU = "nav-programmes"
# Themes of the embedded programmes, in menu order; any other programme goes to "other".
THEMES: dict[str, tuple[str, ...]] = {
    "access": (
        "dropout_control",
        "enrolment",
        "student_aid",
        "talent_support",
        "east_west",
    ),
    "teachers": ("teachers", "putonghua", "ict"),
    "resources": (
        "education_funding",
        "school_construction",
        "balanced_development",
        "schools",
    ),
    "poverty": ("poverty_exit", "context"),
}


def program_href(program: str, query: str = "") -> str:
    return f"/program/{program}{query}"


def grouped_programs(programs: list[str]) -> list[tuple[str, list[str]]]:
    """(theme, programmes) in menu order; themes without programmes left out."""
    present = set(programs)
    groups = [
        (theme, [program for program in members if program in present])
        for theme, members in THEMES.items()
    ]
    themed = {program for _, members in groups for program in members}
    groups.append(("other", [program for program in programs if program not in themed]))
    return [(theme, members) for theme, members in groups if members]


def programmes_menu(lang: str) -> html.Div:
    """The menu's place in the navigation bar, filled for the served data (then by callback)."""
    return html.Div(  # a sibling of the other links (div.nav-item), not a list item
        _menu(session_dataset(None), FilterState(lang=lang), None),
        id=MENU,
        className="nav-item programme-nav",
    )


def _menu(dataset, state: FilterState, pathname: str | None) -> dbc.DropdownMenu:  # noqa: ANN001
    lang = state.lang
    query = to_query(state)
    programs = dataset.catalogue.programs
    column = "name_zh" if lang == "zh" else "name_en"
    items: list = []
    current = _current_program(pathname)
    for theme, members in grouped_programs(programs_with_pages(dataset)):
        items.append(dbc.DropdownMenuItem(t(f"programme.nav.group.{theme}", lang), header=True))
        items += [
            dbc.DropdownMenuItem(
                str(programs.at[program, column]),
                href=program_href(program, query),
                active=program == current,
                className="programme-nav-item",
            )
            for program in members
        ]
    return dbc.DropdownMenu(
        items,
        label=t("programme.nav.menu", lang),
        nav=True,
        in_navbar=True,
        className="programme-menu",
        toggleClassName="active" if current else "",
    )


def _current_program(pathname: str | None) -> str | None:
    from dashboard.views.programme import PAGE_PROGRAMS

    parts = (pathname or "/").strip("/").split("/")
    if parts[0] == "program" and len(parts) > 1:
        return parts[1]
    return PAGE_PROGRAMS.get(parts[0])


@callback(
    Output(MENU, "children"),
    Input(ids.FILTER_STATE, "data"),
    Input(ids.URL, "pathname"),
    Input(ids.UPLOAD_STORE, "data"),  # an upload's programmes appear as soon as it is read
)
def update_programmes_menu(store, pathname, upload):
    """The menu in the reader's language, with the upload's programmes, keeping the filters."""
    return _menu(session_dataset(upload), from_store(store), pathname)
