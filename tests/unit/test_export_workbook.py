"""CSV and XLSX hold exactly the displayed rows, named sheets, and no live formulas."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from test_export_context import FORMULA_QUOTE, NEGATIVE_VALUE, build_export_dataset, make_context

from dashboard.data.store import Dataset
from dashboard.export.workbook import data_csv, data_table, data_xlsx, neutralise

ZH_SHEETS = ["数据", "指标说明", "来源与原文", "筛选条件", "引用方式"]
EN_SHEETS = ["data", "indicators", "sources", "filters", "how to cite"]


@pytest.fixture(scope="session")
def export_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build_export_dataset(tmp_path_factory)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86 123", "'+86 123"),
        ("-5 people", "'-5 people"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("西藏", "西藏"),
        (-1.5, -1.5),
        (-3, -3),
    ],
)
def test_neutralise_prefixes_formula_text_but_leaves_numbers(value, expected) -> None:
    assert neutralise(value) == expected


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so that Excel reads Chinese"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_has_bom_chinese_headers_and_the_displayed_rows(export_dataset: Dataset) -> None:
    context = make_context(export_dataset, "zh")
    content, rows = data_csv(context)
    records = read_csv(content)
    assert rows == len(records) == 5
    assert "指标" in records[0] and "原文" in records[0]
    assert {record["地区"] for record in records} == {"西藏自治区"}


def test_csv_neutralises_formula_cells_and_keeps_negative_numbers(
    export_dataset: Dataset,
) -> None:
    records = read_csv(data_csv(make_context(export_dataset, "en"))[0])
    change = next(record for record in records if record["indicator id"] == "rate_change")
    assert change["quote"] == "'" + FORMULA_QUOTE
    assert change["note (English)"].startswith("'@")
    assert change["value"] == str(NEGATIVE_VALUE)
    assert change["preferred reading"] == "yes"


def test_xlsx_has_the_named_sheets_in_the_language(export_dataset: Dataset) -> None:
    for lang, names in (("zh", ZH_SHEETS), ("en", EN_SHEETS)):
        content, _ = data_xlsx(make_context(export_dataset, lang))
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        assert workbook.sheetnames == names


def test_xlsx_data_sheet_holds_exactly_the_filtered_rows(export_dataset: Dataset) -> None:
    context = make_context(export_dataset, "en")
    content, rows = data_xlsx(context)
    sheet = openpyxl.load_workbook(io.BytesIO(content))["data"]
    header = [cell.value for cell in sheet[1]]
    values = list(sheet.iter_rows(min_row=2, max_row=1 + rows, values_only=True))
    ids = sorted(int(row[header.index("record id")]) for row in values)
    expected = sorted(int(obs) for obs in data_table(context)["obs_id"])
    assert ids == expected and rows == 5
    assert "5 rows" in sheet.cell(row=rows + 3, column=1).value


def test_xlsx_keeps_numbers_as_numbers_and_text_formulas_inert(export_dataset: Dataset) -> None:
    content, rows = data_xlsx(make_context(export_dataset, "en"))
    sheet = openpyxl.load_workbook(io.BytesIO(content))["data"]
    header = [cell.value for cell in sheet[1]]
    change = next(
        row
        for row in sheet.iter_rows(min_row=2, max_row=1 + rows)
        if row[header.index("indicator id")].value == "rate_change"
    )
    value = change[header.index("value")]
    assert value.value == NEGATIVE_VALUE and value.data_type == "n"
    quote = change[header.index("quote")]
    assert quote.data_type == "s" and quote.value == "'" + FORMULA_QUOTE
    assert change[header.index("year")].value == 2019


def test_xlsx_sources_filters_and_citation_sheets(export_dataset: Dataset) -> None:
    content, rows = data_xlsx(make_context(export_dataset, "zh"))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sources = list(workbook["来源与原文"].iter_rows(min_row=2, values_only=True))
    quotes = [row[-1] for row in sources]
    assert "劝返率达到98.33%" in quotes
    assert any(row[1] == "减贫研究数据库" and row[3] == "2020-03-23" for row in sources)
    filters = dict(workbook["筛选条件"].iter_rows(min_row=2, values_only=True))
    assert filters["导出行数"] == rows
    assert filters["筛选条件"] == "当前：西藏自治区；各指标最新数据"
    citation = [row[0] for row in workbook["引用方式"].iter_rows(values_only=True) if row[0]]
    assert any("西藏教育脱贫数据看板" in line and "2024-05-06" in line for line in citation)
    indicators = [row[0] for row in workbook["指标说明"].iter_rows(min_row=2, values_only=True)]
    assert sorted(indicators) == ["dropouts_returned", "rate_change", "return_rate"]


def test_empty_page_gives_headers_only(export_dataset: Dataset) -> None:
    context = make_context(export_dataset, "en")
    context.view.charts[:] = context.view.charts[2:]
    content, rows = data_csv(context)
    assert rows == 0
    assert content.decode("utf-8-sig").count("\n") == 1
