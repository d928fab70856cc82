"""Shared fixtures for real-browser tests: a served app in a subprocess and headless Chromium.

- `served_test_app`: the app on a free port serving a tiny TEST dataset (deterministic).
- `served_app`: the app serving the real built data (data/indicators.parquet).
- `browser`: a Playwright Chromium (Debian's /usr/bin/chromium, never a downloaded one).
- `open_page(server, path)`: a new page at that path that records console errors and any
  request that tried to leave the machine; `page.console_errors` / `page.external_requests`.
- `wait_for_dash(page)`: waits until Dash has no callback in flight.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest

from dashboard import config

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = config.CHROMIUM_PATH
CHROMIUM_ARGS = list(config.CHROMIUM_ARGS)
START_TIMEOUT_S = 60

sys.path.insert(0, str(REPO / "tests" / "unit"))  # the shared TEST dataset (shell_dataset.py)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_file: Path, log: Path) -> Server:
    """`python -m dashboard serve` on a free loopback port; waits until it answers."""
    port = free_port()
    env = {**os.environ, "DASHBOARD_DATA": str(data_file), "PYTHONUNBUFFERED": "1"}
    handle = log.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "serve", "--port", str(port), "--data", str(data_file)],
        cwd=REPO,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()}")
        try:
            with urlopen(url + "/", timeout=2) as response:
                if response.status == 200:
                    return Server(url, process, log)
        except (URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"server did not start in {START_TIMEOUT_S}s:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def test_data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from shell_dataset import build_test_dataset

    return build_test_dataset(tmp_path_factory.mktemp("shell-data"))


@pytest.fixture(scope="session")
def served_test_app(test_data_file: Path, tmp_path_factory: pytest.TempPathFactory):
    server = start_server(test_data_file, tmp_path_factory.mktemp("logs") / "test-app.log")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def served_app(tmp_path_factory: pytest.TempPathFactory):

    if not config.DATA_FILE.exists():
        pytest.skip(f"{config.DATA_FILE} is not built: run `python -m dashboard build`")
    server = start_server(config.DATA_FILE, tmp_path_factory.mktemp("logs") / "app.log")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:"))


@pytest.fixture
def open_page(browser) -> Iterator[Callable]:
    """open_page(server, path="/", width=1440, height=900) -> a Playwright page."""
    contexts = []

    def opener(server: Server, path: str = "/", *, width: int = 1440, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.external_requests = []

        def on_console(message) -> None:
            if message.type == "error":
                page.console_errors.append(message.text)

        def on_request(route) -> None:
            if _is_local(route.request.url):
                route.continue_()
            else:
                page.external_requests.append(route.request.url)
                route.abort()

        page.on("console", on_console)
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.route("**/*", on_request)
        page.goto(server.url + path)
        wait_for_dash(page)
        return page

    yield opener
    for context in contexts:
        context.close()


def wait_for_dash(page, timeout_ms: int = 45_000) -> None:
    """Wait until the Dash app has rendered, no callback is pending and graphs are drawn."""
    page.wait_for_selector("#react-entry-point .shell", timeout=timeout_ms)
    # Dash callbacks are requests: wait until none has been in flight for 0.5 s.
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    page.wait_for_function(
        """() => {
            const loading = document.querySelector('[data-dash-is-loading="true"]');
            const graphs = [...document.querySelectorAll('.dash-graph')];
            const drawn = graphs.every(
                (graph) => graph.classList.contains('js-plotly-plot')
                    || graph.querySelector('.js-plotly-plot'));
            return !loading && drawn && !document.querySelector('._dash-loading');
        }""",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(300)


def draw_deferred_charts(page, timeout_ms: int = 60_000) -> None:
    """Scroll to each chart the page draws only near the screen (the overview's trends,
    assets/deferred_charts.js), as a reader scrolling down does, until every one is drawn."""
    while True:
        # One step in the page: a scroll may draw several, a new page body may replace them.
        slot = page.evaluate_handle("() => document.querySelector('.chart-deferred[data-graph]')")
        if slot.as_element() is None:
            break
        # Until it is drawn: charts drawn above it may move it (a reader scrolls on too).
        page.wait_for_function(
            """(slot) => {
                if (!slot.isConnected || !slot.hasAttribute('data-graph')) { return true; }
                slot.scrollIntoView({block: 'center'});
                return false;
            }""",
            arg=slot,
            polling=250,
            timeout=timeout_ms,
        )
    wait_for_dash(page, timeout_ms)
