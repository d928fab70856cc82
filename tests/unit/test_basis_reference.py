"""Basis and reference date per reading, plans and averages, and rates kept to their period."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard.data.build import CATALOGUE_KEY, build
from dashboard.data.contract import read_dataset, reference_year, validate_dataset
from dashboard.data.store import Dataset
from dashboard.data.units import PeriodError, conversion_factor, period_of_text

PROGRAMS = "program,name_zh,name_en\nstudent_aid,学生资助,Student aid\n"
INDICATORS = (
    "indicator,program,name_zh,name_en,unit,kind\n"
    "sanbao_standard,student_aid,三包标准,Three guarantees standard,元/生/年,standard\n"
    "allowance,student_aid,补助,Allowance,元/人/月,standard\n"
    "retention,student_aid,巩固率,Retention,%,outcome\n"
    "aid_plan,student_aid,资助计划,Aid plan,元,plan\n"
    "allowance_average,student_aid,平均补助,Average allowance,元/人/月,average\n"
)
SOURCES = "source,title,publisher,date,url\na,A,新华社,2020-01-01,\nb,B,人民网,2021-01-01,\n"
HEADER = "indicator,area,year,value,unit,basis,reference,source,quote\n"
GOOD = (
    HEADER + "sanbao_standard,540000,2019,3720,,,2019,a,3720元\n"
    "retention,540000,2022,96.94,%,,end-2021,a,96.94%\n"
    "retention,540000,2022,97.73,%,survey,2022-09,b,97.73%\n"
    "allowance,540000,2019,1500,元/人/月,,mid-2019;per-month,a,1500元\n"
    "aid_plan,540000,2020,100,万元,,school-year-2019/20,a,100万元\n"
    "allowance_average,540000,2022,1200,,,per-month,b,1200元\n"
)


def write(folder: Path, observations: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "programs.csv").write_text(PROGRAMS, encoding="utf-8")
    (folder / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (folder / "observations.csv").write_text(observations, encoding="utf-8")
    return folder


def validate(folder: Path):
    raw, problems = read_dataset(folder)
    assert not problems, problems
    return validate_dataset(raw)


def test_basis_reference_plan_and_average_are_accepted_and_kept(tmp_path: Path) -> None:
    result = validate(write(tmp_path / "ok", GOOD))
    assert result.problems == []
    frame = result.observations
    retention = frame[frame["indicator"] == "retention"].set_index("source")
    assert retention.loc["a", "reference"] == "end-2021"
    assert retention.loc["b", "basis"] == "survey"
    assert retention["preferred"].sum() == 1  # still one preferred reading per key
    assert isinstance(frame["basis"].dtype, pd.CategoricalDtype)
    assert isinstance(frame["reference"].dtype, pd.CategoricalDtype)
    assert set(frame["kind"].astype(str)) >= {"plan", "average"}


@pytest.mark.parametrize(
    ("line", "column", "fragment"),
    [
        ("sanbao_standard,540000,2019,3720,,Survey Basis,,a,x", "basis", "short id"),
        ("sanbao_standard,540000,2019,3720,,,2019年底,a,x", "reference", "not a reference"),
        ("sanbao_standard,540000,2019,3720,,,late-2019,a,x", "reference", "not a reference"),
        ("sanbao_standard,540000,2019,3720,,,2019-13,a,x", "reference", "not a real date"),
        ("sanbao_standard,540000,2019,3720,,,school-year-2019/22,a,x", "reference", "real date"),
        ("sanbao_standard,540000,2019,3720,,,end-2016,a,x", "reference", "more than a year"),
        ("sanbao_standard,540000,2019,2000,,,2019;per-term,a,x", "reference", "per term"),
        ("sanbao_standard,540000,2019,2000,元/生/学期,,,a,x", "unit", "per term"),
        ("allowance,540000,2019,18000,元/人/年,,,a,x", "unit", "per year"),
        ("allowance,540000,2019,500,元/月,,,a,x", "unit", "unknown unit"),
        ("sanbao_standard,540000,2019,500,元/月,,,a,x", "unit", "period contradicts"),
    ],
)
def test_bad_basis_reference_or_period_is_refused_with_row_and_rule(
    tmp_path: Path, line: str, column: str, fragment: str
) -> None:
    result = validate(write(tmp_path / "bad", HEADER + line + "\n"))
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert (problem.file, problem.row, problem.column) == ("observations.csv", 2, column)
    assert (
        problem.value == line.split(",")[4 if column == "unit" else 5 if column == "basis" else 6]
    )
    assert fragment in problem.rule
    assert problem.suggestion


def test_the_same_key_from_one_source_on_two_bases_is_two_readings(tmp_path: Path) -> None:
    lines = (
        HEADER + "retention,540000,2022,96.94,%,,,a,x\nretention,540000,2022,97.73,%,survey,,a,y\n"
    )
    result = validate(write(tmp_path / "two", lines))
    assert result.problems == []
    assert result.observations["preferred"].sum() == 1
    again = (
        HEADER
        + "retention,540000,2022,96.94,%,survey,,a,x\nretention,540000,2022,97,%,survey,,a,y\n"
    )
    assert "duplicate" in validate(write(tmp_path / "dup", again)).problems[0].rule


def test_rates_are_never_converted_between_periods() -> None:
    assert period_of_text("元/人/月") == "month"
    assert period_of_text("元/生/学年") == "year"
    assert period_of_text("元") == ""
    assert conversion_factor("元/生/学年", "元/生/年") == 1
    with pytest.raises(PeriodError):
        conversion_factor("元/生/学期", "元/生/年")


def test_reference_year_reads_every_form() -> None:
    assert reference_year("end-2021") == 2021
    assert reference_year("school-year-2019/20;per-term") == 2019
    assert reference_year("2019-07-31") == 2019
    assert reference_year("per-month") is None


def test_a_file_built_before_basis_and_reference_loads_with_them_blank(tmp_path: Path) -> None:
    folder = write(tmp_path / "raw", GOOD)
    built = tmp_path / "new.parquet"
    assert build(folder, built) == []
    table = pq.read_table(built)
    old = table.drop_columns(["basis", "reference"])
    old = old.replace_schema_metadata({CATALOGUE_KEY: table.schema.metadata[CATALOGUE_KEY]})
    pq.write_table(old, tmp_path / "old.parquet")
    dataset = Dataset.load(tmp_path / "old.parquet")
    assert set(dataset.observations["basis"].astype(str)) == {""}
    assert set(dataset.observations["reference"].astype(str)) == {""}
    assert len(dataset.query(indicators=["retention"])) == 1


def test_a_year_as_value_is_written_as_a_year() -> None:
    from dashboard.i18n import format_value

    assert format_value(2016, "年", "zh") == "2016年"
    assert format_value(2016.0, "年", "en") == "2016"
