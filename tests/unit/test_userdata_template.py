"""The template: the format's sheets with bilingual notes, real example rows, lists, drop-downs."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from dashboard.__main__ import main
from dashboard.data.build import build
from dashboard.data.contract import TABLES
from dashboard.data.gazetteer import builtin_gazetteer
from dashboard.data.store import Dataset
from dashboard.userdata.importing import plan_import
from dashboard.userdata.template import DATA_SHEETS, template_bytes, write_template

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "userdata"


@pytest.fixture(scope="module")
def served_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("served") / "indicators.parquet"
    assert build(FIXTURES / "test_served_dataset", out) == []
    return out


@pytest.fixture(scope="module")
def template(served_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("template") / "template.xlsx"
    assert main(["template", "--out", str(out), "--data", str(served_file)]) == 0
    return out


def test_the_template_has_the_formats_sheets_readme_and_lists(template: Path) -> None:
    workbook = load_workbook(template)
    assert workbook.sheetnames[0] == "README"
    assert workbook.sheetnames[1 : 1 + len(DATA_SHEETS)] == list(DATA_SHEETS)
    assert {"list_areas", "list_indicators", "list_units", "list_dimensions"} <= set(
        workbook.sheetnames
    )
    for table in DATA_SHEETS:
        header = [cell.value for cell in workbook[table][1]]
        required, optional = TABLES[table]
        assert header == required + optional


def test_every_header_has_a_bilingual_comment(template: Path) -> None:
    sheet = load_workbook(template)["observations"]
    notes = {cell.value: cell.comment.text for cell in sheet[1]}
    assert "那曲地区" in notes["area"] and "Nagqu" in notes["area"]
    assert "万元" in notes["unit"] and "converted" in notes["unit"]
    assert all("\n\n" in text for text in notes.values())


def test_example_rows_are_real_rows_of_the_served_data(template: Path, served_file: Path) -> None:
    served = Dataset.load(served_file).observations
    sheet = load_workbook(template)["observations"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert 1 <= len(rows) <= 5
    quotes = set(served["quote"])
    for row in rows:
        record = dict(zip(TABLES["observations"][0] + TABLES["observations"][1], row, strict=True))
        assert record["quote"] in quotes
        match = served[(served["quote"] == record["quote"]) & (served["year"] == record["year"])]
        assert not match.empty
    # The served 万元 values are written as the quote writes them.
    units = {row[4] for row in rows}
    assert "万元" in units or "亿元" in units


def test_lists_hold_every_area_code_and_name(template: Path) -> None:
    sheet = load_workbook(template)["list_areas"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    by_code = {row[0]: row for row in rows}
    assert len(rows) == len(builtin_gazetteer())
    assert by_code["540600"][1:3] == ("那曲市", "Nagqu")
    assert "那曲地区" in by_code["540600"][5]


def test_drop_downs_offer_the_listed_ids(template: Path) -> None:
    sheet = load_workbook(template)["observations"]
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert rules["A2:A5001"].formula1.startswith("list_indicators!$A$2")
    assert rules["B2:B5001"].formula1 == f"list_areas!$A$2:$A${len(builtin_gazetteer()) + 1}"
    assert rules["B2:B5001"].errorStyle == "information"  # names are allowed too
    assert rules["E2:E5001"].errorStyle == "warning"


def test_a_template_read_back_is_valid_and_importing_it_changes_nothing(
    served_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "template.xlsx"
    out.write_bytes(template_bytes(Dataset.load(served_file)))
    plan = plan_import(out, served_file)
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.changes_nothing


def test_write_template_to_a_stream(served_file: Path) -> None:
    import io

    buffer = io.BytesIO()
    write_template(buffer, Dataset.load(served_file))
    assert buffer.getvalue()[:2] == b"PK"


def test_cli_template_wants_an_xlsx_name(served_file: Path, tmp_path: Path) -> None:
    assert main(["template", "--out", str(tmp_path / "t.csv"), "--data", str(served_file)]) == 2
    assert not (tmp_path / "t.csv").exists()
