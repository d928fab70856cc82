"""With DASHBOARD_REDIS_URL set, views are shared through Redis: a view built by one process
is answered by another from the cache, without building it; when Redis goes down the
dashboard keeps serving from its own cache, says so once in the log, and uses Redis again
when it is back. Each test starts its own redis-server (tests/unit/redis_server.py)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from dataclasses import replace

import plotly.io as pio
import pytest
from redis_server import RedisServer

from dashboard import cache, config
from dashboard.data.store import Dataset
from dashboard.state import FilterState
from dashboard.views import VIEWS, briefing, build_view, kpis, load_all_views
from dashboard.views import data as data_view

STATE = FilterState(lang="en", areas=("540100",))
TEST_SOCKET_TIMEOUT = 5.0  # seconds per Redis call in these tests (served: 0.5)


@pytest.fixture()
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis").start()
    yield server
    server.stop()


@pytest.fixture()
def shared(redis_server, monkeypatch):
    """Views shared through the test's Redis (a fresh client, retrying at once). Calls may
    take up to TEST_SOCKET_TIMEOUT: on a loaded machine a view's write took longer than the
    served 0.5 s, Redis counted as down and the test failed for a reason it does not test."""
    monkeypatch.setattr(config, "REDIS_URL", redis_server.url)
    monkeypatch.setattr(config, "REDIS_RETRY_SECONDS", 0.0)
    monkeypatch.setattr(config, "REDIS_SOCKET_TIMEOUT", TEST_SOCKET_TIMEOUT)
    monkeypatch.setattr(cache, "_shared", None)
    return cache.shared_views()


def load_dataset() -> Dataset:
    """A process's own copy of the served file: its own in-process view cache."""
    if not config.DATA_FILE.exists():
        pytest.skip(f"{config.DATA_FILE} is not built: run `python -m dashboard build`")
    return Dataset.load(config.DATA_FILE)


@pytest.fixture()
def builds(monkeypatch):
    """Every page's builder, recording (page, state) of each view actually built."""
    load_all_views()
    calls: list[tuple[str, FilterState]] = []
    for page, real in list(VIEWS.items()):

        def counting(dataset, state, page=page, real=real):
            calls.append((page, state))
            return real(dataset, state)

        monkeypatch.setitem(VIEWS, page, counting)
    return calls


def figures(view) -> list[dict]:
    return [json.loads(pio.to_json(chart.figure)) for chart in view.charts]


def test_a_view_built_by_one_process_is_answered_by_another(shared, builds):
    first_process, second_process = load_dataset(), load_dataset()
    built = build_view("dropout", first_process, STATE)
    assert builds == [("dropout", STATE)] and shared.counts["sets"] == 1
    answered = build_view("dropout", second_process, STATE)
    assert builds == [("dropout", STATE)], "the second process built the view again"
    assert shared.counts["hits"] == 1
    assert answered is not built
    assert [chart.name for chart in answered.charts] == [chart.name for chart in built.charts]
    assert figures(answered) == figures(built)
    assert answered.charts[0].frame.equals(built.charts[0].frame)
    # The map's geometry (set aside while the figure is rebuilt) comes back too.
    build_view("map", first_process, STATE)
    assert figures(build_view("map", second_process, STATE)) == figures(
        build_view("map", first_process, STATE)
    )
    assert [page for page, _ in builds] == ["dropout", "map"]


def test_the_overviews_readings_and_briefing_are_shared_too(shared, monkeypatch):
    """What the overview computes besides its view: another process answers it from Redis."""
    built: list[str] = []
    for module, name in ((kpis, "_headline_kpis"), (briefing, "_build_briefing")):
        real = getattr(module, name)

        def counting(*args, real=real, name=name, **kwargs):
            built.append(name)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counting)
    first_process, second_process = load_dataset(), load_dataset()
    readings = kpis.headline_kpis(first_process, STATE)
    summary = briefing.build_briefing(first_process, STATE)
    assert built == ["_headline_kpis", "_build_briefing"] and shared.counts["sets"] == 2
    assert kpis.headline_kpis(second_process, STATE) == readings
    assert briefing.build_briefing(second_process, STATE) == summary
    assert len(built) == 2 and shared.counts["hits"] == 2
    # Another briefing mode is another result.
    briefing.build_briefing(second_process, STATE, mode="latest")
    assert built[-1] == "_build_briefing" and len(built) == 3


