"""The filter controls' options from the dataset, and the filters in words.

The filters themselves are records in `dashboard.shell.filters`; the shell lays them out.
Pages never read the controls: they read the filter store through `shell.read(...)` (or
`read_filters(data)`; see docs/ARCHITECTURE.md, "Adding a page").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from dash import dcc
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.i18n import format_year, t
from dashboard.state import FilterState, from_store

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
            search = search_words(label, area.code, [area.name_zh, area.name_en, *area.aliases])
            options.append({"label": label, "value": area.code, "search": search})
    return options


def search_words(label: str, value: str, names: Iterable[str]) -> str:
    """An option's `search` text: the words of `names` that its label and value do not
    already find. A Dash 4 dropdown indexes every substring of every word of an option's
    value, label and search as it mounts (~100 ms for the filter bar's menus when the
    search repeated the label and the indicator's key), and a query word is found when it
    is part of an indexed word (in lower case): a word inside another adds nothing.
    """
    indexed = [word.lower() for word in (*label.split(), value)]
    words: dict[str, str] = {}  # lower case: as written
    for word in " ".join(names).split():
        lower = word.lower()
        if not any(lower in other for other in [*indexed, *words]):
            words = {kept: text for kept, text in words.items() if kept not in lower}
            words[lower] = word
    return " ".join(words.values())


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
    """Indicators that have data, of the given programmes (all when None); made once per
    dataset, language and programmes (the shell asks at every first load and page move)."""
    wanted = tuple(sorted(set(programs))) if programs else None
    options = dataset.cached(
        f"filters.indicator_options:{lang}:{wanted}",
        lambda data: _indicator_options(data, lang, wanted),
    )
    return [dict(option) for option in options]


def _indicator_options(
    dataset: Dataset, lang: str, wanted: tuple[str, ...] | None
) -> list[dict[str, str]]:
    options = []
    for indicator_id in dataset.indicators():
        indicator = dataset.indicator(indicator_id)
        if wanted is not None and indicator.program not in wanted:
            continue
        label = indicator.name(lang)
        search = search_words(label, indicator_id, [indicator.name_zh, indicator.name_en])
        options.append({"label": label, "value": indicator_id, "search": search})
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


def year_slider(dataset: Dataset) -> dcc.RangeSlider:
    low, high = year_bounds(dataset)
    return dcc.RangeSlider(
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
    )


def summary_text(state: FilterState, area_name, lang: str) -> str:
    """The active filters in words (read out when they change)."""
    areas = t("format.list_separator", lang).join(area_name(area) for area in state.areas)
    if state.year is not None:
        years = format_year(state.year, lang)
    else:
        years = t("filter.year.all" if state.all_years else "filter.summary.latest", lang)
    return t("filter.summary", lang, areas=areas, years=years)
