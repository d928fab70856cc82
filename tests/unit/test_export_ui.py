"""The export callback's parts, called directly: which button, which file, which message."""

from __future__ import annotations

import base64
import io

import openpyxl
import pytest
from test_export_context import build_export_dataset, make_view

from dashboard import ids
from dashboard.data.store import Dataset
from dashboard.export import ui
from dashboard.export.kaleido_server import ExportBusy
from dashboard.state import FilterState, to_store
from dashboard.views import VIEWS


@pytest.fixture(scope="session")
def export_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build_export_dataset(tmp_path_factory)


@pytest.fixture
def test_page(monkeypatch: pytest.MonkeyPatch, export_dataset: Dataset) -> str:
    monkeypatch.setitem(VIEWS, "export_test", lambda dataset, state: make_view(dataset, state.lang))
    monkeypatch.setattr(ui, "session_dataset", lambda upload: export_dataset)
    return "export_test"


@pytest.mark.parametrize(
    ("trigger", "expected"),
    [
        (ids.chart_export("rates", "svg"), ("rates", "svg")),
        (ids.chart_export("rates", "pptx"), None),
        (ui.page_export_id("csv"), (None, "csv")),
        (ui.page_export_id("exe"), None),
        (ids.EXPORT_DECK, (None, "pptx")),
        (ids.EXPORT_DATA, (None, "xlsx")),
        ("something-else", None),
    ],
)
def test_export_request_reads_the_clicked_button(trigger, expected) -> None:
    assert ui.export_request(trigger) == expected


@pytest.mark.parametrize(
    ("path", "page"),
    [("/", "overview"), (None, "overview"), ("/dropout", "dropout"), ("/data/", "data")],
)
def test_view_page_of_a_path(path, page) -> None:
    assert ui.view_page(path) == page


def test_workbook_download_holds_the_users_rows_and_says_how_many(test_page: str) -> None:
    store = to_store(FilterState(lang="en"))
    download, message = ui.make_download(test_page, None, "xlsx", store, None)
    assert download["filename"].endswith(".xlsx") and download["base64"]
    workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(download["content"])))
    assert workbook.sheetnames[0] == "data"
    assert message.color == "success" and "(5 rows)" in message.children


def test_unknown_chart_gets_a_message_not_an_error(test_page: str) -> None:
    download, message = ui.make_download(test_page, "no-such-chart", "png", None, None)
    assert download is None
    assert "no-such-chart" in message.children and message.color == "warning"


def test_page_without_a_view_gets_a_message(test_page: str) -> None:
    download, message = ui.make_download("upload", None, "pptx", to_store(FilterState()), None)
    assert download is None and message.children == "此页面没有可导出的图表。"


def test_busy_renderer_tells_this_user_to_retry(test_page: str, monkeypatch) -> None:
    def busy(*_arguments, **_keywords):
        raise ExportBusy("busy")

    monkeypatch.setattr(ui, "export_chart", busy)
    download, message = ui.make_download(test_page, "rates", "png", None, None)
    assert download is None and message.children == "导出服务繁忙，请稍后再试。"
