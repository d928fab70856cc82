"""One record per filter: its URL parameters, its control, its options from the dataset, its
labels, and how a control value maps to the state and back.

The URL parameters are parsed by `state.parse_query` (the codec, no Dash); a record says which
parameters are its own. A new filter is a FilterState field with its parameter in the codec,
one record here, and its use in a view (docs/ARCHITECTURE.md, "The walk of a filter value").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.components import filter_bar as controls
from dashboard.components.widgets import dropdown_labels
from dashboard.i18n import format_year, t
from dashboard.state import REGION, FilterState, with_areas

if TYPE_CHECKING:
    from dashboard.data.store import Dataset

LATEST = controls.LATEST
ALL_YEARS = "all"


@dataclass(frozen=True)
class Filter:
    name: str  # as pages declare it: register_page(..., filters=(name, ...))
    params: tuple[str, ...]  # its URL parameters
    control_id: str
    label_key: str
    control: Callable[[Dataset, str], Any]  # the Dash control, default language options
    value_of: Callable[[FilterState, Dataset], Any]  # the control's value that shows a state
    apply: Callable[[FilterState, Any, Dataset], FilterState]  # the state after a user's pick
    options: Callable[[Dataset, str, dict], Any] | None = None  # (dataset, lang, page)
    placeholder_key: str | None = None
    prop: str = "value"
    width: dict[str, Any] = field(default_factory=dict)


def _known(dataset: Dataset) -> dict[str, frozenset]:
    from dashboard.state import known_from_dataset

    return known_from_dataset(dataset)


# ------------------------------------------------------------------ area


def _apply_area(state: FilterState, value: Any, dataset: Dataset) -> FilterState:
    known = _known(dataset)["known_areas"]
    chosen = value if isinstance(value, list) else []
    return with_areas(state, [area for area in chosen if area in known])


# ------------------------------------------------------------------ years


def _year_value(state: FilterState, dataset: Dataset) -> Any:
    if state.year is not None:
        return state.year
    return ALL_YEARS if state.all_years else LATEST


def _apply_year(state: FilterState, value: Any, dataset: Dataset) -> FilterState:
    if value == ALL_YEARS:
        return replace(state, year=None, all_years=True)
    if isinstance(value, int) and value in _known(dataset)["known_years"]:
        return replace(state, year=value, all_years=False)
    return replace(state, year=None, all_years=False)


def _year_options(dataset: Dataset, lang: str, page: dict) -> list[dict]:
    options = controls.year_options(dataset, lang)
    if "all_years" in page.get("filters", ()):
        options.insert(1, {"label": t("filter.year.all", lang), "value": ALL_YEARS})
    return options


def _range_value(state: FilterState, dataset: Dataset) -> list[int]:
    low, high = controls.year_bounds(dataset)
    if state.year_range is None:
        return [low, high]
    return [max(low, state.year_range[0]), min(high, state.year_range[1])]


def _apply_range(state: FilterState, value: Any, dataset: Dataset) -> FilterState:
    bounds = list(controls.year_bounds(dataset))
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        return state
    if value == bounds:
        return replace(state, year_range=None)
    return replace(state, year_range=(min(value), max(value)))


# ------------------------------------------------------------------ programme, indicator


def _apply_identifier(name: str) -> Callable[[FilterState, Any, Dataset], FilterState]:
    def apply(state: FilterState, value: Any, dataset: Dataset) -> FilterState:
        known = _known(dataset)[f"known_{name}s"]
        return replace(state, **{name: value if value in known else None})

    return apply


def _indicator_options(dataset: Dataset, lang: str, page: dict) -> list[dict]:
    return controls.indicator_options(dataset, lang, page.get("programs"))


# ------------------------------------------------------------------ within


def _within_control(dataset: Dataset, lang: str) -> dbc.Checkbox:
    return dbc.Checkbox(
        id=ids.FILTER_WITHIN, value=False, label=t("filter.within.label", lang), className="small"
    )


def _apply_within(state: FilterState, value: Any, dataset: Dataset) -> FilterState:
    return replace(state, within=bool(value))


FILTERS: tuple[Filter, ...] = (
    Filter(
        "area",
        ("area",),
        ids.FILTER_AREA,
        "filter.area.label",
        control=lambda dataset, lang: dcc.Dropdown(
            id=ids.FILTER_AREA,
            labels=dropdown_labels(lang),
            options=controls.area_options(dataset, lang),
            value=[REGION],
            multi=True,
            clearable=True,
            placeholder=t("filter.area.placeholder", lang),
            maxHeight=320,
        ),
        value_of=lambda state, dataset: list(state.areas),
        apply=_apply_area,
        options=lambda dataset, lang, page: controls.area_options(dataset, lang),
        placeholder_key="filter.area.placeholder",
        width={"xs": 12, "md": 6, "lg": 4},
    ),
    Filter(
        "year",
        ("year",),
        ids.FILTER_YEAR,
        "filter.year.label",
        control=lambda dataset, lang: dcc.Dropdown(
            id=ids.FILTER_YEAR,
            labels=dropdown_labels(lang),
            options=controls.year_options(dataset, lang),
            value=LATEST,
            clearable=False,
            maxHeight=320,
        ),
        value_of=_year_value,
        apply=_apply_year,
        options=_year_options,
        width={"xs": 6, "md": 3, "lg": 2},
    ),
    Filter(
        "year_range",
        ("from", "to"),
        ids.FILTER_YEAR_RANGE,
        "filter.year_range.label",
        control=lambda dataset, lang: controls.year_slider(dataset),
        value_of=_range_value,
        apply=_apply_range,
        width={"xs": 12, "md": 6, "lg": 3},
    ),
    Filter(
        "program",
        ("program",),
        ids.FILTER_PROGRAM,
        "filter.program.label",
        control=lambda dataset, lang: dcc.Dropdown(
            id=ids.FILTER_PROGRAM,
            labels=dropdown_labels(lang),
            options=[],  # the page's options come with the URL's state (options_on_page)
            value=None,
            placeholder=t("filter.program.placeholder", lang),
        ),
        value_of=lambda state, dataset: state.program,
        apply=_apply_identifier("program"),
        options=lambda dataset, lang, page: controls.program_options(dataset, lang),
        placeholder_key="filter.program.placeholder",
        width={"xs": 12, "md": 6, "lg": 3},
    ),
    Filter(
        "indicator",
        ("indicator",),
        ids.FILTER_INDICATOR,
        "filter.indicator.label",
        control=lambda dataset, lang: dcc.Dropdown(
            id=ids.FILTER_INDICATOR,
            labels=dropdown_labels(lang),
            options=[],  # the page's options come with the URL's state (options_on_page)
            value=None,
            placeholder=t("filter.indicator.placeholder", lang),
            maxHeight=320,
        ),
        value_of=lambda state, dataset: state.indicator,
        apply=_apply_identifier("indicator"),
        options=_indicator_options,
        placeholder_key="filter.indicator.placeholder",
        width={"xs": 12, "md": 6, "lg": 3},
    ),
    Filter(
        "within",
        ("within",),
        ids.FILTER_WITHIN,
        "filter.within.label",
        control=_within_control,
        value_of=lambda state, dataset: state.within,
        apply=_apply_within,
        width={"xs": "auto"},
    ),
)
BY_NAME = {record.name: record for record in FILTERS}
BY_CONTROL = {record.control_id: record for record in FILTERS}
# Page declarations that are not controls of their own: "all_years" adds "every year" to the
# year choices; "table" keeps the data grid's sort and filters (URL sort=, filter=).
PAGE_PARAMETERS = {"all_years": ("year",), "table": ("sort", "filter")}


def options_on_page(
    record: Filter, dataset: Dataset, lang: str, page: dict, state: FilterState
) -> list[dict]:
    """A control's options on a page: all of them where the page shows the control; where it
    is hidden, only the options of the value it holds (a Dash 4 dropdown drops a value its
    options lack). A dropdown indexes the words of all its options as they arrive: ~50 ms
    for the 110 indicators, spent on every page that hides them."""
    assert record.options is not None
    options = record.options(dataset, lang, page)
    if record.name in page.get("filters", ()):
        return options
    value = record.value_of(state, dataset)
    held = value if isinstance(value, list) else [value]
    return [option for option in options if option["value"] in held]


def params_of(filters: Iterable[str]) -> set[str]:
    """The URL parameters a page with these declared filters uses (lang always)."""
    params = {"lang"}
    for name in filters:
        if name in BY_NAME:
            params.update(BY_NAME[name].params)
        params.update(PAGE_PARAMETERS.get(name, ()))
    return params


def filter_group(record: Filter, dataset: Dataset, lang: str) -> dbc.Col:
    """A control with its label, in a column the shell hides on pages that do not use it."""
    label = html.Label(
        t(record.label_key, lang),
        htmlFor=record.control_id,
        id=label_id(record),
        className="form-label small fw-semibold mb-1",
    )
    children = [record.control(dataset, lang)]
    if record.name != "within":
        children.insert(0, label)
    else:
        children.append(html.Span(id=label_id(record), className="d-none"))
    return dbc.Col(
        children,
        id=ids.filter_group(record.name),
        className="filter-group",
        **record.width,
    )


def label_id(record: Filter) -> str:
    return f"{record.control_id}-label"


# ------------------------------------------------------------------ the phone's one line

COMPACT_SEPARATOR = " · "


def compact_summary(state: FilterState, fields: Iterable[str], dataset: Dataset) -> str:
    """The page's filter choices in one short line: "2019年 · 那曲市 · 劝返复学".

    Only the filters the page uses (`fields`, as links.page_fields gives them), in the bar's
    order; "" for a page without filters.
    """
    lang = state.lang
    used = set(fields)
    parts: list[str] = []
    if "year" in used or "all_years" in used:
        if state.year is not None:
            parts.append(format_year(state.year, lang))
        else:
            parts.append(t("filter.year.all" if state.all_years else "filter.compact.latest", lang))
    if "year_range" in used and state.year_range is not None:
        parts.append(f"{state.year_range[0]}–{state.year_range[1]}")
    if "area" in used and state.areas:
        names = [dataset.area_name(area, lang) for area in state.areas]
        if len(names) <= 2:
            parts.append(t("format.list_separator", lang).join(names))
        else:
            more = len(names) - 1
            parts.append(
                t("filter.compact.more_areas", lang, first=names[0], count=len(names), more=more)
            )
    if "program" in used and state.program:
        parts.append(dataset.program_name(state.program, lang))
    if "indicator" in used and state.indicator:
        parts.append(dataset.indicator(state.indicator).name(lang))
    if "within" in used and state.within:
        parts.append(t("filter.summary.within", lang))
    return COMPACT_SEPARATOR.join(parts)
