"""Slides for a meeting room: the chart across the slide, footers read from the back of the
room, fonts that PowerPoint has on Windows and Mac, and no words that only make sense on the
web page (hover, click) — on the Overview's deck and a programme's deck, in zh and en."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Pt
from test_export_deck import tiny_png

from dashboard.data.store import Dataset
from dashboard.export.context import ExportContext, chart_source_ids, print_text, source_entry
from dashboard.export.deck import FOOTER_UNITS, build_deck, footer_lines, title_size
from dashboard.export.decorate import decorate, text_width
from dashboard.state import FilterState

PICTURE = 13
OFFICE_LATIN = {"Calibri", "Arial", "+mn-lt", "+mj-lt"}
OFFICE_EAST_ASIAN = {"Microsoft YaHei", "微软雅黑", "PingFang SC", "+mn-ea", "+mj-ea"}
WEB_ONLY = re.compile(r"悬停|点击|拖动|鼠标|hover|click|drag", re.IGNORECASE)
PAGES = ["overview", "dropout"]


@pytest.fixture(scope="module")
def embedded() -> Dataset:
    return Dataset.load(Path(__file__).parents[2] / "data" / "indicators.parquet")


@pytest.fixture(scope="module")
def decks(embedded: Dataset) -> dict[tuple[str, str], tuple[ExportContext, Presentation]]:
    built = {}
    for page in PAGES:
        for lang in ("zh", "en"):
            context = ExportContext.for_page(page, embedded, FilterState(lang=lang))
            content = build_deck(context, [tiny_png() for _ in context.view.charts])
            built[page, lang] = context, Presentation(io.BytesIO(content))
    return built


def runs(deck: Presentation):
    """(where, run) for every run of every slide and of every slide's notes."""
    for number, slide in enumerate(deck.slides, start=1):
        frames = [
            (f"slide {number}", shape.text_frame) for shape in slide.shapes if shape.has_text_frame
        ]
        frames.append((f"notes {number}", slide.notes_slide.notes_text_frame))
        for where, frame in frames:
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    yield where, run


