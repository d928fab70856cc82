"""A 16:9 PPTX of the current page: a title slide, then one slide per chart with speaker notes."""

from __future__ import annotations

import html
import io
import math
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
    chart_source_ids,
    entry_text,
    export_briefing,
    print_text,
    source_entry,
    source_parts,
)
from dashboard.export.decorate import text_width
from dashboard.export.images import SLIDE_HEIGHT as CANVAS_HEIGHT
from dashboard.export.images import SLIDE_WIDTH as CANVAS_WIDTH
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
# A chart slide, top to bottom: title, subtitle, the chart across the slide, the footer.
TITLE_TOP, TITLE_HEIGHT = Inches(0.2), Inches(0.65)
TITLE_SIZES = (28, 24, 20)  # pt: the largest at which a title stays on one line
TEXT_WIDTH_PT = 12.333 * 72  # the width of a text box between the margins
TEXT_UNIT_EM = 0.56  # a half-width character's width in ems, bold and with some slack
SUBTITLE_TOP, SUBTITLE_HEIGHT, SUBTITLE_SIZE = Inches(0.82), Inches(0.42), 16
PICTURE_MARGIN = Inches(0.3)
PICTURE_TOP = Inches(1.26)
PICTURE_WIDTH = SLIDE_WIDTH - 2 * PICTURE_MARGIN  # 95% of the slide
PICTURE_HEIGHT = Emu(int(PICTURE_WIDTH * CANVAS_HEIGHT / CANVAS_WIDTH))  # the canvas's shape
FOOTER_TOP = PICTURE_TOP + PICTURE_HEIGHT + Inches(0.04)
FOOTER_SIZE = 14  # pt: read from the back of a meeting room
FOOTER_UNITS = 105  # a footer line's width at FOOTER_SIZE, counting a CJK character as 2
FOOTER_LINE_HEIGHT = Inches(0.28)
MIN_TITLE_UNITS = 12  # a source's title cut shorter than this is left out of a footer
# Fonts PowerPoint has on Windows and Mac: Latin text in Calibri, Chinese in Microsoft YaHei.
# The charset (GB2312) and sans-serif pitch family let Office substitute a Simplified Chinese
# sans-serif font where YaHei is missing (PingFang SC on a Mac). Charts are pictures: their
# font was baked in when kaleido drew them (export/decorate.py).
LATIN_FONT = "Calibri"
EAST_ASIAN_FONT = "Microsoft YaHei"
COMPLEX_FONT = "Arial"
EAST_ASIAN_ATTRIBUTES = {"panose": "020B0503020204020204", "pitchFamily": "34", "charset": "-122"}
RUN_LANGUAGE = {"zh": "zh-CN", "en": "en-US"}
DARK = RGBColor(0x21, 0x25, 0x29)
MUTED = RGBColor(0x5C, 0x63, 0x6A)
ACCENT = RGBColor(0x0B, 0x5C, 0xAD)
NOTES_ROWS = 12  # key numbers written into a chart's speaker notes
TABLE_ROWS = 10  # rows of a table chart on its slide, at most
TABLE_HEADER_SIZE, TABLE_CELL_SIZE = 14, 12  # pt
CELL_MARGINS = Inches(0.1)  # a table cell's top and bottom insets together
COLUMN_UNITS = (8, 60)  # a column's share of the width: its longest text, within these
COLUMN_INSET_UNITS = 4  # a cell's left and right insets, in text units
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
    use_office_theme_fonts(presentation)
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
    _write(
        title.text_frame,
        [context.page_title],
        lang,
        size=40,
        bold=True,
        color=DARK,
        align_left=False,
    )
    subtitle = slide.placeholders[1]
    _place(subtitle, MARGIN, Inches(3.8), SLIDE_WIDTH - 2 * MARGIN, Inches(2.0))
    lines = [
        context.filters,
        t("export.deck.date", lang, date=context.exported_on.isoformat()),
        t("export.deck.chart_count", lang, count=len(context.view.charts)),
        t("export.caption.dashboard", lang),
    ]
    lines[1:1] = briefing_cover_lines(context)
    _write(subtitle.text_frame, lines, lang, size=18, color=MUTED, align_left=False)


