"""One headless Chromium per process, kept running, that turns Plotly figures into image bytes.

kaleido 1.x starts a browser per call (~2-3 s) unless one is kept open. We keep a
`kaleido.Kaleido` open on an event loop in a daemon thread and submit renders to it with
`asyncio.run_coroutine_threadsafe`. We do not use `kaleido.start_sync_server`: its
`call_function` shares one result queue between callers (not thread-safe under a threaded
server) and waits forever if the browser thread has died, which would hang a request.

The browser is Debian's Chromium (config.CHROMIUM_PATH, also exported as BROWSER_PATH so that
kaleido never looks for, or offers to download, another one); plotly.js comes from the
installed plotly package and MathJax is off, so rendering needs no network.

A lock with a timeout bounds the wait: when the renderer is busy beyond LOCK_WAIT_SECONDS the
caller gets ExportBusy (a message for that user) instead of holding a server thread.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dashboard import config

if TYPE_CHECKING:
    import kaleido
    import plotly.graph_objects as go

IMAGE_FORMATS = ("png", "svg", "pdf")
TABS = int(os.environ.get("DASHBOARD_EXPORT_TABS", "1"))  # figures rendered at once
LOCK_WAIT_SECONDS = float(os.environ.get("DASHBOARD_EXPORT_WAIT", "20"))
RENDER_TIMEOUT_SECONDS = float(os.environ.get("DASHBOARD_EXPORT_TIMEOUT", "30"))
START_TIMEOUT_SECONDS = 30.0
LOGGER = logging.getLogger(__name__)
STALE_PAGE = "kaleido_scopes is not defined"  # a tab ran the render before its page loaded


class ExportError(Exception):
    """An export could not be made; the message is safe to show to the user."""


class ExportBusy(ExportError):
    """The renderer stayed busy with other exports for longer than we wait."""


class ExportUnavailable(ExportError):
    """No browser to render with (Chromium missing or failed to start)."""


@dataclass(frozen=True)
class ImageRequest:
    figure: go.Figure | dict
    format: str  # png | svg | pdf
    width: int
    height: int
    scale: float = 1.0


class _Renderer:
    """The browser, its event loop and the thread the loop runs in (one per process)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="kaleido-renderer", daemon=True
        )
        self.thread.start()
        self.browser: kaleido.Kaleido | None = None
        self.pid = os.getpid()

    def run(self, coroutine: Any, timeout: float) -> Any:
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            return future.result(timeout)
        except FutureTimeout:
            future.cancel()
            raise

    def open(self) -> None:
        self.run(self._open(), START_TIMEOUT_SECONDS)

    async def _open(self) -> None:
        import kaleido
        import plotly

        plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
        browser = kaleido.Kaleido(
            n=TABS,
            timeout=RENDER_TIMEOUT_SECONDS,
            plotlyjs=str(plotly_js),
            mathjax=False,
            path=config.CHROMIUM_PATH,
        )
        await browser.open()
        self.browser = browser

    async def _render_all(self, requests: Sequence[ImageRequest]) -> list[bytes]:
        """Every image; once more when a tab answered from a page it had not loaded yet.

        kaleido 1.5 asks a tab for its page's JavaScript context after starting to load the
        page; on a busy machine the context it is given can be the blank page's, so the
        render fails with "kaleido_scopes is not defined". kaleido reloads a tab after every
        render, which gives it the loaded page's context: the second try is drawn.
        """
        try:
            return await self._render_each(requests)
        except Exception as error:  # noqa: BLE001 - only the stale page is tried again
            if STALE_PAGE not in str(error):
                raise
            _stats["stale_pages"] += 1
            LOGGER.info("a Chromium tab had not loaded its page yet; rendering again")
            return await self._render_each(requests)

    async def _render_each(self, requests: Sequence[ImageRequest]) -> list[bytes]:
        assert self.browser is not None
        return list(
            await asyncio.gather(
                *(
                    self.browser.calc_fig(
                        request.figure,
                        opts={
                            "format": request.format,
                            "width": request.width,
                            "height": request.height,
                            "scale": request.scale,
                        },
                    )
                    for request in requests
                )
            )
        )

    def render_all(self, requests: Sequence[ImageRequest]) -> list[bytes]:
        timeout = RENDER_TIMEOUT_SECONDS * max(1, -(-len(requests) // TABS)) + 5
        return self.run(self._render_all(requests), timeout)

    def close(self) -> None:
        if self.browser is not None:
            try:
                self.run(self.browser.close(), 10)
            except Exception:  # noqa: BLE001 - a dead browser is what we are discarding
                pass
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


_lock = threading.Lock()
_renderer: _Renderer | None = None
_stats: dict[str, float] = {
    "starts": 0,
    "renders": 0,
    "last_start_seconds": 0.0,
    "stale_pages": 0,  # renders tried again because a tab had not loaded its page
}


def _ensure_started() -> _Renderer:
    """The running renderer, started on first use (and again in a forked worker)."""
    global _renderer
    if _renderer is not None and _renderer.pid == os.getpid() and _renderer.thread.is_alive():
        return _renderer
    chromium = Path(config.CHROMIUM_PATH)
    if not chromium.is_file():
        raise ExportUnavailable(
            f"Chromium not found at {chromium}; install it (apt-get install chromium) "
            "or set DASHBOARD_CHROMIUM"
        )
    os.environ["BROWSER_PATH"] = str(chromium)
    started = time.perf_counter()
    renderer = _Renderer()
    try:
        renderer.open()
    except Exception as error:
        renderer.close()
        raise ExportUnavailable(f"could not start Chromium for image export: {error}") from error
    _renderer = renderer
    if not _stats["starts"]:
        atexit.register(_discard)  # close Chromium rather than leave it to the OS
    _stats["starts"] += 1
    _stats["last_start_seconds"] = time.perf_counter() - started
    return renderer


def _discard() -> None:
    global _renderer
    if _renderer is not None:
        _renderer.close()
        _renderer = None


def render_images(requests: Sequence[ImageRequest], *, wait: float | None = None) -> list[bytes]:
    """Bytes of each requested image, in order; raises ExportError with a message on failure."""
    for request in requests:
        if request.format not in IMAGE_FORMATS:
            raise ExportError(f"unknown image format '{request.format}'")
    if not requests:
        return []
    if not _lock.acquire(timeout=LOCK_WAIT_SECONDS if wait is None else wait):
        raise ExportBusy("the image renderer is busy with other exports; try again shortly")
    try:
        renderer = _ensure_started()
        try:
            images = renderer.render_all(requests)
        except FutureTimeout:
            _discard()  # a stuck browser is replaced on the next export
            raise ExportError("rendering the image took too long and was stopped") from None
        except Exception as error:  # kaleido/choreographer raise many kinds; keep serving
            _discard()
            raise ExportError(f"rendering the image failed: {error}") from error
        _stats["renders"] += len(requests)
        return images
    finally:
        _lock.release()


def render_image(request: ImageRequest) -> bytes:
    return render_images([request])[0]


def warm_up() -> float:
    """Start the browser and render one small figure; returns the seconds it took."""
    started = time.perf_counter()
    render_image(
        ImageRequest(figure={"data": [], "layout": {}}, format="png", width=100, height=100)
    )
    return time.perf_counter() - started


def warm_up_in_background() -> threading.Thread:
    """Warm up without delaying the caller (the app calls this at start-up)."""

    def run() -> None:
        try:
            warm_up()
        except ExportError:
            pass  # the first export will report the problem to its user

    thread = threading.Thread(target=run, name="kaleido-warm-up", daemon=True)
    thread.start()
    return thread


def is_running() -> bool:
    return _renderer is not None and _renderer.thread.is_alive() and _renderer.pid == os.getpid()


def stats() -> dict[str, float]:
    return dict(_stats)


def shutdown() -> None:
    with _lock:
        _discard()
