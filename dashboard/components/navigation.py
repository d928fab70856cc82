"""The navigation's programme menu: every programme with a page, grouped by theme.

Twelve or more programmes stay readable in both languages and on a phone: one "Programmes"
dropdown with a header per theme (the menu scrolls when taller than the screen). A
programme the embedded data does not know (an upload's preview, an import) is listed under
"Other programmes" and links to its page like the others.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import ids
from dashboard.i18n import t
from dashboard.state import FilterState, to_query
from dashboard.userdata.session import session_dataset
from dashboard.views.chart_specs import programs_with_pages

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
    """The menu's place in the navigation bar, filled for the served data; the shell's
    render_shell redraws it for the reader's language and data and keeps its links' filters
    (`menu_links`)."""
    return html.Div(  # a sibling of the other links (div.nav-item), not a list item
        menu(session_dataset(None), FilterState(lang=lang), None),
        id=ids.PROGRAMME_MENU,
        className="nav-item programme-nav",
    )


def menu(dataset, state: FilterState, pathname: str | None) -> dbc.DropdownMenu:  # noqa: ANN001
    """Every programme with a page, grouped by theme, in the reader's language."""
    lang = state.lang
    query = to_query(state)
    programs = dataset.catalogue.programs
    column = "name_zh" if lang == "zh" else "name_en"
    items: list = []
    current = current_program(pathname)
    for theme, members in grouped_programs(programs_with_pages(dataset)):
        items.append(dbc.DropdownMenuItem(t(f"programme.nav.group.{theme}", lang), header=True))
        items += [
            dbc.DropdownMenuItem(
                str(programs.at[program, column]),
                href=program_href(program, query),
                active=program == current,
                className="programme-nav-item",
                id=ids.programme_link(program),
            )
            for program in members
        ]
    return dbc.DropdownMenu(
        items,
        label=t("programme.nav.menu", lang),
        nav=True,
        in_navbar=True,
        className="programme-menu",
        toggleClassName=toggle_class(current),
        id=ids.PROGRAMME_DROPDOWN,
    )


def menu_links(programs: list[str], state: FilterState, pathname: str | None) -> dict:
    """The drawn menu's links after a filter change or a move: {"href", "active"}, one per
    item (in the order `programs` lists them), and the toggle's class."""
    query = to_query(state)
    current = current_program(pathname)
    return {
        "href": [program_href(program, query) for program in programs],
        "active": [program == current for program in programs],
        "toggle": toggle_class(current),
    }


def toggle_class(current: str | None) -> str:
    return "active" if current else ""


def current_program(pathname: str | None) -> str | None:
    from dashboard.views.programme import PAGE_PROGRAMS

    parts = (pathname or "/").strip("/").split("/")
    if parts[0] == "program" and len(parts) > 1:
        return parts[1]
    return PAGE_PROGRAMS.get(parts[0])
