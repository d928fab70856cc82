"""The shell's callbacks: the URL <-> filter state sync, the shell's words, search.

`sync_state` is the state's one writer: a URL that loads (first load, back/forward, a link)
or a change of preview upload is parsed against the session's dataset into the store, the
controls and the notices; a control that changes pushes a new URL. Outputs are dicts keyed
by what they are, never positional tuples.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.components import filter_bar as controls
from dashboard.components import navigation
from dashboard.components.notices import DATA_REFRESH_NOTICE, data_refresh_notice, dropped_notice
from dashboard.components.search import page_key, registered_pages, results_panel, search
from dashboard.components.upload_badge import upload_badge
from dashboard.components.widgets import dropdown_labels
from dashboard.data.store import Dataset, refresh_problem
from dashboard.export import ui as export_ui
from dashboard.i18n import t
from dashboard.shell.area_rule import page_missing_notes
from dashboard.shell.filters import (
    BY_CONTROL,
    FILTERS,
    compact_summary,
    label_id,
    options_on_page,
)
from dashboard.shell.layout import (
    bar_class,
    nav_pages,
    page_for_path,
    page_label,
    shell_attributes,
)
from dashboard.shell.links import link_for_state, page_fields, page_query, suggested_links
from dashboard.state import (
    Dropped,
    FilterState,
    apply_area_click,
    cleared,
    from_store,
    href,
    known_from_dataset,
    parse_query,
    restricted_to,
    to_query,
    to_store,
    with_lang,
)
from dashboard.userdata.session import upload_info

DatasetFor = Callable[[Any], Dataset]
# Reasons a value is unknown to a dataset: after a preview upload ends, these values were
# the upload's, and the notice says so.
UPLOAD_REASONS = {"unknown_area", "unknown_indicator", "unknown_program", "no_data_for_year"}


# The shell's fixed words: output key -> (component id, property, catalogue key).
SHELL_TEXTS = {
    "clear": (ids.FILTER_CLEAR, "children", "filter.clear"),
    "clear_hint": (ids.FILTER_CLEAR, "title", "filter.clear_hint"),
    "toggle": (ids.FILTER_TOGGLE, "children", "filter.toggle"),
    "search": (ids.SEARCH_INPUT, "placeholder", "search.placeholder"),
    "export_menu": (ids.EXPORT_MENU, "label", "export.menu"),
    "export_deck": (ids.EXPORT_DECK, "children", "export.deck"),
    "export_data": (ids.EXPORT_DATA, "children", "export.data"),
    "export_present": (ids.EXPORT_PRESENT, "children", "export.present"),
    "skip": (ids.SKIP_LINK, "children", "app.skip_to_main"),
    "footer": (ids.FOOTER, "children", "app.footer"),
}


def control_values(state: FilterState, dataset: Dataset) -> dict[str, Any]:
    """Each filter control's value that shows the state."""
    return {record.name: record.value_of(state, dataset) for record in FILTERS}


def controls_to_set(state: FilterState, dataset: Dataset, shown: dict[str, Any]) -> dict:
    """control_values, with no_update for a control that already shows its value: the
    browser re-renders every control it is sent (the area menu's 82 options) before it asks
    for the page, ~40 ms of a filter change."""
    values = control_values(state, dataset)
    return {
        name: no_update if _same_json(shown.get(name), value) else value
        for name, value in values.items()
    }


def _same_json(shown: Any, value: Any) -> bool:
    """Equal as the browser holds them (a tuple arrives as a list)."""
    try:
        return json.dumps(shown, sort_keys=True) == json.dumps(value, sort_keys=True)
    except TypeError:
        return False


def read_url(
    search_: str | None, dataset: Dataset, upload: Any, *, before: FilterState | None = None
) -> tuple[FilterState, list[Dropped]]:
    """The state of a loaded URL for the session's dataset (its preview upload included).

    Values unknown to the dataset are reported as having belonged to an ended upload when
    the upload has expired (its token is kept but no longer live), or when it was just
    cleared and the state before (`before`, read with the upload) held them.
    """
    state, dropped = parse_query(search_ or "", **known_from_dataset(dataset))
    token = upload.get("token") if isinstance(upload, dict) else None
    expired = bool(token) and upload_info(upload) is None
    held = _held_values(before) if before is not None and not token else set()
    return state, [
        Dropped(item.param, item.value, "upload_ended")
        if item.reason in UPLOAD_REASONS and (expired or (item.param, item.value) in held)
        else item
        for item in dropped
    ]