def test_the_data_pages_coverage_chart_is_shared_too(shared, monkeypatch):
    """The data page is not a kept view (it holds every matching row), but its coverage chart,
    built from every year's rows of the selection, is answered by another process."""
    from dashboard.figures import coverage

    built = []
    real = coverage.coverage_heatmap

    def counting(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(data_view, "coverage_heatmap", counting)
    first_process, second_process = load_dataset(), load_dataset()
    chart = data_view.coverage_chart(first_process, STATE, with_rows=False)
    assert built == [1] and shared.counts["sets"] == 1
    answered = data_view.coverage_chart(second_process, STATE, with_rows=False)
    assert built == [1] and shared.counts["hits"] == 1
    assert figures_of(answered) == figures_of(chart) and answered.summary == chart.summary
    # Another year is the same chart (it covers every year): no new entry, no build.
    data_view.coverage_chart(second_process, replace(STATE, year=2018), with_rows=False)
    assert built == [1] and shared.counts["sets"] == 1


def figures_of(chart) -> dict:
    return json.loads(pio.to_json(chart.figure))


def test_another_state_page_or_dataset_is_not_shared(shared, builds):
    first_process, second_process = load_dataset(), load_dataset()
    build_view("dropout", first_process, STATE)
    build_view("dropout", second_process, FilterState(lang="zh", areas=("540100",)))
    build_view("aid", second_process, STATE)
    assert len(builds) == 3
    # Another table (a preview upload merged with the data is one): another signature.
    other = Dataset(first_process.observations.iloc[:-1].copy(), first_process.catalogue)
    assert cache.dataset_signature(other) != cache.dataset_signature(first_process)
    assert cache.dataset_signature(second_process) == cache.dataset_signature(first_process)
    build_view("dropout", other, STATE)
    assert len(builds) == 4


def test_a_view_built_in_another_server_process_is_served_without_building(shared, builds):
    """A real second process (as a second gunicorn worker or machine) builds the view."""
    script = (
        "from dashboard.data.store import get_dataset\n"
        "from dashboard.state import FilterState\n"
        "from dashboard.views import build_view\n"
        "from dashboard import cache\n"
        "build_view('teachers', get_dataset(), FilterState(lang='en', areas=('540100',)))\n"
        "print(cache.shared_views().counts['sets'])\n"
    )
    environment = {
        **os.environ,
        "DASHBOARD_REDIS_URL": config.REDIS_URL,
        "DASHBOARD_REDIS_TIMEOUT": str(TEST_SOCKET_TIMEOUT),
    }
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(config.REPO_ROOT), environment.get("PYTHONPATH")])
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "1", done.stderr
    view = build_view("teachers", load_dataset(), STATE)
    assert builds == [] and shared.counts["hits"] == 1
    assert view.charts


def test_redis_going_down_keeps_serving_and_logs_once(shared, builds, redis_server, caplog):
    dataset = load_dataset()
    before = build_view("dropout", dataset, STATE)
    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        assert build_view("dropout", dataset, STATE) is before  # the process's own cache
        for year in (2016, 2017, 2018):
            build_view("dropout", dataset, FilterState(lang="en", year=year))
    assert len(builds) == 4  # each new state built here
    down = [record for record in caplog.records if "unreachable" in record.getMessage()]
    assert len(down) == 1, caplog.text
    assert redis_server.url.split("//")[1] in down[0].getMessage()
    assert shared.counts["errors"] >= 1

    redis_server.start()  # back on the same port: used again at the next try
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        build_view("dropout", dataset, FilterState(lang="en", year=2019))
    assert "is back" in caplog.text
    assert shared.counts["sets"] >= 2
    assert build_view("dropout", load_dataset(), FilterState(lang="en", year=2019)).charts
    assert len(builds) == 5  # the other process's copy came from Redis


def test_redis_down_from_the_start_is_not_asked_on_every_request(
    redis_server, monkeypatch, builds, caplog
):
    redis_server.stop()
    monkeypatch.setattr(config, "REDIS_URL", redis_server.url)
    monkeypatch.setattr(config, "REDIS_RETRY_SECONDS", 3600.0)
    monkeypatch.setattr(cache, "_shared", None)
    dataset = load_dataset()
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        for year in (2016, 2017, 2018, 2019):
            build_view("dropout", dataset, FilterState(lang="en", year=year))
    assert len(builds) == 4
    assert cache.shared_views().counts["errors"] == 1  # then not asked until the retry time
    assert caplog.text.count("unreachable") == 1


def test_no_redis_url_means_no_shared_cache(monkeypatch):
    monkeypatch.setattr(config, "REDIS_URL", "")
    assert cache.shared_views() is None


def test_the_password_of_a_redis_url_is_not_logged():
    assert cache._without_password("redis://:secret@host:6379/0") == "redis://:***@host:6379/0"
    assert "secret" not in cache._without_password("redis://user:secret@host/1")
