"""The Data page: the filtered observations as a table, and what data exists (coverage)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from dashboard import ids
from dashboard.figures.coverage import coverage_heatmap, coverage_summary, observations_table
from dashboard.i18n import format_value, format_years, t
from dashboard.state import href
from dashboard.views import Chart, View, register_view
from dashboard.views.map import coverage_frame

if TYPE_CHECKING:
    from dashboard.data.store import Dataset, Indicator
    from dashboard.state import FilterState

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
    "quote",
    "preferred",
    "preferred_text",
    "source",
    "source_link",
    "obs_id",
    "row_id",
]
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def data_rows(dataset: Dataset, state: FilterState, *, all_readings: bool = False) -> pd.DataFrame:
    """The observations matching the filters, chosen readings first within each key.

    Areas include what lies inside them (the whole region shows every prefecture's rows); no
    year chosen means every year.
    """
    frame = dataset.query(
        indicators=[state.indicator] if state.indicator else None,
        areas=state.areas or None,
        years=[state.year] if state.year is not None else None,
        program=state.program,
        preferred_only=not all_readings,
        include_descendants=True,
        year_range=state.year_range,
    )
    return frame.sort_values(
        ["indicator", "area", "year", "dimension", "category", "preferred"],
        ascending=[True, True, True, True, True, False],
        kind="stable",
    )


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
        return record.get("publisher") or record.get("title") or source_id


def display_table(dataset: Dataset, rows: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The rows as the table shows them, in the state's language (plain text, no markup)."""
    lang = state.lang
    if rows.empty:
        return pd.DataFrame(columns=DISPLAY_COLUMNS)
    names = Names(dataset, lang)
    columns = ["obs_id", "indicator", "area", "year", "dimension", "category", "value", "kind"]
    columns += ["source", "quote", "note", "preferred"]
    records = []
    for row in rows.loc[:, columns].to_dict("records"):
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
                "quote": str(row["quote"] or ""),
                "preferred": bool(row["preferred"]),
                "preferred_text": t(f"data.preferred.{'yes' if row['preferred'] else 'no'}", lang),
                "source": source_id,
                "source_link": f"[{markdown_text(publisher)}]({link})",
                "obs_id": int(row["obs_id"]),
                "row_id": str(row["obs_id"]),  # the grid wants a string row id
            }
        )
    return pd.DataFrame.from_records(records, columns=DISPLAY_COLUMNS)


def markdown_text(text: str) -> str:
    """Text that a Markdown renderer shows literally (the source-link cell is Markdown)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


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


def table_chart(dataset: Dataset, state: FilterState, *, all_readings: bool = False) -> Chart:
    """Chart.frame holds the displayed rows (rows of the built table, in table order)."""
    lang = state.lang
    rows = data_rows(dataset, state, all_readings=all_readings)
    table = display_table(dataset, rows, state)
    if rows.empty:
        summary = t("data.summary_empty", lang)
    else:
        summary = t(
            "data.summary",
            lang,
            count=len(rows),
            indicators=rows["indicator"].nunique(),
            years=format_years(rows["year"].unique(), lang),
        )
    return Chart(
        name=TABLE_CHART,
        title=t("data.table_title", lang),
        subtitle=t("data.row_count", lang, count=len(rows)),
        figure=observations_table(table, lang=lang),
        summary=summary,
        frame=rows,
        sources=list(dict.fromkeys(str(source) for source in rows["source"])),
        empty=rows.empty,
    )


def coverage_chart(dataset: Dataset, state: FilterState) -> Chart:
    """Indicator by year for the filtered areas, programme and indicator, over every year."""
    lang = state.lang
    rows = dataset.query(
        indicators=[state.indicator] if state.indicator else None,
        areas=state.areas or None,
        program=state.program,
        include_descendants=True,
    )
    frame = coverage_frame(dataset, rows, lang)
    return Chart(
        name=COVERAGE_CHART,
        title=t("coverage.title", lang),
        subtitle=t("coverage.subtitle", lang),
        figure=coverage_heatmap(frame, lang=lang, mode="level"),
        summary=coverage_summary(frame, lang),
        frame=rows,
        sources=list(dict.fromkeys(str(source) for source in rows["source"])),
        empty=rows.empty,
    )


register_view("data", build_data_view)
