"""The Upload page in a real browser: a report of problems, then a valid file seen on a chart.

The app serves the shell's TEST dataset; the uploaded files are TEST DATA from
tests/fixtures/userdata. Uploads go to a temporary directory, never to data/uploads.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import draw_deferred_charts, start_server, stop_server, wait_for_dash

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "userdata"
FILE_INPUT = "#upload-file input[type=file]"


@pytest.fixture(scope="module")
def upload_app(test_data_file: Path, tmp_path_factory: pytest.TempPathFactory):
    uploads = tmp_path_factory.mktemp("uploads")
    previous = os.environ.get("DASHBOARD_UPLOADS")
    os.environ["DASHBOARD_UPLOADS"] = str(uploads)
    try:
        server = start_server(test_data_file, tmp_path_factory.mktemp("logs") / "upload.log")
    finally:
        if previous is None:
            del os.environ["DASHBOARD_UPLOADS"]
        else:
            os.environ["DASHBOARD_UPLOADS"] = previous
    server.uploads = uploads
    yield server
    stop_server(server)


def upload(page, name: str) -> None:
    page.set_input_files(FILE_INPUT, str(FIXTURES / name))
    page.wait_for_selector(".upload-report-bad, .upload-report-ok", timeout=30_000)
    wait_for_dash(page)


def plotted_values(page) -> list[float]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
            .flatMap((plot) => plot.data || [])
            .flatMap((trace) => [...(trace.y || []), ...(trace.x || [])])
            .filter((value) => typeof value === 'number')"""
    )


def test_a_bad_file_shows_every_problem_as_text_and_stores_nothing(upload_app, open_page):
    page = open_page(upload_app, "/upload?lang=en")
    upload(page, "test_bad_browser_shell_data.csv")
    title = page.inner_text(".upload-report-bad .alert")
    assert "test_bad_browser_shell_data.csv: 3 problem(s) found" in title
    rows = page.locator(".upload-problems tbody tr").all_inner_texts()
    assert any("\t2\tarea\t日客则市\t" in row and "日喀则市 (540200)" in row for row in rows)
    assert any("\t3\tvalue\t120.5\t" in row for row in rows)
    assert any("\t4\tunit\t万美元\t" in row for row in rows)
    assert page.locator(".upload-problems script, .upload-problems b").count() == 0
    assert list(upload_app.uploads.iterdir()) == []
    assert page.console_errors == []


def test_a_valid_upload_is_reported_then_seen_on_the_overview_chart(upload_app, open_page):
    page = open_page(upload_app, "/upload")
    assert 12345 not in plotted_values(page)
    upload(page, "test_upload_browser_shell_data.csv")
    assert "检查通过" in page.inner_text(".upload-report-ok .alert")
    assert "正在预览：test_upload_browser_shell_data.csv" in page.inner_text("#upload-status")
    page.click("text=去总览查看")
    wait_for_dash(page)
    draw_deferred_charts(page)  # the trends are drawn as the reader scrolls down to them
    assert 12345 in plotted_values(page)  # the uploaded 2020 value, on a trend chart
    # The 2020 upload is the latest reading, in the (collapsed) list of every indicator.
    page.click("#overview-all-summary")
    page.wait_for_selector(".all-indicators .kpi-card")
    assert "12,345人" in page.locator(".all-indicators .kpi-card .kpi-value").all_text_contents()
    badge = page.locator("#upload-badge")
    if badge.count():  # the shell's badge container (ids.UPLOAD_BADGE)
        assert "预览上传" in badge.inner_text()
        page.click("#upload-badge-clear")
        wait_for_dash(page)
        page.wait_for_function("() => !document.querySelector('#upload-badge .upload-badge')")
        wait_for_dash(page)
        draw_deferred_charts(page)
        assert page.locator(".chart-card .js-plotly-plot").count() > 0
        assert 12345 not in plotted_values(page)
    assert page.console_errors == []


def test_the_template_downloads_as_a_workbook(upload_app, open_page, tmp_path: Path):
    page = open_page(upload_app, "/upload?lang=en")
    with page.expect_download() as download:
        page.click("#upload-template-button")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".xlsx" and saved.read_bytes()[:2] == b"PK"
