"""Screenshots of every registered page in Chinese and English, on a laptop and a phone.

    python scripts/screenshots.py [--data data/indicators.parquet] [--out screenshots]

Writes <out>/<page>-<lang>.png (1440x900, full page) and <out>/<page>-<lang>-phone.png
(390 wide). Serves the app with `python -m dashboard serve` on a free loopback port and
drives Debian's Chromium through Playwright; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dashboard import config  # noqa: E402

CHROMIUM = config.CHROMIUM_PATH
CHROMIUM_ARGS = list(config.CHROMIUM_ARGS)
SIZES = {"": (1440, 900), "-phone": (390, 844)}
WAIT_MS = 60_000


def registered_pages() -> list[tuple[str, str]]:
    """(key, path) of every page the app registers, in navigation order."""
    import dash

    from dashboard.app import create_app
    from dashboard.components.search import page_key

    create_app()
    return [(page_key(page), page["path"]) for page in dash.page_registry.values()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(data: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "dashboard", "serve", "--port", str(port), "--data", str(data)]
    process = subprocess.Popen(command, cwd=REPO, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        if process.poll() is not None:
            raise SystemExit(f"the server stopped:\n{log.read_text()}")
        try:
            with urlopen(url + "/", timeout=2):
                return process, url
        except (URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"the server did not start:\n{log.read_text()}")


def settle(page) -> None:
    """Until Dash has no callback in flight and every graph is drawn."""
    page.wait_for_selector("#react-entry-point .shell", timeout=WAIT_MS)
    # Dash callbacks are requests: wait until none has been in flight for 0.5 s.
    page.wait_for_load_state("networkidle", timeout=WAIT_MS)
    page.wait_for_function(
        """() => {
            const loading = document.querySelector('[data-dash-is-loading="true"]');
            const graphs = [...document.querySelectorAll('.dash-graph')];
            return !loading && graphs.every((graph) => graph.classList.contains('js-plotly-plot')
                || graph.querySelector('.js-plotly-plot'));
        }""",
        timeout=WAIT_MS,
    )
    page.wait_for_timeout(800)


def main(argv: list[str] | None = None) -> int:

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=config.DATA_FILE)
    parser.add_argument("--out", type=Path, default=REPO / "screenshots")
    parser.add_argument("--pages", nargs="*", help="page keys to take (default: all)")
    arguments = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    pages = [
        (key, path)
        for key, path in registered_pages()
        if not arguments.pages or key in arguments.pages
    ]
    arguments.out.mkdir(parents=True, exist_ok=True)
    process, url = serve(arguments.data.resolve(), arguments.out / "server.log")
    problems = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for key, path in pages:
                for lang in ("zh", "en"):
                    for suffix, (width, height) in SIZES.items():
                        page = browser.new_page(viewport={"width": width, "height": height})
                        errors: list[str] = []
                        page.on(
                            "console",
                            lambda m, e=errors: e.append(m.text) if m.type == "error" else None,
                        )
                        page.on("pageerror", lambda error, e=errors: e.append(str(error)))
                        page.goto(f"{url}{path}" + ("?lang=en" if lang == "en" else ""))
                        settle(page)
                        target = arguments.out / f"{key}-{lang}{suffix}.png"
                        page.screenshot(path=str(target), full_page=True)
                        note = f"  console errors: {errors}" if errors else ""
                        problems += bool(errors)
                        print(f"{target}{note}", flush=True)
                        page.close()
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