def _held_values(state: FilterState) -> set[tuple[str, str]]:
    held = {("area", area) for area in state.areas}
    held |= {("program", str(state.program)), ("indicator", str(state.indicator))}
    return held | {("year", str(state.year))}


def changed_state(
    trigger: Any, current: FilterState, values: dict[str, Any], click: Any, dataset: Dataset
) -> FilterState:
    """The state after the user changed one control, clicked a chart area or cleared."""
    if trigger == ids.FILTER_CLEAR:
        return cleared(current)
    if trigger == ids.CROSSFILTER_CLICK:
        area = str((click or {}).get("area", ""))
        if area not in known_from_dataset(dataset)["known_areas"]:
            raise PreventUpdate
        return apply_area_click(current, area, add=bool((click or {}).get("add")))
    record = BY_CONTROL.get(trigger)
    if record is None:
        raise PreventUpdate
    return record.apply(current, values.get(record.name), dataset)


def years_note(page: dict | None, lang: str) -> str:
    fields = set(page_fields(page))
    if "all_years" in fields:
        return t("filter.years_note.table", lang)
    if {"year", "year_range"} <= fields:
        return t("filter.years_note.trend", lang)
    if "year" in fields:
        return t("filter.years_note.latest", lang)
    return ""


def register(app: Dash, dataset_for: DatasetFor) -> None:
    @app.callback(
        output={
            "search": Output(ids.URL, "search"),
            "store": Output(ids.FILTER_STATE, "data"),
            "controls": {r.name: Output(r.control_id, r.prop) for r in FILTERS},
            # The options go with the values they must contain: a Dash 4 dropdown clears a
            # value its options lack (year=all before the data page's options, an upload's
            # programme before the upload's options), which would rewrite the URL.
            "options": {
                r.name: Output(r.control_id, "options", allow_duplicate=True)
                for r in FILTERS
                if r.options is not None
            },
            "notices": Output(ids.NOTICES, "children"),
            # The language alone, only when it changes (a URL with another `lang`): the
            # callbacks that depend on nothing else get nothing from a filter change.
            "language": Output(ids.LANGUAGE, "data"),
        },
        inputs={
            "pathname": State(ids.URL, "pathname"),
            "search": Input(ids.URL, "search"),
            "values": {r.name: Input(r.control_id, r.prop) for r in FILTERS},
            "clear": Input(ids.FILTER_CLEAR, "n_clicks"),
            "click": Input(ids.CROSSFILTER_CLICK, "data"),
            "upload": Input(ids.UPLOAD_STORE, "data"),
            "store": State(ids.FILTER_STATE, "data"),
            "language": State(ids.LANGUAGE, "data"),
        },
        prevent_initial_call="initial_duplicate",  # it reads the URL on load, as before
    )
    def sync_state(pathname, search, values, clear, click, upload, store, language):
        dataset = dataset_for(upload)
        trigger = ctx.triggered_id
        if trigger in (None, ids.URL, ids.UPLOAD_STORE) or store is None:
            before = from_store(store) if trigger == ids.UPLOAD_STORE and store else None
            state, dropped = read_url(search, dataset, upload, before=before)
            page = page_for_path(pathname) or {}
            return {
                "search": no_update,
                "store": to_store(state),
                "controls": control_values(state, dataset),
                "options": {
                    r.name: options_on_page(r, dataset, state.lang, page, state)
                    for r in FILTERS
                    if r.options is not None
                },
                "notices": dropped_notice(dropped, state.lang),
                "language": no_update if state.lang == language else state.lang,
            }
        current = from_store(store)
        state = changed_state(trigger, current, values, click, dataset)
        unchanged = state == current  # a control may show an invalid pick: show the state
        controls = controls_to_set(state, dataset, values)
        page = page_for_path(pathname) or {}
        shown = set(page.get("filters", ()))
        return {
            "search": no_update if unchanged else to_query(state),
            "store": no_update if unchanged else to_store(state),
            "controls": controls,
            # A hidden control holds only its value's options (options_on_page): a new
            # value (Clear) goes with them. A shown control has all of them already.
            "options": {
                r.name: options_on_page(r, dataset, state.lang, page, state)
                if controls[r.name] is not no_update and r.name not in shown
                else no_update
                for r in FILTERS
                if r.options is not None
            },
            "notices": no_update,
            "language": no_update,  # a control never changes the language; a link does
        }

    with_options = [r for r in FILTERS if r.options is not None]
    with_placeholder = [r for r in FILTERS if r.placeholder_key]

    shell_outputs = {
        "nav": {
            "children": Output(ids.nav_link(ALL), "children"),
            "href": Output(ids.nav_link(ALL), "href"),
            "active": Output(ids.nav_link(ALL), "active"),
        },
        "brand": Output(ids.BRAND, "children"),
        "brand_href": Output(ids.BRAND, "href"),
        "zh_href": Output(ids.LANG_ZH, "href"),
        "en_href": Output(ids.LANG_EN, "href"),
        "zh_active": Output(ids.LANG_ZH, "active"),
        "en_active": Output(ids.LANG_EN, "active"),
        "groups": Output(ids.filter_group(ALL), "className"),
        "options": {r.name: Output(r.control_id, "options") for r in with_options},
        "dropdown_labels": {r.name: Output(r.control_id, "labels") for r in with_options},
        "placeholders": {r.name: Output(r.control_id, "placeholder") for r in with_placeholder},
        "labels": {
            r.name: Output(r.control_id, "label")
            if r.name == "within"
            else Output(label_id(r), "children")
            for r in FILTERS
        },
        "note": Output(ids.FILTER_NOTE, "children"),
        "compact": Output(ids.FILTER_COMPACT_TEXT, "children"),
        "compact_class": Output(ids.FILTER_COMPACT, "className"),
        "bar_class": Output(ids.FILTER_BAR, "className"),
        "summary": Output(ids.FILTER_SUMMARY, "children"),
        "texts": {key: Output(id_, prop) for key, (id_, prop, _word) in SHELL_TEXTS.items()},
        "meta": Output(ids.DOCUMENT_META, "data"),
        # What else a filter change alters in the shell, here rather than in callbacks of
        # their own: each callback a change sets off is a request and a dozen updates of the
        # renderer's store, each of which every component on the page checks (PROPOSALS).
        "programmes": {
            "menu": Output(ids.PROGRAMME_MENU, "children"),
            "href": Output(ids.programme_link(ALL), "href"),
            "active": Output(ids.programme_link(ALL), "active"),
            "toggle": Output(ids.PROGRAMME_DROPDOWN, "toggleClassName"),
        },
        "area_notice": Output(ids.AREA_NOTICE, "children"),
        "search_results": Output(ids.SEARCH_RESULTS, "children"),
        # ... and what a move to another page or language alters (not a filter change)
        "refresh_notice": Output(DATA_REFRESH_NOTICE, "children"),  # looked at on every page
        "badge": Output(ids.UPLOAD_BADGE, "children"),  # an upload that expired meanwhile
        "page_exports": Output(export_ui.page_export_id(ALL), "children"),
    }

    @app.callback(
        output=shell_outputs,
        inputs={
            "store": Input(ids.FILTER_STATE, "data"),
            "pathname": Input(ids.URL, "pathname"),
            # An Input, not State: the options must follow the session's dataset. A Dash 4
            # dropdown clears a value its new options lack, which would push a URL without
            # an upload's programme (the reload that lost `?program=` of a preview upload).
            "upload": Input(ids.UPLOAD_STORE, "data"),
            "drawn": State(ids.DOCUMENT_META, "data"),  # the language and page last drawn
            "query": State(ids.SEARCH_INPUT, "value"),
        },
    )
    def render_shell(store, pathname, upload, drawn, query):
        state = from_store(store)
        lang = state.lang
        dataset = dataset_for(upload)
        current = page_for_path(pathname)
        by_key = {page_key(page): page for page in nav_pages()}
        linked = [by_key.get(item["id"]["page"]) for item in _pattern_outputs(ids.NAV_LINK)]
        path = current["path"] if current else "/"
        if current and current.get("path_template") and isinstance(pathname, str):
            path = "/" + pathname.strip("/")  # "/program/<id>": the language links keep the id
        declared = set(current.get("filters", ())) if current else set()
        title_page = page_label(current, lang) if current else t("page.not_found.name", lang)
        page = current or {}
        frame = f"{lang} {path} {dataset.token()}"
        menu_frame = f"{lang} {dataset.token()}"
        menu_drawn = isinstance(drawn, dict) and drawn.get("menu") == menu_frame
        following = {  # what a filter change alters: the links and the filters in words
            "nav": {
                "children": [page_label(p, lang) if p else "" for p in linked],
                "href": [f"{p['path']}{page_query(state, p)}" if p else "/" for p in linked],
                "active": [p is not None and p is current for p in linked],
            },
            "brand_href": f"/{page_query(state, page_for_path('/'))}",
            "zh_href": href(path, with_lang(state, "zh")),
            "en_href": href(path, with_lang(state, "en")),
            "compact": compact_summary(state, declared, dataset),
            "summary": controls.summary_text(
                state, lambda code: dataset.area_name(code, lang), lang
            ),
            "programmes": _programmes(dataset, state, pathname, redraw=not menu_drawn),
            "area_notice": area_notice(dataset, store, pathname),
            "search_results": search_panel(query, state, dataset),
        }
        only_filters = set(ctx.triggered_prop_ids) <= {f"{ids.FILTER_STATE}.data"}
        if isinstance(drawn, dict) and drawn.get("frame") == frame and only_filters:
            # Same language, page and data: the options, words and classes drawn for them
            # stand; resending them (≈40 KB) made the browser redraw every control.
            return {
                key: following[key] if key in following else _as_drawn(spec)
                for key, spec in shell_outputs.items()
            }
        return {
            **following,
            "brand": t("app.brand", lang),
            "zh_active": lang == "zh",
            "en_active": lang == "en",
            "groups": [
                "filter-group" + ("" if item["id"]["filter"] in declared else " d-none")
                for item in _pattern_outputs(ids.FILTER_GROUP)
            ],
            "options": {
                r.name: options_on_page(r, dataset, lang, page, state) for r in with_options
            },
            "dropdown_labels": {r.name: dropdown_labels(lang) for r in with_options},
            "placeholders": {r.name: t(r.placeholder_key, lang) for r in with_placeholder},
            "labels": {r.name: t(r.label_key, lang) for r in FILTERS},
            "note": _note(current, lang),
            "compact_class": "filter-compact" + ("" if declared else " d-none"),
            "bar_class": bar_class(declared),
            "texts": {key: t(word, lang) for key, (_id, _prop, word) in SHELL_TEXTS.items()},
            "refresh_notice": data_refresh_notice(refresh_problem(), lang),
            "badge": upload_badge(upload, lang),
            "page_exports": export_ui.page_export_labels(
                _pattern_outputs(export_ui.PAGE_EXPORT), lang
            ),
            "meta": {
                "lang": lang,
                "title": t("app.document_title", lang, page=title_page),
                "attributes": shell_attributes(lang),
                "frame": frame,
                "menu": menu_frame,
            },
        }

    _register_search(app, dataset_for)
    _register_clientside(app)


