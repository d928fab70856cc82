"""The slide deck re-reads with python-pptx: 16:9, a title slide, one slide per chart, notes."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from pptx import Presentation
from pptx.util import Inches
from test_export_context import build_export_dataset, make_context

from dashboard.data.store import Dataset
from dashboard.export.deck import build_deck, slide_texts, speaker_notes


@pytest.fixture(scope="session")
def export_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build_export_dataset(tmp_path_factory)


def tiny_png(width: int = 16, height: int = 9) -> bytes:
    """A valid white PNG (TEST image), so the deck can be built without a browser."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def read_deck(dataset: Dataset, lang: str) -> Presentation:
    context = make_context(dataset, lang)
    content = build_deck(context, images=[tiny_png() for _ in context.view.charts])
    return Presentation(io.BytesIO(content))


def test_deck_is_16_by_9_with_a_title_slide_and_one_slide_per_chart(
    export_dataset: Dataset,
) -> None:
    deck = read_deck(export_dataset, "zh")
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    slides = list(deck.slides)
    assert len(slides) == 1 + 3
    assert slides[0].shapes.title.text == "控辍保学"
    title_text = "\n".join(slide_texts(slides[0]))
    assert "当前：西藏自治区；各指标最新数据" in title_text
    assert "导出日期：2024-05-06" in title_text
    assert [slide.shapes.title.text for slide in slides[1:]] == ["已劝返人数", "劝返率", "无数据"]


def test_chart_slide_has_image_and_source_footer(export_dataset: Dataset) -> None:
    slide = list(read_deck(export_dataset, "en").slides)[1]
    pictures = [shape for shape in slide.shapes if shape.shape_type == 13]  # PICTURE
    assert len(pictures) == 1
    texts = "\n".join(slide_texts(slide))
    assert "Source: 减贫研究数据库, “西藏教育脱贫取得显著成效” (2020-03-23)" in texts
    assert "Data for 2018, 2019" in texts
    assert "Tibet · 2018–2019" in texts


def test_notes_hold_key_numbers_with_their_quotes(export_dataset: Dataset) -> None:
    slides = list(read_deck(export_dataset, "zh").slides)
    notes = slides[1].notes_slide.notes_text_frame.text
    assert "西藏自治区 2019年：11,860人" in notes
    assert "原文：“全区12062人失学辍学适龄儿童少年已返学11860人”" in notes
    assert notes.index("2019年") < notes.index("2018年"), "latest first"
    rates = slides[2].notes_slide.notes_text_frame.text
    assert "建档立卡" in rates and "100%" in rates
    assert "本图没有数据" in slides[3].notes_slide.notes_text_frame.text


def test_english_notes_use_english_numbers_and_labels(export_dataset: Dataset) -> None:
    context = make_context(export_dataset, "en")
    notes = speaker_notes(context.view.charts[0], context)
    assert "Tibet Autonomous Region, 2019: 11,860 people" in notes
    assert notes.startswith("Summary: Bar chart")