def _chart_slide(
    presentation: Presentation, context: ExportContext, chart: Chart, image: bytes
) -> None:
    slide = _titled_slide(presentation, context, chart)
    slide.shapes.add_picture(
        io.BytesIO(image), PICTURE_MARGIN, PICTURE_TOP, width=PICTURE_WIDTH, height=PICTURE_HEIGHT
    )
    _footer(slide, context, footer_lines(chart, context))
    _notes(slide, context, speaker_notes(chart, context))


def _titled_slide(presentation: Presentation, context: ExportContext, chart: Chart) -> Slide:
    """A slide with the chart's title and its subtitle (without web-only words) on top."""
    slide = presentation.slides.add_slide(presentation.slide_layouts[LAYOUT_TITLE_ONLY])
    lang = context.lang
    title = slide.shapes.title
    _place(title, MARGIN, TITLE_TOP, SLIDE_WIDTH - 2 * MARGIN, TITLE_HEIGHT)
    size = title_size(chart.title)
    _write(title.text_frame, [chart.title], lang, size=size, bold=True, color=DARK)
    subtitle = print_text(chart.subtitle)
    if subtitle:
        box = slide.shapes.add_textbox(
            MARGIN, SUBTITLE_TOP, SLIDE_WIDTH - 2 * MARGIN, SUBTITLE_HEIGHT
        )
        _write(box.text_frame, [subtitle], lang, size=SUBTITLE_SIZE, color=MUTED)
    return slide


def title_size(text: str) -> int:
    """The largest of TITLE_SIZES at which the title fits on one line (a half-width character
    is about half its size wide), so that it never runs into the subtitle."""
    for size in TITLE_SIZES:
        if text_width(text) * size * TEXT_UNIT_EM <= TEXT_WIDTH_PT:
            return size
    return TITLE_SIZES[-1]


def _footer_top(count: int) -> int:
    """Where a footer of count lines starts when it ends at the slide's bottom margin."""
    return SLIDE_HEIGHT - Inches(0.2) - count * FOOTER_LINE_HEIGHT


def _footer(
    slide: Slide, context: ExportContext, lines: Sequence[str], *, top: int = FOOTER_TOP
) -> None:
    height = SLIDE_HEIGHT - top - Inches(0.05)
    box = slide.shapes.add_textbox(MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, height)
    _write(box.text_frame, lines, context.lang, size=FOOTER_SIZE, color=MUTED)


def footer_lines(chart: Chart, context: ExportContext) -> list[str]:
    """The caption at a size read across a room: its source line when it fits on one line,
    else the first source (its title cut to fit) and a pointer to the speaker notes, which
    list them all."""
    lines = caption_lines(chart, context)
    ids = chart_source_ids(chart)
    if not ids or text_width(lines[0]) <= FOOTER_UNITS:
        return lines
    lang = context.lang
    pointer = t("export.deck.sources_in_notes", lang, count=len(ids), more=len(ids) - 1)
    label = t("chart.source_label", lang)
    room = FOOTER_UNITS - text_width(label + pointer) - 1
    first = label + _short_source_entry(context, ids[0], room)
    if len(ids) == 1:
        return [first, *lines[1:]]
    return [first + (" " if lang == "en" else "") + pointer, *lines[1:]]


