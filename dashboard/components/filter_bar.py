"""The filter bar in the shell: area, year, year range, programme, indicator, clear.

Pages declare which filters they use in `register_page(..., filters=(...))`; the shell
hides the others. Pages never read these controls: they read the filter store through
`read_filters(data)` (see docs/ARCHITECTURE.md, "Adding a page").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.i18n import format_year, t
from dashboard.state import REGION, FilterState, from_store

if TYPE_CHECKING:
    from dashboard.data.store import Dataset

FILTERS = ("area", "year", "year_range", "program", "indicator")
DEFAULT_PAGE_FILTERS = ("area", "year")
LATEST = "latest"  # the year dropdown's value for "latest reading of each indicator"


def read_filters(data: object) -> FilterState:
    """The state for a page callback's Input(ids.FILTER_STATE, "data").

    Raises PreventUpdate while the shell has not yet read the URL (data is None), so a page
    never draws once with the defaults and again with the URL's state.
    """
    if data is None:
        raise PreventUpdate
    return from_store(data)


def area_options(dataset: Dataset, lang: str) -> list[dict[str, str]]:
    """The region, its prefectures, then counties with their prefecture named."""
    options = dataset.cached(f"filters.area_options:{lang}", lambda data: _area_options(data, lang))
    return [dict(option) for option in options]


def _area_options(dataset: Dataset, lang: str) -> list[dict[str, str]]:
    gazetteer = dataset.gazetteer
    options = []
    for level in ("region", "prefecture", "county"):
        for area in gazetteer.by_level(level):
            label = area.name(lang)
            if level == "county" and area.parent in gazetteer:
                parent = gazetteer.area(area.parent).name(lang)
                label = f"{label}（{parent}）" if lang == "zh" else f"{label} ({parent})"
            # search: both languages and aliases, so "Nagqu" finds 那曲市 in Chinese too.
            search = " ".join([area.name_zh, area.name_en, *area.aliases, area.code])
            options.append({"label": label, "value": area.code, "search": search})
    return options


def year_options(dataset: Dataset, lang: str) -> list[dict[str, object]]:
    years = sorted(dataset.years(), reverse=True)
    return [{"label": t("filter.year.latest", lang), "value": LATEST}] + [
        {"label": format_year(year, lang), "value": year} for year in years
    ]


def program_options(dataset: Dataset, lang: str) -> list[dict[str, str]]:
    return [
        {"label": dataset.program_name(str(program), lang), "value": str(program)}
        for program in dataset.catalogue.programs.index
    ]


def indicator_options(
    dataset: Dataset, lang: str, programs: Iterable[str] | None = None
) -> list[dict[str, str]]:
    """Indicators that have data, of the given programmes (all when None)."""
    wanted = set(programs) if programs else None
    options = []
    for indicator_id in dataset.indicators():
        indicator = dataset.indicator(indicator_id)
        if wanted is not None and indicator.program not in wanted:
            continue
        search = f"{indicator.name_zh} {indicator.name_en} {indicator_id}"
        options.append({"label": indicator.name(lang), "value": indicator_id, "search": search})
    return options


def year_bounds(dataset: Dataset) -> tuple[int, int]:
    years = dataset.years()  # computed once per dataset
    if not years:
        return 2010, 2025
    return years[0], years[-1]


def year_marks(low: int, high: int) -> dict[int, str]:
    step = 5 if high - low > 12 else 2 if high - low > 5 else 1
    marks = {year: str(year) for year in range(low - low % step + step, high, step)}
    marks.update({low: str(low), high: str(high)})
    return {year: label for year, label in marks.items() if low <= year <= high}


def _group(name: str, label_key: str, control_id: str, control, lang: str, **width) -> dbc.Col:
    return dbc.Col(
        [
            html.Label(
                t(label_key, lang),
                htmlFor=control_id,
                id=f"{control_id}-label",
                className="form-label small fw-semibold mb-1",
            ),
            control,
        ],
        id=ids.filter_group(name),
        className="filter-group",
        **width,
    )


def filter_bar(dataset: Dataset, lang: str) -> html.Section:
    """The controls with their initial (default-language) options; the shell updates them."""
    low, high = year_bounds(dataset)
    controls = [
        _group(
            "area",
            "filter.area.label",
            ids.FILTER_AREA,
            dcc.Dropdown(
                id=ids.FILTER_AREA,
                options=area_options(dataset, lang),
                value=[REGION],
                multi=True,
                clearable=True,
                placeholder=t("filter.area.placeholder", lang),
                maxHeight=320,
            ),
            lang,
            xs=12,
            md=6,
            lg=4,
        ),
        _group(
            "year",
            "filter.year.label",
            ids.FILTER_YEAR,
            dcc.Dropdown(
                id=ids.FILTER_YEAR,
                options=year_options(dataset, lang),
                value=LATEST,
                clearable=False,
                maxHeight=320,
            ),
            lang,
            xs=6,
            md=3,
            lg=2,
        ),
        _group(
            "year_range",
            "filter.year_range.label",
            ids.FILTER_YEAR_RANGE,
            dcc.RangeSlider(
                id=ids.FILTER_YEAR_RANGE,
                min=low,
                max=high,
                step=1,
                value=[low, high],
                marks=year_marks(low, high),
                allowCross=False,
                updatemode="mouseup",
                tooltip={"placement": "bottom", "always_visible": False},
                allow_direct_input=False,
            ),
            lang,
            xs=12,
            md=6,
            lg=3,
        ),
        _group(
            "program",
            "filter.program.label",
            ids.FILTER_PROGRAM,
            dcc.Dropdown(
                id=ids.FILTER_PROGRAM,
                options=program_options(dataset, lang),
                value=None,
                placeholder=t("filter.program.placeholder", lang),
            ),
            lang,
            xs=12,
            md=6,
            lg=3,
        ),
        _group(
            "indicator",
            "filter.indicator.label",
            ids.FILTER_INDICATOR,
            dcc.Dropdown(
                id=ids.FILTER_INDICATOR,
                options=indicator_options(dataset, lang),
                value=None,
                placeholder=t("filter.indicator.placeholder", lang),
                maxHeight=320,
            ),
            lang,
            xs=12,
            md=6,
            lg=3,
        ),
        dbc.Col(
            html.Button(
                t("filter.clear", lang),
                id=ids.FILTER_CLEAR,
                type="button",
                className="btn btn-outline-primary btn-sm filter-clear",
                title=t("filter.clear_hint", lang),
            ),
            xs="auto",
            className="d-flex align-items-end filter-clear-col",
        ),
    ]
    return html.Section(
        [
            dbc.Row(controls, className="g-2 align-items-end"),
            html.P(id=ids.FILTER_SUMMARY, className="visually-hidden", **{"aria-live": "polite"}),
        ],
        id=ids.FILTER_BAR,
        className="filter-bar py-2",
        **{"aria-label": t("filter.bar_label", lang)},
    )


def state_to_controls(state: FilterState, bounds: tuple[int, int]) -> tuple:
    """The control values that show a state: area, year, year range, programme, indicator."""
    low, high = bounds
    if state.year_range is None:
        year_range = [low, high]
    else:
        year_range = [max(low, state.year_range[0]), min(high, state.year_range[1])]
    return (
        list(state.areas),
        state.year if state.year is not None else LATEST,
        year_range,
        state.program,
        state.indicator,
    )


def summary_text(state: FilterState, area_name, lang: str) -> str:
    """The active filters in words (read out when they change)."""
    areas = t("format.list_separator", lang).join(area_name(area) for area in state.areas)
    years = (
        format_year(state.year, lang)
        if state.year is not None
        else t("filter.summary.latest", lang)
    )
    return t("filter.summary", lang, areas=areas, years=years)
