"""The data template: a workbook in the dataset format with bilingual notes, real example rows
from the served data, lists of valid ids, and drop-downs that offer them."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from dashboard.data.contract import CHART_KINDS, CHART_OPTIONS, KINDS, LEVELS, TABLES
from dashboard.data.store import Dataset
from dashboard.data.units import CANONICAL_UNITS, SCALED_UNITS
from dashboard.i18n import both, has

DATA_SHEETS = (
    "observations",
    "indicators",
    "programs",
    "sources",
    "dimensions",
    "areas",
    "charts",
)
CHART_EXAMPLES = 2  # declared charts of the examples' programmes shown in the charts sheet
VALIDATION_ROWS = 5_000  # drop-downs cover this many rows of each data sheet
EXAMPLE_COUNT = 5
# Ids a file may define itself: typing one that is not listed only informs. Units, kinds,
# levels and true/false are closed lists: typing something else warns.
OPEN_LIST = {"validate": "list", "error_type": "information", "ignore_blank": True}
CLOSED_LIST = {"validate": "list", "error_type": "warning", "ignore_blank": True}


def template_bytes(dataset: Dataset) -> bytes:
    buffer = io.BytesIO()
    write_template(buffer, dataset)
    return buffer.getvalue()


def write_template(out: Path | BinaryIO, dataset: Dataset) -> None:
    """Write the template workbook to a path or a binary stream."""
    target = str(out) if isinstance(out, Path | str) else out
    workbook = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_numbers": False})
    formats = {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "header": workbook.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True}
        ),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "bold": workbook.add_format({"bold": True}),
    }
    examples = example_tables(dataset)
    lists = list_tables(dataset)
    _readme(workbook.add_worksheet("README"), formats)
    sheets = {}
    for table in DATA_SHEETS:
        sheet = workbook.add_worksheet(table)
        _data_sheet(sheet, table, examples.get(table), formats)
        sheets[table] = sheet
    ranges = {}
    for name, frame in lists.items():
        sheet = workbook.add_worksheet(name)
        _write_frame(sheet, frame, formats["header"])
        sheet.freeze_panes(1, 0)
        ranges[name] = len(frame)
    dimension_count = int((lists["list_dimensions"]["dimension_ids"] != "").sum())
    _validations(sheets, ranges, dimension_count)
    workbook.close()


# ---------------------------------------------------------------- content


def example_tables(dataset: Dataset, count: int = EXAMPLE_COUNT) -> dict[str, pd.DataFrame]:
    """A few real rows of the served data (with quotes) and the definitions they use."""
    frame = dataset.observations
    # Compared as they are (categories at millions of rows), never as one string per row.
    frame = frame[frame["preferred"].to_numpy(bool) & (frame["quote"] != "").to_numpy(bool)]
    picked: list[int] = []

    def take(mask: pd.Series) -> None:
        remaining = frame.index[mask & ~frame.index.isin(picked)]
        if len(remaining) and len(picked) < count:
            picked.append(remaining[0])

    # A breakdown and an area below the region first, then one row per unit (a percentage,
    # money, people ...), so that the examples show the range of the format.
    take(frame["dimension"] != "")
    take(frame["area_level"] != "region")
    # Rows whose quote writes 万元/亿元…: looked at one by one only where the text has one.
    written_scaled = frame["quote"].str.contains("|".join(map(re.escape, SCALED_UNITS)))
    scaled = pd.Series(False, index=frame.index)
    candidates = frame[written_scaled.fillna(False).to_numpy(bool)]
    if not candidates.empty:
        scaled[candidates.index] = [
            _scaled_unit(row) is not None for _, row in candidates.iterrows()
        ]
    take(scaled)
    for unit in (str(unit) for unit in pd.unique(frame["unit"])):
        if unit not in set(frame.loc[picked, "unit"].astype(str)):
            take(frame["unit"] == unit)
    rows = frame.loc[picked]
    observations = pd.DataFrame(
        [_observation_example(dataset, row) for _, row in rows.iterrows()],
        columns=_columns("observations"),
    )
    catalogue = dataset.catalogue
    used_indicators = list(dict.fromkeys(rows["indicator"].astype(str)))
    indicators = catalogue.indicators.loc[used_indicators].reset_index()
    programs = catalogue.programs.loc[list(dict.fromkeys(indicators["program"]))].reset_index()
    used_sources = [s for s in dict.fromkeys(rows["source"].astype(str)) if s]
    sources = catalogue.sources.loc[used_sources].reset_index()
    pairs = set(zip(rows["dimension"].astype(str), rows["category"].astype(str), strict=True))
    dimensions = catalogue.dimensions[
        [
            (d, c) in pairs
            for d, c in zip(
                catalogue.dimensions["dimension"], catalogue.dimensions["category"], strict=True
            )
        ]
    ]
    return {
        "observations": observations,
        "charts": _chart_examples(catalogue.charts, list(programs["program"])),
        "indicators": indicators.reindex(columns=_columns("indicators")).fillna(""),
        "programs": programs.reindex(columns=_columns("programs")).fillna(""),
        "sources": sources.reindex(columns=_columns("sources")).fillna(""),
        "dimensions": dimensions.reindex(columns=_columns("dimensions")).fillna(""),
    }


def _chart_examples(charts: pd.DataFrame, programs: list[str]) -> pd.DataFrame:
    """Declared charts of the examples' programmes (re-declaring one changes nothing)."""
    if charts.empty:
        return pd.DataFrame(columns=_columns("charts"))
    mine = charts[charts["program"].isin(programs)]
    picked = mine if not mine.empty else charts
    return picked.head(CHART_EXAMPLES).reindex(columns=_columns("charts")).fillna("")


