"""Preview uploads: decoded and checked by content, kept server-side by token, merged per session.

TEST DATA from tests/fixtures/userdata; the served data is its test_served_dataset.
"""

from __future__ import annotations

import base64
import os
import sys
import time
from pathlib import Path

import pytest
from dash import html

from dashboard import config
from dashboard.data.build import build
from dashboard.data.store import Dataset
from dashboard.state import FilterState, to_store
from dashboard.userdata import session
from dashboard.userdata import upload as uploads

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "userdata"


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dataset:
    out = tmp_path / "served" / "indicators.parquet"
    assert build(FIXTURES / "test_served_dataset", out) == []
    monkeypatch.setattr(config, "DATA_FILE", out)
    monkeypatch.setattr(uploads, "UPLOAD_DIR", tmp_path / "uploads")
    session._cache.clear()
    return Dataset.load(out)


def data_url(name: str, mime: str = "text/csv") -> str:
    encoded = base64.b64encode((FIXTURES / name).read_bytes()).decode("ascii")
    return f"data:{mime};base64,{encoded}"


def test_a_valid_upload_is_stored_and_previewed_merged_over_the_served_data(
    served: Dataset, tmp_path: Path
) -> None:
    report = uploads.check_upload(data_url("test_upload_gbk_chinese_headers.csv"), "投入.csv")
    assert report.ok and report.rows == 6 and report.years == (2019, 2021)
    store = report.store_data()
    assert set(store) == {"token", "filename", "rows"}  # ids only, never the data
    assert (tmp_path / "uploads" / store["token"] / uploads.FILE_NAME).exists()
    dataset = session.session_dataset(store)
    nagqu = dataset.query(indicators=["education_investment"], areas=["540600"], years=[2019])
    # The upload's reading of the same key and source is shown, marked as the upload.
    assert nagqu[["value", "origin"]].values.tolist() == [[155_000_000, "upload"]]
    everything = dataset.query(preferred_only=False)
    assert len(everything) == len(served.observations) + 6
    assert session.session_dataset(store) is dataset  # cached per token
    assert session.session_dataset(None).observations.equals(served.observations)


def test_an_invalid_upload_stores_nothing(served: Dataset, tmp_path: Path) -> None:
    report = uploads.check_upload(data_url("test_bad_area_typo.csv"), "test_bad_area_typo.csv")
    assert not report.ok and report.token is None and report.store_data() is None
    assert [(p.row, p.column) for p in report.problems] == [(3, "area")]
    assert not (tmp_path / "uploads").exists() or not any((tmp_path / "uploads").iterdir())


def test_the_served_file_is_never_written_by_a_preview(served: Dataset) -> None:
    before = config.DATA_FILE.read_bytes()
    report = uploads.check_upload(data_url("test_upload_new_programme.xlsx"), "new.xlsx")
    assert report.ok
    session.session_dataset(report.store_data())
    assert config.DATA_FILE.read_bytes() == before


def test_the_size_limit_is_checked_before_decoding(
    served: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "MAX_UPLOAD_BYTES", 100)
    report = uploads.check_upload(data_url("test_upload_gbk_chinese_headers.csv"), "big.csv")
    assert "MB allowed" in report.problems[0].rule


@pytest.mark.parametrize(
    "contents", ["", "not a data url", "data:text/csv;base64,@@@@", "data:text/csv,plain"]
)
def test_malformed_upload_payloads_are_refused(served: Dataset, contents: str) -> None:
    report = uploads.check_upload(contents, "x.csv")
    assert not report.ok and report.token is None


@pytest.mark.parametrize(
    "upload",
    [
        None,
        {},
        "token",
        {"token": "../../etc"},
        {"token": "a" * 43},  # well-formed but unknown
        {"token": ["list"]},
    ],
)
def test_forged_or_unknown_tokens_give_the_served_data(served: Dataset, upload: object) -> None:
    dataset = session.session_dataset(upload)  # type: ignore[arg-type]
    assert len(dataset.observations) == len(served.observations)
    assert session.upload_info(upload) is None  # type: ignore[arg-type]


def test_old_uploads_expire(served: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    report = uploads.check_upload(data_url("test_upload_gbk_chinese_headers.csv"), "a.csv")
    store = report.store_data()
    assert session.upload_info(store) == {"filename": "a.csv", "rows": 6}
    folder = uploads.upload_dir() / store["token"]
    old = time.time() - uploads.UPLOAD_MAX_AGE_SECONDS - 10
    os.utime(folder, (old, old))
    meta = (folder / uploads.META_NAME).read_text(encoding="utf-8")
    (folder / uploads.META_NAME).write_text(
        meta.replace('"created": ', f'"created": {old}, "was": '), encoding="utf-8"
    )
    assert session.upload_info(store) is None
    assert uploads.expire_uploads() == 1
    assert not folder.exists()


def test_a_cleared_upload_is_forgotten(served: Dataset) -> None:
    store = uploads.check_upload(data_url("test_upload_gbk_chinese_headers.csv"), "a.csv")
    store = store.store_data()
    assert len(session.session_dataset(store).observations) > len(served.observations)
    session.forget(store["token"])
    assert session.upload_info(store) is None
    assert len(session.session_dataset(store).observations) == len(served.observations)


def test_file_names_are_shown_back_as_plain_short_names() -> None:
    assert uploads.safe_filename("C:\\Users\\me\\数据.csv") == "数据.csv"
    assert uploads.safe_filename("../../etc/passwd") == "passwd"
    assert uploads.safe_filename("a\x00b\n.csv") == "ab.csv"
    assert len(uploads.safe_filename("x" * 500)) == 120
    assert uploads.safe_filename(None) == "upload"


def test_the_comparison_says_which_values_are_new_and_which_replace_served_ones(
    served: Dataset,
) -> None:
    store = uploads.check_upload(data_url("test_upload_gbk_chinese_headers.csv"), "a.csv")
    merged = session.session_dataset(store.store_data())
    comparison = uploads.compare_with_served(served, merged)
    assert comparison["change"].tolist()[0] == "changed"
    first = comparison.iloc[0]
    assert (first["area"], first["value_before"], first["value_after"]) == (
        "540600",
        150_000_000,
        155_000_000,
    )
    assert (comparison["change"] == "added").sum() == 5


# ---------------------------------------------------------------- the page's callbacks


@pytest.fixture
def upload_page(served: Dataset, tmp_path_factory: pytest.TempPathFactory):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from shell_dataset import cached_test_dataset, shell_app

    shell_app(cached_test_dataset(tmp_path_factory))
    return sys.modules["dashboard.pages.upload"]


def texts(component: object) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif node is not None and hasattr(node, "children"):
            walk(node.children)

    walk(component)
    return found


def test_the_report_names_row_column_value_rule_and_suggestion_as_text(upload_page) -> None:
    contents = (
        "data:text/csv;base64,"
        + base64.b64encode(
            "indicator,area,year,value,unit,source,quote\n"
            "students_enrolled,<b>日客则市</b>,2020,"
            "<img src=x onerror=alert(1)>,人,,测试\n".encode()
        ).decode()
    )
    report, store = upload_page.check_file(
        contents, "<b>bad.csv", to_store(FilterState(lang="en")), None
    )
    words = texts(report)
    assert words[0] == "<b>bad.csv: 2 problem(s) found; the file was not loaded"
    assert "<img src=x onerror=alert(1)>" in words  # the user's cell, as text
    assert "Suggestion" in words and "Row" in words
    assert "the value must be a number" in words
    assert not any(isinstance(node, html.Img) for node in _walk_nodes(report))
    assert store is upload_page.no_update


def test_the_report_gives_rules_and_suggestions_in_chinese(upload_page) -> None:
    contents = (
        "data:text/csv;base64,"
        + base64.b64encode(
            "indicator,area,year,value,unit,source,quote\n"
            "students_enrolled,540200,2020,many,人,,测试\n".encode()
        ).decode()
    )
    report, _ = upload_page.check_file(contents, "bad.csv", to_store(FilterState(lang="zh")), None)
    words = texts(report)
    assert "数值必须是数字" in words
    assert "the value must be a number" not in words
    untranslated = [
        node for node in _walk_nodes(report) if getattr(node, "lang", None) == "en"
    ]  # a rule without a catalogue text yet is marked as English
    assert all(isinstance(node, html.Td) for node in untranslated)


def test_a_valid_file_sets_the_session_store_and_reports_in_chinese(upload_page) -> None:
    contents = data_url("test_upload_gbk_chinese_headers.csv")
    report, store = upload_page.check_file(contents, "投入.csv", to_store(FilterState()), None)
    words = texts(report)
    assert words[0] == "投入.csv：检查通过"
    assert "6条数据，1个指标，5个地区，2019—2021年。" in words
    assert "数值改变" in words
    assert store["filename"] == "投入.csv"
    from dashboard.components.upload_badge import upload_badge as upload_badge_of

    badge = upload_badge_of(store, "en")
    assert texts(badge)[:2] == ["Previewing upload", "投入.csv"]
    assert upload_badge_of(None, "zh") is None
    upload_page.forget(store["token"])
    assert texts(upload_badge_of(store, "zh")) == ["上传的预览已过期，已恢复内置数据。"]


def _walk_nodes(component: object):
    if isinstance(component, list | tuple):
        for child in component:
            yield from _walk_nodes(child)
    elif component is not None and hasattr(component, "children"):
        yield component
        yield from _walk_nodes(component.children)
