"""The data and sources pages' decks: their tables become PowerPoint tables, not a crash.

Before, every deck of these pages failed with "'Table' object has no attribute 'showlegend'"
(a table cannot be decorated as a chart picture) and the user saw nothing happen.
"""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from test_export_deck import tiny_png

from dashboard.data.store import get_dataset
from dashboard.export import deck, ui
from dashboard.export.context import ExportContext
from dashboard.export.deck import TABLE_ROWS, build_deck, is_table, slide_texts, table_cells
from dashboard.state import FilterState, to_store


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list:
    """The image requests the deck asks the renderer for; each answered with a tiny PNG."""
    asked: list = []

    def render(requests):
        asked.extend(requests)
        return [tiny_png() for _ in requests]

    monkeypatch.setattr(deck, "render_images", render)
    return asked


@pytest.mark.parametrize("page", ["data", "sources"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_deck_of_a_table_page_has_a_table_slide(page: str, lang: str, rendered) -> None:
    context = ExportContext.for_page(page, get_dataset(), FilterState(lang=lang))
    tables = [chart for chart in context.view.charts if is_table(chart)]
    assert tables, "the page has a table chart"
    presentation = Presentation(io.BytesIO(build_deck(context)))
    slides = list(presentation.slides)
    assert len(slides) == 1 + len(context.view.charts)
    assert len(rendered) == len(context.view.charts) - len(tables)  # no picture of a table
    table_shapes = [shape for slide in slides for shape in slide.shapes if shape.has_table]
    assert len(table_shapes) == len(tables)
    header, rows = table_cells(tables[0])
    table = table_shapes[0].table
    assert [cell.text for cell in table.rows[0].cells] == header
    shown = len(table.rows) - 1  # as many rows as fit above the footer, at most TABLE_ROWS
    assert 4 <= shown <= min(len(rows), TABLE_ROWS)
    if len(rows) > shown:
        more = str(len(rows) - shown)
        slide = next(slide for slide in slides if any(shape.has_table for shape in slide.shapes))
        assert any(more in text for text in slide_texts(slide))
    assert "<b>" not in "".join(header)


@pytest.mark.parametrize("page", ["data", "sources"])
def test_the_deck_button_of_a_table_page_gives_a_file(page: str, rendered) -> None:
    download, message = ui.make_download(page, None, "pptx", to_store(FilterState()), None)
    assert download is not None and download["filename"].endswith(".pptx")
    assert message.color == "success"
