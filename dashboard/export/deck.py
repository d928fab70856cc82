"""A 16:9 PPTX of the current page: a title slide, then one slide per chart with speaker notes."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from dashboard.export.context import (
    ExportContext,
    caption_lines,
    export_briefing,
    source_entry,
)
from dashboard.export.images import image_request
from dashboard.export.kaleido_server import render_images
from dashboard.i18n import format_value, join_list, t

if TYPE_CHECKING:
    from pptx.slide import Slide
    from pptx.text.text import TextFrame

    from dashboard.views import Chart
    from dashboard.views.briefing import Briefing, ProgramBriefing

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
FONT = "WenQuanYi Micro Hei"  # named as both Latin and East Asian typeface of every run
DARK = RGBColor(0x21, 0x25, 0x29)
MUTED = RGBColor(0x5C, 0x63, 0x6A)
ACCENT = RGBColor(0x0B, 0x5C, 0xAD)
NOTES_ROWS = 12  # key numbers written into a chart's speaker notes
TABLE_ROWS = 10  # rows of a table chart on its slide
CELL_CHARACTERS = 60  # longer cell texts are cut (the data export has them whole)
_TAG = re.compile(r"<[^>]*>")
LAYOUT_TITLE = 0  # "Title Slide" of python-pptx's default template
LAYOUT_TITLE_ONLY = 5  # "Title Only"


def build_deck(context: ExportContext, images: Sequence[bytes] | None = None) -> bytes:
    """The PPTX file's bytes; images (PNG, one per chart) are rendered when not given."""
    charts = context.view.charts
    if images is None:
        images = _chart_images(charts, context)
    presentation = Presentation()
    presentation.slide_width = SLIDE_WIDTH
    presentation.slide_height = SLIDE_HEIGHT
    _title_slide(presentation, context)
    briefing = export_briefing(context)
    if briefing is not None:
        briefing_slides(presentation, context, briefing)
    for chart, image in zip(charts, images, strict=True):
        if is_table(chart):
            _table_slide(presentation, context, chart)
        else:
            _chart_slide(presentation, context, chart, image)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def is_table(chart: Chart) -> bool:
    """A chart drawn as a table (the data and sources pages): it becomes a PowerPoint table,
    not a picture of one."""
    return bool(chart.figure.data) and all(trace.type == "table" for trace in chart.figure.data)


def _chart_images(charts: Sequence[Chart], context: ExportContext) -> list[bytes | None]:
    """A PNG for each chart drawn as a picture, None for a table."""
    drawn = [chart for chart in charts if not is_table(chart)]
    rendered = iter(
        render_images([image_request(chart, context, "png", for_slide=True) for chart in drawn])
        if drawn
        else []
    )
    return [None if is_table(chart) else next(rendered) for chart in charts]


def _title_slide(presentation: Presentation, context: ExportContext) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[LAYOUT_TITLE])
    lang = context.lang
    title = slide.shapes.title
    _place(title, MARGIN, Inches(2.2), SLIDE_WIDTH - 2 * MARGIN, Inches(1.4))
    _write(title.text_frame, [context.page_title], size=40, bold=True, color=DARK)
    subtitle = slide.placeholders[1]
    _place(subtitle, MARGIN, Inches(3.8), SLIDE_WIDTH - 2 * MARGIN, Inches(2.0))
    lines = [
        context.filters,
        t("export.deck.date", lang, date=context.exported_on.isoformat()),
        t("export.deck.chart_count", lang, count=len(context.view.charts)),
        t("export.caption.dashboard", lang),
    ]
    lines[1:1] = briefing_cover_lines(context)
    _write(subtitle.text_frame, lines, size=18, color=MUTED)


def _chart_slide(
    presentation: Presentation, context: ExportContext, chart: Chart, image: bytes
) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[LAYOUT_TITLE_ONLY])
    title = slide.shapes.title
    _place(title, MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.75))
    _write(title.text_frame, [chart.title], size=28, bold=True, color=DARK, align_left=True)
    subtitle = slide.shapes.add_textbox(MARGIN, Inches(0.98), SLIDE_WIDTH - 2 * MARGIN, Inches(0.4))
    _write(subtitle.text_frame, [chart.subtitle], size=14, color=MUTED, align_left=True)

    top, bottom = Inches(1.45), Inches(6.45)
    height = bottom - top
    width = Emu(int(height * 16 / 9))
    left = Emu(int((SLIDE_WIDTH - width) / 2))
    slide.shapes.add_picture(io.BytesIO(image), left, top, width=width, height=height)

    footer = slide.shapes.add_textbox(MARGIN, Inches(6.55), SLIDE_WIDTH - 2 * MARGIN, Inches(0.8))
    footer.text_frame.word_wrap = True
    _write(footer.text_frame, caption_lines(chart, context), size=10, color=MUTED, align_left=True)
    slide.notes_slide.notes_text_frame.text = speaker_notes(chart, context)


