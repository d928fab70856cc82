"""In one process, no HTTP: the data queries a filter change makes, timed alone.

Each page's view (the function the Dash callback calls) is built on the embedded data for
many filter states, recording every `Dataset.query` call it makes. Those same calls are then
replayed against a bigger file with the real store and with the naive baseline
(benchmarks/naive.py): the sum per filter change is "the time inside the data query". Also
times the helpers the shell runs over the whole table on every change, and one view build
per page on the bigger file when time allows.

    python -m benchmarks.inprocess --data FILE [--states 12] [--seconds 120]   # JSON lines
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dashboard import config
from dashboard.data.store import Dataset
from dashboard.state import FilterState

Call = tuple[tuple, dict]


def filter_states(dataset: Dataset, count: int, seed: int = 6) -> list[FilterState]:
    """Varied states a user could pick: region, prefectures, counties; a year or the latest."""
    rng = random.Random(seed)
    gazetteer = dataset.gazetteer
    prefectures = [area.code for area in gazetteer.by_level("prefecture")]
    counties = [area.code for area in gazetteer.by_level("county")]
    years = dataset.years()
    choices: list[Callable[[], tuple[str, ...]]] = [
        lambda: (config.REGION_CODE,),
        lambda: (rng.choice(prefectures),),
        lambda: tuple(rng.sample(prefectures, 2)),
        lambda: tuple(rng.sample(counties, rng.randint(1, 3))),
    ]
    states = []
    for number in range(count):
        areas = choices[number % len(choices)]()
        year = None if number % 3 == 0 else rng.choice(years)
        states.append(FilterState(lang="en" if number % 2 else "zh", areas=areas, year=year))
    return states


def record_queries(dataset: Dataset, page: str, state: FilterState) -> list[Call]:
    """The Dataset.query calls one build of the page's view makes."""
    from dashboard.views import build_view

    calls: list[Call] = []
    real = dataset.query

    def recording(*args: Any, **kwargs: Any) -> Any:
        call = _materialised((args, kwargs))  # a generator argument can be read only once
        calls.append(call)
        return real(*call[0], **call[1])

    dataset.query = recording  # type: ignore[method-assign]
    try:
        build_view(page, dataset, state)
    finally:
        del dataset.query
    return calls


def _materialised(call: Call) -> Call:
    args, kwargs = call
    return (
        tuple(list(a) if hasattr(a, "__iter__") and not isinstance(a, str) else a for a in args),
        {
            k: list(v) if hasattr(v, "__iter__") and not isinstance(v, str | tuple) else v
            for k, v in kwargs.items()
        },
    )


def time_calls(dataset: Dataset, calls: list[Call], repeats: int = 3) -> float:
    """Seconds for the whole list of calls (best of `repeats`: the least disturbed run)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for args, kwargs in calls:
            dataset.query(*args, **kwargs)
        best = min(best, time.perf_counter() - started)
    return best


def _ms(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"median_ms": None, "p95_ms": None}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(1000 * statistics.median(values), 2),
        "p95_ms": round(1000 * p95, 2),
    }


def measure_shell_helpers(dataset: Dataset, repeats: int = 5) -> dict[str, Any]:
    """What the shell computes from the whole table on each filter change."""
    from dashboard.components import filter_bar
    from dashboard.state import known_from_dataset

    helpers = {
        "known_from_dataset": lambda: known_from_dataset(dataset),
        "year_options": lambda: filter_bar.year_options(dataset, "zh"),
        "year_bounds": lambda: filter_bar.year_bounds(dataset),
    }
    timings = {}
    for name, helper in helpers.items():
        seconds = []
        for _ in range(repeats):
            started = time.perf_counter()
            helper()
            seconds.append(time.perf_counter() - started)
        timings[name] = _ms(seconds)
    return timings


def emit(**record: Any) -> None:
    """One result per line, so that what was measured survives a run cut short."""
    print(json.dumps(record), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--states", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=120.0, help="time budget")
    parser.add_argument("--no-naive", action="store_true")
    arguments = parser.parse_args(argv)
    deadline = time.monotonic() + arguments.seconds

    from dashboard.views import VIEWS, load_all_views

    load_all_views()
    pages = sorted(VIEWS)
    embedded = Dataset.load(config.DATA_FILE)
    states = filter_states(embedded, arguments.states)
    recorded = {page: [record_queries(embedded, page, state) for state in states] for page in pages}
    del embedded

    started = time.perf_counter()
    dataset = Dataset.load(arguments.data)
    emit(
        kind="load",
        rows=len(dataset.observations),
        load_seconds=round(time.perf_counter() - started, 2),
        frame_mib=round(dataset.observations.memory_usage(deep=True).sum() / 2**20, 1),
    )
    emit(kind="shell_helpers", result=measure_shell_helpers(dataset))
    naive = None
    if not arguments.no_naive:
        from benchmarks.naive import NaiveDataset

        naive = NaiveDataset.from_dataset(dataset)
    for page in pages:
        result: dict[str, Any] = {"queries_per_change": max(map(len, recorded[page]), default=0)}
        result["query"] = _ms([time_calls(dataset, calls) for calls in recorded[page]])
        if naive is not None:
            result["naive_query"] = _ms([time_calls(naive, calls, 1) for calls in recorded[page]])
        emit(kind="view", page=page, result=result)
        if time.monotonic() > deadline:
            break
    emit(kind="peak", rss_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