def area_notice(dataset: Dataset, store: Any, pathname: Any) -> Any:
    """The area rule's one wording, on every page that filters by area: which picked areas
    the page's data does not cover (None when it covers them all, or has no area filter)."""
    if store is None:
        return None
    page = page_for_path(pathname)
    fields = page_fields(page)
    if page is None or "area" not in fields:
        return None
    state = restricted_to(from_store(store), fields)
    notes = page_missing_notes(
        dataset,
        state,
        programs=[state.program] if state.program else page.get("programs"),
        indicator=state.indicator,
    )
    if not notes:
        return None
    return dbc.Alert(
        [html.Div(note) for note in notes],
        color="light",
        className="area-missing small py-1 px-2 mb-2 border",
    )


def search_panel(query: Any, state: FilterState, dataset: Dataset) -> Any:
    """The search's results for the typed words, or its suggestions when nothing is typed;
    every link keeps the reader's filters."""
    pages = registered_pages()
    text = str(query or "")
    if not text.strip():
        # The suggestions' targets are found once per dataset, language and set of pages;
        # a filter change only rewrites their links to keep the new filters.
        links = dataset.cached(
            f"shell.suggestions:{state.lang}:{hash(tuple(pages))}",
            lambda data: suggested_links(data, state.lang, pages),
        )
        suggested = [(term, link_for_state(link, state)) for term, link in links]
        return results_panel([], "", state.lang, suggested)
    hits = search(text, state.lang, dataset, pages=pages, state=state)
    return results_panel(hits, text, state.lang)


