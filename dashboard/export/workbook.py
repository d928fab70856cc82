"""The data behind a page: CSV (UTF-8 with BOM) and an XLSX with data, metadata, sources, filters.

Both hold exactly the rows the page's charts show. Text that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe;
numbers stay numbers, negative ones included.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
import xlsxwriter

from dashboard.data.store import Dataset, chinese_notes, english_notes
from dashboard.data.units import unit_label
from dashboard.export.context import (
    ExportContext,
    charts_of_rows,
    export_briefing,
    exported_rows,
    source_entry,
)
from dashboard.i18n import format_value, t
from dashboard.shell.area_rule import missing_notes
from dashboard.state import parse_query

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEETS = ("data", "indicators", "sources", "filters", "citation")  # catalogue: export.sheet.<x>
DATA_COLUMNS = (
    "obs_id",
    "indicator",
    "indicator_name",
    "program",
    "area",
    "area_name",
    "year",
    "breakdown",
    "value",
    "unit",
    "value_shown",
    "unit_name",
    "kind",
    "source",
    "publisher",
    "source_date",
    "quote",
    # Both curators' notes as written (the page shows the reader's language's, else the
    # other): in every language the same two columns, so that nothing is lost.
    "note",
    "note_zh",
    "preferred",
    "charts",
)
NUMBER_COLUMNS = {"obs_id", "year", "value"}


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def sheet_name(sheet: str, lang: str) -> str:
    return t(f"export.sheet.{sheet}", lang)


def header(column: str, lang: str) -> str:
    return t(f"export.column.{column}", lang)


# ------------------------------------------------------------------ the tables


TABLE_CHART = "data-table"  # the data page's table: its rows in the grid's order


def page_rows(context: ExportContext) -> pd.DataFrame:
    """The rows to export: the data page's table as the grid shows it (column filters and
    sort included, in that order), or the rows every chart of another page shows."""
    if context.view.page == "data":
        for chart in context.view.charts:
            if chart.name == TABLE_CHART:
                return chart.frame.reset_index(drop=True)
    return exported_rows(context)


def area_notes(context: ExportContext, data: pd.DataFrame) -> list[str]:
    """The area rule's "那曲市：2019年无此项数据" for chosen areas with no exported row."""
    state = parse_query(context.query)[0]
    return missing_notes(context.dataset, state, data, within=state.within)


def data_table(context: ExportContext) -> pd.DataFrame:
    """The displayed rows with names in the user's language; column ids as in DATA_COLUMNS.
    Each value is there twice: the number in its canonical unit, and as the page shows it."""
    rows = page_rows(context)
    dataset, lang = context.dataset, context.lang
    shown_in = charts_of_rows(context)
    separator = "；" if lang == "zh" else "; "
    notes = written_notes(dataset, rows)
    records = []
    for row in rows.to_dict("records"):
        indicator = dataset.indicator(str(row["indicator"]))
        source = dataset.source(str(row["source"]))
        dimension = str(row.get("dimension") or "")
        obs_id = int(row["obs_id"])
        english_note, chinese_note = notes.get(obs_id, ("", ""))
        records.append(
            {
                "obs_id": obs_id,
                "indicator": indicator.id,
                "indicator_name": indicator.name(lang),
                "program": dataset.program_name(str(row["program"]), lang),
                "area": str(row["area"]),
                "area_name": dataset.area_name(str(row["area"]), lang),
                "year": int(row["year"]),
                "breakdown": dataset.category_name(dimension, str(row["category"]), lang)
                if dimension
                else "",
                "value": float(row["value"]),
                "unit": str(row["unit"]),
                "value_shown": format_value(row["value"], indicator.unit, lang, indicator.decimals),
                "unit_name": unit_label(str(row["unit"]), lang),
                "kind": t(f"kind.{row['kind']}", lang),
                "source": str(row["source"]),
                "publisher": source.get("publisher", ""),
                "source_date": source.get("date", ""),
                "quote": str(row.get("quote") or ""),
                "note": english_note,
                "note_zh": chinese_note,
                "preferred": t(
                    "export.value.yes" if row.get("preferred", True) else "export.value.no", lang
                ),
                "charts": separator.join(shown_in.get(obs_id, [])),
            }
        )
    return pd.DataFrame.from_records(records, columns=list(DATA_COLUMNS))


