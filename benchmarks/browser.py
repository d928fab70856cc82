"""Headless Chromium: capture the callback requests of a filter change, and time redraws.

A filter change is made the way a dropdown selection makes it: Dash's
`dash_clientside.set_props(<filter id>, {value})` updates the control's value in the
renderer, which then calls /_dash-update-component exactly as after a click. Every request
to that endpoint is recorded with its payload, so the server benchmark can replay the same
chain of calls with other values.

The redraw time is from the change to the moment every callback has answered and every
chart (plotly.js `react`/`newPlot`) has finished drawing, with nothing in flight for 300 ms.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from dashboard import config

CHROMIUM = config.CHROMIUM_PATH
CHROMIUM_ARGS = list(config.CHROMIUM_ARGS)
CALLBACK_PATH = "/_dash-update-component"
AREA_FILTER = "filter-area"
YEAR_FILTER = "filter-year"
CAPTURE_QUIET_MS = 1500  # nothing in flight this long: the chain of callbacks has ended

# Counts callback requests in flight and records when plotly.js finishes each draw.
INSTRUMENT = """
(() => {
  window.__bench = {pending: 0, lastActivity: performance.now(), plots: []};
  const realFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (!url.includes('_dash-update-component')) return realFetch.apply(this, arguments);
    window.__bench.pending += 1;
    window.__bench.lastActivity = performance.now();
    return realFetch.apply(this, arguments).finally(() => {
      window.__bench.pending -= 1;
      window.__bench.lastActivity = performance.now();
    });
  };
  const wrap = (plotly) => {
    if (!plotly || plotly.__benchWrapped) return;
    for (const name of ['react', 'newPlot']) {
      const real = plotly[name];
      plotly[name] = function () {
        window.__bench.lastActivity = performance.now();
        const result = real.apply(this, arguments);
        Promise.resolve(result).then(() => {
          const now = performance.now();
          window.__bench.plots.push(now);
          window.__bench.lastActivity = now;
        });
        return result;
      };
    }
    plotly.__benchWrapped = true;
  };
  const timer = setInterval(() => { if (window.Plotly) { wrap(window.Plotly); } }, 5);
  setTimeout(() => clearInterval(timer), 120000);
})();
"""

QUIET = """
(quietMs) => {
  const b = window.__bench;
  const loading = document.querySelector('[data-dash-is-loading="true"]');
  return b && b.pending === 0 && !loading && !document.querySelector('._dash-loading')
    && performance.now() - b.lastActivity > quietMs;
}
"""


@dataclass
class Redraw:
    seconds: float
    plots: int  # chart draws finished after the change
    graphs: int  # charts on the page


@dataclass
class PageTimes:
    path: str
    redraws: list[Redraw] = field(default_factory=list)
    timed_out_after: float | None = None  # seconds waited for a change that did not finish

    def summary(self) -> dict[str, Any]:
        seconds = [redraw.seconds for redraw in self.redraws]
        return {
            "path": self.path,
            "timed_out_after_s": round(self.timed_out_after, 1) if self.timed_out_after else None,
            "changes": len(seconds),
            "median_ms": round(1000 * statistics.median(seconds), 1) if seconds else None,
            "max_ms": round(1000 * max(seconds), 1) if seconds else None,
            "charts": max((redraw.graphs for redraw in self.redraws), default=0),
            "draws_per_change": round(statistics.mean(r.plots for r in self.redraws), 1)
            if self.redraws
            else None,
        }


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def open_page(browser: Any, url: str, *, timeout_ms: int = 60_000, record: bool = False) -> Any:
    """A new page at url, quiet; with record=True, (page, the callback requests of its load)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.add_init_script(INSTRUMENT)

    def only_loopback(route: Any) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    recorder = Recorder(page) if record else None
    page.goto(url)
    page.wait_for_selector("#react-entry-point .shell")
    wait_quiet(page, timeout_ms, quiet_ms=CAPTURE_QUIET_MS if record else 500)
    if recorder is None:
        return page
    recorder.close()
    return page, recorder.take()


def wait_quiet(page: Any, timeout_ms: int = 60_000, quiet_ms: int = 500) -> None:
    page.wait_for_function(QUIET, arg=quiet_ms, timeout=timeout_ms, polling=25)


def set_filter(page: Any, filter_id: str, value: Any) -> float:
    """Change a filter control's value as a user selection would; returns the page clock."""
    return page.evaluate(
        """([id, value]) => {
            const start = performance.now();
            window.__bench.lastActivity = start;
            window.dash_clientside.set_props(id, {value: value});
            return start;
        }""",
        [filter_id, value],
    )