def _table_slide(presentation: Presentation, context: ExportContext, chart: Chart) -> None:
    """The first TABLE_ROWS rows of a table chart as a PowerPoint table; the rest is counted
    under it (the whole table is in the page's data export)."""
    slide = presentation.slides.add_slide(presentation.slide_layouts[LAYOUT_TITLE_ONLY])
    title = slide.shapes.title
    _place(title, MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.75))
    _write(title.text_frame, [chart.title], size=28, bold=True, color=DARK, align_left=True)
    subtitle = slide.shapes.add_textbox(MARGIN, Inches(0.98), SLIDE_WIDTH - 2 * MARGIN, Inches(0.4))
    _write(subtitle.text_frame, [chart.subtitle], size=14, color=MUTED, align_left=True)

    header, rows = table_cells(chart)
    shown = rows[:TABLE_ROWS]
    if header:
        shape = slide.shapes.add_table(
            len(shown) + 1,
            len(header),
            MARGIN,
            Inches(1.45),
            SLIDE_WIDTH - 2 * MARGIN,
            Inches(0.3) * (len(shown) + 1),
        )
        for column, text in enumerate(header):
            _write(shape.table.cell(0, column).text_frame, [text], size=11, bold=True, color=DARK)
        for row_number, row in enumerate(shown, start=1):
            for column, text in enumerate(row):
                cell = shape.table.cell(row_number, column)
                _write(cell.text_frame, [text], size=10, color=DARK, align_left=True)
    lines = list(caption_lines(chart, context))
    if len(rows) > len(shown):
        lines.insert(0, t("export.deck.table_more", context.lang, count=len(rows) - len(shown)))
    footer = slide.shapes.add_textbox(MARGIN, Inches(6.55), SLIDE_WIDTH - 2 * MARGIN, Inches(0.8))
    footer.text_frame.word_wrap = True
    _write(footer.text_frame, lines, size=10, color=MUTED, align_left=True)
    slide.notes_slide.notes_text_frame.text = speaker_notes(chart, context)


def table_cells(chart: Chart) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a table chart's first trace, as plain text."""
    trace = chart.figure.data[0]
    header = [_plain_text(value) for value in (trace.header.values or ())]
    columns = [list(column) for column in (trace.cells.values or ())]
    count = max((len(column) for column in columns), default=0)
    rows = [
        [_plain_text(column[n]) if n < len(column) else "" for column in columns]
        for n in range(count)
    ]
    return header, rows


def _plain_text(value: object) -> str:
    """A table cell without its markup (<b>, <br>), cut to what fits in a slide's cell."""
    text = html.unescape(_TAG.sub(" ", str(value if value is not None else ""))).strip()
    text = " ".join(text.split())
    return text if len(text) <= CELL_CHARACTERS else text[: CELL_CHARACTERS - 1] + "…"


def speaker_notes(chart: Chart, context: ExportContext) -> str:
    """The chart's summary, then its key numbers, each with the sentence it was read from."""
    lang = context.lang
    lines = [t("export.notes.summary", lang, summary=chart.summary)] if chart.summary else []
    frame = chart.frame
    if chart.empty or frame is None or frame.empty:
        lines.append(t("export.notes.none", lang))
        return "\n".join(lines)
    lines.append(t("export.notes.key_numbers", lang))
    several_indicators = frame["indicator"].nunique() > 1
    for _, row in _key_rows(frame).iterrows():
        label = _row_label(row, context, with_indicator=several_indicators)
        value = _row_value(row, context)
        lines.append("• " + t("export.notes.row", lang, label=label, value=value))
        quote = str(row.get("quote") or "").strip()
        if quote:
            source = source_entry(context.dataset, str(row["source"]), lang)
            lines.append("  " + t("export.notes.quote", lang, quote=quote, source=source))
    if len(frame) > NOTES_ROWS:
        lines.append(t("export.notes.more", lang, count=len(frame) - NOTES_ROWS))
    return "\n".join(lines)


