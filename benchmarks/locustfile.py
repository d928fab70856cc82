"""Locust users for the bounded load test (run by benchmarks/load.py; loopback only).

Each user is one browser session mixing what people do: open a page (the HTML, the layout,
the callback dependencies and the page's start-up callbacks, as captured from Chromium),
change a filter (the captured chain of callbacks, with other values), and now and then
export the page's data. Between actions a user reads for a few seconds.

The captured requests come from benchmarks/generated/captured_payloads.json (written by
`python -m benchmarks.run`); its path can be given in BENCH_CAPTURED. With BENCH_HOSTS (a JSON
list of base URLs) the users are dealt over those servers in turn, each user staying on one
(as a load balancer with sticky connections would); each request's time is recorded per server
and written, when locust quits, to BENCH_PER_INSTANCE (JSON: port -> requests, failures,
median_ms, p95_ms).
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import random
import statistics
from pathlib import Path
from urllib.parse import urlparse

from locust import HttpUser, between, events, task

from benchmarks.replay import percentile, set_value

CAPTURED = Path(
    os.environ.get(
        "BENCH_CAPTURED", Path(__file__).resolve().parent / "generated" / "captured_payloads.json"
    )
)
STORE_ID = "filter-state"
SYNC_PREFIX = "..url.search...filter-state.data"
CALLBACK = "/_dash-update-component"
TIMEOUT_SECONDS = 60
VALUES = json.loads(os.environ.get("BENCH_VALUES", "{}"))
HOSTS: list[str] = json.loads(os.environ.get("BENCH_HOSTS", "[]"))
PER_INSTANCE = os.environ.get("BENCH_PER_INSTANCE")
_next_user = itertools.count()
_times: dict[str, list[float]] = {}  # port -> response times, ms
_failures: dict[str, int] = {}


@events.test_start.add_listener
def only_loopback(environment, **_kwargs) -> None:
    for url in [environment.host, *HOSTS]:
        host = urlparse(url or "").hostname
        if host != "127.0.0.1":
            raise SystemExit(f"the load test only runs against 127.0.0.1, not {host!r}")


@events.request.add_listener
def record_per_instance(response_time, exception=None, url=None, **_kwargs) -> None:
    """Each request's time under its server's port; a failure as locust counts one."""
    port = str(urlparse(url or "").port or "")
    _times.setdefault(port, []).append(response_time)
    _failures[port] = _failures.get(port, 0) + int(exception is not None)


def instance_summary(
    times: dict[str, list[float]], failures: dict[str, int]
) -> dict[str, dict[str, float | int | None]]:
    return {
        port: {
            "requests": len(values),
            "failures": failures.get(port, 0),
            "median_ms": round(statistics.median(values), 1) if values else None,
            "p95_ms": round(percentile(values, 0.95), 1) if values else None,
        }
        for port, values in times.items()
    }


@events.quitting.add_listener
def write_per_instance(**_kwargs) -> None:
    if PER_INSTANCE:
        summary = instance_summary(_times, _failures)
        Path(PER_INSTANCE).write_text(json.dumps(summary), encoding="utf-8")


def _load_captured() -> dict:
    return json.loads(CAPTURED.read_text(encoding="utf-8"))


CAPTURED_DATA = _load_captured() if CAPTURED.exists() else {"loads": {}, "changes": {}}


class DashboardUser(HttpUser):
    wait_time = between(3, 8)  # a user reads the charts before the next action

    def on_start(self) -> None:
        if HOSTS:  # users dealt over the servers in turn; each stays on its server
            self.client.base_url = HOSTS[next(_next_user) % len(HOSTS)]
        self.pages = [path for path in CAPTURED_DATA["changes"] if CAPTURED_DATA["changes"][path]]
        self.store = None

    def _callback(self, payload: dict, name: str):
        with self.client.post(
            CALLBACK, json=payload, name=name, timeout=TIMEOUT_SECONDS, catch_response=True
        ) as response:
            if response.status_code in (200, 204):
                response.success()
            else:
                response.failure(f"status {response.status_code}")
            return response

    @task(2)
    def open_page(self) -> None:
        path = random.choice(list(CAPTURED_DATA["loads"]))
        self.client.get(path, name="page: html", timeout=TIMEOUT_SECONDS)
        self.client.get("/_dash-layout", name="page: layout", timeout=TIMEOUT_SECONDS)
        self.client.get("/_dash-dependencies", name="page: dependencies", timeout=TIMEOUT_SECONDS)
        for item in CAPTURED_DATA["loads"][path]:
            self._callback(item["payload"], "page: start-up callback")

    @task(6)
    def change_filter(self) -> None:
        path = random.choice(self.pages)
        filter_id, chain = random.choice(list(CAPTURED_DATA["changes"][path].items()))
        sync_index = next(
            (
                i
                for i, item in enumerate(chain)
                if item["payload"]["output"].startswith(SYNC_PREFIX)
            ),
            None,
        )
        if sync_index is None:
            return
        sync = copy.deepcopy(chain[sync_index]["payload"])
        values = VALUES.get(filter_id) or [None]
        set_value(sync["inputs"], filter_id, "value", random.choice(values))
        if self.store is not None:
            set_value(sync.get("state", []), STORE_ID, "data", self.store)
        response = self._callback(sync, "filter: sync state")
        if response.status_code != 200:
            return
        store = response.json().get("response", {}).get(STORE_ID, {}).get("data")
        if store is None:
            return
        self.store = store
        seen = set()
        for item in chain[sync_index + 1 :]:
            payload = copy.deepcopy(item["payload"])
            if payload["output"] in seen or f"{STORE_ID}.data" not in payload.get(
                "changedPropIds", []
            ):
                continue
            seen.add(payload["output"])
            set_value(payload["inputs"], STORE_ID, "data", store)
            self._callback(payload, "filter: dependent callback")

    @task(1)
    def export(self) -> None:
        clicks = [items for items in CAPTURED_DATA.get("clicks", {}).values() if items]
        if not clicks:
            return
        for item in random.choice(clicks):
            payload = copy.deepcopy(item["payload"])
            if self.store is not None:
                set_value(payload.get("state", []), STORE_ID, "data", self.store)
            self._callback(payload, "export")
