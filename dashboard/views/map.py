"""The Map page: one indicator in one year, by prefecture and county, where figures exist."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard import config
from dashboard.data.units import CANONICAL_UNITS
from dashboard.figures.choropleth import MapGeometry, choropleth_map
from dashboard.figures.common import DeferredFigure
from dashboard.figures.coverage import coverage_cells, coverage_heatmap, coverage_summary
from dashboard.i18n import format_value, format_year, join_list, t, unit_label
from dashboard.views import Chart, View, register_view, source_names
from dashboard.views.programs_common import category_name

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

MAP_CHART = "map-choropleth"
AVAILABILITY_CHART = "map-area-coverage"
SUB_REGION_LEVELS = ("prefecture", "county")
BOUNDARY_FILES = ("tibet_prefectures.geojson", "tibet_counties.geojson")


@lru_cache(maxsize=1)
def map_geometry() -> MapGeometry:
    """The committed boundary files (assets/maps), read and indexed once per process."""
    collections = [
        json.loads((config.MAPS_DIR / name).read_text(encoding="utf-8")) for name in BOUNDARY_FILES
    ]
    return MapGeometry.from_geojson(*collections)


def area_rows(dataset: Dataset) -> pd.DataFrame:
    """The chosen readings for prefectures and counties: what the map can show.

    Computed once per dataset (at a million rows taking these rows costs a second); callers
    must not modify the frame.
    """
    return dataset.cached("map.area_rows", _area_rows)


def _area_rows(dataset: Dataset) -> pd.DataFrame:
    frame = dataset.query(preferred_only=True)
    return frame[frame["area_level"].isin(SUB_REGION_LEVELS)]


def _indicator_year_rows(dataset: Dataset, indicator: str, year: int) -> pd.DataFrame:
    """area_rows(dataset) of one indicator and year, taken from that indicator's rows only.

    For an indicator whose value is a year (a county's exit batch, filed under that year),
    every area's latest reading up to the year: the map of 2019 shows every batch so far.
    Made once per dataset, indicator and year: a change of the areas picked draws the same
    rows (the map highlights the picked areas). Callers must not modify the frame.
    """
    return dataset.cached(
        f"map.rows:{indicator}:{year}",
        lambda data: _taken_rows(data, indicator, year),
    )


def _taken_rows(dataset: Dataset, indicator: str, year: int) -> pd.DataFrame:
    if not accumulates(dataset, indicator):
        rows = dataset.query(indicators=[indicator], years=[year], preferred_only=True)
        return rows[rows["area_level"].isin(SUB_REGION_LEVELS)]
    rows = dataset.query(indicators=[indicator], year_range=(config.MIN_YEAR, year))
    rows = rows[rows["area_level"].isin(SUB_REGION_LEVELS)]
    rows = rows.sort_values("year", kind="stable")
    return rows.drop_duplicates(["area", "dimension", "category"], keep="last").sort_index()


def accumulates(dataset: Dataset, indicator: str) -> bool:
    """Whether the indicator's value is itself a year (unit 年): one reading per area, filed
    under the year it names, so a map of a year shows the readings up to it."""
    unit = CANONICAL_UNITS.get(dataset.indicator(indicator).unit)
    return unit is not None and unit.quantity == "year"


def area_availability(dataset: Dataset) -> pd.DataFrame:
    """One row per indicator and year with area figures: indicator, year, areas (codes), count.

    Computed once per dataset; callers must not modify the frame.
    """
    return dataset.cached("map.availability", _area_availability)


def _area_availability(dataset: Dataset) -> pd.DataFrame:
    rows = area_rows(dataset)
    if rows.empty:
        return pd.DataFrame(columns=["indicator", "year", "areas", "count"])
    grouped = rows.groupby(["indicator", "year"], observed=True)["area"].unique()
    table = grouped.rename("areas").reset_index()
    table["areas"] = [tuple(sorted(str(code) for code in codes)) for codes in table["areas"]]
    table["indicator"] = table["indicator"].astype(str)
    table["year"] = table["year"].astype(int)
    table = table.sort_values(["indicator", "year"]).reset_index(drop=True)
    for indicator in table["indicator"].unique():
        if accumulates(dataset, indicator):  # the areas up to each year, as the map draws them
            where = table.index[table["indicator"] == indicator]
            seen: set[str] = set()
            for index in where:
                seen |= set(table.at[index, "areas"])
                table.at[index, "areas"] = tuple(sorted(seen))
    table["count"] = table["areas"].map(len)
    return table


def map_indicators(dataset: Dataset) -> list[str]:
    """Indicators with at least one prefecture or county figure, in catalogue order."""
    present = _years_by_indicator(dataset)
    return [indicator for indicator in dataset.indicators() if indicator in present]


def map_years(dataset: Dataset, indicator: str) -> list[int]:
    return list(_years_by_indicator(dataset).get(indicator, ()))


def _years_by_indicator(dataset: Dataset) -> dict[str, tuple[int, ...]]:
    """area_availability's years of each indicator, sorted; made once per dataset (reading
    the table's text column in Python at every change cost ~5 ms at 1M rows)."""

    def made(data: Dataset) -> dict[str, tuple[int, ...]]:
        table = area_availability(data)
        years: dict[str, list[int]] = {}
        pairs = zip(table["indicator"].tolist(), table["year"].tolist(), strict=True)
        for indicator, year in pairs:
            years.setdefault(str(indicator), []).append(int(year))
        return {indicator: tuple(sorted(found)) for indicator, found in years.items()}

    return dataset.cached("map.years", made)


def _busiest(dataset: Dataset) -> tuple[str, int] | None:
    """The indicator and year with the most areas (latest on a tie); once per dataset."""

    def made(data: Dataset) -> tuple[str, int] | None:
        table = area_availability(data)
        if table.empty:
            return None
        best = table.sort_values(["count", "year"], ascending=False).iloc[0]
        return str(best["indicator"]), int(best["year"])

    return dataset.cached("map.busiest", made)


def map_selection(dataset: Dataset, state: FilterState) -> tuple[str | None, int | None]:
    """The indicator and year the map shows for a state.

    The state's indicator if it has area figures, else the indicator and year with the most
    areas (latest on a tie); the state's year if that indicator has area figures then, else
    that indicator's latest year with them.
    """
    busiest = _busiest(dataset)
    if busiest is None:
        return None, None
    if state.indicator in _years_by_indicator(dataset):
        years = map_years(dataset, state.indicator)
        year = state.year if state.year in years else years[-1]
        return state.indicator, int(year)
    indicator, busiest_year = busiest
    years = map_years(dataset, indicator)
    year = state.year if state.year in years else busiest_year
    return indicator, int(year)


def map_frame(dataset: Dataset, indicator: str, year: int, lang: str) -> pd.DataFrame:
    """One row per area for the choropleth builder, with its hover text in `lang`.

    An area's value is its total; when only a breakdown is published, a single category is
    shown with its name, and several categories are listed in words but not coloured (adding
    them up would be a number no source gives).
    """
    return dataset.cached(
        f"map.frame:{indicator}:{year}:{lang}",
        lambda data: _map_frame(
            data, _indicator_year_rows(data, indicator, year), indicator, year, lang
        ),
    )


def _map_frame(
    dataset: Dataset, rows: pd.DataFrame, indicator: str, year: int, lang: str
) -> pd.DataFrame:
    """map_frame from the indicator's area rows of the year (plain records, not sub-frames)."""
    columns = ["area", "value", "value_text", "detail", "source_label", "year_text", "sources"]
    details = dataset.indicator(indicator)
    if rows.empty:
        return pd.DataFrame.from_records([], columns=columns)
    groups: dict[int, list[dict]] = {}
    group_ids = rows.groupby("area", observed=True, sort=True).ngroup().to_numpy()
    fields = ["area", "dimension", "category", "value", "source"]
    for group_id, row in zip(group_ids, rows.loc[:, fields].to_dict("records"), strict=True):
        groups.setdefault(int(group_id), []).append(row)
    year_text = format_year(year, lang)
    records = []
    for group_id in sorted(groups):
        group = groups[group_id]
        chosen = [row for row in group if row["dimension"] == ""] or group
        source_ids = list(dict.fromkeys(str(row["source"]) for row in chosen))
        record = {
            "area": str(group[0]["area"]),
            "value": float("nan"),
            "value_text": "",
            "detail": "",
            "source_label": join_list((source_label(dataset, s, lang) for s in source_ids), lang),
            "year_text": year_text,
            "sources": source_ids,
        }
        if len(chosen) == 1:
            row = chosen[0]
            record["value"] = float(row["value"])
            record["value_text"] = format_value(row["value"], details.unit, lang, details.decimals)
            if row["dimension"] != "":
                record["detail"] = breakdown_label(dataset, row, lang)
        else:
            items = [
                f"{breakdown_label(dataset, row, lang)} "
                f"{format_value(row['value'], details.unit, lang, details.decimals)}"
                for row in chosen
            ]
            record["detail"] = t("map.breakdown_only", lang, items=join_list(items, lang))
        records.append(record)
    return pd.DataFrame.from_records(records, columns=columns)


def breakdown_label(dataset: Dataset, row: Mapping[str, object], lang: str) -> str:
    if row["dimension"] == "":
        return ""
    return category_name(dataset, str(row["dimension"]), str(row["category"]), lang)


def source_label(dataset: Dataset, source_id: str, lang: str) -> str:
    """The publisher and date of a source, for a hover or a table cell."""
    record = dataset.source(source_id)
    publisher = source_names.publisher(record, lang)
    date = record.get("date") or t("format.date_unknown", lang)
    return f"{publisher}, {date}" if lang == "en" else f"{publisher}，{date}"


# ---------------------------------------------------------------- coverage in words


@dataclass(frozen=True)
class AreaCoverage:
    """Which areas have a reading of one indicator in one year (up to it, see accumulates)."""

    prefectures: tuple[str, ...]
    counties: tuple[str, ...]
    prefecture_total: int
    county_total: int
    region: bool  # a region-wide reading exists for the year


def area_coverage(dataset: Dataset, indicator: str, year: int) -> AreaCoverage:
    return dataset.cached(
        f"map.coverage:{indicator}:{year}",
        lambda data: _area_coverage(data, indicator, year),
    )


def _area_coverage(dataset: Dataset, indicator: str, year: int) -> AreaCoverage:
    rows = _indicator_year_rows(dataset, indicator, year)
    levels = rows["area_level"].astype(str).to_numpy()
    areas = rows["area"].astype(str).to_numpy()
    region = dataset.query(indicators=[indicator], years=[year])
    return AreaCoverage(
        prefectures=tuple(sorted(set(areas[levels == "prefecture"].tolist()))),
        counties=tuple(sorted(set(areas[levels == "county"].tolist()))),
        prefecture_total=len(dataset.gazetteer.by_level("prefecture")),
        county_total=len(dataset.gazetteer.by_level("county")),
        region=bool((region["area_level"].astype(str) == "region").any()),
    )


def coverage_line(dataset: Dataset, indicator: str, year: int, lang: str) -> str:
    """ "7个地市中有0个、74个县区中有3个有数值" in one sentence, for the map and data pages."""
    coverage = area_coverage(dataset, indicator, year)
    name = dataset.indicator(indicator).name(lang)
    when = format_year(year, lang)
    if accumulates(dataset, indicator):
        when = t("map.coverage.up_to", lang, year=when)
    if not coverage.prefectures and not coverage.counties:
        key = "map.coverage.region_only" if coverage.region else "map.coverage.none"
        return t(key, lang, indicator=name, year=when)
    return t(
        "map.coverage.line",
        lang,
        indicator=name,
        year=when,
        prefectures=len(coverage.prefectures),
        prefecture_total=coverage.prefecture_total,
        counties=len(coverage.counties),
        county_total=coverage.county_total,
    )


def region_only_line(
    dataset: Dataset, areas: Iterable[str], indicator: str, year: int | None, lang: str
) -> str:
    """One line when the selected prefectures or counties have no reading of an indicator
    that is published region-wide: "…只有全区数据，没有拉萨市的数值" ("" otherwise)."""
    local = [
        code
        for code in areas
        if code in dataset.gazetteer and dataset.gazetteer.area(code).level != "region"
    ]
    if not local or not dataset.has_indicator(indicator):
        return ""
    years = [year] if year is not None else None
    rows = dataset.query(indicators=[indicator], years=years, preferred_only=True)
    if rows.empty or rows["area"].astype(str).isin(local).any():
        return ""
    if not (rows["area_level"].astype(str) == "region").any():
        return ""
    has_local = rows["area_level"].astype(str).isin(SUB_REGION_LEVELS).any()
    return t(
        "map.coverage.not_for_areas" if has_local else "map.coverage.region_only_for_areas",
        lang,
        indicator=dataset.indicator(indicator).name(lang),
        year=format_year(year, lang) if year is not None else "",
        areas=join_list([dataset.area_name(code, lang) for code in local], lang),
    )


def coverage_words(dataset: Dataset, state: FilterState) -> str:
    """The coverage line (and the region-only line) for the state's indicator and year, or
    its latest year; "" without an indicator. For pages other than the map (the data page)."""
    indicator = state.indicator
    if not indicator or not dataset.has_indicator(indicator):
        return ""
    years = dataset.years(indicator)
    if not years:
        return ""
    year = state.year if state.year in years else years[-1]
    lines = (
        coverage_line(dataset, indicator, year, state.lang),
        region_only_line(dataset, state.areas, indicator, year, state.lang),
    )
    return " · ".join(line for line in lines if line)


# ---------------------------------------------------------------- the view


def build_map_view(dataset: Dataset, state: FilterState) -> View:
    lang = state.lang
    return View(
        page="map",
        title=t("map.title", lang),
        charts=[map_chart(dataset, state), availability_chart(dataset, lang)],
    )


def map_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    geometry = map_geometry()
    indicator, year = map_selection(dataset, state)
    selected = [code for code in state.areas if code in geometry.shapes]
    fallback = _fallback_line(dataset, state, indicator, lang)
    if indicator is None or year is None:
        empty = " · ".join(part for part in (fallback, t("map.no_area_data", lang)) if part)
        figure = choropleth_map(
            map_frame_empty(),
            geometry=geometry,
            lang=lang,
            colorbar_title="",
            empty_message=empty,
            selected=selected,
        )
        return Chart(
            name=MAP_CHART,
            title=t("map.chart_title_empty", lang),
            subtitle=empty,
            figure=figure,
            summary=t("map.summary_empty", lang),
            frame=dataset.observations.iloc[0:0],
            empty=True,
        )
    details = dataset.indicator(indicator)
    plotted = _indicator_year_rows(dataset, indicator, year)
    frame = map_frame(dataset, indicator, year, lang)
    title = t("map.chart_title", lang, indicator=details.name(lang), year=format_year(year, lang))
    if accumulates(dataset, indicator):
        title = t(
            "map.chart_title",
            lang,
            indicator=details.name(lang),
            year=t("map.coverage.up_to", lang, year=format_year(year, lang)),
        )
    subtitle_parts = [
        part
        for part in (
            fallback,
            coverage_line(dataset, indicator, year, lang),
            region_only_line(dataset, state.areas, indicator, year, lang),
            t("map.subtitle_kind", lang, kind=t(f"kind.{details.kind}", lang))
            + (
                ""
                if accumulates(dataset, indicator)
                else t("map.subtitle_unit", lang, unit=unit_label(details.unit, lang))
            ),
        )
        if part
    ]
    if details.kind in ("target", "plan", "cumulative"):
        subtitle_parts.append(t("map.kind_warning", lang, kind=t(f"kind.{details.kind}", lang)))
    if state.year is not None and state.year != year and state.indicator == indicator:
        subtitle_parts.append(
            t("map.year_fallback", lang, year=state.year, shown=format_year(year, lang))
        )
    levels = set(plotted["area_level"].astype(str))
    figure = choropleth_map(
        frame,
        geometry=geometry,
        lang=lang,
        colorbar_title=unit_label(details.unit, lang),
        selected=selected,
        year_text=format_year(year, lang),
        # Counties without a reading are drawn grey ("no data") whenever the layer is of
        # counties alone; with prefecture figures too, the prefectures stay visible.
        all_counties=levels == {"county"},
        categorical=accumulates(dataset, indicator),
    )
    items = [
        f"{dataset.area_name(row.area, lang)} {row.value_text or row.detail}"
        for row in frame.itertuples(index=False)
    ]
    prefectures_with_data = {
        code
        for code in frame["area"]
        if geometry.shapes.get(code) and geometry.shapes[code].level == "prefecture"
    }
    summary = t(
        "map.summary",
        lang,
        title=title,
        items=join_list(items, lang),
        missing=len(geometry.codes("prefecture")) - len(prefectures_with_data),
    )
    sources = list(dict.fromkeys(str(source) for source in plotted["source"]))
    return Chart(
        name=MAP_CHART,
        title=title,
        subtitle=" · ".join(subtitle_parts),
        figure=figure,
        summary=summary,
        frame=plotted,
        sources=sources,
    )


def _fallback_line(dataset: Dataset, state: FilterState, shown: str | None, lang: str) -> str:
    """When the state asks for an indicator with no prefecture or county figures at all."""
    wanted = state.indicator
    if not wanted or wanted == shown or not dataset.has_indicator(wanted):
        return ""
    if wanted in _years_by_indicator(dataset):
        return ""
    name = dataset.indicator(wanted).name(lang)
    if shown is None:
        return t("map.coverage.indicator_region_only", lang, indicator=name)
    return t(
        "map.coverage.indicator_region_only_shown",
        lang,
        indicator=name,
        shown=dataset.indicator(shown).name(lang),
    )


def map_frame_empty() -> pd.DataFrame:
    columns = ["area", "value", "value_text", "detail", "source_label", "year_text", "sources"]
    return pd.DataFrame(columns=columns)


def availability_chart(dataset: Dataset, lang: str) -> Chart:
    """Which indicator/year combinations have prefecture or county figures, and how many.

    The same for every filter: built once per dataset and language as a plain dict, which
    each call wraps in its own DeferredFigure (an export that restyles it builds its own
    go.Figure; copying the figure at every change cost ~7 ms at 1M rows).
    """
    rows = area_rows(dataset)
    spec, summary, sources = dataset.cached(
        f"map.availability_chart:{lang}", lambda data: _availability_parts(data, lang)
    )
    return Chart(
        name=AVAILABILITY_CHART,
        title=t("map.availability_title", lang),
        subtitle=t("map.availability_subtitle", lang),
        figure=DeferredFigure(spec),
        summary=summary,
        frame=rows,
        sources=list(sources),
        empty=rows.empty,
    )


def _availability_parts(dataset: Dataset, lang: str) -> tuple[dict, str, tuple[str, ...]]:
    from dashboard.views.data import coverage_rows  # data imports this module

    rows = area_rows(dataset)
    # One row per indicator, year and area with its count: the same cells as from every row.
    frame = coverage_rows(dataset, rows, lang)
    cells = coverage_cells(frame)
    figure = coverage_heatmap(frame, lang=lang, mode="count", cells=cells)
    sources = tuple(str(source) for source in pd.unique(rows["source"]))
    return figure.to_dict(), coverage_summary(frame, lang, cells=cells), sources


def coverage_frame(dataset: Dataset, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Observation rows reduced to what the coverage chart needs, with names in `lang`.

    Text columns hold plain Python strings (object dtype), each distinct value made and named
    once: the coverage figure walks every row, and walking Arrow strings is ten times slower.
    """
    if rows.empty:
        return pd.DataFrame(
            columns=["indicator", "indicator_name", "year", "area", "area_name", "area_level"]
        )
    indicator, indicator_name = _text_column(
        rows["indicator"], lambda code: dataset.indicator(code).name(lang)
    )
    area, area_name = _text_column(rows["area"], lambda code: dataset.area_name(code, lang))
    area_level, _ = _text_column(rows["area_level"], str)
    frame = pd.DataFrame(
        {
            "indicator": indicator,
            "year": rows["year"].astype(int).to_numpy(),
            "area": area,
            "area_level": area_level,
            "indicator_name": indicator_name,
            "area_name": area_name,
        }
    )
    order = {indicator: position for position, indicator in enumerate(dataset.indicators())}
    frame["order"] = frame["indicator"].map(order).fillna(len(order))
    return frame.sort_values(["order", "year"]).drop(columns="order").reset_index(drop=True)


def _text_column(column: pd.Series, name_of: Callable[[str], str]) -> tuple[pd.Series, pd.Series]:
    """A column as strings and as names, both object dtype; name_of runs once per value."""
    codes, uniques = pd.factorize(column)
    values = np.array([str(value) for value in uniques], dtype=object)
    names = np.array([name_of(value) for value in values], dtype=object)
    return pd.Series(values[codes], dtype=object), pd.Series(names[codes], dtype=object)


register_view("map", build_map_view)
