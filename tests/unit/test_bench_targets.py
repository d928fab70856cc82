"""benchmarks/run.py's targets table is built from what the phases measured, and a phase that
was skipped shows as not measured, with the reason it was skipped."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from benchmarks import run
from benchmarks.export_queue import deck_payload
from benchmarks.load import per_instance


def _results(**extra) -> dict:
    return {
        "server": {
            "1m": {"all": {"median_ms": 90, "p95_ms": 140}},
            "1m_naive": {"all": {"median_ms": 300}},
            "10m": {"all": {"p95_ms": 450}, "peak_rss_mib": 2048},
        },
        "inprocess": {},
        "start": {"embedded": [1.2, 1.4]},
        "redraw": {
            "embedded": [
                {"change": {"median_ms": 250, "p95_ms": 450}, "load": {"median_ms": 1400}},
                {"change": {"median_ms": 280, "p95_ms": 520}},
            ],
            "1m": [{"change": {"median_ms": 500, "p95_ms": 900}}],
            run.ONE_FILE: [{"change": {"median_ms": 1200}}],
        },
        "shared_cache": {"from_redis": {"all": {"slowest_call_median_ms": 12}}},
        "skipped": [],
        "elapsed_s": 900,
        **extra,
    }


def _row(rows: list[dict], start: str) -> dict:
    (row,) = [row for row in rows if row["target"].startswith(start)]
    return row


def test_every_target_of_the_issue_has_a_row() -> None:
    names = [row["target"] for row in run.targets(_results())]
    for start in (
        "Embedded, browser: filter change drawn, median",
        "Embedded, browser: filter change drawn, p95",
        "Embedded, browser: first page fully drawn",
        "1M rows, browser: filter change drawn, median",
        "1M rows, browser: filter change drawn, p95",
        "1M rows, browser: speed-up over the one-file baseline",
        "1M rows: filter change, server p95",
        "10M rows: filter change, server p95",
        "10M rows: server peak memory",
        "Two servers, Redis: a view built by one",
        "Two gunicorn instances sharing Redis, 50 users",
        "Export on the queue: filter-change slowdown",
    ):
        assert any(name.startswith(start) for name in names), start


def test_the_rows_carry_the_measured_figures() -> None:
    rows = run.targets(_results())
    assert _row(rows, "Embedded, browser: filter change drawn, p95")["met"] is False  # 520
    assert _row(rows, "Embedded, browser: first page fully drawn")["measured"] == "1.4 s"
    naive = _row(rows, "1M rows, browser: speed-up")
    assert (naive["measured"], naive["met"]) == ("2.4 ×", True)
    assert _row(rows, "10M rows: server peak memory")["measured"] == "2 GB"


def test_the_browser_speed_up_compares_the_same_page() -> None:
    results = _results()
    results["redraw"]["1m"] = [
        {"path": "/", "change": {"median_ms": 400}},
        {"path": "/map", "change": {"median_ms": 500}},
        {"path": "/data", "change": {"median_ms": 100}},  # no baseline: not compared
    ]
    results["redraw"][run.ONE_FILE] = [
        {"path": "/map", "change": {"median_ms": 1500}},
        {"path": "/", "change": {"median_ms": 1600}},
    ]
    speed_up = _row(run.targets(results), "1M rows, browser: speed-up")
    assert speed_up["measured"] == "3 ×"  # /map: 1500 / 500; / is 4x


def test_the_programme_pages_count_for_the_embedded_worst_page() -> None:
    results = _results()
    results["redraw"][run.PROGRAMMES] = [
        {"path": "/dropout", "change": {"median_ms": 420, "p95_ms": 480}},
        {"path": "/aid", "change": {"median_ms": 200, "p95_ms": 300}},
    ]
    rows = run.targets(results)
    median = _row(rows, "Embedded, browser: filter change drawn, median")
    assert (median["measured"], median["met"]) == ("420 ms", False)
    assert _row(rows, "Embedded, browser: filter change drawn, p95")["measured"] == "520 ms"
    # the first page is still the overview's (the programme list has no first page)
    assert _row(rows, "Embedded, browser: first page fully drawn")["measured"] == "1.4 s"


def test_load_and_queue_rows_come_from_their_phases() -> None:
    results = _results(
        load={"total": {"failures": 0}, "instances": {"a": {}, "b": {}}},
        export_queue={"slowdown_ratio": 1.12},
    )
    rows = run.targets(results)
    load = _row(rows, "Two gunicorn instances")
    assert (load["measured"], load["met"]) == ("0", True)
    queue = _row(rows, "Export on the queue")
    assert (queue["measured"], queue["met"]) == ("12 %", True)

    results["load"]["total"]["failures"] = 3
    results["export_queue"]["slowdown_ratio"] = 1.5
    rows = run.targets(results)
    assert _row(rows, "Two gunicorn instances")["met"] is False
    queue = _row(rows, "Export on the queue")
    assert queue["met"] is False and "missed by 30 %" in queue["gap"]


def test_a_load_on_one_instance_does_not_count_for_the_two_instance_target() -> None:
    rows = run.targets(_results(load={"total": {"failures": 0}}))
    assert _row(rows, "Two gunicorn instances")["met"] is None


def test_a_skipped_phase_is_reported_as_skipped() -> None:
    results = _results(
        skipped=[f"{run.QUEUE_STEP}: needed ~150 s, 40 s left", f"{run.LOAD_STEP}: --skip-load"]
    )
    results.update(
        date="2026-12-03T03:00",
        machine={"cpus": 2, "load_before": 1, "load_after": 1},
        datasets={},
    )
    results["targets"] = run.targets(results)
    results["redraw"] = {}  # the browser tables need more than these rows
    queue = _row(results["targets"], "Export on the queue")
    assert queue["met"] is None and queue["gap"] == "skipped: needed ~150 s, 40 s left"
    assert _row(results["targets"], "Two gunicorn instances")["gap"] == "skipped: --skip-load"
    text = run.markdown(results)
    assert "| not measured (skipped: needed ~150 s, 40 s left) |" in text
    assert "Skipped (out of time or failed): " in text


def test_the_load_test_is_shortened_to_fit_its_budget() -> None:
    assert run.load_seconds(130, quick=False) == 60
    assert run.load_seconds(90, quick=False) == 40
    assert run.load_seconds(130, quick=True) == 20


def test_the_deck_request_is_the_captured_export_click_on_the_deck_item() -> None:
    captured_click = {
        "output": "..export-download.data...",
        "inputs": [{"id": "export-asked", "property": "data", "value": {"button": "export-data"}}],
        "changedPropIds": ["export-asked.data"],
        "parsedChangedPropsIds": ["export-asked.data"],
        "state": [{"id": "url", "property": "pathname", "value": "/"}],
    }
    payload = deck_payload({"clicks": {"export-data": [{"payload": captured_click}]}})
    assert payload["changedPropIds"] == ["export-asked.data"]
    assert payload["inputs"][0]["value"]["button"] == "export-deck"
    assert captured_click["inputs"][0]["value"] == {"button": "export-data"}  # a copy
    assert payload["state"] == captured_click["state"]


def test_per_instance_figures_are_named_by_server(tmp_path: Path) -> None:
    recorded = tmp_path / "per_instance.json"
    recorded.write_text('{"5001": {"requests": 3, "failures": 0}, "5002": {"requests": 4}}')
    servers = [SimpleNamespace(port=5001), SimpleNamespace(port=5002)]
    found = per_instance(recorded, servers)
    assert found["a"]["requests"] == 3 and found["b"]["requests"] == 4
    assert per_instance(tmp_path / "missing.json", servers) == {}
