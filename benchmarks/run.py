"""`make bench`: every measurement, the targets met or missed, written to results and README.

    python -m benchmarks.run [--budget SECONDS] [--quick]

Phases, each bounded by what is left of the budget (19 minutes by default; a phase that does
not fit is recorded as skipped, never run over time):

1. generated datasets at 10k, 1M and 10M rows (benchmarks/generate.py, cached)
2. the embedded data: `python -m dashboard serve`, time from process start to the first page;
   headless Chromium records the callback requests that each page's load, a year change, an
   area change and an export send (benchmarks/generated/captured_payloads.json); those filter
   changes replayed with other values through POST /_dash-update-component (benchmarks/
   replay.py); in Chromium, what a person waits for until every chart is drawn: a filter
   change, a full page load and a move to the page inside the app, each split into server,
   scripting and layout/style time (benchmarks/browser.py); peak RSS
3. the same server measurements at 10k and 1M rows (and the browser times on two pages at 1M)
4. in one process: the data queries each page's view makes, timed alone, real store and
   naive baseline (benchmarks/inprocess.py)
5. load: 50 users for 60 s split over two gunicorn instances (`serve --workers 2`, each on its
   own port) sharing one Redis, on loopback (benchmarks/load.py); errors, median/p95 per
   instance
6. two servers sharing one Redis: the same changes replayed on one, then on the other
7. exports on the queue: the changes replayed on a server with DASHBOARD_EXPORT_QUEUE=celery,
   alone, then while a Celery worker makes one slide deck after another
   (benchmarks/export_queue.py); the medians' ratio
8. the baselines at 1M rows: the dashboard on a naive data layer (benchmarks/naive.py), its
   changes replayed, for the server's speed-up; and the issue's "naive one-file Dash app over
   the same rows" (benchmarks/naive_app.py), the same browser times as the real server's, for
   the speed-up of what a person waits for
9. 10M rows: server start, replayed changes, peak RSS; then the data queries alone

Writes benchmarks/results/latest.json and latest.md, and the README's Performance section.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import generate, naive_app
from benchmarks.browser import READING_MS
from benchmarks.server import REPO, ServerDidNotStart, running_server
from dashboard import config

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
LOG_DIR = generate.GENERATED_DIR / "logs"
CAPTURED_FILE = generate.GENERATED_DIR / "captured_payloads.json"
README = REPO / "README.md"
START_MARK = "<!-- bench:start -->"
END_MARK = "<!-- bench:end -->"
REGION = config.REGION_CODE
# The servers whose filter changes are timed keep no built views (views.build_view): every
# change is built from the data, as for a state nobody has asked for yet. The load test runs
# with the cache, as a deployment would.
NO_VIEW_CACHE = {"DASHBOARD_VIEW_CACHE_SIZE": "0"}
EXPORT_CLICKS = ("export-data",)  # the navbar's "data (XLSX)" item: a real export, no browser
LOAD_SECONDS = 60  # the load test's length (20 with --quick); shortened when time runs out
# The phases whose results a target needs, by their step names' start: a target without a
# figure says why when its phase was skipped.
LOAD_STEP = "load: 50 users on two gunicorn instances sharing Redis"
QUEUE_STEP = "export on the queue: filter changes alone, then while decks are made"
ONE_FILE = "1m_one_file"  # the naive one-file app, in the browser at 1M rows
ONE_FILE_MODULE = "benchmarks.naive_app"
PROGRAMMES = "embedded_programmes"  # the programme pages (Programmes menu), embedded data
REDRAW_LABELS = {
    ONE_FILE: "1m, the one-file baseline: a naive Dash app over the same rows, one callback a "
    "page, every chart drawn at once (benchmarks/naive_app.py)",
    PROGRAMMES: "embedded, the programme pages of the Programmes menu",
}
# Filter changes timed in Chromium per page (2 with --quick): with three, a p95 was the
# slowest single change and a ratio to the naive app compared two medians of three.
BROWSER_CHANGES = 8
# New visitors' loads of the first page (the overview), each in a new browser context: one
# load was one sample of a wait that varies by ±200 ms on this machine.
FIRST_PAGE_LOADS = 5


class OutOfTime(Exception):
    pass


class Budget:
    def __init__(self, seconds: float) -> None:
        self.started = time.monotonic()
        self.deadline = self.started + seconds

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def need(self, seconds: float) -> float:
        """Up to `seconds` of the budget for a phase; OutOfTime when under half of it is left."""
        left = self.left()
        if left < seconds / 2:
            raise OutOfTime(f"needed ~{seconds:.0f} s, {max(left, 0):.0f} s left")
        return min(seconds, left)

    def elapsed(self) -> float:
        return time.monotonic() - self.started


def filter_values(dataset: Any) -> dict[str, list]:
    """Values a user could pick in the year and area filters of this dataset."""
    rng = random.Random(6)
    gazetteer = dataset.gazetteer
    prefectures = [area.code for area in gazetteer.by_level("prefecture")]
    counties = [area.code for area in gazetteer.by_level("county")]
    areas: list[list[str]] = [[REGION]]
    areas += [[code] for code in prefectures]
    areas += [sorted(rng.sample(prefectures, 2)) for _ in range(4)]
    areas += [sorted(rng.sample(counties, rng.randint(1, 3))) for _ in range(8)]
    return {"filter-year": ["latest", *dataset.years()], "filter-area": areas}


def page_paths() -> list[str]:
    """The paths of the pages that show a view (charts or tables), in navigation order."""
    return _asked_of_the_app(
        "import dash; from dashboard.views import VIEWS, load_all_views; load_all_views(); "
        "from dashboard.export.ui import view_page; "
        "found = [p['path'] for p in dash.page_registry.values() "
        "if p.get('nav', True) and view_page(p['path']) in VIEWS]"
    )


def programme_paths() -> list[str]:
    """The programme pages' paths, as the Programmes menu links them (embedded data)."""
    return _asked_of_the_app(
        "from dashboard.components.navigation import program_href; "
        "from dashboard.data.store import get_dataset; "
        "from dashboard.views.chart_specs import programs_with_pages; "
        "found = [program_href(p) for p in programs_with_pages(get_dataset())]"
    )


