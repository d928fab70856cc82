"""The Data page: the filtered observations as a table, and what data exists (coverage)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dashboard import ids
from dashboard.data.store import chinese_notes, english_notes, note_language, notes_as_read
from dashboard.figures.common import figure_from_dict
from dashboard.figures.coverage import (
    coverage_cells,
    coverage_heatmap,
    coverage_summary,
    observations_table,
)
from dashboard.i18n import format_number, format_value, format_years, t
from dashboard.shell.area_rule import area_query, latest_only, missing_notes
from dashboard.state import FilterState, href
from dashboard.views import Chart, View, recent, register_view, shared_or_built, source_names
from dashboard.views.map import coverage_frame, coverage_words

if TYPE_CHECKING:
    from dashboard.data.store import Dataset, Indicator

TABLE_CHART = "data-table"
COVERAGE_CHART = "data-coverage"
SOURCES_PATH = "/sources"
# The display columns of the table, in order; each has the header key data.col.<name>.
DISPLAY_COLUMNS = [
    "indicator_name",
    "area_name",
    "year",
    "breakdown",
    "value",
    "value_text",
    "kind",
    "source_name",
    "source_date",
    "note",
    "note_lang",
    "quote",
    "preferred",
    "preferred_text",
    "source",
    "source_link",
    "obs_id",
    "row_id",
]
# The table figure (image, slide and offline HTML exports) lists at most this many rows and
# says so (an image shows about 40 of them); the page's grid loads rows block by block
# (grid_block), the CSV/XLSX exports take every row (Chart.frame).
FIGURE_ROWS = 500
BLOCK_ROWS = 500  # the most rows one grid request is answered with


# ---------------------------------------------------------------- per-state memo
# Recent results of each dataset (views.recent). At 10M rows a whole-region selection is
# 40 MB of positions.
TABLE_ROWS_KEPT = 4  # row positions of a selection: 4 bytes a row
GRID_ORDERS_KEPT = 4  # the same, sorted and filtered by the grid's columns
COVERAGE_KEPT = 8  # coverage figures (a bounded grid, under 1 MB) and summaries


# ---------------------------------------------------------------- the rows


@dataclass(frozen=True)
class TableRows:
    """The rows of a selection, as positions in dataset.observations in table order."""

    positions: np.ndarray
    indicators: int  # distinct indicators among the rows
    years: tuple[int, ...]  # distinct years, ascending

    @property
    def count(self) -> int:
        return len(self.positions)


def _rows_key(state: FilterState, all_readings: bool) -> tuple:
    """What the selected rows depend on (not the language)."""
    return (
        state.indicator,
        state.areas,
        state.within,
        state.year,
        state.all_years,
        state.year_range,
        state.program,
        all_readings,
    )


def table_rows(dataset: Dataset, state: FilterState, *, all_readings: bool = False) -> TableRows:
    """The observations matching the filters, chosen readings first within each key.

    By the area rule (shell.area_rule): the chosen areas only, and the areas inside them
    when state.within. Years: the chosen year; every year (state.all_years); or, with no
    year chosen, each indicator's latest reading in each area. The year range narrows all
    three. Computed once per dataset and selection (a small LRU).
    """

    def compute() -> TableRows:
        frame = dataset.query(
            indicators=[state.indicator] if state.indicator else None,
            years=[state.year] if state.year is not None else None,
            program=state.program,
            preferred_only=not all_readings,
            year_range=state.year_range,
            **area_query(state),
        )
        if state.year is None and not state.all_years:
            frame = latest_only(frame)
        positions = _positions_in(dataset, frame)[_table_order(frame)]
        positions = positions.astype(np.int32 if len(dataset.observations) < 2**31 else np.int64)
        indicators = dataset.observations["indicator"]
        codes = _codes_of(indicators)[positions]
        years = np.unique(dataset.observations["year"].to_numpy()[positions])
        return TableRows(
            positions=positions,
            indicators=len(np.unique(codes[codes >= 0])),
            years=tuple(int(year) for year in years),
        )

    memo = recent(dataset, "data.table_rows", TABLE_ROWS_KEPT)
    return memo.get_or_build(("rows", *_rows_key(state, all_readings)), compute)


def data_rows(dataset: Dataset, state: FilterState, *, all_readings: bool = False) -> pd.DataFrame:
    """The rows of table_rows as a frame (every column of the observations, in table order)."""
    positions = table_rows(dataset, state, all_readings=all_readings).positions
    return dataset.observations.iloc[positions]


TABLE_ORDER = ["indicator", "area", "year", "dimension", "category"]  # then chosen readings first


def _table_order(frame: pd.DataFrame) -> np.ndarray:
    """Positions that sort frame by TABLE_ORDER and preferred (True first), stably: the same
    order as frame.sort_values(...), computed on integer codes (categories sort by their
    codes, missing values last) folded into one key and sorted once."""
    keys = [_sort_codes(frame[column]) for column in TABLE_ORDER]
    keys.append(~frame["preferred"].to_numpy(dtype=bool))
    sizes = [int(key.max()) + 1 if len(key) else 1 for key in keys]
    if float(np.prod([float(size) for size in sizes])) >= 2.0**62:
        return np.lexsort(keys[::-1])
    combined = np.zeros(len(frame), dtype=np.int64)
    for key, size in zip(keys, sizes, strict=True):
        combined *= size
        combined += key
    return np.argsort(combined, kind="stable")


def _sort_codes(column: pd.Series) -> np.ndarray:
    """Integers 0..n that sort like the column does in sort_values (missing values last)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        missing = len(column.cat.categories)
    else:
        codes, uniques = pd.factorize(column, sort=True)
        missing = len(uniques)
    if len(codes) and codes.min() < 0:
        return np.where(codes < 0, missing, codes)
    return codes


