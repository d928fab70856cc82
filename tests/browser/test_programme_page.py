"""Any programme's page in a real browser: every embedded programme has charts in both
languages, and a new programme uploaded without a charts sheet gets its page and menu entry.

The upload is TEST DATA (tests/fixtures/userdata/test_upload_new_programme.xlsx); uploads go
to a temporary directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import start_server, stop_server, wait_for_dash

pytestmark = pytest.mark.browser
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "userdata"
CHARTS = ".chart-card .js-plotly-plot"


def chart_count(page) -> int:
    page.wait_for_selector(CHARTS, timeout=60_000)
    wait_for_dash(page, timeout_ms=60_000)
    return page.locator(CHARTS).count()


@pytest.mark.parametrize(
    "path", ["/program/enrolment", "/program/schools?lang=en", "/program/ict?lang=en"]
)
def test_a_programme_without_an_old_page_has_its_charts(served_app, open_page, path):
    page = open_page(served_app, path)
    assert chart_count(page) >= 1
    assert page.locator("h1").inner_text()
    assert page.console_errors == []


@pytest.fixture(scope="module")
def upload_server(served_app, tmp_path_factory: pytest.TempPathFactory):
    from dashboard import config

    uploads = tmp_path_factory.mktemp("uploads")
    previous = os.environ.get("DASHBOARD_UPLOADS")
    os.environ["DASHBOARD_UPLOADS"] = str(uploads)
    try:
        server = start_server(config.DATA_FILE, tmp_path_factory.mktemp("logs") / "up.log")
    finally:
        if previous is None:
            del os.environ["DASHBOARD_UPLOADS"]
        else:
            os.environ["DASHBOARD_UPLOADS"] = previous
    yield server
    stop_server(server)


def test_an_uploaded_programme_is_in_the_menu_with_its_own_page(upload_server, open_page):
    page = open_page(upload_server, "/upload?lang=en")
    page.set_input_files(
        "#upload-file input[type=file]", str(FIXTURE / "test_upload_new_programme.xlsx")
    )
    page.wait_for_selector(".upload-report-ok", timeout=60_000)
    wait_for_dash(page)
    page.click(".programme-menu .dropdown-toggle")
    page.click(".programme-menu .dropdown-item >> text=Test: vocational education aid")
    page.wait_for_url("**/program/test_vocational_aid?lang=en", timeout=60_000)
    assert chart_count(page) >= 2
    assert "Test: vocational education aid" in page.locator("h1").inner_text()
    axes = page.evaluate(
        """() => [...document.querySelectorAll('.chart-card .js-plotly-plot')]
            .map((plot) => ((plot.layout.yaxis || {}).title || {}).text || '')"""
    )
    assert "CNY million" in axes  # 1250.5万元, in the indicator's unit, scaled
    assert page.console_errors == []