def _asked_of_the_app(code: str) -> list[str]:
    """`found` after `code` runs in a fresh process with the app built (Pages registers the
    pages when the app is built)."""
    program = (
        "import json; from dashboard.app import create_app; create_app(); "
        f"{code}; print(json.dumps(found))"
    )
    output = subprocess.run(
        [sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ phases


def phase_inprocess(data_file: Path, seconds: float, *, naive: bool, states: int) -> dict:
    """benchmarks.inprocess in a subprocess; what it printed before a time-out is kept."""
    command = [sys.executable, "-m", "benchmarks.inprocess", "--data", str(data_file)]
    command += ["--states", str(states), "--seconds", str(max(seconds * 0.6, 20))]
    if not naive:
        command.append("--no-naive")
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        output, errors = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        output, errors = process.communicate()
        errors = f"stopped after {seconds:.0f} s"
    result: dict[str, Any] = {"views": {}, "naive_views": {}}
    for line in output.splitlines():
        record = json.loads(line)
        kind = record.pop("kind")
        if kind in ("view", "naive_view"):
            result[f"{kind}s"][record["page"]] = record["result"]
        elif kind == "load":
            result.update(record)
        else:
            result[kind] = record.get("result", record)
    if process.returncode != 0:
        result["error"] = (errors or "failed").strip().splitlines()[-1]
    return result


def phase_session(
    data_file: Path,
    label: str,
    seconds: float,
    *,
    naive: bool = False,
    module: str | None = None,
    paths: list[str] = (),
    values: dict | None = None,
    capture: bool = False,
    captured: dict | None = None,
    changes_per_page: int = 0,
    redraw_repeats: int = 0,
    redraw_pages: int = 0,
    visits: int = 0,
    first_page_loads: int = 1,
) -> dict[str, Any]:
    """One server for a dataset: start time, then (each optional) capture, replay, redraw.

    The time after start-up is shared: capture first, then replay and redraw (60/40).
    """
    from benchmarks.browser import capture_all, time_redraws
    from benchmarks.replay import replay, summarise

    log = LOG_DIR / f"server-{label}.log"
    deadline = time.monotonic() + seconds
    result: dict[str, Any] = {}
    try:
        with running_server(
            data_file,
            log,
            naive=naive,
            module=module,
            start_timeout=max(seconds * 0.6, 30),
            extra_env=NO_VIEW_CACHE,
        ) as server:
            result["start_to_first_page_s"] = round(server.started_seconds, 2)
            result["rss_after_start_mib"] = round(server.rss_bytes() / 2**20, 1)
            if changes_per_page:
                # Filter changes are timed on a warmed server: the landing views and the
                # whole-table facts they share are built in the background after start.
                warmed = server.wait_for_warm_up(max(seconds * 0.3, 20))
                result["warm_up_s"] = round(warmed, 2) if warmed is not None else None
            if capture:
                captured = capture_all(
                    server.url, list(paths), first_changes(values), clicks=EXPORT_CLICKS
                )
                CAPTURED_FILE.write_text(json.dumps(captured), encoding="utf-8")
                result["captured"] = captured
            left = deadline - time.monotonic() - 10
            if changes_per_page and captured:
                share = left * (0.6 if redraw_repeats else 1.0)
                replayed = replay(
                    server,
                    captured["changes"],
                    values,
                    changes_per_page,
                    deadline=time.monotonic() + share,
                )
                result["replay"] = summarise(replayed.changes)
                result["replay"]["calls"] = _call_breakdown(replayed.changes)
                result["replay"]["timed_out_s"] = replayed.timed_out
            if redraw_repeats:
                redraw_paths = list(paths)[: redraw_pages or None]
                changes_to_make = {
                    "filter-year": values["filter-year"][:4],
                    "filter-area": values["filter-area"][1:4],
                }
                result["redraw"] = [
                    times.summary()
                    for times in time_redraws(
                        server.url,
                        redraw_paths,
                        changes_to_make,
                        redraw_repeats,
                        seconds=max(deadline - time.monotonic() - 10, 10),
                        visits=visits,
                        first_page_loads=first_page_loads,
                    )
                ]
            result["peak_rss_mib"] = round(server.peak_rss_bytes() / 2**20, 1)
    except ServerDidNotStart as error:
        result["error"] = f"server did not start: {error}"
    return result


def phase_shared_cache(
    data_file: Path, label: str, seconds: float, *, captured: dict, values: dict, changes: int
) -> dict[str, Any]:
    """Two servers sharing one Redis (DASHBOARD_REDIS_URL): the same filter changes replayed
    on the first (which builds each view and stores it) and then on the second (which has
    never seen those states: its answers come from Redis)."""
    from benchmarks.replay import replay, summarise
    from benchmarks.server import running_redis

    deadline = time.monotonic() + seconds
    result: dict[str, Any] = {}
    with running_redis(LOG_DIR / f"redis-{label}") as url:
        env = {"DASHBOARD_REDIS_URL": url}
        with (
            running_server(data_file, LOG_DIR / f"server-{label}-a.log", extra_env=env) as first,
            running_server(data_file, LOG_DIR / f"server-{label}-b.log", extra_env=env) as second,
        ):
            for server in (first, second):
                server.wait_for_warm_up(max((deadline - time.monotonic()) * 0.3, 20))
            for name, server in (("builds", first), ("from_redis", second)):
                share = (deadline - time.monotonic() - 5) * (0.7 if name == "builds" else 0.9)
                done = replay(
                    server,
                    captured["changes"],
                    values,
                    changes,
                    deadline=time.monotonic() + share,
                )
                result[name] = summarise(done.changes)
                result[name]["calls"] = _call_breakdown(done.changes)
                result[name]["timed_out_s"] = done.timed_out
    return result


def load_seconds(budget_seconds: float, *, quick: bool) -> int:
    """The load test's length: LOAD_SECONDS, less when its budget would not cover the servers'
    start (~30 s) and locust's stop (up to 20 s) too."""
    wanted = 20 if quick else LOAD_SECONDS
    return int(max(10, min(wanted, budget_seconds - 50)))


def first_changes(values: dict) -> dict[str, list]:
    """The change captured per filter: a year that has data, and one prefecture."""
    years = [year for year in values["filter-year"] if year != "latest"]
    return {
        "filter-year": [years[-2] if len(years) > 1 else "latest"],
        "filter-area": [values["filter-area"][1]],
    }


def _call_breakdown(changes: list) -> dict[str, dict[str, float]]:
    import statistics

    from benchmarks.replay import percentile

    calls: dict[str, list[tuple[float, int]]] = {}
    for change in changes:
        for call in change.calls:
            calls.setdefault(call.output, []).append((call.seconds, call.response_bytes))
    return {
        (output if len(output) <= 60 else output[:57] + "..."): {
            "median_ms": round(1000 * statistics.median(s for s, _ in items), 1),
            "p95_ms": round(1000 * percentile([s for s, _ in items], 0.95), 1),
            "kb_median": round(statistics.median(b for _, b in items) / 1024, 1),
        }
        for output, items in calls.items()
    }


def phase_start_only(data_file: Path, label: str, seconds: float) -> dict:
    try:
        with running_server(data_file, LOG_DIR / f"start-{label}.log", start_timeout=seconds) as s:
            return {"start_to_first_page_s": round(s.started_seconds, 2)}
    except ServerDidNotStart as error:
        return {"error": str(error)}


# ------------------------------------------------------------------ targets and reports


def _get(data: dict, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def targets(results: dict) -> list[dict[str, Any]]:
    """Each target with what was measured, met or not, and by how much."""
    server_1m = results["server"].get("1m", {})
    naive_1m = results["server"].get("1m_naive", {})
    inproc_1m = results["inprocess"].get("1m", {})
    server_10m = results["server"].get("10m", {})
    query_1m = [
        page["query"]["median_ms"]
        for page in (inproc_1m.get("views") or {}).values()
        if page["query"]["median_ms"] is not None
    ]
    median_1m = _get(server_1m, "all", "median_ms")
    naive_median = _get(naive_1m, "all", "median_ms")
    ratio = round(naive_median / median_1m, 2) if median_1m and naive_median else None
    load = results.get("load") or {}
    p95_1m = _get(server_1m, "all", "p95_ms")
    p95_10m = _get(server_10m, "all", "p95_ms")
    peak_10m = server_10m.get("peak_rss_mib")
    starts = [value for value in results["start"].get("embedded") or [] if value is not None]
    slowdown = _get(results.get("export_queue") or {}, "slowdown_ratio")
    rows = [
        ("1M rows: filter change, server median", "≤ 100 ms", median_1m, 100, "ms"),
        ("1M rows: filter change, server p95", "≤ 150 ms", p95_1m, 150, "ms"),
        ("1M rows: server speed-up over the naive data layer", "≥ 3×", ratio, -3, "×"),
        (
            "1M rows: data queries per filter change (slowest page, median)",
            "≤ 10 ms",
            max(query_1m) if query_1m else None,
            10,
            "ms",
        ),
        ("10M rows: filter change, server p95", "≤ 500 ms", p95_10m, 500, "ms"),
        (
            "10M rows: server peak memory",
            "≤ 3 GB",
            round(peak_10m / 1024, 2) if peak_10m else None,
            3,
            "GB",
        ),
        (
            "Embedded data: start to first page (best of 2)",
            "≤ 3 s",
            min(starts, default=None),
            3,
            "s",
        ),
        *browser_targets(results),
        (
            "Two gunicorn instances sharing Redis, 50 users × 60 s: errors",
            "0",
            _get(load, "total", "failures") if len(load.get("instances") or {}) >= 2 else None,
            0,
            "",
        ),
        (
            "Export on the queue: filter-change slowdown (median while slide decks are made "
            "vs alone)",
            "≤ 20%",
            round(100 * (slowdown - 1), 1) if slowdown else None,
            20,
            "%",
        ),
        ("make bench: total time", "< 20 min", round(results["elapsed_s"] / 60, 1), 20, "min"),
    ]
    out = []
    for name, target, measured, limit, unit in rows:
        if measured is None:
            why = _why_not_measured(name, results.get("skipped") or [])
            out.append({"target": name, "goal": target, "measured": None, "met": None, "gap": why})
            continue
        met = measured >= -limit if limit < 0 else measured <= limit
        if limit < 0:
            gap = "" if met else f"missed: {measured:g}{unit} of {-limit:g}{unit}"
        elif limit == 0:
            gap = "" if met else f"missed by {measured:g}"
        else:
            gap = "" if met else f"missed by {measured - limit:g} {unit} ({measured / limit:.1f}×)"
        out.append(
            {"target": name, "goal": target, "measured": f"{measured:g} {unit}".strip(),
             "met": met, "gap": gap}
        )  # fmt: skip
    return out


def _why_not_measured(target: str, skipped: list[str]) -> str:
    """The recorded reason when the phase that measures this target was skipped."""
    step = None
    if target.startswith("Two gunicorn instances"):
        step = LOAD_STEP
    elif target.startswith("Export on the queue"):
        step = QUEUE_STEP
    found = [reason for reason in skipped if step and reason.startswith(step)]
    return f"skipped: {found[0][len(step) + 2 :]}" if found else ""


def _pooled(pages: Any, part: str, key: str) -> float | None:
    """The worst page's figure (every page must meet a per-page target)."""
    if not isinstance(pages, list):
        return None
    found = [_get(page, part, key) for page in pages]
    found = [value for value in found if value is not None]
    return max(found) if found else None


def browser_targets(results: dict) -> list[tuple]:
    redraw = results.get("redraw") or {}
    embedded, big, naive = redraw.get("embedded"), redraw.get("1m"), redraw.get(ONE_FILE)
    first = None
    if isinstance(embedded, list) and embedded:
        first = _get(embedded[0], "load", "median_ms")
    programmes = redraw.get(PROGRAMMES)
    if isinstance(embedded, list) and isinstance(programmes, list):
        embedded = embedded + programmes  # every page
    ratio = None
    if isinstance(big, list) and isinstance(naive, list):
        theirs_by_path = {page.get("path"): page for page in naive}  # the same page, or none
        pairs = [
            (
                _get(mine, "change", "median_ms"),
                _get(theirs_by_path.get(mine.get("path")) or {}, "change", "median_ms"),
            )
            for mine in big
        ]
        pairs = [(mine, theirs) for mine, theirs in pairs if mine and theirs]
        if pairs:
            ratio = round(min(theirs / mine for mine, theirs in pairs), 2)
    from_redis = _get(results.get("shared_cache") or {}, "from_redis", "all")
    return [
        ("Embedded, browser: filter change drawn, median (worst page)", "≤ 300 ms",
         _pooled(embedded, "change", "median_ms"), 300, "ms"),
        ("Embedded, browser: filter change drawn, p95 (worst page)", "≤ 500 ms",
         _pooled(embedded, "change", "p95_ms"), 500, "ms"),
        ("Embedded, browser: first page fully drawn (median of new visitors' loads)", "≤ 1.5 s",
         round(first / 1000, 2) if first else None, 1.5, "s"),
        ("1M rows, browser: filter change drawn, median (worst page)", "≤ 600 ms",
         _pooled(big, "change", "median_ms"), 600, "ms"),
        ("1M rows, browser: filter change drawn, p95 (worst page)", "≤ 1000 ms",
         _pooled(big, "change", "p95_ms"), 1000, "ms"),
        ("1M rows, browser: speed-up over the one-file baseline (worst page)", "≥ 2×",
         ratio, -2, "×"),
        ("Two servers, Redis: a view built by one, answered by the other (slowest call, median)",
         "≤ 20 ms", (from_redis or {}).get("slowest_call_median_ms"), 20, "ms"),
    ]  # fmt: skip


def view_name(path: str) -> str:
    """The view of a page path: "/" -> "overview", "/dropout" -> "dropout"."""
    return path.strip("/").split("/")[0] or "overview"


def markdown(results: dict) -> str:
    lines = [
        f"Measured {results['date']} on {results['machine']['cpus']} CPUs "
        f"(load average {results['machine']['load_before']} before, "
        f"{results['machine']['load_after']} after; other work on the machine inflates "
        "wall-clock times, server CPU times are less affected). "
        f"`make bench` took {results['elapsed_s'] / 60:.1f} min. Datasets at 10k/1M/10M rows are "
        "generated (random values, source `generated-benchmark`): Tibet's 82 areas × 30 years "
        "× breakdowns × real and generated indicators.",
        "",
        "| target | goal | measured | met |",
        "|---|---|---|---|",
    ]
    for row in results["targets"]:
        met = {True: "yes", False: "**no**", None: "not measured"}[row["met"]]
        gap = f" ({row['gap']})" if row.get("gap") else ""
        lines.append(f"| {row['target']} | {row['goal']} | {row['measured'] or '—'} | {met}{gap} |")
    lines += ["", "Filter change through POST /_dash-update-component (sum of the chain of "
              "calls one change sends; ms), on a warmed server (the replay starts when serve says "
              "its landing views are built: `warm-up done s`, from process start). The view "
              "cache is off in these servers, so every change is built from the data; a state "
              "asked for again is answered from the cache in well under a millisecond of view "
              "work:", "",
              "| data | rows | changes | median | p95 | server CPU median | response KB median "
              "| slowest call (median ms) | start to first page s | warm-up done s "
              "| peak RSS MiB |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for label, server in results["server"].items():
        if "error" in server:
            lines.append(f"| {label} | | | {server['error']} | | | | | | | |")
            continue
        overall = server.get("all", {})
        rows = results["datasets"].get(label.replace("_naive", ""), {}).get("rows", "")
        lines.append(
            f"| {label} | {rows} | {overall.get('changes')} | {overall.get('median_ms')} | "
            f"{overall.get('p95_ms')} | {overall.get('cpu_median_ms')} | "
            f"{overall.get('response_kb_median')} | {overall.get('slowest_call')} "
            f"({overall.get('slowest_call_median_ms')}) | {server.get('start_to_first_page_s')} "
            f"| {server.get('warm_up_s')} | {server.get('peak_rss_mib')} |"
        )
    lines += ["", "Per page, server median / p95 ms (1M rows):", ""]
    for page, stats in (_get(results["server"], "1m", "pages") or {}).items():
        lines.append(
            f"- `{page}`: {stats['median_ms']} / {stats['p95_ms']} over {stats['changes']} "
            f"changes (slowest call {stats['slowest_call']}: {stats['slowest_call_median_ms']})"
        )
    for page, waited in (_get(results["server"], "1m", "timed_out_s") or {}).items():
        lines.append(f"- `{page}`: a change did not finish within {waited} s (its share of time)")
    lines += [
        "",
        "Where the time of a filter change goes at 1M rows (server median; data queries "
        "alone, median; the rest is the views' pandas work, building the Plotly figures and "
        "their JSON). See benchmarks/PROPOSALS.md for the causes:",
        "",
    ]
    views = _get(results["inprocess"], "1m", "views") or {}
    for page, stats in (_get(results["server"], "1m", "pages") or {}).items():
        query = _get(views, view_name(page), "query", "median_ms")
        if query is None or not stats.get("median_ms"):
            continue
        share = 100 * query / stats["median_ms"]
        lines.append(f"- `{page}`: {stats['median_ms']} ms, queries {query} ms ({share:.0f}%)")
    lines += ["", "The data queries of one filter change, timed alone in one process (the "
              "calls each page's view makes, replayed; median / p95 ms, real store → naive):",
              ""]  # fmt: skip
    for label, data in results["inprocess"].items():
        if data.get("error"):
            lines.append(f"- {label}: stopped: {data['error']}")
        lines.append(
            f"- {label} ({data.get('rows')} rows, load {data.get('load_seconds')} s, "
            f"peak RSS {_get(data, 'peak', 'rss_mib')} MiB):"
        )
        for page, stats in (data.get("views") or {}).items():
            query, naive = stats["query"], stats.get("naive_query") or {}
            lines.append(
                f"  - {page} ({stats['queries_per_change']} queries): {query['median_ms']} / "
                f"{query['p95_ms']} → {naive.get('median_ms')} / {naive.get('p95_ms')}"
            )
        helpers = data.get("shell_helpers") or {}
        if helpers:
            lines.append(
                "  - shell helpers over the whole table per change: "
                + ", ".join(f"{name} {value['median_ms']}" for name, value in helpers.items())
            )
    for label, pages in results.get("redraw", {}).items():
        if isinstance(pages, dict):
            lines.append(f"\nBrowser redraw ({label}): {pages.get('error')}")
            continue
        lines += [
            "",
            f"Headless Chromium ({REDRAW_LABELS.get(label, label)}): what a person waits for, "
            "until every chart and card "
            "is drawn; median / p95 ms over N, then the median parts: server (callback requests "
            "in flight), scripting, layout + style (Chrome DevTools Performance metrics):",
            "",
            "| page | filter change | N | server | script | layout+style | full load | "
            "move to page | N | server | script |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for page in pages:
            change = page.get("change") or {}
            load, visit = page.get("load") or {}, page.get("visit") or {}
            late = page.get("timed_out_after_s")
            note = f" (a change did not finish within {late} s)" if late else ""
            lines.append(
                f"| `{page['path']}`{note} | {change.get('median_ms', page.get('median_ms'))} / "
                f"{change.get('p95_ms', page.get('p95_ms'))} | {page['changes']} | "
                f"{change.get('server_median_ms')} | {change.get('script_median_ms')} | "
                f"{change.get('layout_style_median_ms')} | {load.get('median_ms')} | "
                f"{visit.get('median_ms')} / {visit.get('p95_ms')} | {visit.get('count')} | "
                f"{visit.get('server_median_ms')} | {visit.get('script_median_ms')} |"
            )
        scrolled = [
            f"`{page['path']}` {scroll['median_ms']} ms"
            for page in pages
            if (scroll := page.get("scroll") or {}).get("median_ms") is not None
        ]
        if scrolled:
            lines += [
                "",
                "Charts below the first screen are drawn when scrolled near (the overview's "
                "trends, assets/deferred_charts.js), so the full load above is the first "
                "screen's; from a scroll to the first of them (after "
                f"{READING_MS / 1000:g} s on the first screen) until it is drawn: "
                + ", ".join(scrolled)
                + ".",
            ]
    shared = results.get("shared_cache")
    if shared:
        lines += [
            "",
            "Two servers sharing one Redis (DASHBOARD_REDIS_URL), embedded data: the "
            "same filter changes replayed on the first (each view built and stored), then "
            "on the second (views from Redis); whole change / its slowest call, ms:",
            "",
        ]
        for name in ("builds", "from_redis"):
            stats = _get(shared, name, "all") or {}
            lines.append(
                f"- {name}: median {stats.get('median_ms')}, p95 {stats.get('p95_ms')} over "
                f"{stats.get('changes')} changes; slowest call {stats.get('slowest_call')} "
                f"median {stats.get('slowest_call_median_ms')}"
            )
    lines += load_lines(results.get("load"))
    lines += queue_lines(results.get("export_queue"))
    if results["skipped"]:
        lines += ["", "Skipped (out of time or failed): " + "; ".join(results["skipped"])]
    return "\n".join(lines) + "\n"


def load_lines(load: dict | None) -> list[str]:
    if not load:
        return []
    if not load.get("total"):
        return ["", f"Load: {load.get('error', 'locust reported nothing')}"]
    total, instances = load["total"], load.get("instances") or {}
    lines = [
        "",
        f"Load ({load['users']} users, {load['seconds']} s, embedded data) split over "
        f"{len(instances) or 1} gunicorn instance(s) of {load['workers']} workers each"
        f"{' sharing one Redis' if load.get('redis') else ''}: {total['requests']} requests, "
        f"{total['failures']} errors, {total['per_second']} requests/s, median "
        f"{total['median_ms']} ms, p95 {total['p95_ms']} ms.",
    ]
    for name, stats in instances.items():
        lines.append(
            f"- instance {name}: {stats.get('requests')} requests, {stats.get('failures')} "
            f"errors, median {stats.get('median_ms')} ms, p95 {stats.get('p95_ms')} ms, "
            f"RSS after {stats.get('server_rss_mib_after')} MiB"
        )
    for kind, stats in load["by_kind"].items():
        lines.append(
            f"- {kind}: {stats['requests']} requests, {stats['failures']} errors, "
            f"median {stats['median_ms']} ms, p95 {stats['p95_ms']} ms"
        )
    return lines


def queue_lines(queue: dict | None) -> list[str]:
    if not queue:
        return []
    alone, loaded = queue.get("alone") or {}, queue.get("with_exports") or {}
    exports = queue.get("exports") or {}
    return [
        "",
        "Exports on the queue (DASHBOARD_EXPORT_QUEUE=celery, one Celery worker and the web "
        "server on the same 2 cores, embedded data, view cache off): the same filter changes "
        f"alone, median {alone.get('median_ms')} ms / p95 {alone.get('p95_ms')} ms over "
        f"{alone.get('changes')}; while slide decks were made one after another, median "
        f"{loaded.get('median_ms')} ms / p95 {loaded.get('p95_ms')} ms over "
        f"{loaded.get('changes')}: ratio {queue.get('slowdown_ratio')}. Decks made meanwhile: "
        f"{exports.get('decks_done')} (median {exports.get('deck_median_s')} s from click to "
        f"file, {exports.get('failed')} failed); the worker used "
        f"{exports.get('worker_cpu_share')} of a core.",
    ]


def write_results(results: dict) -> str:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    text = markdown(results)
    (RESULTS_DIR / "latest.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (RESULTS_DIR / "latest.md").write_text("# Benchmark results\n\n" + text, encoding="utf-8")
    return update_readme(text)


def update_readme(text: str) -> str:
    """Put the text between the README's bench markers; say where it went."""
    section = f"{START_MARK}\n{text}{END_MARK}"
    if not README.exists():
        README.write_text(
            "# Tibet education poverty-alleviation dashboard\n\n## Performance\n\n"
            + section
            + "\n",
            encoding="utf-8",
        )
        return "README.md created with the Performance section"
    current = README.read_text(encoding="utf-8")
    start, end = current.find(START_MARK), current.find(END_MARK)
    if start < 0 or end < start:
        return "README.md has no bench markers: results only in benchmarks/results/latest.md"
    README.write_text(current[:start] + section + current[end + len(END_MARK) :], encoding="utf-8")
    return "README.md Performance section updated"


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=19 * 60, help="seconds for everything")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    parser.add_argument("--skip-10m", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite the reports from latest.json"
    )
    arguments = parser.parse_args(argv)
    if arguments.report_only:
        results = json.loads((RESULTS_DIR / "latest.json").read_text(encoding="utf-8"))
        results["targets"] = targets(results)
        print(write_results(results))
        return 0
    budget = Budget(arguments.budget)
    repeats = 3 if arguments.quick else 12
    LOG_DIR.mkdir(parents=True, exist_ok=True)

    from dashboard.data.store import Dataset

    results: dict[str, Any] = {
        "date": datetime.datetime.now().isoformat(timespec="minutes"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_before": round(os.getloadavg()[0], 1),
        },
        "datasets": {},
        "inprocess": {},
        "server": {},
        "start": {},
        "redraw": {},
        "skipped": [],
    }

    def step(name: str, seconds: float, action: Callable[[float], Any]) -> Any:
        print(f"[{budget.elapsed():6.0f} s] {name} ...", flush=True)
        try:
            return action(budget.need(seconds))
        except OutOfTime as error:
            results["skipped"].append(f"{name}: {error}")
        except Exception as error:  # noqa: BLE001 - one failed phase must not lose the others
            traceback.print_exc()
            results["skipped"].append(f"{name}: {type(error).__name__}: {error}")
        return None

    def keep(label: str, session: dict | None) -> None:
        if not session:
            return
        session.pop("captured", None)
        if "redraw" in session:
            results["redraw"][label] = session.pop("redraw")
        if "start_to_first_page_s" in session:
            results["start"].setdefault(label, []).append(session["start_to_first_page_s"])
        replayed = session.pop("replay", {})
        results["server"][label] = {**session, **replayed}

    embedded = config.DATA_FILE
    files: dict[str, Path] = {"embedded": embedded}
    dataset = Dataset.load(embedded)
    results["datasets"]["embedded"] = {
        "file": str(embedded.relative_to(REPO)),
        "rows": len(dataset.observations),
    }
    values = filter_values(dataset)
    del dataset
    sizes = ["10k", "1m"] + ([] if arguments.skip_10m else ["10m"])
    for size in sizes:
        made = step(f"generate {size}", 300, lambda _s, size=size: generate.ensure_dataset(size))
        if made is not None:
            files[size] = made.path
            results["datasets"][size] = {
                "file": str(made.path.relative_to(REPO)),
                "rows": made.rows,
                "indicators": made.indicators,
            }

    paths = step("page paths", 120, lambda _s: page_paths()) or []
    redraws = 2 if arguments.quick else BROWSER_CHANGES
    session = step(
        "embedded: start, capture in Chromium, replay, redraw",
        240,
        lambda s: phase_session(
            embedded,
            "embedded",
            s,
            paths=paths,
            values=values,
            capture=True,
            changes_per_page=repeats,
            redraw_repeats=redraws,
            visits=2,
            first_page_loads=1 if arguments.quick else FIRST_PAGE_LOADS,
        ),
    )
    captured = (session or {}).get("captured")
    for path, why in ((captured or {}).get("failed") or {}).items():
        results["skipped"].append(f"capture in Chromium, page {path}: {why}")
    keep("embedded", session)
    started = step("embedded: start again", 60, lambda s: phase_start_only(embedded, "again", s))
    if started and "start_to_first_page_s" in started:
        results["start"].setdefault("embedded", []).append(started["start_to_first_page_s"])
    programmes = step("programme paths", 120, lambda _s: programme_paths()) or []
    if programmes:
        session = step(
            "embedded: the programme pages in Chromium",
            60 if arguments.quick else 200,
            lambda s: phase_session(
                embedded,
                PROGRAMMES,
                s,
                paths=programmes[:2] if arguments.quick else programmes,
                values=values,
                redraw_repeats=redraws,
            ),
        )
        if session and "redraw" in session:
            results["redraw"][PROGRAMMES] = session["redraw"]

    def replayed(label: str, size: str, changes: int, **options: Any) -> Callable:
        return lambda seconds: phase_session(
            files[size],
            label,
            seconds,
            values=values,
            captured=captured,
            changes_per_page=changes,
            **options,
        )

    if not captured:
        results["skipped"].append("everything over HTTP: nothing was captured in Chromium")
    if captured and "10k" in files:
        keep("10k", step("10k: start, replay", 60, replayed("10k", "10k", repeats // 2)))
    if captured and "1m" in files:
        session = step(
            "1M: start, replay, redraw",
            300,
            replayed(
                "1m", "1m", repeats, paths=paths, redraw_repeats=redraws, redraw_pages=2, visits=2
            ),
        )
        keep("1m", session)
    if "1m" in files:
        found = step(
            "1M in one process: the data queries, real and naive",
            120,
            lambda s: phase_inprocess(files["1m"], s, naive=True, states=12),
        )
        if found is not None:
            results["inprocess"]["1m"] = found
    if arguments.skip_load:
        results["skipped"].append(f"{LOAD_STEP}: --skip-load")
    if captured and not arguments.skip_load:
        from benchmarks.load import run_load

        found = step(
            LOAD_STEP,
            130,
            lambda s: run_load(
                embedded,
                CAPTURED_FILE,
                values,
                users=50,
                seconds=load_seconds(s, quick=arguments.quick),
                instances=2,
                log_dir=LOG_DIR,
            ),
        )
        results["load"] = found if found is not None else {"error": "not run (out of time)"}
    if captured:
        found = step(
            "two servers sharing Redis: replay on one, then on the other",
            150,
            lambda s: phase_shared_cache(
                embedded, "shared", s, captured=captured, values=values, changes=repeats // 2
            ),
        )
        if found is not None:
            results["shared_cache"] = found
    if captured:
        from benchmarks.export_queue import run_export_queue

        found = step(
            QUEUE_STEP,
            150,
            lambda s: run_export_queue(
                embedded,
                captured,
                values,
                s,
                changes=repeats // 2,
                log_dir=LOG_DIR,
                no_view_cache=NO_VIEW_CACHE,
            ),
        )
        if found is not None:
            results["export_queue"] = found
    if captured and "1m" in files:
        session = step(
            "1M naive data layer: start, replay",
            150,
            replayed("1m_naive", "1m", repeats, naive=True),
        )
        keep("1m_naive", session)
        session = step(
            f"1M one-file baseline ({ONE_FILE_MODULE}): start, redraw",
            200,
            lambda seconds: phase_session(
                files["1m"],
                ONE_FILE,
                seconds,
                module=ONE_FILE_MODULE,
                paths=[path for path in paths[:2] if path in naive_app.PAGES],
                values=values,
                redraw_repeats=redraws,
                visits=2,
            ),
        )
        keep(ONE_FILE, session)
    if captured and "10m" in files:
        keep("10m", step("10M: start, replay", 300, replayed("10m", "10m", 6)))
        if "start_to_first_page_s" in results["server"].get("10m", {}):
            found = step(
                "10M in one process: the data queries",
                120,
                lambda s: phase_inprocess(files["10m"], s, naive=False, states=4),
            )
            if found is not None:
                results["inprocess"]["10m"] = found
        else:
            results["skipped"].append("10M in one process: the server could not load the file")

    results["machine"]["load_after"] = round(os.getloadavg()[0], 1)
    results["elapsed_s"] = round(budget.elapsed(), 1)
    results["targets"] = targets(results)
    where = write_results(results)
    print(markdown(results))
    print(where)
    return 0


if __name__ == "__main__":
    sys.exit(main())
