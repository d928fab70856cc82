"""Exports made by the real renderer (kaleido on Debian's Chromium) and downloaded from the UI.

The first tests render the TEST view of tests/unit/test_export_context.py; the UI tests serve
the real built data and click the buttons as a user would.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import openpyxl
import pytest
from pptx import Presentation
from test_export_context import build_export_dataset, make_context

from dashboard import config
from dashboard.data.store import Dataset
from dashboard.export import images, kaleido_server
from dashboard.export.deck import build_deck
from dashboard.export.files import export_chart


@pytest.fixture(scope="session")
def export_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build_export_dataset(tmp_path_factory)


REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    not Path(config.CHROMIUM_PATH).exists(), reason=f"no Chromium at {config.CHROMIUM_PATH}"
)


def png_size(content: bytes) -> tuple[int, int]:
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", content[16:24])


# ------------------------------------------------------------------ rendered files


def test_png_is_twice_the_canvas_and_svg_holds_the_chinese_title_as_text(
    export_dataset: Dataset,
) -> None:
    context = make_context(export_dataset, "zh")
    png = export_chart(context, "returned-by-year", "png")
    assert png.name.endswith(".png") and png_size(png.content) == (2400, 1350)
    svg = export_chart(context, "returned-by-year", "svg").content.decode("utf-8")
    assert "已劝返人数" in svg
    assert "减贫研究数据库" in svg and "导出日期：2024-05-06" in svg
    assert "WenQuanYi Micro Hei" in svg


def test_pdf_holds_the_chinese_title_as_text(export_dataset: Dataset, tmp_path: Path) -> None:
    pdf = export_chart(make_context(export_dataset, "zh"), "rates", "pdf").content
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed: PDF text not checked")
    path = tmp_path / "chart.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "劝返率" in text and "西藏自治区 · 2019年" in text


def test_rendered_deck_has_a_picture_per_chart_and_is_quick_once_warm(
    export_dataset: Dataset,
) -> None:
    kaleido_server.warm_up()
    context = make_context(export_dataset, "en")
    started = time.perf_counter()
    deck = Presentation(io.BytesIO(build_deck(context)))
    seconds = time.perf_counter() - started
    slides = list(deck.slides)
    assert len(slides) == 1 + len(context.view.charts)
    for slide in slides[1:]:
        [picture] = [shape for shape in slide.shapes if shape.shape_type == 13]
        # the slide canvas (the picture's shape on the slide) at the PNG scale
        canvas = (images.SLIDE_WIDTH * images.PNG_SCALE, images.SLIDE_HEIGHT * images.PNG_SCALE)
        assert png_size(picture.image.blob) == canvas
    assert seconds < 15, f"a warm 3-chart deck took {seconds:.1f} s"


# ------------------------------------------------------------------ downloads from the app

LAUNCH = (
    "import sys, dashboard.export.ui\n"
    "from dashboard.app import create_app\n"
    "create_app().run(host='127.0.0.1', port=int(sys.argv[1]))\n"
)


@pytest.fixture(scope="module")
def export_app(tmp_path_factory: pytest.TempPathFactory):
    """The app on the real built data, with the export callbacks imported."""
    if not config.DATA_FILE.exists():
        pytest.skip(f"{config.DATA_FILE} is not built: run `python -m dashboard build`")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path_factory.mktemp("logs") / "export-app.log"
    env = {**os.environ, "DASHBOARD_DATA": str(config.DATA_FILE)}
    with log.open("w") as handle:
        process = subprocess.Popen(
            [sys.executable, "-c", LAUNCH, str(port)],
            cwd=REPO,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urlopen(url + "/", timeout=2):
                break
        except (URLError, ConnectionError, TimeoutError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"export app did not start:\n{log.read_text()}")
            time.sleep(0.3)

    class Served:
        pass

    served = Served()
    served.url, served.process, served.log = url, process, log
    yield served
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def download(page, click, timeout_ms: int = 60_000):
    with page.expect_download(timeout=timeout_ms) as info:
        click()
    return info.value


def first_chart_image(page, folder: Path) -> Path:
    """The first chart card's image, downloaded with its PNG button into folder."""
    page.wait_for_selector(".chart-card .chart-export button", timeout=30_000)
    image = download(page, lambda: page.locator(".chart-card .chart-export button").first.click())
    path = folder / image.suggested_filename
    image.save_as(path)
    return path


def test_user_downloads_an_image_a_deck_and_a_workbook(open_page, export_app, tmp_path) -> None:
    page = open_page(export_app, "/?lang=en")
    # Export buttons that only appear (the overview's cards drawn for another year) ask the
    # server for nothing; a pressed one asks once.
    sent: list[str] = []
    page.on(
        "request",
        lambda request: (
            sent.append(request.post_data or "")
            if "_dash-update-component" in request.url
            else None
        ),
    )
    page.evaluate("window.dash_clientside.set_props('filter-year', {value: 2018})")
    page.wait_for_selector(".chart-card .chart-export button", timeout=30_000)
    page.wait_for_timeout(2000)
    assert sent and not any("export-download" in body for body in sent)
    image_path = first_chart_image(page, tmp_path)
    assert sum("export-download" in body for body in sent) == 1
    assert image_path.name.endswith(".png")
    assert png_size(image_path.read_bytes()) == (2400, 1350)

    def open_menu_and_click(item_id: str):
        def click() -> None:
            page.locator(f"#{config_id('EXPORT_MENU')}").click()
            page.locator(f"#{item_id}").click()

        return click

    deck = download(page, open_menu_and_click(config_id("EXPORT_DECK")))
    deck_path = tmp_path / deck.suggested_filename
    deck.save_as(deck_path)
    slides = list(Presentation(str(deck_path)).slides)
    card_titles = page.locator(".chart-card h3").all_inner_texts()
    charts = slides[len(slides) - len(card_titles) :]  # after the cover and the briefing
    assert [slide.shapes.title.text for slide in charts] == card_titles
    assert "-en-" in deck.suggested_filename

    workbook = download(page, open_menu_and_click(config_id("EXPORT_DATA")))
    workbook_path = tmp_path / workbook.suggested_filename
    workbook.save_as(workbook_path)
    sheets = openpyxl.load_workbook(workbook_path).sheetnames
    # The overview's workbook leads with its briefing's headline figures.
    assert sheets == ["headlines", "data", "indicators", "sources", "filters", "how to cite"]
    assert page.console_errors == []
    assert page.external_requests == []


def config_id(name: str) -> str:
    from dashboard import ids

    return getattr(ids, name)
