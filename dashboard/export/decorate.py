"""A chart's figure made to describe itself: title, filters, source line, dates, CJK font.

On screen the card around a chart shows its title, filters and sources; an exported image
travels alone, so it carries them inside. The figure is laid out for a fixed 16:9 canvas
(IMAGE_WIDTH x IMAGE_HEIGHT) so that the captions have a known place below the axes.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from dashboard import config
from dashboard.export.context import ExportContext, caption_lines, print_text
from dashboard.figures.common import (
    NO_LINE_START,
    DeferredFigure,
    figure_height,
    plotly_figure,
    text_width,
)

if TYPE_CHECKING:
    from dashboard.views import Chart

IMAGE_WIDTH = 1200
IMAGE_HEIGHT = 675
CAPTION_FONT_SIZE = 12
CAPTION_LINE_PX = 17
CAPTION_MAX_UNITS = 170  # width of a caption line, counting a CJK character as 2
CAPTION_MAX_LINES = 4
MARGIN_LEFT = 72
MARGIN_RIGHT = 36
AXIS_BAND_PX = 80  # room under the plot for tick labels and the axis title
TITLE_BAND_PX = 96  # room above the plot for the title and a line of subtitle
SUBTITLE_MAX_UNITS = 160  # width of a subtitle line (13 px), counting a CJK character as 2
SUBTITLE_MAX_LINES = 3
SUBTITLE_LINE_PX = 18  # each further line of subtitle
TOP_PX = 24  # room above the plot of an image without a title (a slide's chart)
LEGEND_BAND_PX = 34  # room for a horizontal legend between the subtitle and the plot
LEGEND_ROW_PX = 30  # each further row of a legend that wraps
LEGEND_SYMBOL_PX = 44  # a legend entry's symbol and gaps
LEGEND_CHAR_PX = 7  # per half-width character of an entry's name (12 px font)
TEXT_COLOR = "#212529"
MUTED_COLOR = "#5c636a"


def decorate(
    chart: Chart,
    context: ExportContext,
    *,
    with_title: bool = True,
    with_caption: bool = True,
    width: int = IMAGE_WIDTH,
    height: int = IMAGE_HEIGHT,
    font_scale: float = 1.0,
    grow: bool = False,
) -> go.Figure:
    """A copy of the chart's figure with its words added; the chart's figure is not changed.

    with_title/with_caption are off for slides, which show the title and sources as slide
    text; slides also use a smaller canvas and larger fonts, to be read from across a room.
    With grow, a chart whose plot is taller on the page than `height` leaves room for (the
    coverage chart's forty rows) gets a taller canvas, so that every row keeps its height
    and its label; the figure's layout.height says how tall.
    """
    figure = go.Figure(plotly_figure(chart.figure))
    if font_scale != 1.0:
        figure = scale_fonts(figure, font_scale)
    _use_cjk_font(figure)
    _leave_out_web_only_text(figure)
    lines = _caption(chart, context) if with_caption else []
    caption_px = len(lines) * CAPTION_LINE_PX + (12 if lines else 0)
    subtitle = _subtitle_lines(chart.subtitle)
    title_px = TITLE_BAND_PX + SUBTITLE_LINE_PX * max(len(subtitle) - 1, 0)
    top = (title_px if with_title else _titles_above_plot(figure)) + _legend_above_plot(
        figure, width, font_scale
    )
    below = _below_plot(figure)  # ticks, axis title and the chart's own notes under the plot
    _from_left_edge(figure)
    if grow:
        height = max(height, _plot_height(chart.figure) + top + below + caption_px)
    figure.update_layout(
        width=width,
        height=height,
        margin={"l": MARGIN_LEFT, "r": MARGIN_RIGHT, "t": top, "b": below + caption_px},
        paper_bgcolor="white",
    )
    if with_title:
        figure.update_layout(
            title={
                "text": f"<b>{chart.title}</b>",
                "subtitle": {
                    "text": "<br>".join(subtitle),
                    "font": {"size": 13, "color": MUTED_COLOR},
                },
                "x": 0,
                "xref": "container",
                "xanchor": "left",
                "pad": {"l": 16},
                "y": 0.97,
                "yref": "container",
                "yanchor": "top",
                "font": {"size": 20, "color": TEXT_COLOR},
            }
        )
    else:
        figure.update_layout(title={"text": ""})
    if lines:
        figure.add_annotation(
            text="<br>".join(lines),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            xshift=-(MARGIN_LEFT - 16),
            yshift=-below,
            align="left",
            showarrow=False,
            font={"size": CAPTION_FONT_SIZE, "color": MUTED_COLOR},
        )
    return figure


def _subtitle_lines(subtitle: str) -> list[str]:
    """The subtitle in lines that fit the canvas (a long one ran off its right edge); at most
    SUBTITLE_MAX_LINES, the last cut with "…"."""
    lines = wrap(print_text(subtitle), SUBTITLE_MAX_UNITS)
    if len(lines) > SUBTITLE_MAX_LINES:
        lines = lines[: SUBTITLE_MAX_LINES - 1] + [lines[SUBTITLE_MAX_LINES - 1].rstrip() + " …"]
    return lines


def _notes_under_plot(figure: go.Figure) -> list:
    """The chart's own notes hanging under its plot (readings' footnotes: "Multi-year
    totals …")."""
    return [
        annotation
        for annotation in figure.layout.annotations or ()
        if str(annotation.yref or "").endswith(("paper", "domain"))
        and (annotation.y or 0) <= 0
        and annotation.yanchor == "top"
    ]


def _below_plot(figure: go.Figure) -> int:
    """Room under the plot: AXIS_BAND_PX for ticks and the axis title, or more for the
    chart's notes there, which the caption would otherwise be written over."""
    return max(
        [AXIS_BAND_PX]
        + [-(note.yshift or 0) + _note_height(note, 1.5) + 16 for note in _notes_under_plot(figure)]
    )


def _from_left_edge(figure: go.Figure) -> None:
    """The chart's notes under the plot start at the image's left edge, as the caption does:
    hung from the plot's right edge (as on the page) they ran out of the image's left side
    when a legend on the right made the plot narrow (a slide)."""
    for note in _notes_under_plot(figure):
        note.update(xref="paper", x=0, xanchor="left", xshift=-(MARGIN_LEFT - 16))


def _note_height(annotation: object, line_factor: float) -> int:
    """An annotation's height in pixels: its lines at line_factor times its font size."""
    size = (annotation.font.size if annotation.font else None) or 12
    lines = (annotation.text or "").count("<br>") + 1
    return round(lines * size * line_factor)


def _plot_height(figure: go.Figure | DeferredFigure) -> int:
    """The height of the figure's plot on the page: its height less its top and bottom
    margins (plotly's 100 and 80 where the figure sets none); 0 when it sets no height."""
    height = figure_height(figure)
    if height is None:
        return 0
    margin = figure._layout.get("margin") or {}
    return int(height - margin.get("t", 100) - margin.get("b", 80))


def _caption(chart: Chart, context: ExportContext) -> list[str]:
    lines: list[str] = []
    for line in caption_lines(chart, context):
        lines.extend(wrap(line, CAPTION_MAX_UNITS))
    if len(lines) > CAPTION_MAX_LINES:
        lines = lines[: CAPTION_MAX_LINES - 1] + [lines[-1]]  # keep the dates line
    return lines


def scale_fonts(figure: go.Figure, factor: float) -> go.Figure:
    """The figure with every font size it sets (and the template's base size) times factor."""
    spec = figure.to_dict()
    template_font = figure.layout.template.layout.font if figure.layout.template else None
    base = figure.layout.font.size or (template_font.size if template_font else None) or 12
    _scale_font_sizes(spec.get("data", []), factor)
    layout = spec.setdefault("layout", {})
    template = layout.pop("template", None)
    _scale_font_sizes(layout, factor)
    layout.setdefault("font", {})["size"] = round(base * factor, 1)
    if template is not None:
        layout["template"] = template
    return go.Figure(spec)


def _scale_font_sizes(node: object, factor: float) -> None:
    if isinstance(node, list):
        for item in node:
            _scale_font_sizes(item, factor)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict):
                size = value.get("size")
                if isinstance(size, int | float):
                    value["size"] = round(size * factor, 1)
            _scale_font_sizes(value, factor)


