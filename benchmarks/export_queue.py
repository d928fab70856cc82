"""Filter changes while slide decks are made on the export queue: is anyone else slowed down?

One redis-server (free loopback port), one Celery export worker and one dashboard server with
DASHBOARD_EXPORT_QUEUE=celery (dashboard/export/queue.py, docs/SERVING.md), all on this
machine. The captured filter changes are replayed (benchmarks/replay.py, the view cache off:
every change is built) first alone, then again, the same states, while a client asks for one
slide deck after another through the server, as a browser does: the click's request queues
the deck, then the same request with the job's handles every second until the file comes.
The slowdown is the ratio of the two medians. Both servers share the machine's cores, so the
worker's Chromium competes with the web server for CPU; on two machines it would not.

    python -m benchmarks.export_queue [--changes 6] [--seconds 150]
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from benchmarks.replay import post, replay, summarise
from benchmarks.server import running_export_worker, running_redis, running_server

DECK = "export-deck"
ASKED = "export-asked"  # the store the browser sets to the pressed export button
CAPTURED_CLICK = "export-data"  # the captured export request: the same callback's payload
POLL_SECONDS = 1.0  # the renderer's default interval for background callbacks
EXPORT_TIMEOUT = 300.0
ROUNDS = 2  # alone, with decks, alone, with decks


def deck_payload(captured: dict) -> dict:
    """The request a click on "slide deck" sends, made from the captured click on the data
    export (the same callback: the browser passes on which button was pressed)."""
    clicks = (captured.get("clicks") or {}).get(CAPTURED_CLICK) or []
    if not clicks:
        raise ValueError(f"no captured click on {CAPTURED_CLICK!r}")
    payload = copy.deepcopy(clicks[0]["payload"])
    for item in payload["inputs"]:
        if isinstance(item, dict) and item.get("id") == ASKED:
            item["value"] = {"button": DECK, "time": int(time.time() * 1000)}
    payload["changedPropIds"] = [f"{ASKED}.data"]
    payload.pop("parsedChangedPropsIds", None)
    return payload


class DeckExports(threading.Thread):
    """Slide decks one after another through the server's background callback while active
    (a deck asked for is always waited for: pausing leaves the worker idle), until stopped."""

    def __init__(self, port: int, payload: dict, *, once: bool = False) -> None:
        super().__init__(daemon=True)
        self.port, self.payload, self.once = port, payload, once
        self.stopping = threading.Event()
        self.active = threading.Event()
        self.idle = threading.Event()
        self.started_one = threading.Event()
        self.done: list[float] = []  # seconds from the click to the file
        self.failed: list[str] = []
        if once:
            self.active.set()

    def run(self) -> None:
        while not self.stopping.is_set():
            self.idle.set()
            if not self.active.wait(0.2):
                continue
            self.idle.clear()
            self.export_one()
            if self.once:
                return
        self.idle.set()

    def resume(self) -> None:
        """Decks again; returns once the first is queued."""
        self.started_one.clear()
        self.active.set()
        self.started_one.wait(30)
        time.sleep(POLL_SECONDS)  # the worker has taken the job

    def pause(self, timeout: float) -> bool:
        """No new deck; waits (at most `timeout`) for the one being made."""
        self.active.clear()
        time.sleep(0.3)
        return self.idle.wait(timeout)

    def export_one(self) -> None:
        started = time.monotonic()
        try:
            status, body, _ = post(self.port, self.payload, timeout=60)
            handles = json.loads(body) if status == 200 else {}
            if "cacheKey" not in handles:
                self.failed.append(f"queueing answered {status}: {body[:120]!r}")
                return
            self.started_one.set()
            query = "?" + urlencode({"cacheKey": handles["cacheKey"], "job": handles["job"]})
            while time.monotonic() - started < EXPORT_TIMEOUT:
                if self.stopping.wait(POLL_SECONDS):
                    return
                status, body, _ = post(self.port, self.payload, timeout=60, query=query)
                if status == 204:
                    self.failed.append("the job ended without a file")
                    return
                answer = json.loads(body) if status == 200 else {}
                if status != 200:
                    self.failed.append(f"polling answered {status}")
                    return
                if "response" in answer:
                    if (answer["response"].get("export-download") or {}).get("data"):
                        self.done.append(time.monotonic() - started)
                    else:
                        self.failed.append("the job answered without a file")
                    return
            self.failed.append(f"no file within {EXPORT_TIMEOUT:.0f} s")
        except (OSError, ValueError) as error:
            self.failed.append(f"{type(error).__name__}: {error}")
            self.stopping.wait(POLL_SECONDS)

    def stop(self) -> None:
        self.stopping.set()
        self.active.set()
        self.join(timeout=70)


def run_export_queue(
    data_file: Path,
    captured: dict,
    values: dict[str, list],
    seconds: float,
    *,
    changes: int,
    log_dir: Path,
    no_view_cache: dict[str, str],
) -> dict[str, Any]:
    """Filter changes' median alone and while decks are made on the queue, and their ratio."""
    deadline = time.monotonic() + seconds
    payload = deck_payload(captured)
    result: dict[str, Any] = {}
    with running_redis(log_dir / "redis-queue") as url:
        env = {"DASHBOARD_REDIS_URL": url, "DASHBOARD_EXPORT_QUEUE": "celery"}
        with (
            running_export_worker(data_file, log_dir / "queue-worker.log", env) as worker,
            running_server(
                data_file, log_dir / "queue-server.log", extra_env={**env, **no_view_cache}
            ) as server,
        ):
            # Untimed: the first deck (the worker starts its Chromium), the server's warm-up
            # and one change per page, at the same time.
            first = DeckExports(server.port, payload, once=True)
            first.start()
            server.wait_for_warm_up(max((deadline - time.monotonic()) * 0.2, 20))
            replay(server, captured["changes"], values, 1, seed=1)
            first.join(timeout=max(deadline - time.monotonic() - 30, 10))
            if first.is_alive() or not first.done:
                first.stop()
                reason = first.failed[-1] if first.failed else "still running"
                raise RuntimeError(f"the first slide deck did not come back: {reason}")
            result["first_deck_s"] = round(first.done[0], 1)
            # Rounds of the same states alone, then with decks being made: other work on a
            # shared machine then weighs on both alike.
            alone, loaded, worker_cpu, wall = [], [], 0.0, 0.0

            def replay_round(number: int, share: float) -> list:
                """The round's states (its own seed), within `share` seconds."""
                until = time.monotonic() + max(share, 5)
                return replay(
                    server, captured["changes"], values, changes, seed=6 + number, deadline=until
                ).changes

            exports = DeckExports(server.port, payload)
            exports.start()
            for number in range(ROUNDS):
                share = (deadline - time.monotonic() - 15) / (2 * (ROUNDS - number))
                alone += replay_round(number, share)
                exports.resume()
                cpu_before, wall_before = worker.cpu_seconds(), time.monotonic()
                loaded += replay_round(number, share)
                worker_cpu += worker.cpu_seconds() - cpu_before
                wall += time.monotonic() - wall_before
                if not exports.pause(timeout=max(deadline - time.monotonic() - 10, 5)):
                    break  # the deck outlasted the phase: no more rounds
            exports.stop()
    result["rounds"] = number + 1
    result["alone"] = summarise(alone)["all"]
    result["with_exports"] = summarise(loaded)["all"]
    result["exports"] = {
        "decks_done": len(exports.done),
        "failed": len(exports.failed),
        "failures": sorted(set(exports.failed))[:3],
        "deck_median_s": round(statistics.median(exports.done), 1) if exports.done else None,
        # of a core, while the changes with decks were replayed (the worker and its Chromium)
        "worker_cpu_share": round(worker_cpu / wall, 2) if wall > 0 else None,
    }
    before, during = result["alone"]["median_ms"], result["with_exports"]["median_ms"]
    result["slowdown_ratio"] = round(during / before, 2) if before and during else None
    return result


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import CAPTURED_FILE, LOG_DIR, NO_VIEW_CACHE, filter_values
    from dashboard import config
    from dashboard.data.store import Dataset

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=config.DATA_FILE)
    parser.add_argument("--changes", type=int, default=6, help="filter changes per page")
    parser.add_argument("--seconds", type=float, default=150)
    arguments = parser.parse_args(argv)
    if not CAPTURED_FILE.exists():
        print("no captured payloads: run `python -m benchmarks.run` first", file=sys.stderr)
        return 2
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    result = run_export_queue(
        arguments.data,
        json.loads(CAPTURED_FILE.read_text(encoding="utf-8")),
        filter_values(Dataset.load(arguments.data)),
        arguments.seconds,
        changes=arguments.changes,
        log_dir=LOG_DIR,
        no_view_cache=NO_VIEW_CACHE,
    )
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
