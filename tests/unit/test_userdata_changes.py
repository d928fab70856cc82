"""Diffs between datasets, and the Data page's "what changed in the latest version" table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard import config
from dashboard.data.build import build
from dashboard.data.store import Dataset
from dashboard.userdata import versions
from dashboard.userdata.diff import count_changes, diff_observations
from dashboard.userdata.importing import run_import
from dashboard.views.changes import COLUMNS, column_labels, latest_changes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "userdata"


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    out = tmp_path / "served" / "indicators.parquet"
    assert build(FIXTURES / "test_served_dataset", out) == []
    monkeypatch.setattr(config, "VERSIONS_DIR", tmp_path / "versions")
    return out


def test_diff_finds_added_removed_changed_and_preferred_readings(served: Path) -> None:
    before = Dataset.load(served).observations
    after = before.copy()
    after["value"] = after["value"].astype(float)
    after.loc[after.index[0], "value"] = after["value"].iloc[0] + 1  # changed
    after = after.drop(index=after.index[1])  # removed
    added = after.iloc[[0]].copy()
    added["source"] = "test_source_2021_report"  # another reading of the same key
    after.loc[after.index[0], "preferred"] = False
    added["preferred"] = True
    after = pd.concat([after, added], ignore_index=True)
    changes = diff_observations(before, after)
    assert count_changes(changes) == {
        "added": 1,
        "removed": 1,
        "changed": 1,
        "preferred": 0,
        "corrected": 0,
    }
    changed = changes[changes["change"] == "changed"].iloc[0]
    assert changed["value_after"] == changed["value_before"] + 1
    assert not changed["preferred_after"]


def test_diff_of_a_dataset_with_itself_is_empty(served: Path) -> None:
    frame = Dataset.load(served).observations
    assert diff_observations(frame, frame.copy()).empty


def test_a_preferred_switch_alone_is_reported(served: Path) -> None:
    before = Dataset.load(served).observations
    after = before.copy()
    after.loc[after.index[0], "preferred"] = False
    changes = diff_observations(before, after)
    assert changes["change"].tolist() == ["preferred"]


def test_latest_changes_after_an_import_in_both_languages(served: Path) -> None:
    run_import(FIXTURES / "test_upload_gbk_chinese_headers.csv", served)
    zh = latest_changes(served, "zh")
    assert list(zh.columns[: len(COLUMNS)]) == COLUMNS
    assert zh.attrs["version"] == "v0002" and zh.attrs["previous"] == "v0001"
    assert zh.attrs["caption"].startswith("版本v0002（")
    changed = zh[zh["change_kind"] == "changed"].iloc[0]
    assert (changed["change"], changed["indicator"], changed["area"]) == (
        "数值改变",
        "教育投入(年度)",
        "那曲市",
    )
    assert (changed["before"], changed["after"]) == ("150,000,000元", "155,000,000元")
    en = latest_changes(served, "en")
    changed = en[en["change_kind"] == "changed"].iloc[0]
    assert (changed["change"], changed["area"], changed["after"]) == (
        "value changed",
        "Nagqu",
        "155,000,000 CNY",
    )
    assert len(en[en["change_kind"] == "added"]) == 5
    assert column_labels("en")["before"] == "Before"


def test_latest_changes_after_a_rollback_says_so(served: Path) -> None:
    run_import(FIXTURES / "test_upload_gbk_chinese_headers.csv", served)
    versions.rollback(served)
    frame = latest_changes(served, "en")
    assert (
        frame.attrs["caption"].startswith("Version v0001")
        and "rolled back" in (frame.attrs["caption"])
    )
    assert set(frame["change_kind"]) == {"changed", "removed"}


def test_no_recorded_versions_means_no_latest_changes(served: Path) -> None:
    frame = latest_changes(served, "zh")
    assert frame.empty and list(frame.columns[: len(COLUMNS)]) == COLUMNS
    assert frame.attrs["reason"] == "没有记录的数据更新。"


def test_a_damaged_log_does_not_break_the_data_page(served: Path, tmp_path: Path) -> None:
    (tmp_path / "versions").mkdir()
    (tmp_path / "versions" / versions.LOG_NAME).write_text("not json\n", encoding="utf-8")
    frame = latest_changes(served, "en")
    assert frame.empty and "not a log entry" in frame.attrs["reason"]