def _key_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The latest rows first: a presenter quotes the current figure before the history."""
    ordered = frame.sort_values(["year", "obs_id"], ascending=[False, True], kind="stable")
    return ordered.head(NOTES_ROWS)


def _row_label(row: pd.Series, context: ExportContext, *, with_indicator: bool) -> str:
    dataset, lang = context.dataset, context.lang
    parts = [dataset.area_name(str(row["area"]), lang), t("format.year", lang, year=row["year"])]
    if with_indicator:
        parts.insert(0, dataset.indicator(str(row["indicator"])).name(lang))
    if str(row.get("dimension") or ""):
        parts.append(dataset.category_name(str(row["dimension"]), str(row["category"]), lang))
    kind = str(row.get("kind") or "outcome")
    if kind != "outcome":
        parts.append(t(f"kind.{kind}", lang))
    return join_list(parts, lang) if lang == "en" else " ".join(parts)


def _row_value(row: pd.Series, context: ExportContext) -> str:
    indicator = context.dataset.indicator(str(row["indicator"]))
    return format_value(row["value"], str(row["unit"]), context.lang, indicator.decimals)


# ------------------------------------------------------------------ the Overview's briefing

PROGRAMS_PER_SLIDE = 2


def briefing_cover_lines(context: ExportContext) -> list[str]:
    """The briefing's year on the cover, so cover, captions and notes name the same year."""
    briefing = export_briefing(context)
    if briefing is None or briefing.year is None:
        return []
    return [t("export.deck.briefing_year", context.lang, year=briefing.year)]


def briefing_slides(presentation: Presentation, context: ExportContext, briefing: Briefing):
    """Slides of headline figures: per programme its caption and each figure as text; the
    speaker notes give every number's quote and source."""
    programs = briefing.programs
    for start in range(0, len(programs), PROGRAMS_PER_SLIDE):
        group = programs[start : start + PROGRAMS_PER_SLIDE]
        slide = presentation.slides.add_slide(presentation.slide_layouts[LAYOUT_TITLE_ONLY])
        title = slide.shapes.title
        _place(title, MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.75))
        heading = t("export.deck.briefing_title", context.lang, year=briefing.year or "")
        heading += f" · {briefing.area_name}"
        _write(title.text_frame, [heading], size=26, bold=True, color=DARK, align_left=True)
        height = (Inches(6.9) - Inches(1.1)) // len(group)
        for index, program in enumerate(group):
            box = slide.shapes.add_textbox(
                MARGIN, Inches(1.1) + index * height, SLIDE_WIDTH - 2 * MARGIN, height
            )
            _program_text(box.text_frame, program, context.lang)
        slide.notes_slide.notes_text_frame.text = "\n\n".join(
            briefing_notes(program, context) for program in group
        )


def figure_line(reading, lang: str) -> str:
    """ "失学辍学儿童劝返率 · 全部：98.33%（2019年）" / "… : 98.33% (2019)"."""
    if lang == "zh":
        return f"{reading.label}：{reading.text}（{reading.year}年）"
    return f"{reading.label}: {reading.text} ({reading.year})"


def _program_text(frame: TextFrame, program: ProgramBriefing, lang: str) -> None:
    lines = [program.name, program.caption_text]
    lines += ["• " + figure_line(reading, lang) for reading in program.readings]
    _write(frame, lines, size=12, color=DARK, align_left=True)
    frame.paragraphs[0].runs[0].font.bold = True
    frame.paragraphs[0].runs[0].font.size = Pt(16)
    frame.paragraphs[0].runs[0].font.color.rgb = ACCENT


def briefing_notes(program: ProgramBriefing, context: ExportContext) -> str:
    """The programme's caption, then each figure with the sentence it was read from."""
    lang = context.lang
    lines = [program.name, program.caption_text]
    for reading in program.readings:
        label = (
            f"{reading.label}（{reading.area_name} {reading.year}年）"
            if lang == "zh"
            else f"{reading.label} ({reading.area_name}, {reading.year})"
        )
        lines.append("• " + t("export.notes.row", lang, label=label, value=reading.text))
        source = source_entry(context.dataset, reading.source, lang)
        if reading.quote:
            lines.append("  " + t("export.notes.quote", lang, quote=reading.quote, source=source))
        else:
            lines.append("  " + source)
    return "\n".join(lines)


# ------------------------------------------------------------------ text helpers


def _place(shape: object, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def _write(
    frame: TextFrame,
    lines: Sequence[str],
    *,
    size: int,
    color: RGBColor,
    bold: bool = False,
    align_left: bool = False,
) -> None:
    """Replace the frame's text with lines, one paragraph each, in the CJK font."""
    from pptx.enum.text import PP_ALIGN

    frame.clear()
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        if align_left:
            paragraph.alignment = PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = color
        _name_font(run)


def _name_font(run: object) -> None:
    """python-pptx sets only the Latin typeface; Chinese text needs the East Asian one too."""
    run.font.name = FONT
    properties = run._r.get_or_add_rPr()  # noqa: SLF001 - no public API for <a:ea>
    for tag in ("a:ea", "a:cs"):
        element = properties.find(qn(tag))
        if element is None:
            element = properties.makeelement(qn(tag), {})
            properties.append(element)
        element.set("typeface", FONT)


def slide_texts(slide: Slide) -> list[str]:
    """Every text on a slide (for tests and for checking a deck by eye)."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
