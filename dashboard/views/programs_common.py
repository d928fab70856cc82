"""Shared by the programme charts: which rows a chart shows, and words about it.

The area rule of every programme chart:
- the whole region selected: every area with data, each under its own name (Lhasa's check
  stays Lhasa's, never merged into region-wide figures);
- prefectures selected: exactly their rows (and their counties'); when they have none but the
  region has, the region's rows are offered, marked `region_fallback`, and the chart says in
  the subtitle and on the plot that these are region-wide figures, not the prefecture's.
The year rule: a snapshot chart (one year's breakdown) shows the selected year, or without one
the latest year with data in the year range; a chart over the years shows the year range and
marks the selected year.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard import config
from dashboard.data.contract import OBSERVATION_COLUMNS
from dashboard.data.records import records
from dashboard.figures.common import empty_figure, summarise_trend, wrap_lines
from dashboard.i18n import format_value, format_year, format_years, join_list, t
from dashboard.views import Chart, source_names

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

REGION = config.REGION_CODE
# At most this many areas on one chart (the region and its seven prefectures fit): beyond
# it lines and bars are unreadable, and a million-row table would draw every county.
MAX_CHART_AREAS = 8
# Line charts draw at most this many series (sanbao's thirteen standards fit).
MAX_SERIES = 16
# A note under a chart lists at most this many readings, then says how many more there are.
MAX_NOTE_ITEMS = 6
# Bar charts whose bars are years draw at most this many (the latest); lines draw them all.
MAX_BAR_YEARS = 4
LEVEL_ORDER = {"region": 0, "prefecture": 1, "county": 2}
EMPTY_WIDTH = {"zh": 20, "en": 40}  # characters a line of an empty chart's message: a phone's width


@dataclass
class Selection:
    """The readings a chart shows (chosen and not chosen), and how they were picked."""

    rows: pd.DataFrame
    year: int | None = None  # the snapshot year; None for charts over the years
    region_fallback: bool = False  # selected prefectures had none: rows are region-wide
    missing_areas: list[str] = field(default_factory=list)  # selected areas without rows
    hidden_areas: list[str] = field(default_factory=list)  # areas with rows, not drawn (cap)
    hidden_years: list[int] = field(default_factory=list)  # years with rows, not drawn (cap)
    hidden_series: int = 0  # series with rows, not drawn (cap)

    @property
    def empty(self) -> bool:
        return self.rows.empty


def select(
    dataset: Dataset,
    state: FilterState,
    indicators: Sequence[str],
    *,
    snapshot: bool,
    year_from: Callable[[pd.DataFrame], int | None] | None = None,
) -> Selection:
    """The rows of indicators for the state's areas and years (see the module's rules).

    The area, cap and year rules make one mask over the indicators' rows, taken once: a
    selection of every column at each step cost ~1 ms (a chart's few dozen rows, 21 columns).
    """
    everything = dataset.query(
        indicators=list(indicators), preferred_only=False, year_range=state.year_range
    )
    keep, fallback, missing = _for_areas(everything, state)
    keep, hidden = _within_area_cap(everything, keep, state)
    if not snapshot:
        return Selection(everything[keep], None, fallback, missing, hidden)
    year = state.year
    years = everything["year"].to_numpy()
    if year is None:
        chosen = keep & everything["preferred"].to_numpy(dtype=bool)
        if year_from is not None:
            year = year_from(everything[chosen])
        elif chosen.any():
            year = int(years[chosen].max())
    if year is None:
        return Selection(everything.iloc[0:0], None, fallback, missing, hidden)
    return Selection(everything[keep & (years == year)], year, fallback, missing, hidden)


def latest_years(selection: Selection, count: int = MAX_BAR_YEARS) -> Selection:
    """The selection's latest `count` years; the earlier ones are named in the subtitle."""
    rows = selection.rows
    if rows.empty:
        return selection
    years = sorted({int(year) for year in pd.unique(rows["year"])})
    if len(years) <= count:
        return selection
    kept = years[-count:]
    return replace(
        selection, rows=rows[rows["year"].isin(kept)], hidden_years=years[: len(years) - count]
    )


def within_series_cap(
    rows: pd.DataFrame, selection: Selection, order: Sequence[str] = (), limit: int = MAX_SERIES
) -> tuple[pd.DataFrame, Selection]:
    """Labelled rows of at most `limit` series (those in `order` first, then as they come);
    the selection returned counts the others for the subtitle."""
    present = list(dict.fromkeys(rows["series"]))
    if len(present) <= limit:
        return rows, selection
    listed = [series for series in dict.fromkeys(order) if series in set(present)]
    ranked = listed + [series for series in present if series not in set(listed)]
    kept = rows[rows["series"].isin(ranked[:limit])]
    return kept, replace(selection, hidden_series=len(ranked) - limit)


def _within_area_cap(
    frame: pd.DataFrame, keep: np.ndarray, state: FilterState
) -> tuple[np.ndarray, list[str]]:
    """At most MAX_CHART_AREAS areas among the kept rows: the selected ones first, then the
    region, prefectures and counties, each level in code order. Returns the rows kept (a
    mask) and the areas left out."""
    if not keep.any():
        return keep, []
    codes = pd.factorize(frame["area"])[0]  # on a categorical: its codes, no strings
    kept_codes, first = np.unique(codes[keep], return_index=True)
    if len(kept_codes) <= MAX_CHART_AREAS:
        return keep, []
    rows = np.flatnonzero(keep)[first]
    areas, levels = plain_values(frame["area"]), plain_values(frame["area_level"])
    level_of = {str(areas[row]): str(levels[row]) for row in rows}
    selected = set(state.areas)
    ranked = sorted(
        level_of,
        key=lambda code: (code not in selected, LEVEL_ORDER.get(level_of[code], 3), code),
    )
    shown, hidden = ranked[:MAX_CHART_AREAS], ranked[MAX_CHART_AREAS:]
    return keep & np.isin(areas, np.array(shown, dtype=object)), hidden


def _for_areas(frame: pd.DataFrame, state: FilterState) -> tuple[np.ndarray, bool, list[str]]:
    """(the rows of the state's areas or, when none has rows, the region's; whether the
    region's stand in for them; the areas without rows)."""
    everything = np.ones(len(frame), dtype=bool)
    if state.is_region or frame.empty:
        return everything, False, []
    wanted = list(state.areas)
    in_area, area_codes = _matching(frame["area"], wanted)
    in_prefecture, prefecture_codes = _matching(frame["prefecture"], wanted)
    mine = in_area | in_prefecture
    covered = area_codes(mine) | prefecture_codes(mine)
    missing = [area for area in state.areas if area not in covered]
    if not mine.any() and REGION not in wanted:
        region = _matching(frame["area"], [REGION])[0]
        if region.any():
            return region, True, missing
    return mine, False, missing


TEXT_COLUMNS = ("area", "source", "indicator", "dimension", "category", "unit", "kind", "note")


def _matching(
    column: pd.Series, wanted: list[str]
) -> tuple[np.ndarray, Callable[[np.ndarray], set[str]]]:
    """(rows whose value is one of `wanted`, the distinct values of the rows a mask keeps).
    Compared through a categorical column's codes: each distinct code once, no string per
    row, and no pandas operation per step (~2 ms a chart's selection of a few dozen rows)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        strings = _category_strings(column.cat.categories)
        codes = column.cat.codes.to_numpy()
        position = _category_positions(strings)
        mask = np.isin(codes, [position[value] for value in wanted if value in position])

        def values(rows: np.ndarray) -> set[str]:
            return {strings[code] for code in np.unique(codes[rows]) if code >= 0}

        return mask, values
    plain = plain_values(column)
    mask = np.isin(plain, np.array(wanted, dtype=object))
    return mask, lambda rows: {str(value) for value in plain[rows]} - {""}


def labelled(frame: pd.DataFrame, dataset: Dataset, lang: str) -> pd.DataFrame:
    """Rows with the names a figure needs: area, source ("publisher date"), decimals, category.

    Names are looked up once per distinct value (a chart has a handful), not once per row, and
    text columns become plain Python strings (object dtype): builders walk them row by row,
    which is ten times slower over Arrow-backed strings. A programme page labels four or
    five selections of a few dozen rows per filter change: the frame is made in one step
    (a column set at a time cost ~0.2 ms each), without pandas' MultiIndex (~2 ms).
    """
    columns = {column: plain_values(frame[column]) for column in TEXT_COLUMNS}

    def mapped(values: np.ndarray, name_of: Callable[[str], str]) -> np.ndarray:
        codes, uniques = pd.factorize(values)
        return np.array([*(name_of(value) for value in uniques), ""], dtype=object)[codes]

    def category_of(key: str) -> str:
        dimension, category = key.split(KEY_SEPARATOR)
        return category_name(dataset, dimension, category, lang) if dimension else ""

    added = {
        "area_name": mapped(columns["area"], lambda area: dataset.area_name(area, lang)),
        "source_label": mapped(columns["source"], lambda code: source_label(dataset, code, lang)),
        # As read: i18n writes as many decimals as the value has (at most 2) and scales large
        # money and head counts to 万/亿 or million/billion itself.
        "decimals": np.full(len(frame), None, dtype=object),
        "indicator_name": mapped(
            columns["indicator"], lambda indicator: dataset.indicator(indicator).name(lang)
        ),
        "category_name": mapped(
            columns["dimension"] + KEY_SEPARATOR + columns["category"], category_of
        ),
    }
    made = {  # object arrays stay object (pandas 3 would infer its string dtype from them)
        name: pd.Series(values, index=frame.index, dtype=object, copy=False)
        for name, values in {**columns, **added}.items()
    }
    made["preferred"] = frame["preferred"].astype(bool)
    made["year"] = frame["year"].astype(int)
    return pd.DataFrame({**dict(frame.items()), **made}, index=frame.index, copy=False)


KEY_SEPARATOR = "\x1f"  # between a dimension and a category in one key (in neither)
_CATEGORY_STRINGS: dict[int, tuple[pd.Index, np.ndarray]] = {}
_CATEGORY_POSITIONS: dict[int, tuple[np.ndarray, dict[str, int]]] = {}
_CATEGORY_LOCK = threading.Lock()


def plain_values(column: pd.Series) -> np.ndarray:
    """A text column as an object array of Python strings ("" for missing). A categorical
    column's categories are converted once: the dataset's columns share category lists of
    hundreds of notes and sources, and each selection from them keeps the same list."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return _category_strings(column.cat.categories)[column.cat.codes.to_numpy()]
    values = column.to_numpy(dtype=object, na_value="")
    return np.array([str(value) for value in values], dtype=object)


def _category_positions(strings: np.ndarray) -> dict[str, int]:
    """Each category's code, from _category_strings' array (kept with it)."""
    found = _CATEGORY_POSITIONS.get(id(strings))
    if found is not None and found[0] is strings:
        return found[1]
    positions = {value: code for code, value in enumerate(strings[:-1])}
    with _CATEGORY_LOCK:
        if len(_CATEGORY_POSITIONS) >= 64:
            _CATEGORY_POSITIONS.pop(next(iter(_CATEGORY_POSITIONS)), None)
        _CATEGORY_POSITIONS[id(strings)] = (strings, positions)
    return positions


def _category_strings(categories: pd.Index) -> np.ndarray:
    """The categories as Python strings, and "" last (for code -1, missing); kept for the
    last few category lists (each entry keeps its list alive, so an id is not reused)."""
    found = _CATEGORY_STRINGS.get(id(categories))
    if found is not None and found[0] is categories:
        return found[1]
    strings = np.array([str(value) for value in categories] + [""], dtype=object)
    with _CATEGORY_LOCK:  # the server's threads share the table
        if len(_CATEGORY_STRINGS) >= 64:  # datasets replaced or uploaded: forget the oldest
            _CATEGORY_STRINGS.pop(next(iter(_CATEGORY_STRINGS)), None)
        _CATEGORY_STRINGS[id(categories)] = (categories, strings)
    return strings


def category_name(dataset: Dataset, dimension: str, category: str, lang: str) -> str:
    """dataset.category_name, from a table built once per dataset and language (the catalogue
    lookup scans the dimensions table on every call)."""
    names = dataset.cached(f"views.category_names:{lang}", lambda data: _category_names(data, lang))
    return names.get((dimension, category), category)


def _category_names(dataset: Dataset, lang: str) -> dict[tuple[str, str], str]:
    frame = dataset.catalogue.dimensions
    column = "name_zh" if lang == "zh" else "name_en"
    names: dict[tuple[str, str], str] = {}
    for dimension, category, name in zip(
        frame["dimension"], frame["category"], frame[column], strict=True
    ):
        names.setdefault((dimension, category), str(name))  # the first entry, as the catalogue's
    return names


def source_label(dataset: Dataset, source: str, lang: str) -> str:
    if not source:
        return ""
    return source_names.label(dataset.source(source), lang)


def observations(frame: pd.DataFrame) -> pd.DataFrame:
    """The plotted rows as rows of the built table (what exports and the data page list)."""
    return frame[[column for column in OBSERVATION_COLUMNS if column in frame.columns]]


def sources_of(frame: pd.DataFrame) -> list[str]:
    """Source ids in order of use: chosen readings first, then the others shown."""
    preferred = frame["preferred"].to_numpy(bool)
    source = frame["source"]
    ordered = [*pd.unique(source[preferred]), *pd.unique(source[~preferred])]
    return [str(value) for value in dict.fromkeys(ordered) if isinstance(value, str) and value]


def area_names(dataset: Dataset, areas: Iterable[str], lang: str) -> str:
    return join_list([dataset.area_name(area, lang) for area in dict.fromkeys(areas)], lang)


def subtitle(
    dataset: Dataset,
    selection: Selection,
    state: FilterState,
    *,
    kind_note: str = "",
) -> str:
    """What the chart shows, in words: areas, years, region-wide fallback, kind of value."""
    lang = state.lang
    rows = selection.rows
    parts = []
    if not rows.empty:
        parts.append(area_names(dataset, rows["area"].astype(str), lang))
        if selection.year is not None:
            parts.append(format_year(selection.year, lang))
        else:
            years = sorted({int(year) for year in rows["year"]})
            if len(years) > 1:
                parts.append(t("format.year_range", lang, start=years[0], end=years[-1]))
            else:
                parts.append(format_years(years, lang))
    text = " · ".join(parts)
    if selection.missing_areas and not selection.region_fallback:
        text += " · " + t(
            "programs.missing_areas",
            lang,
            areas=area_names(dataset, selection.missing_areas, lang),
        )
    if selection.region_fallback:
        text += " · " + t(
            "programs.region_fallback",
            lang,
            areas=area_names(dataset, state.areas, lang),
        )
    if selection.hidden_areas:
        text += " · " + t(
            "programs.hidden_areas", lang, count=len(selection.hidden_areas), shown=MAX_CHART_AREAS
        )
    if selection.hidden_years:
        text += " · " + t(
            "programs.hidden_years",
            lang,
            count=len(selection.hidden_years),
            shown=MAX_BAR_YEARS,
            years=_years_in_words(selection.hidden_years, lang),
        )
    if selection.hidden_series:
        text += " · " + t(
            "programs.hidden_series", lang, count=selection.hidden_series, shown=MAX_SERIES
        )
    if kind_note:
        text += " · " + kind_note
    return text


def _years_in_words(years: list[int], lang: str) -> str:
    if len(years) <= 3:
        return format_years(years, lang)
    return t("format.year_range", lang, start=years[0], end=years[-1])


def no_data_lines(dataset: Dataset, state: FilterState, indicators: Sequence[str]) -> list[str]:
    """What is missing and what is available: nearest years here, areas that have the data."""
    lang = state.lang
    chosen = dataset.query(indicators=list(indicators))
    where = area_names(dataset, state.areas, lang)
    if state.year is not None:
        lines = [t("programs.no_data.in_year", lang, areas=where, year=state.year)]
    elif state.year_range is not None:
        low, high = state.year_range
        lines = [t("programs.no_data.in_years", lang, areas=where, start=low, end=high)]
    else:
        lines = [t("programs.no_data", lang, areas=where)]
    if not chosen.empty:
        here = (
            chosen
            if state.is_region
            else chosen[
                chosen["area"].astype(str).isin(state.areas)
                | chosen["prefecture"].astype(str).isin(state.areas)
            ]
        )
        if not here.empty:
            years = sorted({int(year) for year in here["year"]})
            if state.year is not None:
                years.sort(key=lambda year: (abs(year - state.year), -year))
            lines.append(t("programs.no_data.years", lang, years=format_years(years[:4], lang)))
        areas = list(dict.fromkeys(chosen["area"].astype(str)))
        lines.append(t("programs.no_data.areas", lang, areas=area_names(dataset, areas, lang)))
    return lines


def empty_chart(name: str, title: str, lines: Sequence[str], state: FilterState) -> Chart:
    """A chart with nothing to plot: its figure says in words what is missing and what exists."""
    lang = state.lang
    width = EMPTY_WIDTH[lang if lang in EMPTY_WIDTH else "zh"]
    message = "<br>".join(wrapped for line in lines for wrapped in wrap_lines(line, width))
    separator = "" if lang == "zh" else " "
    return Chart(
        name=name,
        title=title,
        subtitle=lines[0],
        figure=empty_figure(message, lang),
        summary=t("summary.empty", lang, title=title) + separator + separator.join(lines),
        frame=pd.DataFrame(columns=OBSERVATION_COLUMNS),
        sources=[],
        empty=True,
    )


def note_lines(
    rows: pd.DataFrame, line_of: Callable[[dict], str], lang: str, limit: int = MAX_NOTE_ITEMS
) -> list[str]:
    """One line per row for a note under a chart, at most `limit`, then "+N more" in words."""
    lines = [line_of(row) for row in records(rows.iloc[:limit], list(rows.columns))]
    if len(rows) > limit:
        lines.append(t("programs.more_items", lang, count=len(rows) - limit))
    return lines


def with_area(labels: pd.Series, rows: pd.DataFrame) -> pd.Series:
    """Labels of other areas than the region prefixed with the area's name when several show,
    so that a prefecture's figure is never read as the region's."""
    if rows["area"].nunique() <= 1:
        return labels
    outside = rows["area"].astype(str) != REGION
    return labels.where(~outside, rows["area_name"] + " · " + labels)


def bars_summary(title: str, rows: pd.DataFrame, lang: str) -> str:
    """Every bar in words, for screen readers and the chart's text alternative."""
    chosen = rows[rows["preferred"]]
    items = []
    columns = ("label", "sublabel", "series", "value", "unit", "decimals", "kind")
    for row in records(chosen, columns):
        parts = [str(row["label"])]
        if row.get("sublabel"):
            parts.append(str(row["sublabel"]))
        series = str(row["series"])
        if series and not any(series in part for part in parts):
            parts.append(series)
        value = format_value(row["value"], row["unit"], lang, row.get("decimals"))
        kind = "" if row["kind"] in ("outcome", "standard") else t(f"kind.{row['kind']}", lang)
        items.append(f"{' · '.join(parts)}{t('programs.colon', lang)}{value}{_aside(kind, lang)}")
    return t(
        "programs.summary.bars", lang, title=title, items=t("programs.semicolon", lang).join(items)
    )


def trend_summary(title: str, rows: pd.DataFrame, lang: str) -> str:
    """Each series' span and latest value, and the readings that were not chosen."""
    rows_read = records(rows, ("series", "year", "value", "unit", "preferred", "source_label"))
    by_series: dict[object, list[dict]] = {}  # in the order the series first appear
    for row in rows_read:
        if row["preferred"]:
            by_series.setdefault(row["series"], []).append(row)
    sentences = []
    for series, group in by_series.items():
        group.sort(key=lambda row: row["year"])  # stable: the first of a year's rows first
        sentences.append(
            summarise_trend(
                f"{title} · {series}",
                [int(row["year"]) for row in group],
                [float(row["value"]) for row in group],
                str(group[0]["unit"]),
                lang,
            )
        )
    rejected = [row for row in rows_read if not row["preferred"]]
    if rejected:
        items = [
            f"{format_year(row['year'], lang)} {format_value(row['value'], row['unit'], lang)}"
            f"{_aside(str(row['source_label']), lang)}"
            for row in rejected
        ]
        sentences.append(t("programs.summary.not_preferred", lang, items=join_list(items, lang)))
    return " ".join(sentences)


def _aside(text: str, lang: str) -> str:
    if not text:
        return ""
    return f"（{text}）" if lang == "zh" else f" ({text})"