def _short_source_entry(context: ExportContext, source_id: str, room: int) -> str:
    """A source as the caption names it, its title cut so that the entry fits in room (or
    left out when hardly a word of it would fit)."""
    lang = context.lang
    publisher, title, date = source_parts(context.dataset, source_id, lang)
    entry = entry_text(publisher, title, date, lang)
    if text_width(entry) <= room:
        return entry
    title_room = text_width(title) - (text_width(entry) - room) - 1
    if title and title_room >= MIN_TITLE_UNITS:
        return entry_text(publisher, _cut(title, title_room) + "…", date, lang)
    untitled = entry_text(publisher, "", date, lang)
    if text_width(untitled) > room:  # cut the publisher's name, keep the date
        publisher = _cut(publisher, text_width(publisher) - (text_width(untitled) - room) - 1)
        untitled = entry_text(publisher + "…", "", date, lang)
    return untitled


def _cut(text: str, units: int) -> str:
    """The longest start of text no wider than units."""
    kept = ""
    for char in text:
        if text_width(kept + char) > units:
            break
        kept += char
    return kept.rstrip(" ,;，；")


def _table_slide(presentation: Presentation, context: ExportContext, chart: Chart) -> None:
    """The first rows of a table chart (at most TABLE_ROWS, as many as fit above the footer)
    as a PowerPoint table, its columns as wide as their texts need; the rest is counted in
    the footer (the whole table is in the page's data export)."""
    slide = _titled_slide(presentation, context, chart)
    lang = context.lang
    header, rows = table_cells(chart)
    lines = footer_lines(chart, context)
    footer_top = _footer_top(len(lines) + 1)  # with the line counting the rows left out
    shown: list[tuple[list[str], int]] = []
    if header:
        widths = column_widths(header, rows[:TABLE_ROWS])
        header_height = _row_height(header, widths, TABLE_HEADER_SIZE)
        room = footer_top - PICTURE_TOP - Inches(0.1) - header_height
        for row in rows[:TABLE_ROWS]:
            height = _row_height(row, widths, TABLE_CELL_SIZE)
            if height > room:
                break
            shown.append((row, height))
            room -= height
        table = slide.shapes.add_table(
            len(shown) + 1,
            len(header),
            MARGIN,
            PICTURE_TOP,
            SLIDE_WIDTH - 2 * MARGIN,
            header_height + sum(height for _, height in shown),
        ).table
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        table.rows[0].height = header_height
        for column, text in enumerate(header):
            frame = table.cell(0, column).text_frame
            _write(frame, [text], lang, size=TABLE_HEADER_SIZE, bold=True, color=DARK)
        for row_number, (row, height) in enumerate(shown, start=1):
            table.rows[row_number].height = height
            for column, text in enumerate(row):
                frame = table.cell(row_number, column).text_frame
                _write(frame, [text], lang, size=TABLE_CELL_SIZE, color=DARK)
    if len(rows) > len(shown):
        lines.insert(0, t("export.deck.table_more", lang, count=len(rows) - len(shown)))
    _footer(slide, context, lines, top=_footer_top(len(lines)))
    _notes(slide, context, speaker_notes(chart, context))


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """Columns share the table's width by their longest text (header or cell), each between
    COLUMN_UNITS units wide, so a date column is narrow and a title column wide."""
    low, high = COLUMN_UNITS
    needs = [
        min(max(low, *(text_width(row[index]) for row in rows if index < len(row))), high)
        if rows
        else low
        for index in range(len(header))
    ]
    needs = [
        max(need, min(text_width(name), high)) for need, name in zip(needs, header, strict=True)
    ]
    total = SLIDE_WIDTH - 2 * MARGIN
    needs = [need + COLUMN_INSET_UNITS for need in needs]
    widths = [int(total * need / sum(needs)) for need in needs]
    widths[-1] = total - sum(widths[:-1])
    return widths


def _row_height(cells: Sequence[str], widths: Sequence[int], size: int) -> int:
    """A table row's height: its tallest cell's lines, as they wrap in their column."""
    lines = 1
    for cell, width in zip(cells, widths, strict=False):
        per_line = max(width / 12700 / (size * TEXT_UNIT_EM) - 2, 1)  # EMU -> pt
        lines = max(lines, math.ceil(text_width(cell) / per_line))
    return Pt(lines * size * 1.2) + CELL_MARGINS


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
    lines += notes_sources(chart, context)
    return "\n".join(lines)


