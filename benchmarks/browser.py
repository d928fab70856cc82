"""Headless Chromium: capture the callback requests of a filter change, and time redraws.

A filter change is made the way a dropdown selection makes it: Dash's
`dash_clientside.set_props(<filter id>, {value})` updates the control's value in the
renderer, which then calls /_dash-update-component exactly as after a click. Every request
to that endpoint is recorded with its payload, so the server benchmark can replay the same
chain of calls with other values.

The redraw time is from the change to the moment every callback has answered, every chart
(plotly.js `react`/`newPlot`) has finished drawing and the DOM has stopped changing (the
answers mounted), with nothing in flight and no change for 500 ms. dcc.Graph's size check
after a chart's box changed height (a marker class for 100 ms, then a relayout that draws
nothing when the chart already has that size) is not counted as a change, a redraw it makes is;
nor is AG Grid's screen-reader announcement of the new rows (a visually hidden live region it
fills 200 ms after the rows are drawn). Charts a page defers until
they are scrolled near (the overview's trends, assets/deferred_charts.js) are not drawn and not
waited for; `scroll_and_wait` times them.
Navigation is timed the same way: a full load (from the browser's navigation start) and a
move to the page inside the app (what a navigation link does: history.pushState and Dash's
`_dashprivate_pushstate` event). Each is split into the time callback requests were in
flight (the server, over loopback; from the Resource Timing API) and the browser's own work
over the same span (Chrome DevTools Performance metrics: ScriptDuration, LayoutDuration,
RecalcStyleDuration, TaskDuration).
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
READING_MS = 2000  # on the first screen before scrolling to the charts below it
CAPTURE_QUIET_MS = 1500  # nothing in flight this long: the chain of callbacks has ended

# Counts callback requests in flight and records when plotly.js finishes each draw.
INSTRUMENT = r"""
(() => {
  window.__bench = {pending: 0, lastActivity: performance.now(), lastResponse: 0, lastMutation: 0,
                    plots: []};
  performance.setResourceTimingBufferSize(100000);
  const realFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (!url.includes('_dash-update-component')) return realFetch.apply(this, arguments);
    window.__bench.pending += 1;
    window.__bench.lastActivity = performance.now();
    return realFetch.apply(this, arguments).finally(() => {
      window.__bench.pending -= 1;
      window.__bench.lastActivity = performance.now();
      window.__bench.lastResponse = window.__bench.lastActivity;
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
  // The page is drawn when the DOM stops changing too: a callback's answer is mounted by
  // React after it arrives, and a page without charts has no plotly.js draw to wait for.
  // Not counted: dcc.Graph's marker class while it checks a chart's size (Plots.resize waits
  // 100 ms after its box changed height, then relayouts). The class has no style; a chart
  // the check finds at another size is drawn again, and that drawing is counted.
  const MARKER = 'dash-graph--pending';
  const onlyMarker = (record) => {
    if (record.type !== 'attributes' || record.attributeName !== 'class') return false;
    const before = new Set(String(record.oldValue || '').split(/\s+/).filter(Boolean));
    const after = new Set(String(record.target.getAttribute('class') || '').split(/\s+/)
      .filter(Boolean));
    before.delete(MARKER);
    after.delete(MARKER);
    return before.size === after.size && [...before].every((name) => after.has(name));
  };
  // Nor AG Grid's screen-reader announcements: a visually hidden live region it fills 200 ms
  // after the rows change (its own delay, so that quick changes are not all read out).
  const announcement = (record) => {
    const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
    return !!(node && node.closest && node.closest('.ag-aria-description-container'));
  };
  const watchDom = () => new MutationObserver((records) => {
    if (records.every((record) => onlyMarker(record) || announcement(record))) return;
    const now = performance.now();
    window.__bench.lastActivity = now;
    window.__bench.lastMutation = now;
  }).observe(document.documentElement, {childList: true, subtree: true, attributes: true,
                                        attributeOldValue: true, characterData: true});
  if (document.documentElement) { watchDom(); }
  else { document.addEventListener('DOMContentLoaded', watchDom); }
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


# Callback requests in flight (their union, ms) from `start`, and the last chart drawn.
SPANS = """
(start) => {
  const calls = performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('_dash-update-component') && e.startTime >= start - 1)
    .map((e) => [e.startTime, e.responseEnd]).sort((a, b) => a[0] - b[0]);
  let server = 0, from = -1, to = -1;
  for (const [s, e] of calls) {
    if (s > to) { if (to > from) server += to - from; from = s; to = e; }
    else { to = Math.max(to, e); }
  }
  if (to > from) server += to - from;
  const plots = window.__bench.plots.filter((t) => t >= start);
  return {server: server, calls: calls.length, plots: plots.length,
          last: Math.max(start, ...plots, window.__bench.lastResponse, window.__bench.lastMutation),
          lastPlot: Math.max(start, ...plots),
          graphs: document.querySelectorAll('.js-plotly-plot').length,
          activity: window.__bench.lastActivity};
}
"""
CDP_METRICS = ("ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "TaskDuration")


@dataclass
class Redraw:
    seconds: float
    plots: int  # chart draws finished after the change
    graphs: int  # charts on the page
    server_ms: float = 0.0  # callback requests in flight (their union)
    calls: int = 0
    browser_ms: dict[str, float] = field(default_factory=dict)  # CDP metric deltas, ms


def _stats(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"median_ms": None, "p95_ms": None, "max_ms": None}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(max(values), 1),
    }


def _split(items: list[Redraw]) -> dict[str, Any]:
    """Median / p95 of the whole wait and of its parts (server, scripting, layout+style)."""
    found = _stats([1000 * item.seconds for item in items])
    found["server_median_ms"] = _stats([item.server_ms for item in items])["median_ms"]
    for name, metrics in (
        ("script", ("ScriptDuration",)),
        ("layout_style", ("LayoutDuration", "RecalcStyleDuration")),
        ("task", ("TaskDuration",)),
    ):
        values = [sum(item.browser_ms.get(metric, 0.0) for metric in metrics) for item in items]
        found[f"{name}_median_ms"] = _stats(values)["median_ms"] if items else None
    found["count"] = len(items)
    return found


@dataclass
class PageTimes:
    path: str
    redraws: list[Redraw] = field(default_factory=list)
    loads: list[Redraw] = field(default_factory=list)  # full page loads
    visits: list[Redraw] = field(default_factory=list)  # moves to the page inside the app
    scrolls: list[Redraw] = field(default_factory=list)  # to the first chart drawn on scroll
    timed_out_after: float | None = None  # seconds waited for a change that did not finish

    def summary(self) -> dict[str, Any]:
        seconds = [redraw.seconds for redraw in self.redraws]
        return {
            "path": self.path,
            "timed_out_after_s": round(self.timed_out_after, 1) if self.timed_out_after else None,
            "changes": len(seconds),
            "median_ms": round(1000 * statistics.median(seconds), 1) if seconds else None,
            "p95_ms": _stats([1000 * s for s in seconds])["p95_ms"],
            "max_ms": round(1000 * max(seconds), 1) if seconds else None,
            "charts": max((redraw.graphs for redraw in self.redraws), default=0),
            "draws_per_change": round(statistics.mean(r.plots for r in self.redraws), 1)
            if self.redraws
            else None,
            "change": _split(self.redraws),
            "load": _split(self.loads),
            "visit": _split(self.visits),
            "scroll": _split(self.scrolls),
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
    page.bench_cdp = context.new_cdp_session(page)
    page.bench_cdp.send("Performance.enable")
    recorder = Recorder(page) if record else None
    page.goto(url)
    page.wait_for_selector("#react-entry-point .shell")
    wait_quiet(page, timeout_ms, quiet_ms=CAPTURE_QUIET_MS if record else 500)
    page.bench_load = _measured(page, 0.0, cdp_before={})
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


def cdp_metrics(page: Any) -> dict[str, float]:
    """The renderer's cumulative DevTools Performance metrics we split times by (ms)."""
    session = getattr(page, "bench_cdp", None)
    if session is None:
        return {}
    metrics = session.send("Performance.getMetrics")["metrics"]
    return {item["name"]: 1000 * item["value"] for item in metrics if item["name"] in CDP_METRICS}


def _measured(page: Any, start: float, *, cdp_before: dict[str, float]) -> Redraw:
    """What happened since `start` (page clock, ms), once the page is quiet."""
    done = page.evaluate(SPANS, start)
    after = cdp_metrics(page)
    return Redraw(
        (done["last"] - start) / 1000,
        done["plots"],
        done["graphs"],
        server_ms=round(done["server"], 1),
        calls=done["calls"],
        browser_ms={name: round(after[name] - cdp_before.get(name, 0.0), 1) for name in after},
    )


def change_and_wait(page: Any, filter_id: str, value: Any, timeout_ms: int = 60_000) -> Redraw:
    before = cdp_metrics(page)
    start = set_filter(page, filter_id, value)
    page.wait_for_timeout(50)  # let the renderer send the first request
    wait_quiet(page, timeout_ms)
    return _measured(page, start, cdp_before=before)


def scroll_and_wait(page: Any, timeout_ms: int = 60_000) -> Redraw | None:
    """Scroll to the first chart still waiting to be drawn, as a reader scrolling down reaches
    it; wait until it (and any other the scroll brought near) is drawn. None: no chart waits."""
    before = cdp_metrics(page)
    start = page.evaluate(
        """() => {
            const slot = document.querySelector('.chart-deferred[data-graph]');
            if (!slot) return null;
            const start = performance.now();
            window.__bench.lastActivity = start;
            slot.scrollIntoView({block: 'center'});
            return start;
        }"""
    )
    if start is None:
        return None
    page.wait_for_timeout(50)
    wait_quiet(page, timeout_ms)
    return _measured(page, start, cdp_before=before)


def visit_and_wait(page: Any, path: str, timeout_ms: int = 60_000) -> Redraw:
    """Move to another page inside the app, as a navigation link does; wait until drawn."""
    before = cdp_metrics(page)
    start = page.evaluate(
        """(path) => {
            const start = performance.now();
            window.__bench.lastActivity = start;
            window.history.pushState({}, '', path);
            window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
            return start;
        }""",
        path,
    )
    page.wait_for_timeout(50)
    wait_quiet(page, timeout_ms)
    return _measured(page, start, cdp_before=before)


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
    of each of `clicks` (export buttons) on the first page that settles.

    {"loads": {path: [requests]}, "changes": {path: {filter id: [requests]}},
     "clicks": {component id: [requests]}, "failed": {path: why it was left out}}
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    captured: dict[str, Any] = {"loads": {}, "changes": {}, "clicks": {}, "failed": {}}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for path in paths:
                page = None
                try:  # a page that never settles is left out, not every page with it
                    page, load = open_page(browser, base_url + path, record=True)
                    chains = {
                        filter_id: capture_chain(page, filter_id, values[0])
                        for filter_id, values in changes.items()
                    }
                    if clicks and not captured["clicks"]:
                        captured["clicks"] = {click: capture_click(page, click) for click in clicks}
                    captured["loads"][path], captured["changes"][path] = load, chains
                except PlaywrightTimeout as error:
                    captured["failed"][path] = str(error).splitlines()[0][:200]
                finally:
                    if page is not None:
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
    visits: int = 0,
    first_page_loads: int = 1,
) -> list[PageTimes]:
    """Filter changes on each page, alternating between the given values; each page gets an
    equal share of `seconds` and stops (recording a time-out) when a change outlasts it.
    The first page is loaded `first_page_loads` times (each in a new browser context, as a
    new visitor), the others once. Then `visits` rounds of moves through the pages inside
    the app, in what time is left."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    results = []
    end = time.monotonic() + seconds
    deadline = time.monotonic() + seconds * (0.75 if visits and len(paths) > 1 else 1.0)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for number, path in enumerate(paths):
                share = (deadline - time.monotonic()) / (len(paths) - number)
                page_deadline = time.monotonic() + share
                times = PageTimes(path)
                results.append(times)
                try:
                    for _ in range(first_page_loads - 1 if number == 0 else 0):
                        extra = open_page(browser, base_url + path, timeout_ms=int(share * 1000))
                        times.loads.append(extra.bench_load)
                        extra.context.close()
                    page = open_page(browser, base_url + path, timeout_ms=int(share * 1000))
                except PlaywrightTimeout:
                    times.timed_out_after = share
                    continue
                times.loads.append(page.bench_load)
                page.wait_for_timeout(READING_MS)  # a reader looks at the first screen
                scrolled = scroll_and_wait(page, timeout_ms=int(share * 1000))
                if scrolled is not None:  # a chart below the first screen, drawn on the way
                    times.scrolls.append(scrolled)
                    page.evaluate("window.scrollTo(0, 0)")  # changes are made at the top
                    wait_quiet(page)
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
            _time_visits(browser, base_url, paths, results, visits, end)
        finally:
            browser.close()
    return results


def _time_visits(
    browser: Any,
    base_url: str,
    paths: list[str],
    results: list[PageTimes],
    rounds: int,
    deadline: float,
) -> None:
    """Move through the pages inside the app `rounds` times (each page from the one before)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    if rounds <= 0 or len(paths) < 2:
        return
    by_path = {times.path: times for times in results}
    try:
        page = open_page(browser, base_url + paths[-1])
    except PlaywrightTimeout:
        return
    try:
        for _ in range(rounds):
            for path in paths:
                left = deadline - time.monotonic()
                if left <= 2:
                    return
                by_path[path].visits.append(visit_and_wait(page, path, int(left * 1000)))
    except PlaywrightTimeout:
        return
    finally:
        page.context.close()
