"""create_app(): the Dash app, its shell (navigation, filters, search, notices) and URL state.

The whole filter state lives in the URL query. One callback (`sync_state`) keeps the URL, the
filter controls and the filter store in step: a URL that loads (or back/forward) sets the
controls and the store; a control that changes pushes a new URL. Pages only read the store.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import config, ids
from dashboard.components import filter_bar as filters
from dashboard.components.navigation import programmes_menu
from dashboard.components.notices import dropped_notice
from dashboard.components.search import (
    page_key,
    registered_pages,
    results_panel,
    search,
    search_box,
    suggestions,
)
from dashboard.data.store import Dataset
from dashboard.export import ui as export_ui
from dashboard.i18n import has, t
from dashboard.security import install_security, on_callback_error
from dashboard.state import (
    FilterState,
    apply_area_click,
    cleared,
    from_store,
    href,
    known_from_dataset,
    parse_query,
    to_query,
    to_store,
    with_areas,
    with_lang,
)
from dashboard.userdata.session import session_dataset

PACKAGE_DIR = Path(__file__).resolve().parent
BOOTSTRAP_CSS = "vendor/bootstrap-flatly.min.css"  # Bootswatch Flatly 5.3.6, served locally
DatasetFor = Callable[[Any], Dataset]


def create_app(dataset: Dataset | None = None) -> Dash:
    """The app. With dataset, the shell uses it (tests); otherwise the session's dataset."""
    app = Dash(
        "dashboard",
        use_pages=True,
        pages_folder=str(PACKAGE_DIR / "pages"),
        assets_folder=str(config.ASSETS_DIR),
        assets_path_ignore=["vendor", "maps"],
        suppress_callback_exceptions=True,
        serve_locally=True,
        title=t("app.title"),
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        # A callback that raises is logged and answers "no update", never a 500 page.
        on_error=on_callback_error,
    )
    install_security(app.server)
    # Bootstrap goes in before the app's own CSS (assets/app.css), hence not auto-loaded.
    app.config.external_stylesheets.append(app.get_asset_url(BOOTSTRAP_CSS))
    # Chinese by default; assets/dashboard.js sets <html lang> when the language changes.
    app.index_string = app.index_string.replace("<html>", '<html lang="zh-CN">', 1)

    def dataset_for(upload: Any) -> Dataset:
        return dataset if dataset is not None else session_dataset(upload)

    app.layout = lambda: shell_layout(dataset_for(None))
    _register_shell_callbacks(app, dataset_for)
    return app


# ------------------------------------------------------------------ pages


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


# ------------------------------------------------------------------ layout