def _positions_in(dataset: Dataset, frame: pd.DataFrame) -> np.ndarray:
    """Where frame's rows (a query result: rows of dataset.observations) sit in it."""
    index = dataset.observations.index
    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1:
        return frame.index.to_numpy().astype(np.int64)
    return index.get_indexer(frame.index).astype(np.int64)


def _codes_of(column: pd.Series) -> np.ndarray:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy()
    return pd.factorize(column)[0]


class Names:
    """Names of indicators, areas, breakdown categories and sources in one language, each
    looked up once (the catalogue lookups are slow per row)."""

    def __init__(self, dataset: Dataset, lang: str) -> None:
        self.dataset = dataset
        self.lang = lang
        dimensions = dataset.catalogue.dimensions
        name_column = "name_zh" if lang == "zh" else "name_en"
        self._categories = {
            (str(d), str(c)): str(n)
            for d, c, n in zip(
                dimensions["dimension"],
                dimensions["category"],
                dimensions[name_column],
                strict=True,
            )
        }
        self._areas: dict[str, str] = {}
        self._sources: dict[str, dict[str, str]] = {}

    def indicator(self, indicator_id: str) -> Indicator:
        return self.dataset.indicator(indicator_id)

    def area(self, code: str) -> str:
        if code not in self._areas:
            self._areas[code] = self.dataset.area_name(code, self.lang)
        return self._areas[code]

    def category(self, dimension: str, category: str) -> str:
        return self._categories.get((dimension, category), category) if dimension else ""

    def source(self, source_id: str) -> dict[str, str]:
        if source_id not in self._sources:
            self._sources[source_id] = self.dataset.source(source_id)
        return self._sources[source_id]

    def publisher(self, source_id: str) -> str:
        record = self.source(source_id)
        return source_names.publisher(record, self.lang)


