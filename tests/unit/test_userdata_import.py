"""Import with versions: validate first, merge by the written rules, keep versions, roll back.

The served data here is the TEST dataset in tests/fixtures/userdata/test_served_dataset.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard import config
from dashboard.__main__ import main
from dashboard.data.build import build
from dashboard.data.store import Dataset
from dashboard.userdata import versions
from dashboard.userdata.importing import plan_import, run_import

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "userdata"
HEADER = "indicator,area,year,value,unit,source,quote,preferred\n"
LATER_SOURCE = (
    "source,title,publisher,date,url\n"
    "test_source_2022_report,TEST DATA 测试数据 2022,测试出版方,2022-05-01,\n"
    "test_source_2018_report,TEST DATA 测试数据 2018,测试出版方,2018-05-01,\n"
)


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    out = tmp_path / "served" / "indicators.parquet"
    assert build(FIXTURES / "test_served_dataset", out) == []
    monkeypatch.setattr(config, "DATA_FILE", out)
    monkeypatch.setattr(config, "VERSIONS_DIR", tmp_path / "versions")
    return out


def write_folder(folder: Path, observations: str, sources: str | None = None) -> Path:
    """A TEST user dataset folder."""
    folder.mkdir(parents=True)
    (folder / "observations.csv").write_text(HEADER + observations, encoding="utf-8")
    if sources:
        (folder / "sources.csv").write_text(sources, encoding="utf-8")
    return folder


def readings(path: Path, indicator: str, area: str, year: int) -> pd.DataFrame:
    frame = Dataset.load(path).observations
    rows = frame[
        (frame["indicator"] == indicator) & (frame["area"] == area) & (frame["year"] == year)
    ]
    return rows[rows["category"] == ""][["source", "value", "preferred", "origin"]]


def test_dry_run_lists_changes_and_writes_nothing(served: Path, tmp_path: Path) -> None:
    before = served.read_bytes()
    plan = run_import(FIXTURES / "test_upload_gbk_chinese_headers.csv", served, dry_run=True)
    assert plan.ok
    assert served.read_bytes() == before
    assert not (tmp_path / "versions").exists()
    changed = plan.changes[plan.changes["change"] == "changed"].iloc[0]
    assert (changed["area"], changed["year"], changed["source"]) == (
        "540600",
        2019,
        "test_source_2019_report",
    )
    assert (changed["value_before"], changed["value_after"]) == (150_000_000, 155_000_000)
    assert plan.counts()["added"] == 5


def test_cli_dry_run_prints_from_and_to_with_sources(
    served: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FIXTURES / "test_upload_gbk_chinese_headers.csv"
    assert main(["import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "5 added, 1 changed" in out
    assert (
        "changed    education_investment · 540600 那曲市 · 2019: 150,000,000 元 -> "
        "155,000,000 元 (source: test_source_2019_report)" in out
    )
    assert "dry run: nothing was written." in out


@pytest.mark.parametrize(
    "name",
    [
        "test_bad_area_typo.csv",
        "test_bad_unknown_unit.csv",
        "test_bad_duplicate.csv",
        "test_bad_percentage_out_of_range.csv",
        "test_bad_missing_column.csv",
        "test_bad_empty_sheet.xlsx",
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(
    served: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = served.read_bytes()
    assert main(["import", str(FIXTURES / name)]) == 1
    assert served.read_bytes() == before
    assert not (tmp_path / "versions" / versions.LOG_NAME).exists()
    assert list((tmp_path / "versions").glob("*.parquet")) == []
    error = capsys.readouterr().err
    assert "refused" in error and "nothing was written" in error and name in error


def test_import_then_rollback_leaves_the_served_file_byte_identical(served: Path) -> None:
    before = served.read_bytes()
    plan = run_import(FIXTURES / "test_upload_new_programme.xlsx", served)
    assert plan.entry is not None and plan.entry.version == "v0002"
    assert served.read_bytes() != before
    assert Dataset.load(served).has_indicator("test_vocational_pairs")
    with versions.locked():
        entry = versions.rollback(served)
    assert entry.version == "v0001"
    assert served.read_bytes() == before


def test_versions_log_records_file_time_counts_and_checksums(served: Path, tmp_path: Path) -> None:
    run_import(FIXTURES / "test_upload_gbk_chinese_headers.csv", served)
    lines = (tmp_path / "versions" / versions.LOG_NAME).read_text(encoding="utf-8").splitlines()
    baseline, imported = (json.loads(line) for line in lines)
    assert baseline["action"] == "baseline" and baseline["rows"] == {"observations": 8}
    assert imported["action"] == "import" and imported["previous"] == "v0001"
    assert imported["file"].endswith("test_upload_gbk_chinese_headers.csv")
    assert imported["rows"]["added"] == 5 and imported["rows"]["changed"] == 1
    assert imported["rows"]["observations"] == 13
    assert imported["time"].endswith("+00:00")
    for record in (baseline, imported):
        kept = tmp_path / "versions" / f"{record['version']}.parquet"
        assert versions.sha256_file(kept) == record["sha256"]
    assert versions.sha256_file(served) == imported["sha256"]


def test_cli_versions_rollback_and_diff(served: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(FIXTURES / "test_upload_gbk_chinese_headers.csv")]) == 0
    assert main(["import", str(FIXTURES / "test_upload_new_programme.xlsx")]) == 0
    capsys.readouterr()
    assert main(["versions"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listing[1:]] == ["v0001", "v0002", "*"]
    assert "v0003" in listing[-1]
    assert main(["diff", "v0002", "v0003"]) == 0
    out = capsys.readouterr().out
    assert "5 added, 0 removed, 0 changed" in out and "540699 测试县" in out
    assert main(["rollback"]) == 0
    assert versions.current_version(served) == "v0002"
    assert main(["rollback"]) == 0  # steps back again, not an undo of the undo
    assert versions.current_version(served) == "v0001"
    assert main(["rollback"]) == 1
    assert "first version" in capsys.readouterr().err
    assert main(["rollback", "v0003"]) == 0
    assert versions.current_version(served) == "v0003"
    assert main(["rollback", "v9999"]) == 1


def test_a_rebuilt_served_file_is_kept_before_it_is_replaced(served: Path, tmp_path: Path) -> None:
    run_import(FIXTURES / "test_upload_gbk_chinese_headers.csv", served)
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "test_served_dataset", raw)
    with open(raw / "observations.csv", "a", encoding="utf-8") as handle:
        handle.write("students_enrolled,540100,2019,100000,人,,,test_source_2019_report,测试,,\n")
    rebuilt = served.with_name("rebuilt.parquet")
    assert build(raw, rebuilt) == []
    rebuilt.replace(served)  # what `make data` does behind the versions' back
    assert versions.current_version(served) is None
    with pytest.raises(versions.VersionError, match="not a recorded version"):
        versions.rollback(served)
    before = served.read_bytes()
    plan = run_import(FIXTURES / "test_upload_new_programme.xlsx", served)
    assert plan.entry.previous == "v0003"  # the rebuilt file, kept as a baseline
    versions.rollback(served)
    assert served.read_bytes() == before


def test_same_source_replaces_and_different_source_is_added_beside(
    served: Path, tmp_path: Path
) -> None:
    folder = write_folder(
        tmp_path / "user",
        "students_enrolled,540600,2019,91000,人,test_source_2019_report,测试数据 corrected,\n"
        "students_enrolled,540000,2019,810000,人,test_source_2022_report,测试数据 newer,\n",
        LATER_SOURCE,
    )
    plan = run_import(folder, served)
    assert plan.ok
    nagqu = readings(served, "students_enrolled", "540600", 2019)
    assert nagqu[["source", "value"]].values.tolist() == [["test_source_2019_report", 91000]]
    region = readings(served, "students_enrolled", "540000", 2019)
    assert len(region) == 2  # the conflict is kept
    # A newer source than every served reading becomes the preferred one.
    assert region[region["preferred"]]["source"].tolist() == ["test_source_2022_report"]
    assert set(plan.changes["change"]) == {"changed", "added", "preferred"}


def test_an_older_source_is_added_but_the_served_choice_stands(
    served: Path, tmp_path: Path
) -> None:
    folder = write_folder(
        tmp_path / "user",
        "students_enrolled,540000,2019,790000,人,test_source_2018_report,测试数据 older,\n",
        LATER_SOURCE,
    )
    run_import(folder, served)
    region = readings(served, "students_enrolled", "540000", 2019)
    assert len(region) == 2
    assert region[region["preferred"]]["source"].tolist() == ["test_source_2019_report"]


def test_the_files_preferred_column_decides(served: Path, tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "user",
        "students_enrolled,540000,2019,790000,人,test_source_2018_report,测试数据,true\n"
        "students_enrolled,540600,2020,95000,人,test_source_2022_report,测试数据,false\n"
        "students_enrolled,540600,2020,94000,人,test_source_2018_report,测试数据,\n",
        LATER_SOURCE,
    )
    run_import(folder, served)
    region = readings(served, "students_enrolled", "540000", 2019)
    assert region[region["preferred"]]["source"].tolist() == ["test_source_2018_report"]
    nagqu = readings(served, "students_enrolled", "540600", 2020)
    assert nagqu[nagqu["preferred"]]["source"].tolist() == ["test_source_2018_report"]


def test_an_imported_value_needs_a_source(served: Path, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "user", "students_enrolled,540600,2021,95000,人,,测试数据,\n")
    plan = plan_import(folder, served)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "source")]


def test_an_import_that_changes_nothing_writes_no_version(served: Path, tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "user",
        "students_enrolled,540600,2019,90000,人,test_source_2019_report,测试数据：那曲在校生9万人,\n",
    )
    plan = run_import(folder, served)
    assert plan.ok and plan.entry is None and plan.changes_nothing
    assert not (tmp_path / "versions" / versions.LOG_NAME).exists()


def test_a_renamed_indicator_is_reported_as_a_definition_change(
    served: Path, tmp_path: Path
) -> None:
    folder = write_folder(
        tmp_path / "user",
        "students_enrolled,540600,2021,95000,人,test_source_2019_report,测试数据,\n",
    )
    (folder / "indicators.csv").write_text(
        "indicator,program,name_zh,name_en,unit,kind\n"
        "students_enrolled,schools,在校学生人数,Students enrolled (all schools),人,outcome\n",
        encoding="utf-8",
    )
    plan = plan_import(folder, served)
    changes = plan.catalogue_changes
    renamed = changes[(changes["id"] == "students_enrolled") & (changes["field"] == "name_zh")]
    assert renamed[["value_before", "value_after"]].values.tolist() == [
        ["在校学生数", "在校学生人数"]
    ]