def notes_sources(chart: Chart, context: ExportContext) -> list[str]:
    """Every source of the chart, one a line: the footer names only what fits."""
    ids = chart_source_ids(chart)
    if not ids:
        return []
    entries = [source_entry(context.dataset, source_id, context.lang) for source_id in ids]
    return [t("export.notes.sources", context.lang)] + ["• " + entry for entry in entries]


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

BRIEFING_TOP = Inches(1.05)
BRIEFING_BOTTOM = Inches(7.25)
BRIEFING_NAME_SIZE, BRIEFING_FIGURE_SIZE = 22, 18  # pt
BRIEFING_NAME_HEIGHT = Inches(0.5)
BRIEFING_LINE_HEIGHT = Inches(0.34)  # a figure's line at BRIEFING_FIGURE_SIZE
BRIEFING_GAP = Inches(0.2)


def briefing_cover_lines(context: ExportContext) -> list[str]:
    """The briefing's year on the cover, so cover, captions and notes name the same year."""
    briefing = export_briefing(context)
    if briefing is None or briefing.year is None:
        return []
    return [t("export.deck.briefing_year", context.lang, year=briefing.year)]


def briefing_slides(presentation: Presentation, context: ExportContext, briefing: Briefing):
    """Slides of headline figures: per programme its name and each figure as a line, as many
    programmes a slide as fit at a size read across a room; the speaker notes give each
    programme's caption and every number's quote and source."""
    lang = context.lang
    heading = t("export.deck.briefing_title", lang, year=briefing.year or "")
    heading += f" · {briefing.area_name}"
    for group in briefing_groups(briefing.programs, lang):
        slide = presentation.slides.add_slide(presentation.slide_layouts[LAYOUT_TITLE_ONLY])
        title = slide.shapes.title
        _place(title, MARGIN, TITLE_TOP, SLIDE_WIDTH - 2 * MARGIN, TITLE_HEIGHT)
        size = title_size(heading)
        _write(title.text_frame, [heading], lang, size=size, bold=True, color=DARK)
        top = BRIEFING_TOP
        for program in group:
            height = _program_height(program, lang)
            box = slide.shapes.add_textbox(MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, height)
            _program_text(box.text_frame, program, lang)
            top += height + BRIEFING_GAP
        _notes(slide, context, "\n\n".join(briefing_notes(program, context) for program in group))


def briefing_groups(programs: Sequence[ProgramBriefing], lang: str) -> list[list[ProgramBriefing]]:
    """Programmes in order, as many to a slide as fit between the title and the bottom."""
    groups: list[list[ProgramBriefing]] = []
    room = BRIEFING_BOTTOM - BRIEFING_TOP
    used = room + 1
    for program in programs:
        height = _program_height(program, lang) + BRIEFING_GAP
        if used + height > room + BRIEFING_GAP:
            groups.append([])
            used = 0
        groups[-1].append(program)
        used += height
    return groups


def _program_height(program: ProgramBriefing, lang: str) -> int:
    """The name's line (two when it wraps) and each figure's lines as they wrap."""
    per_line = TEXT_WIDTH_PT / (BRIEFING_FIGURE_SIZE * TEXT_UNIT_EM)
    name_lines = math.ceil(
        text_width(program.name) * BRIEFING_NAME_SIZE / BRIEFING_FIGURE_SIZE / per_line
    )
    lines = sum(
        math.ceil(text_width("• " + figure_line(reading, lang)) / per_line)
        for reading in program.readings
    )
    return BRIEFING_NAME_HEIGHT * max(name_lines, 1) + BRIEFING_LINE_HEIGHT * lines


def figure_line(reading, lang: str) -> str:
    """ "失学辍学儿童劝返率 · 全部：98.33%（2019年）" / "… : 98.33% (2019)"."""
    if lang == "zh":
        return f"{reading.label}：{reading.text}（{reading.year}年）"
    return f"{reading.label}: {reading.text} ({reading.year})"