def written_notes(dataset: Dataset, rows: pd.DataFrame) -> dict[int, tuple[str, str]]:
    """obs_id -> (English note, Chinese note) as written, taken from the dataset's rows: a
    chart's frame has its note in the page's language, and not always the other one."""
    if rows.empty or "obs_id" not in rows:
        return {}
    observations = dataset.observations
    positions = pd.Index(observations["obs_id"]).get_indexer(rows["obs_id"].astype(int))
    positions = positions[positions >= 0]
    chosen = observations.iloc[positions]
    return {
        int(obs_id): (str(english or ""), str(chinese or ""))
        for obs_id, english, chinese in zip(
            chosen["obs_id"], english_notes(chosen), chinese_notes(chosen), strict=True
        )
    }


HEADLINE_COLUMNS = (
    "program",
    "indicator_name",
    "breakdown",
    "area_name",
    "year",
    "value",
    "unit",
    "value_shown",
    "publisher",
    "source_date",
    "source",
    "quote",
    "caption",
)


def headlines_table(context: ExportContext) -> pd.DataFrame | None:
    """The Overview's headline figures of the exported year: value in the canonical unit and
    as displayed, with source and quote; each programme's caption on its first row."""
    briefing = export_briefing(context)
    if briefing is None:
        return None
    records = []
    for program in briefing.programs:
        for index, reading in enumerate(program.readings):
            records.append(
                {
                    "program": program.name,
                    "indicator_name": reading.name,
                    "breakdown": reading.category_name,
                    "area_name": reading.area_name,
                    "year": reading.year,
                    "value": reading.value,
                    "unit": reading.unit,
                    "value_shown": reading.text,
                    "publisher": reading.publisher,
                    "source_date": reading.source_date,
                    "source": reading.source,
                    "quote": reading.quote,
                    "caption": program.caption_text if index == 0 else "",
                }
            )
    return pd.DataFrame(records, columns=list(HEADLINE_COLUMNS))


def indicators_table(context: ExportContext, data: pd.DataFrame) -> pd.DataFrame:
    dataset, lang = context.dataset, context.lang
    records = []
    for indicator_id in dict.fromkeys(data["indicator"]):
        indicator = dataset.indicator(indicator_id)
        records.append(
            {
                "indicator": indicator.id,
                "indicator_name": indicator.name(lang),
                "program": dataset.program_name(indicator.program, lang),
                "unit": indicator.unit,
                "kind": t(f"kind.{indicator.kind}", lang),
                "description": indicator.description(lang),
                "decimals": "" if indicator.decimals is None else indicator.decimals,
            }
        )
    columns = ["indicator", "indicator_name", "program", "unit", "kind", "description", "decimals"]
    return pd.DataFrame.from_records(records, columns=columns)


def sources_table(context: ExportContext, data: pd.DataFrame) -> pd.DataFrame:
    """One row per source and quote used by the exported rows."""
    records = []
    pairs = data[["source", "quote"]].drop_duplicates()
    for source_id, quote in pairs.itertuples(index=False):
        source = context.dataset.source(source_id)
        records.append(
            {
                "source": source_id,
                "publisher": source.get("publisher", ""),
                "source_title": source.get("title", ""),
                "source_date": source.get("date", ""),
                "url": source.get("url", ""),
                "via_url": source.get("via_url", ""),
                "quote": quote,
            }
        )
    columns = ["source", "publisher", "source_title", "source_date", "url", "via_url", "quote"]
    return pd.DataFrame.from_records(records, columns=columns)


def filters_table(
    context: ExportContext, row_count: int, notes: list[str] | None = None
) -> pd.DataFrame:
    lang = context.lang
    separator = "；" if lang == "zh" else "; "
    settings: list[tuple[str, object]] = [
        ("page", context.page_title),
        ("filters", context.filters),
        ("language", "中文" if lang == "zh" else "English"),
        ("rows", row_count),
        ("exported_on", context.exported_on.isoformat()),
        ("link", context.query),
        ("charts", separator.join(chart.title for chart in context.view.charts)),
        ("units", t("export.units_note", lang)),
    ]
    state = parse_query(context.query)[0]
    if state.table_sort or state.table_filter:
        sort = ", ".join(f"{column} {way}" for column, way in state.table_sort)
        settings.append(
            ("table", separator.join(part for part in (sort, state.table_filter) if part))
        )
    if notes:
        settings.append(("missing", separator.join(notes)))
    return pd.DataFrame(
        [(t(f"export.filter.{key}", lang), value) for key, value in settings],
        columns=["setting", "setting_value"],
    )