def display_table(dataset: Dataset, rows: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The rows as the table shows them, in the state's language (plain text, no markup).

    `note` is the row's note as the state's language reads it (Dataset.in_language), and
    note_lang the language it is written in (an English note where no Chinese one exists).
    """
    lang = state.lang
    if rows.empty:
        return pd.DataFrame(columns=DISPLAY_COLUMNS)
    rows = rows.assign(note=notes_as_read(rows, lang))
    note_langs = [
        note_language(str(english or ""), str(chinese or ""), lang)
        for english, chinese in zip(english_notes(rows), chinese_notes(rows), strict=True)
    ]
    names = Names(dataset, lang)
    columns = ["obs_id", "indicator", "area", "year", "dimension", "category", "value", "kind"]
    columns += ["source", "quote", "note", "preferred"]
    records = []
    for row, note_lang in zip(rows.loc[:, columns].to_dict("records"), note_langs, strict=True):
        indicator = names.indicator(str(row["indicator"]))
        source_id = str(row["source"])
        publisher = names.publisher(source_id)
        link = href(SOURCES_PATH, state, fragment=ids.source_anchor(source_id), source=source_id)
        records.append(
            {
                "indicator_name": indicator.name(lang),
                "area_name": names.area(str(row["area"])),
                "year": int(row["year"]),
                "breakdown": names.category(str(row["dimension"]), str(row["category"])),
                "value": float(row["value"]),
                "value_text": format_value(row["value"], indicator.unit, lang, indicator.decimals),
                "kind": t(f"kind.{row['kind']}", lang),
                "source_name": publisher,
                "source_date": names.source(source_id).get("date")
                or t("format.date_unknown", lang),
                "note": str(row["note"] or ""),
                "note_lang": note_lang,
                "quote": str(row["quote"] or ""),
                "preferred": bool(row["preferred"]),
                "preferred_text": t(f"data.preferred.{'yes' if row['preferred'] else 'no'}", lang),
                "source": source_id,
                "source_link": link,  # the page of the source (SourceCell, assets/grid_cells.js)
                "obs_id": int(row["obs_id"]),
                "row_id": str(row["obs_id"]),  # the grid wants a string row id
            }
        )
    return pd.DataFrame.from_records(records, columns=DISPLAY_COLUMNS)


def build_data_view(dataset: Dataset, state: FilterState, *, all_readings: bool = False) -> View:
    lang = state.lang
    return View(
        page="data",
        title=t("data.title", lang),
        charts=[
            table_chart(dataset, state, all_readings=all_readings),
            coverage_chart(dataset, state),
        ],
    )


def table_selection(
    dataset: Dataset, state: FilterState, *, all_readings: bool = False
) -> TableRows:
    """The rows the grid shows for the state: its column filters and sort (state.table_*)
    applied to table_rows. What the page counts and every export of the page holds."""
    dataset = dataset.in_language(state.lang)  # the grid sorts and filters the notes as read
    base = table_rows(dataset, state, all_readings=all_readings)
    if not state.table_sort and not state.table_filter:
        return base
    positions = grid_positions(
        dataset,
        state,
        sort_model=sort_model_of(state),
        filter_model=state.table_filter_model,
        all_readings=all_readings,
    )
    if len(positions) == base.count:
        return replace(base, positions=positions)
    observations = dataset.observations
    codes = _codes_of(observations["indicator"])[positions]
    years = np.unique(observations["year"].to_numpy()[positions])
    return TableRows(
        positions=positions,
        indicators=len(np.unique(codes[codes >= 0])),
        years=tuple(int(year) for year in years),
    )


def sort_model_of(state: FilterState) -> list[dict[str, str]]:
    """AG Grid's sortModel for the state's table sort."""
    return [{"colId": column, "sort": way} for column, way in state.table_sort]


def table_words(rows: TableRows, lang: str) -> tuple[str, str]:
    """(subtitle, summary) of the table: its row count, and the table in words."""
    subtitle = t("data.row_count", lang, count=rows.count)
    if not rows.count:
        return subtitle, t("data.summary_empty", lang)
    summary = t(
        "data.summary",
        lang,
        count=rows.count,
        indicators=rows.indicators,
        years=format_years(rows.years, lang),
    )
    return subtitle, summary


def table_chart(dataset: Dataset, state: FilterState, *, all_readings: bool = False) -> Chart:
    """Chart.frame holds every matching row (what CSV and XLSX exports write), in table order;
    the figure lists the first FIGURE_ROWS of them and says so when there are more."""
    lang = state.lang
    dataset = dataset.in_language(lang)  # the rows' notes in the reader's language
    selection = table_selection(dataset, state, all_readings=all_readings)
    rows = dataset.observations.iloc[selection.positions]
    shown = rows.iloc[:FIGURE_ROWS]
    note = ""
    if len(rows) > len(shown):
        note = t(
            "data.figure_rows_note",
            lang,
            shown=format_number(len(shown), lang),
            count=format_number(len(rows), lang),
        )
    subtitle, summary = table_words(selection, lang)
    missing = missing_notes(dataset, state, rows)
    if missing:
        subtitle = t("format.list_separator", lang).join([subtitle, *missing])
    if note:
        summary = f"{summary}{'' if lang == 'zh' else ' '}{note}"
    return Chart(
        name=TABLE_CHART,
        title=t("data.table_title", lang),
        subtitle=subtitle,
        figure=observations_table(display_table(dataset, shown, state), lang=lang, note=note),
        summary=summary,
        frame=rows,
        sources=_sources_of(rows),
        empty=rows.empty,
    )


def _sources_of(rows: pd.DataFrame) -> list[str]:
    """Source ids of the rows in order of first use (on category codes, not a loop per row)."""
    codes, values = _column_codes(rows["source"], np.arange(len(rows)))
    return [_text(values, int(code)) for code in pd.unique(codes) if code >= 0]


def coverage_rows(dataset: Dataset, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What coverage_cells needs of the rows (the columns of map.coverage_frame), one row per
    distinct indicator, year, area and level with `rows` counting the observations it stands
    for: coverage_cells gives the same cells as on every observation, from far fewer rows.

    Rows come in the order of the indicators in the catalogue, then by year, then in order of
    first appearance; names are looked up once per code, kept as categories.
    """
    if rows.empty:
        return coverage_frame(dataset, rows, lang)
    names = Names(dataset, lang)
    columns = [rows[column].astype("category") for column in ("indicator", "area", "area_level")]
    widths = [len(column.cat.categories) + 1 for column in columns]  # code -1 (missing) -> 0
    year = rows["year"].to_numpy()
    first_year = int(year.min())
    span = int(year.max()) - first_year + 1
    if float(np.prod([float(width) for width in widths])) * span >= 2.0**62:
        return coverage_frame(dataset, rows, lang)  # an absurd number of distinct codes
    # One integer per row for (indicator, year, area, level), built in place.
    key = columns[0].cat.codes.to_numpy().astype(np.int64)
    key += 1
    key *= span
    key += year
    key -= first_year
    for column, width in zip(columns[1:], widths[1:], strict=True):
        key *= width
        key += column.cat.codes.to_numpy()
        key += 1
    distinct, keys = pd.factorize(key)  # keys in order of first appearance
    del key
    counts = np.bincount(distinct, minlength=len(keys))
    level, rest = keys % widths[2], keys // widths[2]
    area, rest = rest % widths[1], rest // widths[1]
    year, indicator = rest % span + first_year, rest // span
    catalogue = {code: position for position, code in enumerate(dataset.indicators())}
    rank = np.array(
        [len(catalogue)]  # code 0: a missing indicator
        + [catalogue.get(str(code), len(catalogue)) for code in columns[0].cat.categories]
    )
    order = np.argsort(rank[indicator] * span + (year - first_year), kind="stable")

    def coded(codes: np.ndarray, column: pd.Series, name_of: Callable[[str], str] = str):
        texts = [name_of(str(value)) for value in column.cat.categories]
        if len(set(texts)) == len(texts):
            return pd.Categorical.from_codes(codes[order] - 1, categories=texts)
        return np.array(["", *texts], dtype=object)[codes[order]]

    return pd.DataFrame(
        {
            "indicator": coded(indicator, columns[0]),
            "indicator_name": coded(
                indicator, columns[0], lambda code: names.indicator(code).name(lang)
            ),
            "year": year[order],
            "area": coded(area, columns[1]),
            "area_name": coded(area, columns[1], names.area),
            "area_level": coded(level, columns[2]),
            "rows": counts[order],
        }
    )


def coverage_selection(state: FilterState) -> FilterState:
    """What the coverage chart depends on, as a state: its key in the process, in Redis for
    other processes, and on the page for what the browser has drawn. Not the year: the chart
    shows every year."""
    return FilterState(
        lang=state.lang,
        areas=state.areas,
        within=state.within,
        indicator=state.indicator,
        program=state.program,
    )


def coverage_chart(dataset: Dataset, state: FilterState, *, with_rows: bool = True) -> Chart:
    """Indicator by year for the filtered areas, programme and indicator, over every year.

    The figure and summary are kept per selection and language (a year change does not
    redraw them); with_rows=False leaves Chart.frame empty for callers that only show the
    chart (the page), sparing a copy of every row of the areas.
    """
    lang = state.lang
    query = {
        "indicators": [state.indicator] if state.indicator else None,
        "program": state.program,
        **area_query(state),
    }

    def compute() -> tuple[dict, str, tuple[str, ...], bool]:
        # The same rows as dataset.query(**query), in its order, from the table's positions
        # for every year (shared with the table when no year is chosen): only the columns
        # the chart needs are taken, never a copy of every column.
        every_year = replace(state, year=None, year_range=None, all_years=True)
        positions = np.sort(table_rows(dataset, every_year).positions)
        rows = pd.DataFrame(
            {
                column: dataset.observations[column].iloc[positions].reset_index(drop=True)
                for column in ("indicator", "year", "area", "area_level", "source")
            }
        )
        frame = coverage_rows(dataset, rows, lang)
        cells = coverage_cells(frame)
        figure = coverage_heatmap(frame, lang=lang, mode="level", cells=cells)
        summary = coverage_summary(frame, lang, cells=cells)
        return figure.to_dict(), summary, tuple(_sources_of(rows)), rows.empty

    selection = coverage_selection(state)
    memo = recent(dataset, "data.coverage", COVERAGE_KEPT)
    figure, summary, sources, empty = memo.get_or_build(
        selection,
        lambda: shared_or_built("data-coverage", dataset, selection, lambda _d, _s: compute()),
    )
    rows = dataset.query(**query) if with_rows else dataset.observations.iloc[0:0]
    return Chart(
        name=COVERAGE_CHART,
        title=t("coverage.title", lang),
        subtitle=" · ".join(
            filter(None, (t("coverage.subtitle", lang), coverage_words(dataset, state)))
        ),
        figure=figure_from_dict(figure),
        summary=summary,
        frame=rows,
        sources=list(sources),
        empty=empty,
    )


# ---------------------------------------------------------------- the page's grid
#
# The grid uses AG Grid's infinite row model: it asks for rows block by block, with its
# column sort and filter models, and each answer carries only the rows of the block
# (display strings and links are built for those rows alone) and the total count.

TEXT_FIELDS = {
    "preferred_text",
    "indicator_name",
    "area_name",
    "breakdown",
    "kind",
    "source_link",
    "source_name",
    "source_date",
    "note",
    "quote",
}
NUMBER_FIELDS = {"year": "year", "value": "value"}


def grid_block(
    dataset: Dataset,
    state: FilterState,
    request: Mapping[str, Any],
    *,
    all_readings: bool = False,
) -> dict[str, Any]:
    """The answer to an AG Grid getRows request: {"rowData": [...], "rowCount": n}.

    rowData holds display_table's records for rows startRow..endRow (at most BLOCK_ROWS) of
    the selection, sorted by the request's sortModel and filtered by its filterModel (both on
    the values the grid shows); rowCount counts every row that passes the filters.
    """
    sort_model = request.get("sortModel")
    filter_model = request.get("filterModel")
    dataset = dataset.in_language(state.lang)
    positions = grid_positions(
        dataset,
        state,
        sort_model=sort_model if isinstance(sort_model, list) else [],
        filter_model=filter_model if isinstance(filter_model, Mapping) else {},
        all_readings=all_readings,
    )
    start = max(0, _as_int(request.get("startRow"), 0))
    end = min(_as_int(request.get("endRow"), start + 100), start + BLOCK_ROWS, len(positions))
    block = dataset.observations.iloc[positions[start:end]] if end > start else None
    records = [] if block is None else display_table(dataset, block, state).to_dict("records")
    return {"rowData": records, "rowCount": len(positions)}


def _as_int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def grid_positions(
    dataset: Dataset,
    state: FilterState,
    *,
    sort_model: Sequence[Mapping[str, Any]] = (),
    filter_model: Mapping[str, Any] | None = None,
    all_readings: bool = False,
) -> np.ndarray:
    """Positions of the selection's rows in the grid's order, kept per models (a small LRU)."""
    dataset = dataset.in_language(state.lang)
    base = table_rows(dataset, state, all_readings=all_readings).positions
    sort_model = [
        item for item in sort_model if isinstance(item, Mapping) and _known(item.get("colId"))
    ]
    filter_model = {
        field: spec
        for field, spec in (filter_model or {}).items()
        if _known(field) and isinstance(spec, Mapping)
    }
    if not sort_model and not filter_model:
        return base
    lang = state.lang

    def compute() -> np.ndarray:
        positions = base
        values = _GridValues(dataset, lang)
        for field, spec in filter_model.items():
            positions = positions[values.matches(field, positions, spec)]
        if sort_model and len(positions) > 1:
            keys = []
            for item in sort_model:
                key = values.sort_key(str(item["colId"]), positions)
                keys.append(-key if item.get("sort") == "desc" else key)
            positions = positions[np.lexsort(keys[::-1])]
        return positions

    models = json.dumps([sort_model, filter_model], sort_keys=True, default=str)
    key = ("grid", *_rows_key(state, all_readings), lang, models)
    return recent(dataset, "data.grid_orders", GRID_ORDERS_KEPT).get_or_build(key, compute)


def _known(field: object) -> bool:
    return isinstance(field, str) and (field in TEXT_FIELDS or field in NUMBER_FIELDS)


class _GridValues:
    """The values a grid column shows, for rows of dataset.observations given by positions.

    Text columns come back as (codes, texts): each distinct text is made once and rows point
    to it, so sorting and filtering a million rows stays in numpy.
    """

    def __init__(self, dataset: Dataset, lang: str) -> None:
        self.dataset = dataset
        self.lang = lang
        self.names = Names(dataset, lang)

    def texts(self, field: str, positions: np.ndarray) -> tuple[np.ndarray, list[str]]:
        observations = self.dataset.observations
        if field == "breakdown":
            dimension, dimensions = _column_codes(observations["dimension"], positions)
            category, categories = _column_codes(observations["category"], positions)
            width = len(categories) + 1  # codes shifted by one: -1 (missing) becomes 0
            pairs, uniques = pd.factorize((dimension.astype(np.int64) + 1) * width + category + 1)
            texts = [
                self.names.category(
                    _text(dimensions, int(pair) // width - 1),
                    _text(categories, int(pair) % width - 1),
                )
                for pair in uniques
            ]
            return pairs, texts
        column, make = self._maker(field)
        codes, values = _column_codes(observations[column], positions)
        texts = [make(_text(values, code)) for code in range(len(values))]
        return np.where(codes < 0, len(values), codes), [*texts, ""]  # missing: shown empty

    def _maker(self, field: str) -> tuple[str, Callable[[str], str]]:
        lang, names = self.lang, self.names
        makers: dict[str, tuple[str, Callable[[str], str]]] = {
            "indicator_name": ("indicator", lambda code: names.indicator(code).name(lang)),
            "area_name": ("area", names.area),
            "kind": ("kind", lambda kind: t(f"kind.{kind}", lang)),
            "source_link": ("source", names.publisher),
            "source_name": ("source", names.publisher),
            "source_date": (
                "source",
                lambda source: names.source(source).get("date") or t("format.date_unknown", lang),
            ),
            "note": ("note", str),
            "quote": ("quote", str),
            "preferred_text": (
                "preferred",
                lambda chosen: t(f"data.preferred.{'yes' if chosen == 'True' else 'no'}", lang),
            ),
        }
        return makers[field]

    def numbers(self, field: str, positions: np.ndarray) -> np.ndarray:
        column = self.dataset.observations[NUMBER_FIELDS[field]]
        return column.to_numpy()[positions].astype(float)

    def sort_key(self, field: str, positions: np.ndarray) -> np.ndarray:
        """Numbers that sort the rows as the grid would sort the column (missing first)."""
        if field in NUMBER_FIELDS:
            values = self.numbers(field, positions)
            return np.where(np.isnan(values), -np.inf, values)
        codes, texts = self.texts(field, positions)
        ranks = np.empty(len(texts), dtype=np.int64)
        ranks[np.argsort(np.array(texts, dtype=object), kind="stable")] = np.arange(len(texts))
        return ranks[codes].astype(float)

    def matches(self, field: str, positions: np.ndarray, spec: Mapping[str, Any]) -> np.ndarray:
        """A boolean per row: does the row pass the column's filter model (one condition, or
        conditions joined by AND or OR)? What the server does not understand passes."""
        conditions = spec.get("conditions")
        if conditions is None and "condition1" in spec:  # the model of older AG Grids
            conditions = [spec.get("condition1"), spec.get("condition2")]
        if conditions is None:
            return self._condition(field, positions, spec)
        masks = [
            self._condition(field, positions, condition)
            for condition in (conditions if isinstance(conditions, list) else [])
            if isinstance(condition, Mapping)
        ]
        if not masks:
            return np.ones(len(positions), dtype=bool)
        combine = np.logical_or if str(spec.get("operator")).upper() == "OR" else np.logical_and
        return combine.reduce(masks)

    def _condition(self, field: str, positions: np.ndarray, spec: Mapping[str, Any]) -> np.ndarray:
        kind = str(spec.get("type") or "")
        if field in NUMBER_FIELDS:
            return _number_matches(self.numbers(field, positions), kind, spec)
        codes, texts = self.texts(field, positions)
        passing = np.array([_text_matches(text, kind, spec) for text in texts], dtype=bool)
        return passing[codes]


def _column_codes(column: pd.Series, positions: np.ndarray) -> tuple[np.ndarray, list]:
    """(codes per row, distinct values); a missing value has code -1."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy()[positions], list(column.cat.categories)
    codes, uniques = pd.factorize(column.iloc[positions])  # Arrow strings stay in Arrow
    return codes, list(uniques)


def _text(values: list, code: int) -> str:
    if code < 0 or code >= len(values):
        return ""
    value = values[code]
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def _text_matches(text: str, kind: str, spec: Mapping[str, Any]) -> bool:
    """AG Grid's text filter: case-insensitive, blank means empty."""
    if kind == "blank":
        return text.strip() == ""
    if kind == "notBlank":
        return text.strip() != ""
    needle = str(spec.get("filter") or "").lower()
    value = text.lower()
    tests: dict[str, Callable[[], bool]] = {
        "contains": lambda: needle in value,
        "notContains": lambda: needle not in value,
        "equals": lambda: value == needle,
        "notEqual": lambda: value != needle,
        "startsWith": lambda: value.startswith(needle),
        "endsWith": lambda: value.endswith(needle),
    }
    return tests[kind]() if kind in tests else True


def _number_matches(values: np.ndarray, kind: str, spec: Mapping[str, Any]) -> np.ndarray:
    """AG Grid's number filter (inRange excludes its ends, as the grid does by default)."""
    missing = np.isnan(values)
    if kind == "blank":
        return missing
    if kind == "notBlank":
        return ~missing
    try:
        number = float(spec.get("filter"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return np.ones(len(values), dtype=bool)
    with np.errstate(invalid="ignore"):
        if kind == "inRange":
            try:
                upper = float(spec.get("filterTo"))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                return np.ones(len(values), dtype=bool)
            low, high = min(number, upper), max(number, upper)
            return (values > low) & (values < high)
        tests = {
            "equals": lambda: values == number,
            "notEqual": lambda: values != number,
            "lessThan": lambda: values < number,
            "lessThanOrEqual": lambda: values <= number,
            "greaterThan": lambda: values > number,
            "greaterThanOrEqual": lambda: values >= number,
        }
        return tests[kind]() if kind in tests else np.ones(len(values), dtype=bool)


register_view("data", build_data_view)