def _navbar(lang: str) -> dbc.Navbar:
    links = [
        dbc.NavItem(
            dbc.NavLink(page_label(page, lang), href=page["path"], id=ids.nav_link(page_key(page)))
        )
        for page in nav_pages()
    ]
    links.insert(1, programmes_menu(lang))  # after the overview: every programme, grouped
    language = html.Div(
        [
            dbc.NavLink(t("nav.lang.zh", lang), id=ids.LANG_ZH, href="/", className="px-2"),
            html.Span("|", className="text-white-50", **{"aria-hidden": "true"}),
            dbc.NavLink(t("nav.lang.en", lang), id=ids.LANG_EN, href="/?lang=en", className="px-2"),
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
            dcc.Store(id=ids.DOCUMENT_META),
            dcc.Download(id=ids.EXPORT_DOWNLOAD),
            html.Header(_navbar(lang)),
            html.Div(
                dbc.Container(
                    [
                        filters.filter_bar(dataset, lang),
                        html.Div(id=ids.UPLOAD_BADGE),
                        html.Div(id=ids.NOTICES),
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


# ------------------------------------------------------------------ callbacks


def _control_state(
    trigger: Any,
    current: FilterState,
    values: dict[str, Any],
    known: dict[str, set],
    bounds: tuple[int, int],
) -> FilterState:
    """The state after the user changed one filter control (values are untrusted)."""
    if trigger == ids.FILTER_CLEAR:
        return cleared(current)
    if trigger == ids.CROSSFILTER_CLICK:
        click = values["crossfilter"] or {}
        area = str(click.get("area", ""))
        if area not in known["known_areas"]:
            raise PreventUpdate
        return apply_area_click(current, area, add=bool(click.get("add")))
    if trigger == ids.FILTER_AREA:
        chosen = values["area"] if isinstance(values["area"], list) else []
        return with_areas(current, [a for a in chosen if a in known["known_areas"]])
    query = {
        "year": values["year"] if values["year"] not in (None, filters.LATEST) else None,
        "program": values["program"],
        "indicator": values["indicator"],
    }
    year_range = values["year_range"]
    if isinstance(year_range, list) and len(year_range) == 2 and list(year_range) != list(bounds):
        query["from"], query["to"] = year_range
    changed, _ = parse_query(
        {name: value for name, value in query.items() if value is not None},
        known_years=known["known_years"],
        known_indicators=known["known_indicators"],
        known_programs=known["known_programs"],
    )
    return FilterState(
        lang=current.lang,
        areas=current.areas,
        year=changed.year,
        year_range=changed.year_range,
        indicator=changed.indicator,
        program=changed.program,
    )


def _register_shell_callbacks(app: Dash, dataset_for: DatasetFor) -> None:
    control_outputs = [
        Output(ids.FILTER_AREA, "value"),
        Output(ids.FILTER_YEAR, "value"),
        Output(ids.FILTER_YEAR_RANGE, "value"),
        Output(ids.FILTER_PROGRAM, "value"),
        Output(ids.FILTER_INDICATOR, "value"),
    ]

    @app.callback(
        Output(ids.URL, "search"),
        Output(ids.FILTER_STATE, "data"),
        *control_outputs,
        Output(ids.NOTICES, "children"),
        Input(ids.URL, "search"),
        Input(ids.FILTER_AREA, "value"),
        Input(ids.FILTER_YEAR, "value"),
        Input(ids.FILTER_YEAR_RANGE, "value"),
        Input(ids.FILTER_PROGRAM, "value"),
        Input(ids.FILTER_INDICATOR, "value"),
        Input(ids.FILTER_CLEAR, "n_clicks"),
        Input(ids.CROSSFILTER_CLICK, "data"),
        State(ids.FILTER_STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
    )
    def sync_state(
        search_, area, year, year_range, program, indicator, _clear, click, store, upload
    ):
        dataset = dataset_for(upload)
        known = known_from_dataset(dataset)
        bounds = filters.year_bounds(dataset)
        trigger = ctx.triggered_id
        if trigger in (None, ids.URL) or store is None:
            state, dropped = parse_query(search_ or "", **known)
            controls = filters.state_to_controls(state, bounds)
            return no_update, to_store(state), *controls, dropped_notice(dropped, state.lang)
        current = from_store(store)
        values = {
            "area": area,
            "year": year,
            "year_range": year_range,
            "program": program,
            "indicator": indicator,
            "crossfilter": click,
        }
        state = _control_state(trigger, current, values, known, bounds)
        controls = filters.state_to_controls(state, bounds)
        if state == current:
            # Nothing changed, but a control may show an invalid pick: show the state again.
            return no_update, no_update, *controls, no_update
        return to_query(state), to_store(state), *controls, no_update

    nav_outputs = [
        Output(ids.nav_link(ALL), "children"),
        Output(ids.nav_link(ALL), "href"),
        Output(ids.nav_link(ALL), "active"),
    ]

    @app.callback(
        *nav_outputs,
        Output(ids.BRAND, "children"),
        Output(ids.BRAND, "href"),
        Output(ids.LANG_ZH, "href"),
        Output(ids.LANG_EN, "href"),
        Output(ids.LANG_ZH, "active"),
        Output(ids.LANG_EN, "active"),
        Output(ids.filter_group(ALL), "className"),
        Output(ids.FILTER_AREA, "options"),
        Output(ids.FILTER_AREA, "placeholder"),
        Output(ids.FILTER_YEAR, "options"),
        Output(ids.FILTER_PROGRAM, "options"),
        Output(ids.FILTER_PROGRAM, "placeholder"),
        Output(ids.FILTER_INDICATOR, "options"),
        Output(ids.FILTER_INDICATOR, "placeholder"),
        Output(f"{ids.FILTER_AREA}-label", "children"),
        Output(f"{ids.FILTER_YEAR}-label", "children"),
        Output(f"{ids.FILTER_YEAR_RANGE}-label", "children"),
        Output(f"{ids.FILTER_PROGRAM}-label", "children"),
        Output(f"{ids.FILTER_INDICATOR}-label", "children"),
        Output(ids.FILTER_CLEAR, "children"),
        Output(ids.FILTER_CLEAR, "title"),
        Output(ids.FILTER_SUMMARY, "children"),
        Output(ids.SEARCH_INPUT, "placeholder"),
        Output(ids.EXPORT_MENU, "label"),
        Output(ids.EXPORT_DECK, "children"),
        Output(ids.EXPORT_DATA, "children"),
        Output(ids.SKIP_LINK, "children"),
        Output(ids.FOOTER, "children"),
        Output(ids.DOCUMENT_META, "data"),
        Input(ids.FILTER_STATE, "data"),
        Input(ids.URL, "pathname"),
        State(ids.UPLOAD_STORE, "data"),
    )
    def render_shell(store, pathname, upload):
        state = from_store(store)
        lang = state.lang
        dataset = dataset_for(upload)
        query = to_query(state)
        current = page_for_path(pathname)
        pages_out = _pattern_outputs(ids.NAV_LINK)
        by_key = {page_key(page): page for page in nav_pages()}
        nav_pages_out = [by_key.get(item["id"]["page"]) for item in pages_out]
        labels = [page_label(p, lang) if p else "" for p in nav_pages_out]
        hrefs = [f"{p['path']}{query}" if p else "/" for p in nav_pages_out]
        active = [
            p is not None and current is not None and p["path"] == current["path"]
            for p in nav_pages_out
        ]
        path = current["path"] if current else "/"
        if current and current.get("path_template") and isinstance(pathname, str):
            path = "/" + pathname.strip("/")  # "/program/<id>": the language links keep the id
        declared = set(current.get("filters", filters.DEFAULT_PAGE_FILTERS)) if current else set()
        groups = _pattern_outputs(ids.FILTER_GROUP)
        visibility = [
            "filter-group" + ("" if item["id"]["filter"] in declared else " d-none")
            for item in groups
        ]
        programs = current.get("programs") if current else None
        title_page = page_label(current, lang) if current else t("page.not_found.name", lang)
        return (
            labels,
            hrefs,
            active,
            t("app.brand", lang),
            f"/{query}",
            href(path, with_lang(state, "zh")),
            href(path, with_lang(state, "en")),
            lang == "zh",
            lang == "en",
            visibility,
            filters.area_options(dataset, lang),
            t("filter.area.placeholder", lang),
            filters.year_options(dataset, lang),
            filters.program_options(dataset, lang),
            t("filter.program.placeholder", lang),
            filters.indicator_options(dataset, lang, programs),
            t("filter.indicator.placeholder", lang),
            t("filter.area.label", lang),
            t("filter.year.label", lang),
            t("filter.year_range.label", lang),
            t("filter.program.label", lang),
            t("filter.indicator.label", lang),
            t("filter.clear", lang),
            t("filter.clear_hint", lang),
            filters.summary_text(state, lambda code: dataset.area_name(code, lang), lang),
            t("search.placeholder", lang),
            t("export.menu", lang),
            t("export.deck", lang),
            t("export.data", lang),
            t("app.skip_to_main", lang),
            t("app.footer", lang),
            {"lang": lang, "title": t("app.document_title", lang, page=title_page)},
        )

    @app.callback(
        Output(ids.SEARCH_RESULTS, "children"),
        Input(ids.SEARCH_INPUT, "value"),
        Input(ids.FILTER_STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
    )
    def show_search_results(query, store, upload):
        state = from_store(store)
        dataset = dataset_for(upload)
        pages = registered_pages()
        text = str(query or "")
        if not text.strip():
            # The suggestions' targets are found once per dataset, language and set of pages;
            # a filter change only rewrites their links to keep the new filters.
            links = dataset.cached(
                f"shell.suggestions:{state.lang}:{hash(tuple(pages))}",
                lambda data: _suggested_links(data, state.lang, pages),
            )
            suggested = [(term, _link_for_state(link, state)) for term, link in links]
            return results_panel([], "", state.lang, suggested)
        hits = search(text, state.lang, dataset, pages=pages, state=state)
        return results_panel(hits, text, state.lang)

    @app.callback(
        Output(ids.NAVIGATE, "href"),
        Input(ids.SEARCH_INPUT, "n_submit"),
        State(ids.SEARCH_INPUT, "value"),
        State(ids.FILTER_STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        prevent_initial_call=True,
    )
    def go_to_first_hit(_submit, query, store, upload):
        state = from_store(store)
        hits = search(str(query or ""), state.lang, dataset_for(upload), state=state, limit=1)
        if not hits:
            raise PreventUpdate
        return hits[0].href

    @app.callback(
        Output(ids.SEARCH_INPUT, "value"),
        Input(ids.URL, "href"),
        prevent_initial_call=True,
    )
    def clear_search_after_navigation(_href):
        return ""

    app.clientside_callback(
        dash.ClientsideFunction("dashboard", "crossfilterClick"),
        Output(ids.CROSSFILTER_CLICK, "data"),
        Input(ids.chart_graph(ALL), "clickData"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        dash.ClientsideFunction("dashboard", "toggleNavbar"),
        Output(ids.NAVBAR_COLLAPSE, "is_open"),
        Input(ids.NAVBAR_TOGGLER, "n_clicks"),
        State(ids.NAVBAR_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        dash.ClientsideFunction("dashboard", "applyDocumentMeta"),
        Input(ids.DOCUMENT_META, "data"),
        Input("_pages_store", "data"),
    )


def _pattern_outputs(kind: str) -> list[dict]:
    """The outputs of the running callback whose pattern-matching id has type kind."""
    for output in ctx.outputs_list:
        if isinstance(output, list) and output and output[0]["id"].get("type") == kind:
            return output
    return []


def _suggested_terms(lang: str) -> list[str]:
    return suggestions(lang)


# Stands for "the user's current value" in a suggestion's cached link: no area code, indicator
# or programme id can take this value, so a link that shows it did not set that filter.
_KEEP = "~keep~"


def _suggested_links(dataset: Dataset, lang: str, pages: list) -> tuple[tuple[str, str], ...]:
    """Each suggested term with a hit, and its first hit's link made from a placeholder state."""
    base = FilterState(lang=lang, areas=(_KEEP,), indicator=_KEEP, program=_KEEP)
    links = []
    for term in _suggested_terms(lang):
        hits = search(term, lang, dataset, pages=pages, state=base, limit=1)
        if hits:
            links.append((term, hits[0].href))
    return tuple(links)


def _link_for_state(link: str, state: FilterState) -> str:
    """A cached suggestion link with the user's filters, as search(..., state=state) makes it.

    Search only ever sets the area, indicator or programme of the state (the others stay as
    they are) and adds page parameters such as `source`.
    """
    from dataclasses import replace
    from urllib.parse import parse_qsl, urlsplit

    parts = urlsplit(link)
    # No area in the link: search chose the whole region (the URL leaves that default out).
    changes: dict[str, Any] = {"areas": (config.REGION_CODE,)}
    extra: dict[str, str] = {}
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name == "area" and value == _KEEP:
            del changes["areas"]
        elif value == _KEEP or name == "lang":
            continue
        elif name == "area":
            changes["areas"] = tuple(value.split(","))
        elif name in ("indicator", "program"):
            changes[name] = value
        else:
            extra[name] = value
    return href(parts.path, replace(state, **changes), fragment=parts.fragment, **extra)


_served_app: list[Dash] = []


def __getattr__(name: str) -> Any:
    # `server` for `gunicorn dashboard.app:server`: the app is built on first access, not at
    # import, so that importing dashboard.app (tests, exports) never builds an app by accident.
    if name == "server":
        if not _served_app:
            _served_app.append(create_app())
        return _served_app[0].server
    raise AttributeError(name)