def _leave_out_web_only_text(figure: go.Figure) -> None:
    """An image cannot be hovered or clicked: annotations lose their clauses that say to
    ("见悬停提示", "hover for the source"); one that is nothing else is dropped."""
    kept = []
    for annotation in figure.layout.annotations or ():
        text = "<br>".join(
            line for line in map(print_text, (annotation.text or "").split("<br>")) if line
        )
        if text or not annotation.text:
            annotation.text = text
            kept.append(annotation)
    figure.layout.annotations = kept


def _use_cjk_font(figure: go.Figure) -> None:
    """Name the CJK font everywhere a family is set, so that Chromium never falls back to boxes.

    This is the font installed where kaleido renders (config.CJK_FONT_FAMILY): an image is
    pixels, so its font is baked in and the PC showing it needs none. Slide text, which
    PowerPoint draws itself, names Office's fonts instead (export/deck.py)."""
    figure.update_layout(font={"family": config.CJK_FONT_FAMILY})
    for annotation in figure.layout.annotations or ():
        if annotation.font and annotation.font.family:
            annotation.font.family = config.CJK_FONT_FAMILY
    if figure.layout.title and figure.layout.title.font and figure.layout.title.font.family:
        figure.layout.title.font.family = config.CJK_FONT_FAMILY
    figure.for_each_trace(_trace_font)


