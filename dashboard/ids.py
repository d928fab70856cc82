"""Component IDs shared across pages: the URL, the filter store, the filters, notices, exports.

A page's own IDs are constants at the top of its module, prefixed with the page name. IDs of
widgets repeated per chart are pattern-matching dicts built by the functions below, so that
no literal is written twice.
"""

from __future__ import annotations

# ------------------------------------------------------------------ location and state
URL = "url"  # dcc.Location(refresh=False): the filter state lives in its `search`
NAVIGATE = "navigate"  # dcc.Location(refresh="callback-nav"): set `href` to change page
FILTER_STATE = "filter-state"  # dcc.Store: state.to_store(FilterState); pages read it
UPLOAD_STORE = "upload-store"  # dcc.Store (session): the user's preview upload, or None
CROSSFILTER_CLICK = "crossfilter-click"  # dcc.Store: {"area", "add", "chart", "time"}
# dcc.Store: the reader's language alone ("zh"/"en"), changed only when it changes, for
# callbacks that depend on nothing else of the state (a filter change sends them nothing)
LANGUAGE = "language"
DOCUMENT_META = "document-meta"  # dcc.Store: {"lang", "title"} applied to <html> and <title>

# ------------------------------------------------------------------ the shell
NAVBAR = "navbar"
NAVBAR_TOGGLER = "navbar-toggler"
NAVBAR_COLLAPSE = "navbar-collapse"
BRAND = "brand"
LANG_ZH = "lang-zh"  # link to the same view in Chinese
LANG_EN = "lang-en"  # link to the same view in English
SKIP_LINK = "skip-link"
MAIN = "main-content"
FOOTER = "footer"
NOTICES = "notices"
AREA_NOTICE = "area-notice"  # the area rule: "那曲市：2019年无此项数据" for the page's data
UPLOAD_BADGE = "upload-badge"  # the preview-upload badge (components/upload_badge.py)
UPLOAD_BADGE_CLEAR = "upload-badge-clear"  # its "clear" button; pages/upload.py wires it
PROGRAMME_MENU = "nav-programmes"  # the navigation's programme menu (its place in the bar)
PROGRAMME_DROPDOWN = "programme-menu"  # the dbc.DropdownMenu in it (its toggle's class)

# ------------------------------------------------------------------ the filter bar
FILTER_BAR = "filter-bar"
FILTER_AREA = "filter-area"
FILTER_YEAR = "filter-year"
FILTER_YEAR_RANGE = "filter-year-range"
FILTER_INDICATOR = "filter-indicator"
FILTER_PROGRAM = "filter-program"
FILTER_WITHIN = "filter-within"  # "include the areas within" (the area rule)
FILTER_CLEAR = "filter-clear"
FILTER_NOTE = "filter-note"  # the page's year and area rule in words, under the filters
FILTER_SUMMARY = "filter-summary"  # the active filters in words (screen readers, exports)
# Phones (< 768 px): the bar is one line, the choices in short and a button that opens the panel
FILTER_COMPACT = "filter-compact"  # that line; hidden on wider screens and filterless pages
FILTER_COMPACT_TEXT = "filter-compact-text"  # "2019年 · 那曲市 · 劝返复学"
FILTER_TOGGLE = "filter-toggle"  # the "筛选 / Filters" button (aria-expanded, aria-controls)
FILTER_PANEL = "filter-panel"  # the controls, the clear button and the note

# ------------------------------------------------------------------ search
SEARCH_INPUT = "search-input"
SEARCH_RESULTS = "search-results"

# ------------------------------------------------------------------ exports (wired by export/)
EXPORT_MENU = "export-menu"
EXPORT_DECK = "export-deck"  # menu item: slide deck of the current page
EXPORT_DATA = "export-data"  # menu item: workbook of the current page's data
EXPORT_PRESENT = "export-present"  # menu item: the page in presentation mode (#present)
EXPORT_DOWNLOAD = "export-download"  # dcc.Download for page-level exports
# dcc.Store: {"button": id, "time"}, set in the browser when an export button is pressed
EXPORT_ASKED = "export-asked"

# ------------------------------------------------------------------ pattern-matching types
NAV_LINK = "nav-link"
PROGRAMME_LINK = "programme-link"  # an item of the programme menu
CHART_GRAPH = "chart-graph"
CHART_TITLE = "chart-title"
CHART_SUBTITLE = "chart-subtitle"
CHART_SUMMARY = "chart-summary"
CHART_SOURCE = "chart-source"
CHART_EXPORT = "chart-export"
CHART_EXPORT_GROUP = "chart-export-group"
FILTER_GROUP = "filter-group"


def nav_link(page: str) -> dict[str, str]:
    return {"type": NAV_LINK, "page": page}


def programme_link(program: str) -> dict[str, str]:
    return {"type": PROGRAMME_LINK, "program": program}


def filter_group(name: str) -> dict[str, str]:
    """The wrapper of one filter control; hidden on pages that do not declare the filter."""
    return {"type": FILTER_GROUP, "filter": name}


def chart_graph(chart: str) -> dict[str, str]:
    return {"type": CHART_GRAPH, "chart": chart}


def chart_title(chart: str) -> dict[str, str]:
    return {"type": CHART_TITLE, "chart": chart}


def chart_subtitle(chart: str) -> dict[str, str]:
    return {"type": CHART_SUBTITLE, "chart": chart}


def chart_summary(chart: str) -> dict[str, str]:
    return {"type": CHART_SUMMARY, "chart": chart}


def chart_source(chart: str) -> dict[str, str]:
    return {"type": CHART_SOURCE, "chart": chart}


def chart_export(chart: str, fmt: str) -> dict[str, str]:
    """An export button of one chart card: fmt is "png", "svg" or "pdf"."""
    return {"type": CHART_EXPORT, "chart": chart, "format": fmt}


def chart_export_group(chart: str) -> dict[str, str]:
    """The group of one chart card's export buttons (its accessible name has the title)."""
    return {"type": CHART_EXPORT_GROUP, "chart": chart}


def chart_slot(chart: str) -> str:
    """The box a chart drawn only near the screen waits in (assets/deferred_charts.js)."""
    return f"chart-slot-{chart}"


def chart_anchor(chart: str) -> str:
    """The HTML id of a chart card, so that "/page#chart-<name>" scrolls to it."""
    return f"chart-{chart}"


def source_anchor(source: str) -> str:
    """The HTML id of a source on the Sources page ("/sources?source=x#source-x")."""
    return f"source-{source}"
