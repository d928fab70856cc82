"""Replay captured filter changes against a running server through POST /_dash-update-component.

A captured chain is what the browser sent for one filter change: first the shell's
`sync_state` call (the control's new value -> the filter store), then every callback that
listens to the store (the page body, the shell, search). Replaying sends the same payloads
with another value for the control and, in the dependent calls, the store value that
`sync_state` just answered, one call after another, like one user's browser. A filter
change's server time is the sum over its calls (the browser runs the dependent calls at the
same time, so the user may wait less; on two cores, not much less).

Like the browser, a session sends as a call's State what the server last answered for it:
a page's store of what it has drawn (the map's figure digests, the Sources list's language)
goes back with the next change, so a chart or list the change leaves as it is is not
rebuilt or resent, as in the browser. The first change of a page sends the captured values.
"""

from __future__ import annotations

import copy
import http.client
import json
import random
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from benchmarks.server import HOST, Server

STORE_ID = "filter-state"
SYNC_PREFIX = "..url.search...filter-state.data"


@dataclass
class Call:
    output: str
    seconds: float
    status: int
    response_bytes: int


@dataclass
class Change:
    page: str
    filter_id: str
    seconds: float
    cpu_seconds: float  # server process CPU time spent on the change
    calls: list[Call] = field(default_factory=list)

    @property
    def response_bytes(self) -> int:
        return sum(call.response_bytes for call in self.calls)


@dataclass
class Replay:
    changes: list[Change]
    timed_out: dict[str, float]  # page -> seconds waited for a change that never finished


