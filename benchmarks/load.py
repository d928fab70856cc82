"""Bounded load test on loopback: two gunicorn instances sharing one Redis, locust users on both.

50 users (by default) for 60 seconds mix page loads, filter changes and exports (see
benchmarks/locustfile.py). The users are split over `instances` servers, each
`python -m dashboard serve --workers N --port P` on 127.0.0.1, all with DASHBOARD_REDIS_URL
pointing at one private redis-server started here (a free port, nothing persisted): the
two-machine layout of docs/SERVING.md on one machine. Bounded twice: locust's --run-time and a
hard timeout on the locust process. Prints JSON with the request count, errors, throughput and
median/p95 per kind of request, and per instance.

    python -m benchmarks.load --users 50 --seconds 60 [--data FILE] [--workers 2] [--instances 2]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from benchmarks.server import REPO, running_redis, running_server
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
    instances: int = 2,
    log_dir: Path,
) -> dict[str, Any]:
    """`instances` gunicorn servers (`workers` processes each) behind one Redis, under load."""
    with ExitStack() as stack:
        env: dict[str, str] = {}
        if instances > 1:
            env["DASHBOARD_REDIS_URL"] = stack.enter_context(running_redis(log_dir / "redis-load"))
        servers = [
            stack.enter_context(
                running_server(
                    data_file,
                    log_dir / f"load-server-{name}.log",
                    workers=workers,
                    extra_env=env,
                )
            )
            for name in instance_names(instances)
        ]
        prefix = Path(tempfile.mkdtemp(prefix="locust-", dir=log_dir)) / "stats"
        per_instance_file = prefix.with_name("per_instance.json")
        command = locust_command(sys.executable, servers[0].url, users, seconds, prefix)
        locust_env = {
            **os.environ,
            "BENCH_CAPTURED": str(captured_file),
            "BENCH_VALUES": json.dumps(values),
            "BENCH_HOSTS": json.dumps([server.url for server in servers]),
            "BENCH_PER_INSTANCE": str(per_instance_file),
        }
        with (log_dir / "locust.log").open("w") as log:
            subprocess.run(
                command,
                cwd=REPO,
                env=locust_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=seconds + 90,
                check=False,
            )
        result = parse_stats(prefix.with_name("stats_stats.csv"))
        result["instances"] = per_instance(per_instance_file, servers)
        for name, server in zip(instance_names(instances), servers, strict=True):
            found = result["instances"].setdefault(name, {})
            found["server_rss_mib_after"] = round(server.tree_rss_bytes() / 2**20, 1)
    result.update(users=users, seconds=seconds, workers=workers, redis=instances > 1)
    return result


def locust_command(python: str, url: str, users: int, seconds: int, prefix: Path) -> list[str]:
    """Headless locust on benchmarks/locustfile.py for `seconds`, its stats in `prefix`_*.csv."""
    return [
        python,
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
        url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]


def instance_names(count: int) -> list[str]:
    return [chr(ord("a") + number) for number in range(count)]


def per_instance(path: Path, servers: list) -> dict[str, dict[str, Any]]:
    """Requests, errors, median and p95 per server, from what the locustfile recorded (by the
    port of each request's URL; every request that ended, also while locust was stopping, so
    the sum can exceed locust's own count a little)."""
    recorded = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    names = dict(zip((str(s.port) for s in servers), instance_names(len(servers)), strict=True))
    return {
        names.get(port, port): {**stats, "url": f"http://127.0.0.1:{port}"}
        for port, stats in sorted(recorded.items())
    }


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
    parser.add_argument("--instances", type=int, default=2, help="servers sharing one Redis")
    arguments = parser.parse_args(argv)
    if not CAPTURED_FILE.exists():
        print("no captured payloads: run `python -m benchmarks.run` first", file=sys.stderr)
        return 2
    from dashboard.data.store import Dataset

    values = filter_values(Dataset.load(arguments.data))
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    result = run_load(
        arguments.data,
        CAPTURED_FILE,
        values,
        users=arguments.users,
        seconds=arguments.seconds,
        workers=arguments.workers,
        instances=arguments.instances,
        log_dir=LOG_DIR,
    )
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
