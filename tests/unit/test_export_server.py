"""The image renderer refuses clearly instead of hanging: busy, missing browser, bad format."""

from __future__ import annotations

import threading

import pytest

from dashboard import config
from dashboard.export import kaleido_server
from dashboard.export.kaleido_server import (
    ExportBusy,
    ExportError,
    ExportUnavailable,
    ImageRequest,
    render_images,
)

REQUEST = ImageRequest(figure={"data": [], "layout": {}}, format="png", width=10, height=10)


def test_unknown_image_format_is_refused_before_any_browser_starts() -> None:
    with pytest.raises(ExportError, match="unknown image format 'gif'"):
        render_images([ImageRequest({"data": []}, "gif", 10, 10)])


def test_busy_renderer_gives_up_after_the_wait_with_a_message() -> None:
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with kaleido_server._lock:  # noqa: SLF001 - another user's export in progress
            held.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    try:
        with pytest.raises(ExportBusy, match="busy"):
            render_images([REQUEST], wait=0.05)
    finally:
        release.set()
        thread.join()


def test_missing_chromium_is_reported_not_downloaded(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(kaleido_server, "_renderer", None)
    monkeypatch.setattr(config, "CHROMIUM_PATH", str(tmp_path / "no-chromium"))
    with pytest.raises(ExportUnavailable, match="Chromium not found"):
        render_images([REQUEST])
    assert not kaleido_server._lock.locked()  # noqa: SLF001 - released after the failure


def test_failed_render_discards_the_browser_and_releases_the_lock(monkeypatch) -> None:
    class BrokenRenderer:
        pid = None
        closed = False

        def render_all(self, requests):
            raise RuntimeError("tab crashed")

        def close(self) -> None:
            BrokenRenderer.closed = True

    broken = BrokenRenderer()
    monkeypatch.setattr(kaleido_server, "_ensure_started", lambda: broken)
    monkeypatch.setattr(kaleido_server, "_renderer", broken)
    with pytest.raises(ExportError, match="rendering the image failed: tab crashed"):
        render_images([REQUEST])
    assert BrokenRenderer.closed
    assert kaleido_server._renderer is None  # noqa: SLF001 - a fresh browser next time
    assert not kaleido_server._lock.locked()  # noqa: SLF001


class TabsOfABusyMachine:
    """kaleido's browser as it answers on a busy machine: a tab that ran the render in the
    blank page it had before its page loaded (kaleido reloads it after every render)."""

    def __init__(self, stale: int, error: str = "ReferenceError: kaleido_scopes is not defined"):
        self.stale, self.error, self.calls = stale, error, 0

    async def calc_fig(self, figure, opts):
        self.calls += 1
        if self.calls <= self.stale:
            raise RuntimeError({"result": {"description": self.error}})
        return b"image of %dx%d" % (opts["width"], opts["height"])


def test_a_tab_that_had_not_loaded_its_page_is_asked_again(monkeypatch) -> None:
    renderer = kaleido_server._Renderer()  # noqa: SLF001 - its loop, with kaleido's answers
    try:
        renderer.browser = TabsOfABusyMachine(stale=1)
        assert renderer.render_all([REQUEST]) == [b"image of 10x10"]
        assert renderer.browser.calls == 2
        # Twice stale is a broken browser, not a slow page: the error goes to the caller.
        renderer.browser = TabsOfABusyMachine(stale=2)
        with pytest.raises(RuntimeError, match="kaleido_scopes"):
            renderer.render_all([REQUEST])
        # Any other error is not tried again.
        renderer.browser = TabsOfABusyMachine(stale=1, error="TypeError: bad figure")
        with pytest.raises(RuntimeError, match="bad figure"):
            renderer.render_all([REQUEST])
        assert renderer.browser.calls == 1
    finally:
        renderer.browser = None
        renderer.close()