def _programmes(dataset: Dataset, state: FilterState, pathname: Any, *, redraw: bool) -> dict:
    """The programme menu: drawn anew for another language or dataset (its items change),
    else only its links' filters and the current programme."""
    drawn = [item["id"]["program"] for item in _pattern_outputs(ids.PROGRAMME_LINK)]
    if redraw:
        return {
            "menu": navigation.menu(dataset, state, pathname),
            "href": [no_update] * len(drawn),
            "active": [no_update] * len(drawn),
            "toggle": no_update,
        }
    return {"menu": no_update, **navigation.menu_links(drawn, state, pathname)}


def _note(page: dict | None, lang: str) -> list:
    """The page's year rule, and the area rule behind a "how filters work" disclosure."""
    if page is None or not page_fields(page):
        return []
    years = years_note(page, lang)
    rule = html.Details(
        [html.Summary(t("filter.help", lang)), html.Span(t("filter.area_rule", lang))],
        className="filter-help d-inline",
    )
    return [html.Span(years + " ") if years else None, rule]


def _register_search(app: Dash, dataset_for: DatasetFor) -> None:
    @app.callback(
        # render_shell draws the panel for each filter change; this, for each word typed
        Output(ids.SEARCH_RESULTS, "children", allow_duplicate=True),
        Input(ids.SEARCH_INPUT, "value"),
        State(ids.FILTER_STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        prevent_initial_call=True,
    )
    def show_search_results(query, store, upload):
        return search_panel(query, from_store(store), dataset_for(upload))

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


def _register_clientside(app: Dash) -> None:
    app.clientside_callback(
        dash.ClientsideFunction("dashboard", "crossfilterClick"),
        Output(ids.CROSSFILTER_CLICK, "data"),
        Input(ids.chart_graph(ALL), "clickData"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        dash.ClientsideFunction("dashboard", "clearSearch"),
        Output(ids.SEARCH_INPUT, "value"),
        Input(ids.URL, "href"),
        State(ids.SEARCH_INPUT, "value"),
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
        dash.ClientsideFunction("filterBar", "toggle"),
        Output(ids.FILTER_TOGGLE, "aria-expanded"),
        Output(ids.FILTER_PANEL, "className"),
        Input(ids.FILTER_TOGGLE, "n_clicks"),
        State(ids.FILTER_TOGGLE, "aria-expanded"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        dash.ClientsideFunction("dashboard", "applyDocumentMeta"),
        Input(ids.DOCUMENT_META, "data"),
        Input("_pages_store", "data"),
    )


def _as_drawn(spec: Output | dict) -> Any:
    """no_update for an output (one per component of a pattern-matching output) or for each
    output of a group."""
    if isinstance(spec, dict):
        return {key: _as_drawn(value) for key, value in spec.items()}
    if isinstance(spec.component_id, dict):  # {"type": ..., "page": ALL}
        return [no_update] * len(_pattern_outputs(spec.component_id["type"]))
    return no_update


def _pattern_outputs(kind: str) -> list[dict]:
    """The outputs of the running callback whose pattern-matching id has type kind."""
    for output in ctx.outputs_list:
        if isinstance(output, list) and output and output[0]["id"].get("type") == kind:
            return output
    return []