def change_and_wait(page: Any, filter_id: str, value: Any, timeout_ms: int = 60_000) -> Redraw:
    start = set_filter(page, filter_id, value)
    page.wait_for_timeout(50)  # let the renderer send the first request
    wait_quiet(page, timeout_ms)
    done = page.evaluate(
        """(start) => {
            const plots = window.__bench.plots.filter((t) => t >= start);
            const graphs = document.querySelectorAll('.js-plotly-plot').length;
            return {last: Math.max(start, ...plots), plots: plots.length, graphs: graphs,
                    activity: window.__bench.lastActivity};
        }""",
        start,
    )
    finished = max(done["last"], min(done["activity"], done["last"] + 10_000))
    return Redraw((finished - start) / 1000, done["plots"], done["graphs"])


class Recorder:
    """Records every callback request a page sends (payload, status, response size)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.items: list[dict[str, Any]] = []
        page.on("response", self._on_response)

    def _on_response(self, response: Any) -> None:
        request = response.request
        if request.method != "POST" or CALLBACK_PATH not in request.url:
            return
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a response the page navigated away from
            body = b""
        self.items.append(
            {
                "payload": json.loads(request.post_data or "null"),
                "status": response.status,
                "bytes": len(body),
            }
        )

    def take(self) -> list[dict[str, Any]]:
        items, self.items = self.items, []
        return items

    def close(self) -> None:
        self.page.remove_listener("response", self._on_response)


def capture_chain(page: Any, filter_id: str, value: Any) -> list[dict[str, Any]]:
    """The callback requests (payload, status, response size) that one filter change sends."""
    recorder = Recorder(page)
    try:
        set_filter(page, filter_id, value)
        page.wait_for_timeout(50)
        wait_quiet(page, quiet_ms=CAPTURE_QUIET_MS)
        return recorder.take()
    finally:
        recorder.close()


def capture_click(page: Any, component_id: str) -> list[dict[str, Any]]:
    """The callback requests sent when a button (e.g. an export menu item) is clicked."""
    recorder = Recorder(page)
    try:
        page.evaluate("(id) => window.dash_clientside.set_props(id, {n_clicks: 1})", component_id)
        page.wait_for_timeout(50)
        wait_quiet(page, timeout_ms=120_000, quiet_ms=CAPTURE_QUIET_MS)
        return recorder.take()
    finally:
        recorder.close()


def capture_all(
    base_url: str,
    paths: list[str],
    changes: dict[str, list[Any]],
    clicks: tuple[str, ...] = (),
) -> dict[str, Any]:
    """What the browser sends: on each page, its load, one change of each filter, and a click
    of each of `clicks` (export buttons) on the first page.

    {"loads": {path: [requests]}, "changes": {path: {filter id: [requests]}},
     "clicks": {component id: [requests]}}
    """
    from playwright.sync_api import sync_playwright

    captured: dict[str, Any] = {"loads": {}, "changes": {}, "clicks": {}}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for number, path in enumerate(paths):
                page, load = open_page(browser, base_url + path, record=True)
                captured["loads"][path] = load
                captured["changes"][path] = {
                    filter_id: capture_chain(page, filter_id, values[0])
                    for filter_id, values in changes.items()
                }
                if number == 0:
                    captured["clicks"] = {click: capture_click(page, click) for click in clicks}
                page.context.close()
        finally:
            browser.close()
    return captured


def time_redraws(
    base_url: str,
    paths: list[str],
    changes: dict[str, list[Any]],
    repeats: int,
    seconds: float = 600.0,
) -> list[PageTimes]:
    """Filter changes on each page, alternating between the given values; each page gets an
    equal share of `seconds` and stops (recording a time-out) when a change outlasts it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    results = []
    deadline = time.monotonic() + seconds
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for number, path in enumerate(paths):
                share = (deadline - time.monotonic()) / (len(paths) - number)
                page_deadline = time.monotonic() + share
                times = PageTimes(path)
                results.append(times)
                try:
                    page = open_page(browser, base_url + path, timeout_ms=int(share * 1000))
                except PlaywrightTimeout:
                    times.timed_out_after = share
                    continue
                for change in range(repeats):
                    left = page_deadline - time.monotonic()
                    if left <= 1:
                        break
                    filter_id = list(changes)[change % len(changes)]
                    values = changes[filter_id]
                    value = values[(change // len(changes)) % len(values)]
                    try:
                        times.redraws.append(
                            change_and_wait(page, filter_id, value, timeout_ms=int(left * 1000))
                        )
                    except PlaywrightTimeout:
                        times.timed_out_after = left
                        break
                page.context.close()
        finally:
            browser.close()
    return results