def chart_slides(deck: Presentation):
    return [slide for slide in deck.slides if any(s.shape_type == PICTURE for s in slide.shapes)]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_the_chart_fills_the_slide_between_title_and_footer(decks, page, lang) -> None:
    _, deck = decks[page, lang]
    slides = chart_slides(deck)
    assert slides, "the deck has chart slides"
    for slide in slides:
        [picture] = [shape for shape in slide.shapes if shape.shape_type == PICTURE]
        assert picture.width >= 0.9 * deck.slide_width
        assert picture.left >= 0 and picture.left + picture.width <= deck.slide_width
        assert picture.top >= slide.shapes.title.top + slide.shapes.title.height
        assert picture.top + picture.height <= deck.slide_height
        footer = [
            s for s in slide.shapes if s.has_text_frame and s.top >= picture.top + picture.height
        ]
        assert len(footer) == 1, "one footer under the chart"
        assert footer[0].top + footer[0].height <= deck.slide_height


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_slide_text_is_at_least_14_pt(decks, page, lang) -> None:
    _, deck = decks[page, lang]
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert run.font.size is not None and run.font.size >= Pt(14), (
                        f"slide {number}: {run.text!r} at {run.font.size and run.font.size.pt} pt"
                    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_footers_fit_their_lines_and_the_notes_list_every_source(decks, page, lang) -> None:
    context, deck = decks[page, lang]
    drawn = [chart for chart in context.view.charts if chart.figure.data]
    for chart, slide in zip(drawn, chart_slides(deck), strict=False):
        lines = footer_lines(chart, context)
        assert len(lines) <= 3
        assert all(text_width(line) <= FOOTER_UNITS for line in lines), lines
        notes = slide.notes_slide.notes_text_frame.text
        for source_id in chart_source_ids(chart):
            assert source_entry(context.dataset, source_id, lang) in notes


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_run_names_fonts_office_has(decks, page, lang) -> None:
    _, deck = decks[page, lang]
    for where, run in runs(deck):
        properties = run._r.find(qn("a:rPr"))  # noqa: SLF001
        assert properties is not None, where
        latin, east_asian = properties.find(qn("a:latin")), properties.find(qn("a:ea"))
        assert latin is not None and latin.get("typeface") in OFFICE_LATIN, where
        assert east_asian is not None and east_asian.get("typeface") in OFFICE_EAST_ASIAN, where
        assert properties.get("lang") == {"zh": "zh-CN", "en": "en-US"}[lang], where


def test_the_theme_names_office_fonts_for_latin_and_chinese(decks) -> None:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    _, deck = decks["dropout", "zh"]
    for master in (deck.slide_masters[0].part, deck.notes_master.part):
        theme = master.part_related_by(RT.THEME).blob.decode()
        assert '<a:ea typeface="Microsoft YaHei"' in theme
        assert '<a:font script="Hans" typeface="Microsoft YaHei"/>' in theme
        assert "WenQuanYi" not in theme and "宋体" not in theme


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_slide_or_note_says_hover_or_click(decks, page, lang) -> None:
    _, deck = decks[page, lang]
    for where, run in runs(deck):
        assert not WEB_ONLY.search(run.text), f"{where}: {run.text}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_programme_page_has_web_only_words_the_deck_leaves_out(embedded, decks, lang):
    """The data say "悬停查看来源" under a dropout chart: the test above can fail."""
    context, deck = decks["dropout", lang]
    subtitles = [chart.subtitle for chart in context.view.charts]
    assert any(WEB_ONLY.search(text) for text in subtitles)
    kept = [print_text(text) for text in subtitles if WEB_ONLY.search(text)]
    slide_text = "\n".join(
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert all(text and text in slide_text for text in kept), kept


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("for_slide", [False, True])
def test_exported_images_carry_no_web_only_words(decks, page, lang, for_slide) -> None:
    context, _ = decks[page, lang]
    for chart in context.view.charts:
        figure = decorate(chart, context, with_title=not for_slide, with_caption=not for_slide)
        layout = figure.layout
        texts = [annotation.text or "" for annotation in layout.annotations or ()]
        texts += [layout.title.text or "", layout.title.subtitle.text or ""]
        texts += [trace.name or "" for trace in figure.data]
        for text in texts:
            assert not WEB_ONLY.search(text), f"{chart.name}: {text}"


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("各来源口径可能不同，悬停查看来源", "各来源口径可能不同"),
        ("bases differ between sources; hover for the source", "bases differ between sources"),
        ("未标注3个（每图最多标注5个；见悬停提示或数据表）", "未标注3个（每图最多标注5个）"),
        (
            "3 more (at most 5 a chart; see the hover or the data table)",
            "3 more (at most 5 a chart)",
        ),
        ("西藏 · 2019年 · 点击查看", "西藏 · 2019年"),
        ("Rates (hover for details)", "Rates"),
        ("点击地区可把它设为地区筛选条件。", ""),
        ("Clicks and drags are not mentioned: nothing to leave out", ""),
        ("劝返率 98.33%", "劝返率 98.33%"),
    ],
)
def test_print_text_leaves_out_clauses_about_the_web_page(text, printed) -> None:
    assert print_text(text) == printed


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_briefing_slides_keep_their_programmes_apart_and_on_the_slide(decks, lang) -> None:
    context, deck = decks["overview", lang]
    briefing = [slide for slide in deck.slides if slide.shapes.title is not None][1:]
    briefing = [slide for slide in briefing if not chart_slides_of([slide])]
    assert len(briefing) >= 2
    for slide in briefing:
        boxes = [
            shape for shape in slide.shapes if shape.has_text_frame and shape != slide.shapes.title
        ]
        boxes.sort(key=lambda shape: shape.top)
        assert boxes[-1].top + boxes[-1].height <= deck.slide_height
        for upper, lower in zip(boxes, boxes[1:], strict=False):
            assert upper.top + upper.height <= lower.top


def test_a_long_title_gets_a_smaller_size_to_stay_on_one_line() -> None:
    assert title_size("劝返率") == 28
    assert title_size("Student financial aid (incl. free education and the Three Guarantees)") < 28


def chart_slides_of(slides):
    return [slide for slide in slides if any(s.shape_type == PICTURE for s in slide.shapes)]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["data", "sources"])
def test_a_table_slide_ends_above_its_footer(embedded, page, lang) -> None:
    context = ExportContext.for_page(page, embedded, FilterState(lang=lang))
    deck = Presentation(io.BytesIO(build_deck(context, [tiny_png() for _ in context.view.charts])))
    [slide] = [slide for slide in deck.slides if any(shape.has_table for shape in slide.shapes)]
    [table] = [shape for shape in slide.shapes if shape.has_table]
    assert len(table.table.rows) >= 4, "a few rows fit"
    bottom = table.top + sum(row.height for row in table.table.rows)
    [footer] = [shape for shape in slide.shapes if shape.has_text_frame and shape.top >= bottom]
    assert footer.top + footer.height <= deck.slide_height
    for paragraph in footer.text_frame.paragraphs:
        assert all(run.font.size >= Pt(14) for run in paragraph.runs)
