"""TEST DATA ONLY: a tiny made-up dataset for the shell's tests (never shipped, never real).

Indicator ids start with "test_" and the source is "test_fixture", so that nothing here can
be mistaken for a published figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dashboard.data.build import build
from dashboard.data.store import Dataset

PROGRAMS = """program,name_zh,name_en
dropout_control,控辍保学,Dropout control
student_aid,学生资助,Student aid
teachers,乡村教师,Rural teachers
"""
INDICATORS = """indicator,program,name_zh,name_en,unit,kind
test_returned,dropout_control,测试劝返人数,Test children returned,人,outcome
test_return_rate,dropout_control,测试劝返率,Test return rate,%,outcome
test_three_guarantees,student_aid,测试三包补助标准,Test three guarantees standard,元/生/年,standard
test_aid_funds,student_aid,测试学生资助资金,Test student aid funds,元,outcome
test_aid_cumulative,student_aid,测试累计投入,Test cumulative funds,元,cumulative
test_teacher_allowance,teachers,测试乡村教师生活补助,Test rural teacher living allowance,\
元/人/月,standard
"""
SOURCES = """source,title,publisher,date,url
test_fixture,测试数据（非真实）,测试出版方,2020-03-23,
test_fixture_later,测试数据二（非真实）,测试出版方二,2021-05-01,
"""
OBSERVATIONS = """indicator,area,year,value,unit,source,quote,preferred
test_returned,540000,2017,9000,人,test_fixture,测试,
test_returned,540000,2018,10000,人,test_fixture,测试,
test_returned,540000,2019,11860,人,test_fixture,测试,
test_returned,540100,2019,1200,人,test_fixture,测试,
test_return_rate,540000,2018,97.5,%,test_fixture,测试,
test_return_rate,540000,2019,98.33,%,test_fixture,测试,
test_three_guarantees,540000,2015,2400,元/生/年,test_fixture,测试,
test_three_guarantees,540000,2017,3000,元/生/年,test_fixture,测试,
test_three_guarantees,540000,2019,3720,元/生/年,test_fixture,测试,true
test_three_guarantees,540000,2019,3700,元/生/年,test_fixture_later,测试,false
test_aid_funds,540000,2019,32.43,亿元,test_fixture,测试,
test_aid_cumulative,540000,2013,100,亿元,test_fixture,测试,
test_aid_cumulative,540000,2015,150,亿元,test_fixture,测试,
test_aid_cumulative,540000,2019,230,亿元,test_fixture,测试,
test_teacher_allowance,540000,2019,1500,元/人/月,test_fixture,测试,
"""


def write_raw(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (
        ("programs", PROGRAMS),
        ("indicators", INDICATORS),
        ("sources", SOURCES),
        ("observations", OBSERVATIONS),
    ):
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def build_test_dataset(folder: Path) -> Path:
    """Build the test data into folder/indicators.parquet and return its path."""
    out = folder / "indicators.parquet"
    problems = build(write_raw(folder / "raw"), out)
    if problems:
        raise AssertionError("test dataset does not build:\n" + "\n".join(map(str, problems)))
    return out


def load_test_dataset(folder: Path) -> Dataset:
    return Dataset.load(build_test_dataset(folder))


_APPS: list = []


def shell_app(dataset: Dataset):
    """The Dash app, created once per test process (Pages registers pages globally).

    Dash hands the callbacks declared with `dash.callback` to the first app that answers a
    request, so this one answers one at once: another app a test builds later (see
    `another_app`) cannot take them, whatever order the tests run in."""
    if not _APPS:
        from dashboard.app import create_app

        app = create_app(dataset)
        app.server.test_client().get("/_dash-layout")
        _APPS.append(app)
    return _APPS[0]


@contextmanager
def another_app(monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> Iterator[None]:  # noqa: ANN001
    """For a test that builds and serves an app of its own: the shared app takes the
    dashboard's callbacks first, and the test's app finds no global callbacks to take."""
    from dash import _callback

    shell_app(cached_test_dataset(tmp_path_factory))
    with monkeypatch.context() as patch:
        patch.setattr(_callback, "GLOBAL_CALLBACK_MAP", {})
        patch.setattr(_callback, "GLOBAL_CALLBACK_LIST", [])
        yield


_DATASETS: list[Dataset] = []


def cached_test_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The TEST dataset through the real build and load path, built once per test process.

    Test modules wrap it in a fixture: `def shell_data(tmp_path_factory): return
    cached_test_dataset(tmp_path_factory)`.
    """
    if not _DATASETS:
        _DATASETS.append(load_test_dataset(tmp_path_factory.mktemp("shell-data")))
    return _DATASETS[0]


def render_shell(shell, state, path: str, drawn, changed=None, components=None, query=None) -> dict:
    """TEST HELPER: what the shell's render_shell callback answers (by component) for a
    state on a path; shell is (app, its test client); drawn is what the page last drew
    (DOCUMENT_META), changed the triggering "id.property"s (the filter store by default)."""
    import json

    from dash_payloads import callback_payload, find_callback

    from dashboard import ids
    from dashboard.state import to_store

    app, client = shell
    store = f"{ids.FILTER_STATE}.data"
    payload = callback_payload(
        find_callback(app.callback_map, f"{ids.DOCUMENT_META}.data"),
        {
            store: to_store(state),
            "url.pathname": path,
            f"{ids.DOCUMENT_META}.data": drawn,
            f"{ids.UPLOAD_STORE}.data": None,
            f"{ids.SEARCH_INPUT}.value": query,
        },
        changed=list(changed or (store,)),
        components=components,
    )
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return json.loads(response.get_data())["response"]