def post(
    port: int, payload: Any, timeout: float = 120.0, query: str = ""
) -> tuple[int, bytes, float]:
    """One callback request (`query`: e.g. a background callback's "?cacheKey=...&job=...")."""
    body = json.dumps(payload).encode("utf-8")
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        started = time.perf_counter()
        connection.request(
            "POST",
            "/_dash-update-component" + query,
            body=body,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        response = connection.getresponse()
        data = response.read()
        return response.status, data, time.perf_counter() - started
    finally:
        connection.close()


def split_chain(chain: list[dict]) -> tuple[dict, list[dict]]:
    """The sync_state call and the first call of each dependent callback after it."""
    sync_index = next(
        index
        for index, item in enumerate(chain)
        if item["payload"]["output"].startswith(SYNC_PREFIX)
    )
    dependents: dict[str, dict] = {}
    for item in chain[sync_index + 1 :]:
        payload = item["payload"]
        if STORE_ID + ".data" in payload.get("changedPropIds", []):
            dependents.setdefault(payload["output"], payload)
    return chain[sync_index]["payload"], list(dependents.values())


def set_value(items: list, component_id: str, prop: str, value: Any) -> None:
    for item in items:
        if (
            isinstance(item, dict)
            and item.get("id") == component_id
            and item.get("property") == prop
        ):
            item["value"] = value


def _store_from(response: bytes) -> Any:
    data = json.loads(response)
    return data.get("response", {}).get(STORE_ID, {}).get("data")


class Session:
    """One user's filter state across replayed changes (the store the browser would hold),
    and the last answered value of every other property the page's calls read as State."""

    def __init__(self, sync_payload: dict) -> None:
        state = sync_payload.get("state", [])
        self.store = next((item.get("value") for item in state if item.get("id") == STORE_ID), None)
        self.answered: dict[tuple[str, str], Any] = {}

    def send_as_browser(self, payload: dict) -> None:
        """The payload's State items set to what the server last answered for them."""
        for item in payload.get("state", []):
            key = (item.get("id"), item.get("property"))
            if key in self.answered:
                item["value"] = self.answered[key]

    def remember(self, body: bytes, read: set[tuple[str, str]]) -> None:
        """The answered values of the properties in `read` (what some call reads as State)."""
        try:
            response = json.loads(body).get("response", {})
        except ValueError:
            return
        for component, properties in response.items():
            for name, value in properties.items():
                if (component, name) in read:
                    self.answered[(component, name)] = value

    def change(
        self,
        server: Server,
        page: str,
        filter_id: str,
        value: Any,
        sync_payload: dict,
        dependents: list[dict],
        deadline: float | None = None,
    ) -> Change | None:
        """One filter change; raises TimeoutError when a call runs past the deadline."""

        def timeout() -> float:
            if deadline is None:
                return 120.0
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("out of time")
            return min(120.0, left)

        sync = copy.deepcopy(sync_payload)
        set_value(sync["inputs"], filter_id, "value", value)
        set_value(sync.get("state", []), STORE_ID, "data", self.store)
        sync["changedPropIds"] = [f"{filter_id}.value"]
        cpu_before = server.cpu_seconds()
        status, body, seconds = post(server.port, sync, timeout())
        calls = [Call(sync["output"], seconds, status, len(body))]
        if status == 204:
            return None  # the value did not change the state: not a filter change
        store = _store_from(body) if status == 200 else None
        if store is None:
            return Change(page, filter_id, seconds, server.cpu_seconds() - cpu_before, calls)
        self.store = store
        read = {
            (item.get("id"), item.get("property"))
            for template in dependents
            for item in template.get("state", [])
            if isinstance(item.get("id"), str)
        }
        for template in dependents:
            payload = copy.deepcopy(template)
            set_value(payload["inputs"], STORE_ID, "data", store)
            self.send_as_browser(payload)
            status, body, seconds = post(server.port, payload, timeout())
            calls.append(Call(payload["output"], seconds, status, len(body)))
            if status == 200:
                self.remember(body, read)
        total = sum(call.seconds for call in calls)
        return Change(page, filter_id, total, server.cpu_seconds() - cpu_before, calls)


def replay(
    server: Server,
    captured: dict[str, dict[str, list[dict]]],
    values: dict[str, list[Any]],
    changes_per_page: int,
    *,
    seed: int = 6,
    deadline: float | None = None,
) -> Replay:
    """`changes_per_page` changes on every captured page, alternating filters and values."""
    rng = random.Random(seed)
    done: list[Change] = []
    timed_out: dict[str, float] = {}  # page -> seconds waited for a change that did not finish
    pages = list(captured.items())
    for number, (page, chains) in enumerate(pages):
        usable = {
            filter_id: split_chain(chain)
            for filter_id, chain in chains.items()
            if chain and any(i["payload"]["output"].startswith(SYNC_PREFIX) for i in chain)
        }
        if not usable:
            continue
        # Each page gets its share of the time left, so a slow page cannot starve the others.
        page_deadline = None
        if deadline is not None:
            page_deadline = time.monotonic() + (deadline - time.monotonic()) / (len(pages) - number)
        session = Session(next(iter(usable.values()))[0])
        made = 0
        attempts = 0
        while made < changes_per_page and attempts < changes_per_page * 3:
            attempts += 1
            filter_id = list(usable)[attempts % len(usable)]
            sync_payload, dependents = usable[filter_id]
            value = rng.choice(values[filter_id])
            started_change = time.monotonic()
            try:
                change = session.change(
                    server, page, filter_id, value, sync_payload, dependents, page_deadline
                )
            except TimeoutError:  # also socket timeouts: a call that outlasted the budget
                waited = time.monotonic() - started_change
                timed_out[page] = round(waited, 1)
                wait_until_idle(server)
                break
            if change is not None:
                done.append(change)
                made += 1
    return Replay(done, timed_out)


def wait_until_idle(server: Server, limit: float = 60.0) -> None:
    """After a call was abandoned the server may still be working on it: wait until its CPU
    time stops growing (so the next page is not measured against leftover work)."""
    until = time.monotonic() + limit
    previous = server.cpu_seconds()
    while time.monotonic() < until:
        time.sleep(0.5)
        current = server.cpu_seconds()
        if current - previous < 0.05:
            return
        previous = current


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summarise(changes: list[Change]) -> dict[str, Any]:
    """Median and p95 of whole changes, per page and overall, with the slowest call."""

    def stats(items: list[Change]) -> dict[str, Any]:
        seconds = [item.seconds for item in items]
        cpu = [item.cpu_seconds for item in items]
        calls: dict[str, list[float]] = {}
        for item in items:
            for call in item.calls:
                calls.setdefault(call.output, []).append(call.seconds)
        slowest = max(calls.items(), key=lambda pair: statistics.median(pair[1]), default=None)
        errors = sum(1 for item in items for call in item.calls if call.status >= 500)
        return {
            "changes": len(items),
            "median_ms": round(1000 * statistics.median(seconds), 1) if seconds else None,
            "p95_ms": round(1000 * percentile(seconds, 0.95), 1) if seconds else None,
            "cpu_median_ms": round(1000 * statistics.median(cpu), 1) if cpu else None,
            "response_kb_median": round(
                statistics.median(item.response_bytes for item in items) / 1024, 1
            )
            if items
            else None,
            "response_kb_max": round(max(item.response_bytes for item in items) / 1024, 1)
            if items
            else None,
            "slowest_call": _short(slowest[0]) if slowest else None,
            "slowest_call_median_ms": round(1000 * statistics.median(slowest[1]), 1)
            if slowest
            else None,
            "server_errors": errors,
        }

    pages: dict[str, list[Change]] = {}
    for change in changes:
        pages.setdefault(change.page, []).append(change)
    return {"all": stats(changes), "pages": {page: stats(items) for page, items in pages.items()}}


def _short(output: str) -> str:
    return output if len(output) <= 48 else output[:45] + "..."
