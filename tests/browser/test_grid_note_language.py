"""The data page's grid shows each note in the reader's language, and marks an English note on
a Chinese page lang="en" (assets/grid_cells.js).

TEST DATA: the unit tests' fixture with made-up notes (tests/unit/test_note_language.py).
"""

from __future__ import annotations

import pytest
from conftest import start_server, stop_server
from test_note_language import chinese, english, raw_folder

from dashboard.data.build import build

NOTE_CELLS = '.ag-cell[col-id="note"]'
READ_CELLS = """cells => cells.map(cell => {
    const span = cell.querySelector('span[lang]');
    return [cell.innerText.trim(), span ? span.getAttribute('lang') : null];
})"""


@pytest.fixture(scope="module")
def notes_app(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("notes")
    out = folder / "indicators.parquet"
    assert build(raw_folder(folder / "raw"), out) == []
    server = start_server(out, folder / "app.log")
    yield server
    stop_server(server)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_grid_notes_are_in_the_reader_language_and_say_so(open_page, notes_app, lang) -> None:
    page = open_page(notes_app, f"/data?lang={lang}&within=1&year=all")
    page.wait_for_selector(f"{NOTE_CELLS} span[lang]", timeout=30_000)
    cells = dict(page.eval_on_selector_all(NOTE_CELLS, READ_CELLS))
    assert len(cells) == 8
    if lang == "zh":
        assert cells[chinese(0)] == "zh-CN"
        assert cells[english(1)] == "en"  # no Chinese note: the English one, marked
        assert english(0) not in cells
    else:
        assert set(cells) == {english(row) for row in range(8)}
        assert set(cells.values()) == {"en"}
    assert page.console_errors == []


def test_each_grid_row_links_its_source_entry_on_this_site(open_page, notes_app) -> None:
    """SourceCell (assets/grid_cells.js) draws a link only to a path on this site."""
    page = open_page(notes_app, "/data?lang=en&within=1&year=all")
    links = '.ag-cell[col-id="source_link"] a[href]'
    page.wait_for_selector(links, timeout=30_000)
    hrefs = page.eval_on_selector_all(links, "links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) == 8
    assert all(href.startswith("/sources?") and "source=" in href for href in hrefs)
    checks = page.evaluate(
        """() => ['/sources?a=1', '//elsewhere.example/x', 'javascript:alert(1)', '', null]
            .map(window.dashboardLinks.onSite)"""
    )
    assert checks == [True, False, False, False, False]
    assert page.console_errors == []