def _observation_example(dataset: Dataset, row: pd.Series) -> dict[str, object]:
    """The row as a person would write it: area by name, money in 万元/亿元 when the quote does."""
    value, unit = float(row["value"]), str(row["unit"])
    scaled = _scaled_unit(row)
    if scaled is not None:
        value, unit = value / SCALED_UNITS[scaled][1], scaled
    quote = str(row["quote"])
    area = str(row["area"])
    return {
        "indicator": str(row["indicator"]),
        "area": dataset.area_name(area, "zh") if row["area_level"] != "region" else area,
        "year": int(row["year"]),
        "value": float(f"{value:.12g}"),
        "unit": unit,
        "dimension": str(row["dimension"]),
        "category": str(row["category"]),
        "source": str(row["source"]),
        "quote": quote,
        "note": str(row["note"] or ""),
        "note_zh": str(row.get("note_zh") or ""),
        "preferred": "",
    }


def _scaled_unit(row: pd.Series) -> str | None:
    """万元 or 亿元 (etc.) when the quote writes the value in it: "32.43亿元"."""
    value, unit, quote = float(row["value"]), str(row["unit"]), str(row["quote"])
    for scaled, (canonical, factor) in SCALED_UNITS.items():
        if canonical == unit and f"{value / factor:g}{scaled}" in quote:
            return scaled
    return None


def list_tables(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """The ids a file may use, one sheet each."""
    catalogue = dataset.catalogue
    areas = catalogue.areas[["area", "name_zh", "name_en", "level", "parent", "aliases"]]
    indicators = catalogue.indicators.reset_index()[
        ["indicator", "name_zh", "name_en", "unit", "program", "kind", "min", "max"]
    ]
    units = pd.DataFrame(
        [(code, code, 1, unit.label_zh, unit.label_en) for code, unit in CANONICAL_UNITS.items()]
        + [
            (code, canonical, factor, code, f"{factor:g} × {CANONICAL_UNITS[canonical].label_en}")
            for code, (canonical, factor) in SCALED_UNITS.items()
        ],
        columns=["unit", "canonical_unit", "factor", "label_zh", "label_en"],
    )
    dimensions = catalogue.dimensions[["dimension", "category", "name_zh", "name_en"]].copy()
    unique_dimensions = list(dict.fromkeys(dimensions["dimension"]))
    dimensions["dimension_ids"] = unique_dimensions + [""] * (
        len(dimensions) - len(unique_dimensions)
    )
    sources = catalogue.sources.reset_index()[["source", "title", "publisher", "date", "url"]]
    programs = catalogue.programs.reset_index()[["program", "name_zh", "name_en"]]
    chart_kinds = pd.DataFrame(
        [(kind, description) for kind, description in CHART_KINDS.items()],
        columns=["kind", "what_it_draws"],
    )
    chart_options = pd.DataFrame(
        [
            (option, " | ".join(values) if values else "", description)
            for option, (values, description) in CHART_OPTIONS.items()
        ],
        columns=["option", "values", "what_it_does"],
    )
    return {
        "list_chart_kinds": chart_kinds,
        "list_chart_options": chart_options,
        "list_areas": areas.reset_index(drop=True),
        "list_indicators": indicators,
        "list_units": units,
        "list_dimensions": dimensions.reset_index(drop=True),
        "list_sources": sources,
        "list_programs": programs,
    }


def column_note(table: str, column: str) -> tuple[str, str]:
    specific = f"template.column.{table}.{column}"
    return both(specific if has(specific) else f"template.column.{column}")


def _columns(table: str) -> list[str]:
    required, optional = TABLES[table]
    return required + optional


# ---------------------------------------------------------------- sheets


def _readme(sheet: Worksheet, formats: dict) -> None:
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, 2, 10)
    sheet.set_column(3, 4, 60, formats["wrap"])
    zh, en = both("template.readme.title")
    sheet.write(0, 0, f"{zh} / {en}", formats["title"])
    row = 2
    for key in (
        "template.readme.intro",
        "template.readme.examples",
        "template.readme.lists",
        "template.readme.csv",
        "template.readme.preview",
        "template.readme.import",
    ):
        zh, en = both(key)
        sheet.write(row, 3, zh, formats["wrap"])
        sheet.write(row, 4, en, formats["wrap"])
        row += 1
    row += 1
    headers = ("sheet", "column", "required", "note_zh", "note_en")
    for position, key in enumerate(headers):
        zh, en = both(f"template.readme.header.{key}")
        sheet.write(row, position, f"{zh} / {en}", formats["header"])
    yes = "/".join(both("template.readme.required_yes"))
    for table in DATA_SHEETS:
        required = TABLES[table][0]
        for column in _columns(table):
            row += 1
            zh, en = column_note(table, column)
            sheet.write_row(row, 0, [table, column, yes if column in required else "", zh, en])
    sheet.activate()


