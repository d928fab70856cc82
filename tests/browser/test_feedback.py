"""Feedback in the browser (issue 16, defect 9): an oversize upload and a failed callback say
so, in the page's language, instead of "no file uploaded" or nothing happening."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import start_server, stop_server, wait_for_dash

pytestmark = pytest.mark.browser

FILE_INPUT = "#upload-file input[type=file]"
CALLBACKS = re.compile(r"/_dash-update-component")  # Dash adds a query string
LIMIT_BYTES = 300_000  # a small upload limit for this server, so the test file is small


@pytest.fixture(scope="module")
def small_limit_app(test_data_file: Path, tmp_path_factory: pytest.TempPathFactory):
    previous = os.environ.get("DASHBOARD_MAX_UPLOAD_BYTES")
    os.environ["DASHBOARD_MAX_UPLOAD_BYTES"] = str(LIMIT_BYTES)
    try:
        server = start_server(test_data_file, tmp_path_factory.mktemp("logs") / "limit.log")
    finally:
        if previous is None:
            del os.environ["DASHBOARD_MAX_UPLOAD_BYTES"]
        else:
            os.environ["DASHBOARD_MAX_UPLOAD_BYTES"] = previous
    yield server
    stop_server(server)


@pytest.mark.parametrize(("lang", "expected"), [("en", "is too large"), ("zh", "太大")])
def test_a_file_over_the_limit_is_named_with_its_size_and_the_limit(
    small_limit_app, open_page, lang: str, expected: str
) -> None:
    page = open_page(small_limit_app, f"/upload?lang={lang}")
    oversize = b"x" * (3 * LIMIT_BYTES)
    page.set_input_files(
        FILE_INPUT, files=[{"name": "big.csv", "mimeType": "text/csv", "buffer": oversize}]
    )
    alert = page.locator("#upload-size-alert")
    alert.wait_for(state="visible", timeout=10_000)
    text = alert.inner_text()
    assert expected in text and "big.csv" in text
    assert "0.9" in text  # the file's size in MB
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize(
    ("status", "lang", "expected"),
    [(500, "en", "error 500"), (413, "en", "larger than the server accepts"), (500, "zh", "500")],
)
def test_a_failed_callback_shows_an_alert(
    served_test_app, open_page, status: int, lang: str, expected: str
) -> None:
    page = open_page(served_test_app, f"/dropout?lang={lang}")
    alert = page.locator("#callback-error-alert")
    assert alert.is_hidden()
    page.route(
        CALLBACKS,
        lambda route: route.fulfill(status=status, body="failed", content_type="text/plain"),
    )
    # Switching language asks the server; it fails, so the page keeps its language.
    page.click("#lang-zh" if lang == "en" else "#lang-en")
    alert.wait_for(state="visible", timeout=10_000)
    assert expected in alert.inner_text()
    page.unroute(CALLBACKS)
    page.click("#callback-error-alert .btn-close")
    assert alert.is_hidden()


def test_a_callback_that_raises_shows_an_alert(served_test_app, open_page) -> None:
    page = open_page(served_test_app, "/dropout?lang=en")

    def raised(route) -> None:
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "x-dashboard-callback-error": "1"}
        )

    page.route(CALLBACKS, raised)
    page.click("#lang-zh")
    alert = page.locator("#callback-error-alert")
    alert.wait_for(state="visible", timeout=10_000)
    text = alert.inner_text()  # in English, or in Chinese if the switch got there first
    assert "the server hit an error" in text or "服务器处理时出错" in text
    wait_for_dash(page)