def citation_lines(context: ExportContext, data: pd.DataFrame) -> list[str]:
    lang = context.lang
    date = context.exported_on.isoformat()
    lines = [
        t("export.citation.intro", lang),
        t(
            "export.citation.text",
            lang,
            page=context.page_title,
            filters=context.filters,
            date=date,
        ),
        "",
        t("export.citation.quotes", lang),
        t("export.citation.formulas", lang),
        "",
        t("export.html.sources", lang),
    ]
    for source_id in dict.fromkeys(data["source"]):
        lines.append(source_entry(context.dataset, source_id, lang))
    return lines


# ------------------------------------------------------------------ CSV


def data_csv(context: ExportContext) -> tuple[bytes, int]:
    """(CSV bytes with a UTF-8 BOM so that Excel reads Chinese right, number of rows)."""
    data = data_table(context)
    headed = data.rename(columns={column: header(column, context.lang) for column in data.columns})
    safe = headed.map(neutralise)
    safe.columns = [neutralise(column) for column in safe.columns]
    text = safe.to_csv(index=False, float_format="%.15g", lineterminator="\r\n")
    return text.encode("utf-8-sig"), len(data)


# ------------------------------------------------------------------ XLSX


def data_xlsx(context: ExportContext) -> tuple[bytes, int]:
    """(XLSX bytes, number of data rows) with the sheets named in SHEETS, in the user's language."""
    lang = context.lang
    data = data_table(context)
    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    with xlsxwriter.Workbook(buffer, options) as workbook:
        bold = workbook.add_format({"bold": True, "bg_color": "#E9ECEF", "text_wrap": True})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        note = workbook.add_format({"italic": True, "font_color": "#5C636A"})
        workbook.set_properties(
            {"title": context.page_title, "subject": context.filters, "comments": context.query}
        )
        headlines = headlines_table(context)
        if headlines is not None:
            _table_sheet(workbook, sheet_name("headlines", lang), headlines, lang, bold)
        sheet = _table_sheet(workbook, sheet_name("data", lang), data, lang, bold)
        sheet.write_string(len(data) + 2, 0, t("export.rows_note", lang, rows=len(data)), note)
        _table_sheet(
            workbook, sheet_name("indicators", lang), indicators_table(context, data), lang, bold
        )
        _table_sheet(
            workbook, sheet_name("sources", lang), sources_table(context, data), lang, bold
        )
        _table_sheet(
            workbook,
            sheet_name("filters", lang),
            filters_table(context, len(data), area_notes(context, data)),
            lang,
            bold,
        )
        citation = workbook.add_worksheet(sheet_name("citation", lang))
        citation.set_column(0, 0, 120, wrap)
        for index, line in enumerate(citation_lines(context, data)):
            citation.write_string(index, 0, neutralise(line))
    return buffer.getvalue(), len(data)


def _table_sheet(
    workbook: xlsxwriter.Workbook, name: str, frame: pd.DataFrame, lang: str, bold: Any
) -> Any:
    sheet = workbook.add_worksheet(name)
    for column_index, column in enumerate(frame.columns):
        sheet.write_string(0, column_index, neutralise(header(column, lang)), bold)
        sheet.set_column(column_index, column_index, _width(column, frame[column]))
    for row_index, row in enumerate(frame.itertuples(index=False), start=1):
        _write_row(sheet, row_index, row)
    sheet.freeze_panes(1, 0)
    if len(frame):
        sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)
    return sheet


def _write_row(sheet: Any, row_index: int, row: Sequence[Any]) -> None:
    for column_index, value in enumerate(row):
        if isinstance(value, bool):
            sheet.write_string(row_index, column_index, str(value))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            if isinstance(value, float) and not math.isfinite(value):
                sheet.write_blank(row_index, column_index, None)
            else:
                sheet.write_number(row_index, column_index, value)
        elif value is None or value == "":
            sheet.write_blank(row_index, column_index, None)
        else:
            sheet.write_string(row_index, column_index, neutralise(str(value)))


def _width(column: str, values: pd.Series) -> int:
    if column in ("quote", "note", "note_zh", "description", "source_title", "caption"):
        return 60
    if column in NUMBER_COLUMNS:
        return 14
    longest = max((len(str(value)) for value in values), default=0)
    return max(10, min(40, longest + 2))