def _data_sheet(sheet: Worksheet, table: str, examples: pd.DataFrame | None, formats: dict) -> None:
    columns = _columns(table)
    for position, column in enumerate(columns):
        sheet.write_string(0, position, column, formats["header"])
        zh, en = column_note(table, column)
        sheet.write_comment(0, position, f"{zh}\n\n{en}", {"x_scale": 2.4, "y_scale": 2.2})
        width = (
            48
            if column in ("quote", "note", "note_zh", "title", "description_zh", "description_en")
            else 16
        )
        sheet.set_column(position, position, width)
    sheet.freeze_panes(1, 0)
    if examples is None or examples.empty:
        return
    for offset, record in enumerate(examples.to_dict("records"), start=1):
        for position, column in enumerate(columns):
            _write_cell(sheet, offset, position, column, record.get(column, ""))


def _write_cell(sheet: Worksheet, row: int, col: int, column: str, value: object) -> None:
    if column in ("value", "year", "min", "max", "decimals") and isinstance(value, int | float):
        sheet.write_number(row, col, value)
    elif value is None or (isinstance(value, float) and pd.isna(value)):
        sheet.write_blank(row, col, None)
    else:
        sheet.write_string(row, col, str(value))  # ids and codes stay text, never numbers


def _write_frame(sheet: Worksheet, frame: pd.DataFrame, header_format: object) -> None:
    for position, column in enumerate(frame.columns):
        sheet.write_string(0, position, str(column), header_format)
        sheet.set_column(position, position, 40 if column in ("title", "aliases") else 16)
    for row_number, record in enumerate(frame.itertuples(index=False), start=1):
        for position, value in enumerate(record):
            if isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(row_number, position, value)
            else:
                sheet.write_string(row_number, position, "" if value is None else str(value))


def _validations(sheets: dict[str, Worksheet], sizes: dict[str, int], dimension_count: int) -> None:
    def column_of(table: str, column: str) -> int:
        return _columns(table).index(column)

    def from_list(name: str, column_letter: str, size: int | None = None) -> dict:
        last = max(sizes[name] if size is None else size, 1) + 1
        return {**OPEN_LIST, "source": f"={name}!${column_letter}$2:${column_letter}${last}"}

    rules = {
        ("observations", "indicator"): from_list("list_indicators", "A"),
        ("observations", "area"): from_list("list_areas", "A"),
        ("observations", "unit"): {**CLOSED_LIST, **_source_of(from_list("list_units", "A"))},
        ("observations", "dimension"): from_list("list_dimensions", "E", dimension_count),
        ("observations", "category"): from_list("list_dimensions", "B"),
        ("observations", "source"): from_list("list_sources", "A"),
        ("observations", "preferred"): {**CLOSED_LIST, "source": ["true", "false"]},
        ("indicators", "program"): from_list("list_programs", "A"),
        ("indicators", "unit"): {**CLOSED_LIST, "source": list(CANONICAL_UNITS)},
        ("indicators", "kind"): {**CLOSED_LIST, "source": list(KINDS)},
        ("areas", "level"): {**CLOSED_LIST, "source": list(LEVELS)},
        ("areas", "parent"): from_list("list_areas", "A"),
        ("charts", "program"): from_list("list_programs", "A"),
        ("charts", "kind"): {**CLOSED_LIST, "source": list(CHART_KINDS)},
    }
    for (table, column), rule in rules.items():
        position = column_of(table, column)
        sheets[table].data_validation(1, position, VALIDATION_ROWS, position, rule)


def _source_of(rule: dict) -> dict:
    return {"source": rule["source"]}
