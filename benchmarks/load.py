"""Bounded load test on loopback: gunicorn serving the dashboard, locust users hitting it.

50 users (by default) for 60 seconds mix page loads, filter changes and exports (see
benchmarks/locustfile.py), against `python -m dashboard serve --workers N` on 127.0.0.1.
Bounded twice: locust's --run-time and a hard timeout on the locust process. Prints JSON
with the request count, errors, throughput and median/p95 per kind of request.

    python -m benchmarks.load --users 50 --seconds 60 [--data FILE] [--workers 2]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.server import REPO, running_server
from dashboard import config

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


def run_load(
    data_file: Path,
    captured_file: Path,
    values: dict[str, list],
    *,
    users: int = 50,
    seconds: int = 60,
    workers: int = 2,
    log_dir: Path,
) -> dict[str, Any]:
    with running_server(data_file, log_dir / "load-server.log", workers=workers) as server:
        prefix = Path(tempfile.mkdtemp(prefix="locust-", dir=log_dir)) / "stats"
        command = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 5)),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "20",
            "--host",
            server.url,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ]
        env = {
            **os.environ,
            "BENCH_CAPTURED": str(captured_file),
            "BENCH_VALUES": json.dumps(values),
        }
        with (log_dir / "locust.log").open("w") as log:
            subprocess.run(
                command,
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=seconds + 90,
                check=False,
            )
        result = parse_stats(prefix.with_name("stats_stats.csv"))
        result["server_rss_mib_after"] = round(server.tree_rss_bytes() / 2**20, 1)
    result.update(users=users, seconds=seconds, workers=workers)
    return result


def parse_stats(path: Path) -> dict[str, Any]:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))

    def row_result(row: dict[str, str]) -> dict[str, Any]:
        return {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "median_ms": float(row["Median Response Time"] or 0),
            "p95_ms": float(row["95%"] or 0) if row.get("95%") not in (None, "N/A") else None,
            "per_second": round(float(row["Requests/s"] or 0), 2),
        }

    total = next((row for row in rows if row["Name"] == "Aggregated"), None)
    return {
        "total": row_result(total) if total else None,
        "by_kind": {row["Name"]: row_result(row) for row in rows if row["Name"] != "Aggregated"},
    }


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import CAPTURED_FILE, LOG_DIR, filter_values

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=config.DATA_FILE)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    arguments = parser.parse_args(argv)
    if not CAPTURED_FILE.exists():
        print("no captured payloads: run `python -m benchmarks.run` first", file=sys.stderr)
        return 2
    from dashboard.data.store import Dataset

    values = filter_values(Dataset.load(arguments.data))
    result = run_load(
        arguments.data,
        CAPTURED_FILE,
        values,
        users=arguments.users,
        seconds=arguments.seconds,
        workers=arguments.workers,
        log_dir=LOG_DIR,
    )
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
