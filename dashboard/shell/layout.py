"""The shell's layout: navigation, the filter bar (from the filter records), notices, footer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import config, ids
from dashboard.components.navigation import programmes_menu
from dashboard.components.notices import data_refresh_slot
from dashboard.components.search import page_key, search_box
from dashboard.export import ui as export_ui
from dashboard.i18n import has, t
from dashboard.shell.filters import FILTERS, filter_group

if TYPE_CHECKING:
    from dashboard.data.store import Dataset


def nav_pages() -> list[dict]:
    """Registered pages shown in the navigation bar, in their declared order."""
    return [page for page in dash.page_registry.values() if page.get("nav", True)]


def page_label(page: dict, lang: str) -> str:
    key = f"page.{page_key(page)}.name"
    return t(key, lang) if has(key) else str(page["name"])


def page_for_path(pathname: str | None) -> dict | None:
    path = "/" + (pathname if isinstance(pathname, str) else "/").strip("/")
    for page in dash.page_registry.values():
        if page["path"] == path:
            return page
    for page in dash.page_registry.values():  # "/program/<program>": any programme's page
        template = page.get("path_template")
        if template and "<" in template and path.startswith(template.split("<")[0]):
            return page
    return None


def navbar(lang: str) -> dbc.Navbar:
    links = [
        dbc.NavItem(
            dbc.NavLink(page_label(page, lang), href=page["path"], id=ids.nav_link(page_key(page)))
        )
        for page in nav_pages()
    ]
    links.insert(1, programmes_menu(lang))  # after the overview: every programme, grouped
    language = html.Div(
        [
            dbc.NavLink(
                html.Span(t("nav.lang.zh", lang), lang="zh"),
                id=ids.LANG_ZH,
                href="/",
                className="px-2",
            ),
            html.Span("|", className="text-white-50", **{"aria-hidden": "true"}),
            dbc.NavLink(
                html.Span(t("nav.lang.en", lang), lang="en"),
                id=ids.LANG_EN,
                href="/?lang=en",
                className="px-2",
            ),
        ],
        className="nav lang-switch d-flex align-items-center",
        role="group",
        **{"aria-label": t("nav.language", lang)},
    )
    export_menu = dbc.DropdownMenu(
        [
            dbc.DropdownMenuItem(t("export.deck", lang), id=ids.EXPORT_DECK),
            dbc.DropdownMenuItem(t("export.data", lang), id=ids.EXPORT_DATA),
            *export_ui.page_export_items(lang),
            dbc.DropdownMenuItem(divider=True),
            # Presentation mode (assets/presentation.js): large type, no chrome, same filters.
            dbc.DropdownMenuItem(
                t("export.present", lang),
                id=ids.EXPORT_PRESENT,
                href="#present",
                external_link=True,
            ),
        ],
        id=ids.EXPORT_MENU,
        label=t("export.menu", lang),
        nav=True,
        in_navbar=True,
        align_end=True,
    )
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(t("app.brand", lang), id=ids.BRAND, href="/", className="brand"),
                dbc.NavbarToggler(id=ids.NAVBAR_TOGGLER, n_clicks=0),
                dbc.Collapse(
                    [
                        html.Nav(
                            dbc.Nav(links, navbar=True, className="me-auto"),
                            id=ids.NAVBAR,
                            **{"aria-label": t("nav.label", lang)},
                        ),
                        html.Div(
                            [search_box(lang), dbc.Nav([export_menu], navbar=True), language],
                            className="d-flex flex-column flex-xl-row align-items-xl-center gap-2",
                        ),
                    ],
                    id=ids.NAVBAR_COLLAPSE,
                    is_open=False,
                    navbar=True,
                ),
            ],
            fluid="xl",
        ),
        color="primary",
        dark=True,
        expand="xl",
        className="shell-navbar",
    )


def shell_attributes(lang: str) -> list[list]:
    """Accessible names of the shell's persistent parts, for the page language.

    The shell is laid out once per browser load, while the language changes by navigation
    inside the app; these [selector, attribute, value] triples are applied in the browser
    (assets/dashboard.js, applyDocumentMeta) to what render_shell does not output: names set
    as attributes, and the defaults of third-party widgets (the navbar toggler's "Toggle
    navigation", the year slider's "Minimum"/"Maximum" thumbs). A list value names each
    match in turn.
    """
    return [
        [f"#{ids.NAVBAR}", "aria-label", t("nav.label", lang)],
        [f"#{ids.NAVBAR_TOGGLER}", "aria-label", t("nav.toggle", lang)],
        [".lang-switch", "aria-label", t("nav.language", lang)],
        [f"#{ids.FILTER_BAR}", "aria-label", t("filter.bar_label", lang)],
        [f"label[for='{ids.SEARCH_INPUT}']", "textContent", t("search.label", lang)],
        [
            f"#{ids.FILTER_YEAR_RANGE} [role='slider']",
            "aria-label",
            [t("filter.year_range.from", lang), t("filter.year_range.to", lang)],
        ],
    ]


BAR_CLASS = "filter-bar py-2"


def bar_class(declared: set[str]) -> str:
    """The filter bar's classes: hidden on a page that declares no filter (Sources, Upload),
    where a lone "Clear selection" would clear what the page does not show."""
    return BAR_CLASS if declared else f"{BAR_CLASS} d-none"


def filter_bar(dataset: Dataset, lang: str) -> html.Section:
    """One group per filter record, the clear button, the filters in words and the rule note."""
    clear = dbc.Col(
        html.Button(
            t("filter.clear", lang),
            id=ids.FILTER_CLEAR,
            type="button",
            className="btn btn-outline-primary btn-sm filter-clear",
            title=t("filter.clear_hint", lang),
        ),
        xs="auto",
        className="d-flex align-items-end filter-clear-col",
    )
    groups = [filter_group(record, dataset, lang) for record in FILTERS]
    panel = html.Div(
        [
            dbc.Row([*groups, clear], className="g-2 align-items-end"),
            html.P(id=ids.FILTER_NOTE, className="filter-note small text-muted mb-0 mt-1"),
        ],
        id=ids.FILTER_PANEL,
        className="filter-panel",
    )
    return html.Section(
        [
            compact_line(lang),
            panel,
            html.P(id=ids.FILTER_SUMMARY, className="visually-hidden", **{"aria-live": "polite"}),
        ],
        id=ids.FILTER_BAR,
        className=BAR_CLASS,
        **{"aria-label": t("filter.bar_label", lang)},
    )


def compact_line(lang: str) -> html.Div:
    """Phones only (CSS, under 768 px): the choices in short and the button that shows the panel.

    A plain button whose aria-expanded a clientside callback flips, and a class on the panel
    that the stylesheet reads only on narrow screens: on wider ones the panel always shows and
    this line is hidden, whatever the button's state (dbc.Collapse or <details> would hide the
    controls at every width when closed).
    """
    return html.Div(
        [
            html.P(
                id=ids.FILTER_COMPACT_TEXT,
                className="filter-compact-text small mb-0",
            ),
            html.Button(
                t("filter.toggle", lang),
                id=ids.FILTER_TOGGLE,
                type="button",
                n_clicks=0,
                className="btn btn-outline-primary btn-sm filter-toggle",
                **{"aria-expanded": "false", "aria-controls": ids.FILTER_PANEL},
            ),
        ],
        id=ids.FILTER_COMPACT,
        className="filter-compact",
    )


def shell_layout(dataset: Dataset, lang: str = config.DEFAULT_LANG) -> html.Div:
    return html.Div(
        [
            html.A(
                t("app.skip_to_main", lang),
                id=ids.SKIP_LINK,
                href=f"#{ids.MAIN}",
                className="visually-hidden-focusable skip-link",
            ),
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Location(id=ids.NAVIGATE, refresh="callback-nav"),
            dcc.Store(id=ids.FILTER_STATE),
            dcc.Store(id=ids.UPLOAD_STORE, storage_type="session"),
            dcc.Store(id=ids.CROSSFILTER_CLICK),
            dcc.Store(id=ids.LANGUAGE, data=lang),
            dcc.Store(id=ids.DOCUMENT_META),
            dcc.Download(id=ids.EXPORT_DOWNLOAD),
            dcc.Store(id=ids.EXPORT_ASKED),
            html.Header(navbar(lang)),
            html.Div(
                dbc.Container(
                    [
                        filter_bar(dataset, lang),
                        html.Div(id=ids.UPLOAD_BADGE),
                        html.Div(id=ids.NOTICES),
                        html.Div(id=ids.AREA_NOTICE, role="status"),
                        data_refresh_slot(),
                        export_ui.export_status(),
                    ],
                    fluid="xl",
                ),
                className="filter-strip border-bottom",
            ),
            html.Main(
                dbc.Container(dash.page_container, fluid="xl", className="py-3"),
                id=ids.MAIN,
                tabIndex="-1",
            ),
            html.Footer(
                dbc.Container(
                    html.P(t("app.footer", lang), id=ids.FOOTER, className="mb-0"), fluid="xl"
                ),
                className="shell-footer small text-muted py-3 border-top",
            ),
        ],
        className="shell",
    )