def _trace_font(trace: object) -> None:
    for name in ("textfont", "insidetextfont", "outsidetextfont"):
        font = getattr(trace, name, None)
        if font is not None and font.family:
            font.family = config.CJK_FONT_FAMILY


def _titles_above_plot(figure: go.Figure) -> int:
    """Room at the top of an untitled image for the annotations standing on the plot's top
    edge (a small multiple's title and unit): at least TOP_PX, else their lines' height."""
    room = TOP_PX
    for annotation in figure.layout.annotations or ():
        on_top = (
            str(annotation.yref or "").endswith(("paper", "domain")) and (annotation.y or 0) >= 1
        )
        if on_top and annotation.yanchor == "bottom":
            room = max(room, _note_height(annotation, 1.35) + 8)
    return room


def _legend_above_plot(figure: go.Figure, width: int, font_scale: float = 1.0) -> int:
    """Put a horizontal legend in its own band above the plot (not on the subtitle or caption).

    The template puts horizontal legends just above the plot, where the exported subtitle is;
    one placed under the plot would sit on the caption. Returns the band's height in pixels
    (0 when there is no such legend): one row, plus a row for each line the entries wrap to.
    """
    legend = figure.layout.legend
    template_legend = figure.layout.template.layout.legend if figure.layout.template else None
    orientation = legend.orientation or (template_legend.orientation if template_legend else None)
    if orientation != "h" or figure.layout.showlegend is False:
        return 0
    figure.update_layout(legend={"y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left"})
    names = [trace.name or "" for trace in figure.data if trace.showlegend is not False]
    room = width - MARGIN_LEFT - MARGIN_RIGHT
    rows, used = 1, 0.0
    for name in names:
        entry = (LEGEND_SYMBOL_PX + LEGEND_CHAR_PX * text_width(name)) * font_scale
        if used and used + entry > room:
            rows, used = rows + 1, 0.0
        used += entry
    return LEGEND_BAND_PX + (rows - 1) * round(LEGEND_ROW_PX * font_scale)


def wrap(text: str, max_units: int) -> list[str]:
    """Split a caption into lines no wider than max_units, at spaces or between CJK characters."""
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        # A closing mark ("。", "）") never starts a line: it stays one unit over the width.
        if current and text_width(current + token) > max_units and token not in NO_LINE_START:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    """Words with their trailing space; each wide character is a token of its own."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        elif char == " ":
            tokens.append(word + char)
            word = ""
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens
