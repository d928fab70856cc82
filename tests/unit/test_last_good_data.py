"""A damaged, half-written or unreadable data file never takes the site down.

Once a version of the served file has loaded, a bad replacement keeps the last good data
served (every page 200, with a notice), is read and logged once per version of the file,
and a good file afterwards is picked up again. With no good version at all, pages answer a
short 503 page instead of a traceback.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from urllib.request import Request, urlopen

import pytest
from dash_payloads import callback_payload, find_callback
from test_faults import VERSION_YEARS, _built, _versions_in, served_versions  # noqa: F401

from dashboard.data import store
from dashboard.data.store import DataLoadError, get_dataset, refresh_problem
from dashboard.state import FilterState, to_store

PAGES = ("/", "/dropout", "/aid", "/teachers", "/map", "/data", "/sources", "/upload")
REFUSED_LINE = "data file not loaded"


def _garbage(path: Path) -> None:
    """Written in place, as a half-finished copy would leave it (no os.replace)."""
    path.write_bytes(b"PAR1" + os.urandom(3000))


def _half_of(data: bytes, path: Path) -> None:
    path.write_bytes(data[: len(data) // 2])


def _bump_mtime(path: Path, seconds: int) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


# ------------------------------------------------------------------ in process


@pytest.fixture
def served_file(tmp_path: Path) -> Path:
    served = tmp_path / "served.parquet"
    served.write_bytes(_built(tmp_path, "A").read_bytes())
    return served


def test_a_damaged_file_keeps_the_last_good_dataset_and_logs_once(
    served_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = get_dataset(served_file)
    assert refresh_problem(served_file) is None
    _garbage(served_file)
    with caplog.at_level(logging.ERROR, logger="dashboard.data"):
        for _ in range(50):
            assert get_dataset(served_file) is good
            assert refresh_problem(served_file)
    assert sum(REFUSED_LINE in record.getMessage() for record in caplog.records) == 1


def test_each_bad_version_is_logged_once_and_a_good_file_is_picked_up_again(
    tmp_path: Path, served_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = get_dataset(served_file)
    version_b = _built(tmp_path, "B").read_bytes()
    with caplog.at_level(logging.ERROR, logger="dashboard.data"):
        _garbage(served_file)
        get_dataset(served_file)
        _half_of(version_b, served_file)  # another bad version: one more line
        _bump_mtime(served_file, 5)
        for _ in range(10):
            assert get_dataset(served_file) is good
        served_file.unlink()  # gone: still the last good data, one more line
        for _ in range(10):
            assert get_dataset(served_file) is good
    assert sum(REFUSED_LINE in record.getMessage() for record in caplog.records) == 3
    staged = served_file.with_name("staged")
    staged.write_bytes(version_b)
    os.replace(staged, served_file)
    fresh = get_dataset(served_file)
    assert fresh is not good and min(fresh.years()) == min(VERSION_YEARS["B"])
    assert refresh_problem(served_file) is None


def test_with_no_good_version_each_version_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.parquet"
    _garbage(bad)
    reads: list[Path] = []
    load = store.Dataset.load
    monkeypatch.setattr(store.Dataset, "load", lambda path: reads.append(path) or load(path))
    for _ in range(5):
        with pytest.raises(DataLoadError, match="damaged"):
            get_dataset(bad)
    assert len(reads) == 1


def test_pages_answer_a_short_503_page_when_no_version_ever_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from shell_dataset import another_app

    from dashboard import config
    from dashboard.app import create_app
    from dashboard.serving import install_data_guard

    bad = tmp_path / "bad.parquet"
    _garbage(bad)
    with another_app(monkeypatch, tmp_path_factory):
        monkeypatch.setattr(config, "DATA_FILE", bad)
        server = create_app().server
        install_data_guard(server)
        client = server.test_client()
        for path in ("/", "/dropout", "/_dash-layout"):
            response = client.get(path)
            assert response.status_code == 503, path
            text = response.get_data(as_text=True)
            assert "数据暂时无法使用" in text and "The data is not available" in text
            assert "Traceback" not in text and str(bad) not in text
            assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert client.get("/assets/app.css").status_code == 200


# ------------------------------------------------------------------ a served subprocess


def _get(url: str) -> tuple[int, str]:
    with urlopen(url, timeout=60) as response:
        return response.status, response.read().decode("utf-8")


def _post(url: str, payload: dict) -> tuple[int, str]:
    request = Request(
        url + "/_dash-update-component",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urlopen(request, timeout=60) as response:
        return response.status, response.read().decode("utf-8")


def _refused_lines(log: Path) -> int:
    return sum(REFUSED_LINE in line for line in log.read_text().splitlines())


def test_a_served_file_damaged_while_serving_keeps_every_page_up_with_a_notice(
    served_versions,  # noqa: F811
) -> None:
    url, served, versions = served_versions
    log = served.parent.parent / "server.log"
    _, dependencies_text = _get(url + "/_dash-dependencies")
    dependencies = json.loads(dependencies_text)
    notice = find_callback(dependencies, "data-refresh-notice.children")  # render_shell
    pages = find_callback(dependencies, "_pages_content.children")
    # render_shell writes the year options (sync_state sets them too, with their values)
    years = find_callback(dependencies, "document-meta.data")
    store_data = to_store(FilterState())

    def notice_text(lang: str) -> str:
        payload = callback_payload(
            notice,
            {"url.pathname": "/", "filter-state.data": to_store(FilterState(lang=lang))},
            changed=["url.pathname"],
        )
        return json.dumps(json.loads(_post(url, payload)[1]), ensure_ascii=False)

    assert "could not be refreshed" not in notice_text("en")
    for damage in (lambda: _garbage(served), lambda: _half_of(versions["B"], served)):
        damage()
        _bump_mtime(served, 7)
        for _round in range(3):
            for path in ("/", "/_dash-layout", *PAGES):
                status, _ = _get(url + path)
                assert status == 200, path
            for path in PAGES:
                payload = callback_payload(
                    pages,
                    {"_pages_location.pathname": path, "_pages_location.search": ""},
                    changed=["_pages_location.pathname"],
                )
                assert _post(url, payload)[0] == 200, path
            status, text = _post(
                url,
                callback_payload(
                    years,
                    {"filter-state.data": store_data, "url.pathname": "/"},
                    changed=["filter-state.data"],
                ),
            )
            assert status == 200 and _versions_in(text) == {"A"}  # the last good data
            assert "could not be refreshed" in notice_text("en")
            assert "数据未能更新" in notice_text("zh")
    time.sleep(0.5)  # the log is written by the server process
    assert _refused_lines(log) == 2, log.read_text()[-3000:]
