"""The data contract: bad input is refused with row and column; good input resolves."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.__main__ import main
from dashboard.data.build import build
from dashboard.data.contract import parse_number, read_dataset, validate_dataset
from dashboard.data.store import DataLoadError, Dataset

PROGRAMS = "program,name_zh,name_en\ndropout_control,控辍保学,Dropout control\n"
INDICATORS = (
    "indicator,program,name_zh,name_en,unit,kind,max\n"
    "dropouts_returned,dropout_control,已劝返,Returned,人,outcome,\n"
    "return_rate,dropout_control,劝返率,Return rate,%,outcome,\n"
    "aid_total,dropout_control,资助资金,Aid funds,元,outcome,\n"
)
SOURCES = (
    "source,title,publisher,date,url\n"
    "cpad,西藏教育脱贫取得显著成效,减贫研究数据库,2020-03-23,\n"
    "later,Later report,新华社,2021-01-01,https://example.org/a\n"
)
DIMENSIONS = (
    "dimension,category,name_zh,name_en\nchild_group,registered_poor,建档立卡,Registered poor\n"
)
OBSERVATIONS = (
    "indicator,area,year,value,unit,dimension,category,source,quote\n"
    "dropouts_returned,540000,2019,11860,,,,cpad,全区12062人失学辍学适龄儿童少年已返学11860人\n"
    "return_rate,西藏自治区,2019,98.33,%,,,cpad,劝返率达到98.33%\n"
    "return_rate,Tibet,2019,100,%,child_group,registered_poor,cpad,其中建档立卡1542人全部劝回，劝返率达到100%\n"
    "aid_total,540000,2019,32.43,亿元,,,cpad,今年我区累计落实各类学生资助资金达32.43亿元\n"
)


def write_dataset(folder: Path, observations: str = OBSERVATIONS, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "programs.csv").write_text(PROGRAMS, encoding="utf-8")
    (folder / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (folder / "dimensions.csv").write_text(DIMENSIONS, encoding="utf-8")
    (folder / "observations.csv").write_bytes(observations.encode(encoding))
    return folder


def validate_folder(folder: Path):
    raw, problems = read_dataset(folder)
    assert not problems, problems
    return validate_dataset(raw)


def replace_row(line_number: int, new_line: str) -> str:
    lines = OBSERVATIONS.strip().split("\n")
    lines[line_number - 1] = new_line
    return "\n".join(lines) + "\n"


def test_valid_dataset_resolves_names_aliases_and_scaled_units(tmp_path: Path) -> None:
    result = validate_folder(write_dataset(tmp_path / "ok"))
    assert result.problems == []
    frame = result.observations
    assert set(frame["area"].astype(str)) == {"540000"}
    aid = frame[frame["indicator"] == "aid_total"].iloc[0]
    assert aid["value"] == pytest.approx(3_243_000_000)
    assert aid["unit"] == "元"
    poor = frame[frame["category"] == "registered_poor"].iloc[0]
    assert poor["value"] == 100
    assert frame["preferred"].all()


@pytest.mark.parametrize(
    ("line", "row", "column", "fragment"),
    [
        ("return_rate,540000,2019,140,%,,,cpad,x", 3, "value", "above the maximum 100"),
        ("return_rate,540000,2019,九八,%,,,cpad,x", 3, "value", "must be a number"),
        ("return_rate,日客则,2019,98.33,%,,,cpad,x", 3, "area", "日喀则市 (540200)"),
        ("aid_total,540000,2019,32.43,亿美元,,,cpad,x", 5, "unit", "unknown unit"),
        ("aid_total,540000,2019,-5,元,,,cpad,x", 5, "value", "cannot be negative"),
        ("return_rate,540000,1066,98.33,%,,,cpad,x", 3, "year", "implausible year"),
        ("return_rate,540000,2019,98.33,%,,,nosuch,x", 3, "source", "unknown source"),
        ("return_rat,540000,2019,98.33,%,,,cpad,x", 3, "indicator", "return_rate"),
        (
            "return_rate,540000,2019,98,%,child_group,orphans,cpad,x",
            3,
            "category",
            "registered_poor",
        ),
    ],
)
def test_bad_row_is_refused_with_row_column_and_reason(
    tmp_path: Path, line: str, row: int, column: str, fragment: str
) -> None:
    folder = write_dataset(tmp_path / "bad", replace_row(row, line))
    problems = validate_folder(folder).problems
    assert problems, "the bad row was accepted"
    located = [p for p in problems if p.row == row and p.column == column]
    assert located, [str(p) for p in problems]
    assert fragment in str(located[0])


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    text = OBSERVATIONS.replace("indicator,area,year,value", "indicator,area,year,amount")
    problems = validate_folder(write_dataset(tmp_path / "bad", text)).problems
    assert any(p.column == "value" and "missing" in p.rule for p in problems)


def test_duplicate_key_from_same_source_is_an_error(tmp_path: Path) -> None:
    text = OBSERVATIONS + "return_rate,540000,2019,98.3,%,,,cpad,again\n"
    problems = validate_folder(write_dataset(tmp_path / "dup", text)).problems
    assert any(p.row == 6 and "duplicate" in p.rule and "rows 3, 6" in p.rule for p in problems)


def test_conflicting_sources_are_kept_and_one_is_preferred(tmp_path: Path) -> None:
    text = OBSERVATIONS + "return_rate,540000,2019,98.3,%,,,later,另一报道98.3%\n"
    result = validate_folder(write_dataset(tmp_path / "conflict", text))
    assert result.problems == []
    rates = result.observations[
        (result.observations["indicator"] == "return_rate")
        & (result.observations["category"] == "")
    ]
    assert len(rates) == 2
    # The written rule: without an explicit mark, the most recently published source wins.
    assert rates[rates["preferred"]]["source"].tolist() == ["later"]


def test_explicit_preferred_mark_decides(tmp_path: Path) -> None:
    text = replace_row(3, "return_rate,540000,2019,98.33,%,,,cpad,劝返率达到98.33%")
    text = text.replace(
        "indicator,area,year,value,unit,dimension,category,source,quote",
        "indicator,area,year,value,unit,dimension,category,source,quote,preferred",
    )
    text += "return_rate,540000,2019,98.3,%,,,later,x,false\n"
    lines = text.strip().split("\n")
    lines = [
        line + ("," if index and not line.endswith(",false") else "")
        for index, line in enumerate(lines)
    ]
    lines[2] = lines[2].rstrip(",") + ",true"
    result = validate_folder(write_dataset(tmp_path / "marked", "\n".join(lines) + "\n"))
    assert result.problems == []
    rates = result.observations[
        (result.observations["indicator"] == "return_rate")
        & (result.observations["category"] == "")
    ]
    assert rates[rates["preferred"]]["source"].tolist() == ["cpad"]


def test_gbk_csv_is_decoded(tmp_path: Path) -> None:
    result = validate_folder(
        write_dataset(tmp_path / "gbk", OBSERVATIONS.replace("，", "、"), "gbk")
    )
    assert result.problems == []
    assert len(result.observations) == 4


def test_empty_and_binary_files_are_refused(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "empty", "")
    _, problems = read_dataset(folder)
    assert any("empty" in p.rule for p in problems)
    (folder / "observations.csv").write_bytes(b"\x00\x01\x02PK\x00")
    _, problems = read_dataset(folder)
    assert any("binary" in p.rule for p in problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12062", 12062),
        ("12,062", 12062),
        ("１２０６２", 12062),
        ("98.33", 98.33),
        ("1,2", None),
        ("abc", None),
        ("", None),
        ("1e5", None),
    ],
)
def test_numbers_as_people_write_them(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


def test_failed_build_leaves_previous_file_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "indicators.parquet"
    assert build(write_dataset(tmp_path / "ok"), out) == []
    before = out.read_bytes()
    bad = write_dataset(tmp_path / "bad", replace_row(3, "return_rate,540000,2019,140,%,,,cpad,x"))
    problems = build(bad, out)
    assert problems
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".indicators")] == []


def test_built_file_round_trips_with_catalogue(tmp_path: Path) -> None:
    out = tmp_path / "indicators.parquet"
    assert build(write_dataset(tmp_path / "ok"), out) == []
    dataset = Dataset.load(out)
    assert dataset.indicator("aid_total").unit == "元"
    assert dataset.source("cpad")["publisher"] == "减贫研究数据库"
    rows = dataset.query(indicators=["return_rate"], areas=["540000"], years=[2019])
    assert sorted(rows["value"]) == [98.33, 100.0]
    assert isinstance(rows["indicator"].dtype, pd.CategoricalDtype)


def test_damaged_parquet_gives_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "indicators.parquet"
    assert build(write_dataset(tmp_path / "ok"), out) == []
    out.write_bytes(out.read_bytes()[:200])
    with pytest.raises(DataLoadError, match="damaged or not Parquet"):
        Dataset.load(out)
    with pytest.raises(DataLoadError, match="not found"):
        Dataset.load(tmp_path / "missing.parquet")


def test_cli_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(write_dataset(tmp_path / "ok"))]) == 0
    assert "4 observations" in capsys.readouterr().out
    bad = write_dataset(tmp_path / "bad", replace_row(3, "return_rate,日客则,2019,98,%,,,cpad,x"))
    assert main(["validate", str(bad)]) == 1
    error = capsys.readouterr().err
    assert "row 3" in error and "column 'area'" in error and "日喀则市 (540200)" in error