def _program_text(frame: TextFrame, program: ProgramBriefing, lang: str) -> None:
    lines = [program.name] + ["• " + figure_line(reading, lang) for reading in program.readings]
    _write(frame, lines, lang, size=BRIEFING_FIGURE_SIZE, color=DARK)
    name = frame.paragraphs[0].runs[0].font
    name.bold, name.size, name.color.rgb = True, Pt(BRIEFING_NAME_SIZE), ACCENT


def briefing_notes(program: ProgramBriefing, context: ExportContext) -> str:
    """The programme's caption, then each figure with the sentence it was read from."""
    lang = context.lang
    lines = [program.name, print_text(program.caption_text)]
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
    lang: str,
    *,
    size: int | None,
    color: RGBColor | None = None,
    bold: bool = False,
    align_left: bool = True,
) -> None:
    """Replace the frame's text with lines, one paragraph each, in Office's fonts."""
    from pptx.enum.text import PP_ALIGN

    frame.clear()
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        if align_left:
            paragraph.alignment = PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = line
        if size is not None:
            run.font.size = Pt(size)
        run.font.bold = bold
        if color is not None:
            run.font.color.rgb = color
        name_fonts(run, lang)


def _notes(slide: Slide, context: ExportContext, text: str) -> None:
    """Speaker notes, a paragraph a line, in the same fonts as the slides."""
    frame = slide.notes_slide.notes_text_frame
    _write(frame, text.split("\n"), context.lang, size=None)


def name_fonts(run: object, lang: str) -> None:
    """Latin, East Asian and complex-script typefaces of a run, and its language (PowerPoint
    picks the East Asian font for CJK punctuation such as “” only in a zh-CN run).
    python-pptx sets only the Latin typeface; <a:ea> and <a:cs> have no public API."""
    run.font.name = LATIN_FONT
    properties = run._r.get_or_add_rPr()  # noqa: SLF001
    properties.set("lang", RUN_LANGUAGE.get(lang, "en-US"))
    properties.set("altLang", "en-US" if lang == "zh" else "zh-CN")
    for tag, typeface, extra in (
        ("a:ea", EAST_ASIAN_FONT, EAST_ASIAN_ATTRIBUTES),
        ("a:cs", COMPLEX_FONT, {}),
    ):
        element = properties.find(qn(tag))
        if element is None:
            element = properties.makeelement(qn(tag), {})
            properties.append(element)
        element.set("typeface", typeface)
        for name, value in extra.items():
            element.set(name, value)


def use_office_theme_fonts(presentation: Presentation) -> None:
    """The theme's heading and body fonts (of the slides and of the notes pages): Calibri,
    and Microsoft YaHei for East Asian and Simplified Chinese text, so that any text this
    module does not name a font for (a placeholder's bullet, a typed-in note) is in them too.
    The default template names SimSun for Chinese and no East Asian font at all."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    masters = [presentation.slide_masters[0].part, presentation.notes_master.part]
    for master in masters:
        theme = master.part_related_by(RT.THEME)
        element = getattr(theme, "_element", None)
        root = element if element is not None else etree.fromstring(theme.blob)
        for font in root.iter(qn("a:majorFont"), qn("a:minorFont")):
            font.find(qn("a:latin")).set("typeface", LATIN_FONT)
            east_asian = font.find(qn("a:ea"))
            east_asian.set("typeface", EAST_ASIAN_FONT)
            for name, value in EAST_ASIAN_ATTRIBUTES.items():
                east_asian.set(name, value)
            for script in font.iter(qn("a:font")):
                if script.get("script") == "Hans":
                    script.set("typeface", EAST_ASIAN_FONT)
        if element is None:  # a plain part keeps its bytes
            theme._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )  # noqa: SLF001


def slide_texts(slide: Slide) -> list[str]:
    """Every text on a slide (for tests and for checking a deck by eye)."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
