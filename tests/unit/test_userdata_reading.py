"""Reading what analysts really have: encodings, names, units, workbooks; refusing the rest.

The files are TEST DATA in tests/fixtures/userdata (see make_fixtures.py there).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dashboard import config
from dashboard.data.build import build
from dashboard.data.store import Dataset
from dashboard.userdata.reading import (
    cell_text,
    number_text,
    read_user_bytes,
    read_user_file,
    validate_user_dataset,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "userdata"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    out = tmp_path_factory.mktemp("served") / "indicators.parquet"
    assert build(FIXTURES / "test_served_dataset", out) == []
    return Dataset.load(out)


def validated(path: Path, served: Dataset):
    read = read_user_file(path)
    assert read.problems == [], [str(p) for p in read.problems]
    return validate_user_dataset(read.raw, served.catalogue, origin="upload")


def rows_by_area(frame) -> dict[tuple[str, int], float]:
    return {
        (str(row.area), int(row.year)): float(row.value) for row in frame.itertuples(index=False)
    }


def test_gbk_csv_with_chinese_headers_names_and_wanyuan_is_read_exactly(served: Dataset) -> None:
    data = (FIXTURES / "test_upload_gbk_chinese_headers.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is GBK
    result = validated(FIXTURES / "test_upload_gbk_chinese_headers.csv", served)
    assert result.problems == []
    values = rows_by_area(result.observations)
    assert values[("540100", 2020)] == pytest.approx(215_005_000)  # "21,500.5" 万元
    assert values[("540600", 2021)] == pytest.approx(168_000_000)  # "１６，８００" 万元, 那曲地区
    assert values[("540200", 2020)] == pytest.approx(182_000_000)  # 日喀则地区 (former name)
    assert set(result.observations["unit"].astype(str)) == {"元"}


def test_former_and_english_names_resolve_to_codes(served: Dataset) -> None:
    result = validated(FIXTURES / "test_upload_utf8_bom_english_names.csv", served)
    assert result.problems == []
    enrolled = result.observations[result.observations["indicator"] == "students_enrolled"]
    # Nagqu, Lhasa City, Shigatse Prefecture
    assert sorted(enrolled["area"].astype(str)) == ["540100", "540200", "540600"]
    region = result.observations[result.observations["area"] == "540000"]
    assert set(region["indicator"].astype(str)) == {
        "out_of_school_return_rate",
        "student_aid_funds",
    }  # "Tibet" and "Xizang"


def test_a_value_written_with_its_unit_is_split_and_converted(served: Dataset) -> None:
    result = validated(FIXTURES / "test_upload_utf8_bom_english_names.csv", served)
    values = result.observations.set_index("indicator")["value"]
    assert values["out_of_school_return_rate"] == pytest.approx(99.1)  # "99.1%"
    assert values["student_aid_funds"] == pytest.approx(3_250_000_000)  # "32.5亿元"


def test_a_value_with_a_unit_contradicting_the_unit_column_is_refused(served: Dataset) -> None:
    text = "indicator,area,year,value,unit\nstudent_aid_funds,540000,2020,32.5亿元,万元\n"
    read = read_user_bytes(text.encode(), "contradiction.csv")
    result = validate_user_dataset(read.raw, served.catalogue, origin="upload")
    assert [(p.row, p.column) for p in result.problems] == [(2, "value")]


def test_workbook_with_new_programme_indicators_source_and_area(served: Dataset) -> None:
    path = FIXTURES / "test_upload_new_programme.xlsx"
    read = read_user_file(path)
    assert read.kind == "xlsx"
    result = validate_user_dataset(read.raw, served.catalogue, origin="upload")
    assert result.problems == []
    frame = result.observations
    assert set(frame["program"].astype(str)) == {"test_vocational_aid"}
    rate = frame[frame["indicator"] == "test_vocational_placement_rate"].iloc[0]
    assert rate["value"] == pytest.approx(94.25)  # a cell showing 94.25% holds 0.9425
    funds = frame[frame["indicator"] == "test_vocational_funds"].iloc[0]
    assert funds["value"] == pytest.approx(12_505_000)  # 1250.5 万元
    assert "540699" in set(frame["area"].astype(str))  # defined in the same file
    assert result.catalogue.sources.at["test_source_vocational", "date"] == "2021-12-20"
    assert result.catalogue.programs.at["test_vocational_aid", "name_en"].startswith("Test")


def test_workbook_rows_are_numbered_as_the_spreadsheet_shows_them(
    served: Dataset, tmp_path: Path
) -> None:
    workbook = load_workbook(FIXTURES / "test_upload_new_programme.xlsx")
    workbook["observations"]["B6"] = "那区"  # header in row 3, so this is the 3rd data row
    broken = tmp_path / "broken.xlsx"
    workbook.save(broken)
    read = read_user_file(broken)
    result = validate_user_dataset(read.raw, served.catalogue, origin="upload")
    located = [(p.file, p.row, p.column) for p in result.problems]
    assert located == [("broken.xlsx:observations", 6, "area")]


@pytest.mark.parametrize(
    ("name", "row", "column", "fragment"),
    [
        ("test_bad_area_typo.csv", 3, "area", "did you mean 日喀则市 (540200)?"),
        ("test_bad_unknown_unit.csv", 3, "unit", "unknown unit '万美元'"),
        ("test_bad_duplicate.csv", 4, "source", "duplicate"),
        ("test_bad_percentage_out_of_range.csv", 3, "value", "above the maximum 100"),
        ("test_bad_missing_column.csv", 1, "year", "required column 'year' is missing"),
    ],
)
def test_each_bad_file_is_refused_with_row_and_column(
    served: Dataset, name: str, row: int, column: str, fragment: str
) -> None:
    read = read_user_file(FIXTURES / name)
    problems = (
        read.problems or validate_user_dataset(read.raw, served.catalogue, origin="upload").problems
    )
    located = [p for p in problems if p.row == row and p.column == column]
    assert located, [str(p) for p in problems]
    assert fragment in str(located[0])
    assert located[0].file == name


def test_an_empty_sheet_is_refused_naming_the_sheet() -> None:
    read = read_user_file(FIXTURES / "test_bad_empty_sheet.xlsx")
    assert [(p.file, p.rule) for p in read.problems] == [
        ("test_bad_empty_sheet.xlsx:observations", "the sheet is empty")
    ]


def test_big5_text_is_refused_not_misread_as_gbk() -> None:
    data = (FIXTURES / "test_bad_big5.csv").read_bytes()
    data.decode("gb18030")  # it *would* decode, as nonsense
    read = read_user_bytes(data, "test_bad_big5.csv")
    assert len(read.problems) == 1
    assert "neither UTF-8 nor GB18030/GBK" in read.problems[0].rule
    assert "CSV UTF-8" in read.problems[0].suggestion


def _workbook_bytes() -> bytes:
    return (FIXTURES / "test_upload_new_programme.xlsx").read_bytes()


@pytest.mark.parametrize(
    ("data", "name", "fragment"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.xls", "97–2003"),
        ("indicator,area\n".encode("utf-16"), "unicode.csv", "UTF-16"),
        (b"indicator\tarea\tyear\tvalue\nx\t540000\t2019\t1\n", "tabs.csv", "tabs"),
        (b"", "empty.csv", "empty"),
        (b"%PDF-1.4\x00\x00\x00", "report.csv", "binary"),
        ("WORKBOOK", "renamed.csv", "rename it to .xlsx"),
        (b"indicator,area,year,value\n", "text.xlsx", "rename it to .csv"),
        (b"indicator,area,year,value\n", "data.json", "unsupported file type"),
    ],
)
def test_files_are_checked_by_content_not_only_by_name(
    data: bytes | str, name: str, fragment: str
) -> None:
    content = _workbook_bytes() if data == "WORKBOOK" else data
    read = read_user_bytes(content, name)
    assert read.problems, "accepted"
    assert fragment in str(read.problems[0])
    assert read.raw.tables == {}


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("observations.csv", "indicator,area,year,value\n")
    read = read_user_bytes(buffer.getvalue(), "data.xlsx")
    assert "not an XLSX workbook" in read.problems[0].rule


def test_a_workbook_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "MAX_UNPACKED_BYTES", 1000)
    read = read_user_bytes(_workbook_bytes(), "bomb.xlsx")
    assert "unpacks to" in read.problems[0].rule


def test_size_and_row_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "test_upload_gbk_chinese_headers.csv").read_bytes()
    too_big = read_user_bytes(data, "big.csv", max_bytes=len(data) - 1)
    assert "MB allowed" in too_big.problems[0].rule
    too_long = read_user_bytes(data, "long.csv", max_rows=5)
    assert "more than the 5 rows" in too_long.problems[0].rule
    assert read_user_bytes(data, "ok.csv", max_rows=6).problems == []


def test_a_file_cannot_change_the_unit_of_a_served_indicator(served: Dataset) -> None:
    workbook = load_workbook(FIXTURES / "test_upload_new_programme.xlsx")
    sheet = workbook["indicators"]
    sheet.append(
        ["education_investment", "education_funding", "教育投入", "Investment", "人", "outcome"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    read = read_user_bytes(buffer.getvalue(), "redefine.xlsx")
    problems = validate_user_dataset(read.raw, served.catalogue, origin="upload").problems
    located = [p for p in problems if p.column == "unit" and p.row == 5]
    assert located and "already exists with unit '元'" in located[0].rule


def test_a_title_row_above_the_header_is_skipped_in_csv_too(served: Dataset) -> None:
    text = (
        "2020年各地市教育投入（测试数据）,,,,\n"
        ",,,,\n"
        "indicator,area,year,value,unit\n"
        "education_investment,那曲,2020,1.5,亿元\n"
        "education_investment,拉萨,2020,x,亿元\n"
    )
    read = read_user_bytes(text.encode("utf-8"), "title.csv")
    problems = validate_user_dataset(read.raw, served.catalogue, origin="upload").problems
    assert [(p.row, p.column) for p in problems] == [(5, "value")]


class _Cell:
    def __init__(self, value: object, number_format: str = "General") -> None:
        self.value = value
        self.number_format = number_format


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (_Cell(12062.0), "12062"),
        (_Cell(0.9833, "0.00%"), "98.33%"),
        (_Cell(1e-05), "0.00001"),
        (_Cell(3243000000.0), "3243000000"),
        (_Cell(True), "true"),
        (_Cell(None), ""),
        (_Cell(" 拉萨 "), " 拉萨 "),
    ],
)
def test_cells_are_read_as_the_spreadsheet_shows_them(cell: _Cell, expected: str) -> None:
    assert cell_text(cell) == expected


def test_number_text_never_uses_exponents() -> None:
    assert number_text(98.33000000000001) == "98.33"
    assert "e" not in number_text(1.5e20)
