"""The Overview's exports carry its briefing: the year's headline figures as text, their
captions, and each number's quote and source, in both languages."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from test_export_deck import tiny_png

from dashboard.data.store import Dataset
from dashboard.export.context import ExportContext
from dashboard.export.deck import build_deck, slide_texts
from dashboard.export.offline_html import offline_page
from dashboard.export.workbook import data_xlsx
from dashboard.state import FilterState

SEED_FIGURES = ("12,062", "11,860", "98.33%", "1,542", "100%", "3,720")


@pytest.fixture(scope="module")
def embedded() -> Dataset:
    return Dataset.load(Path(__file__).parents[2] / "data" / "indicators.parquet")


def context(dataset: Dataset, lang: str) -> ExportContext:
    return ExportContext.for_page("overview", dataset, FilterState(lang=lang, year=2019))


def later_years(text: str) -> set[str]:
    """Years after 2019 named in a text, leaving out dates (publication, export)."""
    text = re.sub(r"\d{4}-\d{2}(-\d{2})?", "", text)
    return {year for year in re.findall(r"(?<!\d)(20[2-9]\d)(?!\d)", text)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_deck_opens_with_the_years_figures_and_quotes(embedded, lang):
    built = context(embedded, lang)
    deck = Presentation(io.BytesIO(build_deck(built, [tiny_png() for _ in built.view.charts])))
    cover = " ".join(slide_texts(deck.slides[0]))
    assert "2019" in cover
    first = deck.slides[1]
    text = " ".join(slide_texts(first))
    for figure in SEED_FIGURES[:5]:
        assert figure in text
    notes = first.notes_slide.notes_text_frame.text
    assert "全区12062人失学辍学适龄儿童少年已返学11860人" in notes
    everything = "\n".join(
        " ".join(slide_texts(slide)) + slide.notes_slide.notes_text_frame.text
        for slide in deck.slides
    )
    assert "3,720" in everything
    # Years after 2019 appear only inside quotes read from the sources, never as a figure's year.
    quotes = "\n".join(
        line for line in everything.splitlines() if "原文" in line or "Quote" in line
    )
    assert later_years(everything) <= later_years(quotes)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_workbook_has_a_headlines_sheet(embedded, lang):
    content, _ = data_xlsx(context(embedded, lang))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    assert sheet.title == ("主要数字" if lang == "zh" else "headlines")
    rows = list(sheet.iter_rows(values_only=True))
    values = {row[5] for row in rows[1:]}
    assert {12062, 11860, 98.33, 1542, 100, 3720} <= values
    assert {row[4] for row in rows[1:]} == {2019}
    shown = " ".join(str(row[7]) for row in rows[1:])
    for figure in SEED_FIGURES:
        assert figure in shown
    assert any("12062人" in str(row[11]) for row in rows[1:])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_offline_page_leads_with_the_briefing(embedded, lang):
    page = offline_page(context(embedded, lang))
    body = page[page.index("<body>") :]
    briefing = body[body.index('<section class="briefing">') :]
    assert briefing.index("12,062") < briefing.index('<section class="chart"')
    for figure in SEED_FIGURES:
        assert figure in briefing
    assert 'title="减贫研究数据库' in briefing or 'title="' in briefing
