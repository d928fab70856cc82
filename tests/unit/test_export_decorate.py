"""Exported figures describe themselves: title, filters, source, dates, CJK font."""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go
import pytest
from test_export_context import build_export_dataset, make_context

from dashboard import config
from dashboard.data.store import Dataset
from dashboard.export.decorate import (
    IMAGE_HEIGHT,
    IMAGE_WIDTH,
    LEGEND_ROW_PX,
    SUBTITLE_LINE_PX,
    SUBTITLE_MAX_UNITS,
    decorate,
    scale_fonts,
    text_width,
    wrap,
)


@pytest.fixture(scope="session")
def export_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build_export_dataset(tmp_path_factory)


def caption_text(figure: go.Figure) -> str:
    return "\n".join(annotation.text for annotation in figure.layout.annotations)


def test_decorated_figure_has_title_subtitle_source_and_dates(export_dataset: Dataset) -> None:
    context = make_context(export_dataset, "zh")
    chart = context.view.charts[0]
    figure = decorate(chart, context)
    assert "已劝返人数" in figure.layout.title.text
    assert figure.layout.title.subtitle.text == "西藏自治区 · 2018—2019年"
    caption = caption_text(figure)
    assert "来源：减贫研究数据库《西藏教育脱贫取得显著成效》（2020-03-23）" in caption
    assert "数据年份：2018、2019年" in caption
    assert "导出日期：2024-05-06" in caption
    assert (figure.layout.width, figure.layout.height) == (IMAGE_WIDTH, IMAGE_HEIGHT)


def test_decorated_figure_names_the_cjk_font(export_dataset: Dataset) -> None:
    context = make_context(export_dataset, "en")
    figure = decorate(context.view.charts[0], context)
    assert figure.layout.font.family == config.CJK_FONT_FAMILY
    assert "WenQuanYi Micro Hei" in figure.layout.font.family


def test_decorating_leaves_the_page_figure_unchanged(export_dataset: Dataset) -> None:
    context = make_context(export_dataset)
    chart = context.view.charts[0]
    before = chart.figure.to_json()
    decorate(chart, context)
    assert chart.figure.to_json() == before


def test_horizontal_legend_gets_its_own_band_under_the_subtitle(export_dataset: Dataset) -> None:
    context = make_context(export_dataset)
    chart = context.view.charts[0]
    assert chart.figure.layout.legend.y < 0  # the test figure puts it under the plot
    figure = decorate(chart, context)
    assert figure.layout.legend.y == 1 and figure.layout.legend.yanchor == "bottom"
    chart.figure.update_layout(legend={"orientation": "v"})
    assert decorate(chart, context).layout.margin.t < figure.layout.margin.t


def test_slide_figure_has_no_title_or_caption(export_dataset: Dataset) -> None:
    context = make_context(export_dataset)
    figure = decorate(context.view.charts[0], context, with_title=False, with_caption=False)
    assert not figure.layout.title.text
    assert not figure.layout.annotations


def test_scale_fonts_multiplies_every_set_size() -> None:
    figure = go.Figure(go.Bar(x=[1], y=[1], textfont={"size": 10}))
    figure.update_layout(font={"size": 10}, xaxis={"title": {"text": "x", "font": {"size": 12}}})
    scaled = scale_fonts(figure, 1.5)
    assert scaled.layout.font.size == 15
    assert scaled.layout.xaxis.title.font.size == 18
    assert scaled.data[0].textfont.size == 15
    assert figure.layout.font.size == 10


def test_wrap_counts_chinese_characters_double_and_keeps_all_text() -> None:
    text = "来源：" + "减贫研究数据库" * 10 + " and some English words here"
    lines = wrap(text, 40)
    assert all(text_width(line) <= 40 or text_width(line[:-1]) <= 40 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert wrap("short", 40) == ["short"]


def test_a_legend_that_wraps_gets_a_taller_band_than_one_row(export_dataset: Dataset) -> None:
    context = make_context(export_dataset, "en")
    chart = context.view.charts[0]
    one_row = decorate(chart, context).layout.margin.t
    many = go.Figure(chart.figure)
    many.update_layout(legend={"orientation": "h", "y": -0.12})
    for number in range(16):  # sixteen long generated names: several rows at 1200 px
        many.add_scatter(x=[2018], y=[number], name=f"Generated series number {number} (test)")
    wrapped = decorate(replace(chart, figure=many), context).layout.margin.t
    assert wrapped >= one_row + 2 * LEGEND_ROW_PX


def test_an_image_of_a_tall_chart_keeps_every_row_on_a_taller_canvas(
    export_dataset: Dataset,
) -> None:
    """The coverage chart has a row per indicator (forty on the map page): squeezed into
    IMAGE_HEIGHT its rows lost every other label. An image gets the room the page gives
    the plot; a chart of ordinary height keeps the 16:9 canvas, and slides never grow."""
    import numpy as np

    from dashboard.export.images import image_request
    from dashboard.figures.common import DeferredFigure, base_layout

    context = make_context(export_dataset, "en")
    ordinary = context.view.charts[0]
    assert image_request(ordinary, context, "png").height == IMAGE_HEIGHT
    rows = [f"TEST indicator {n}" for n in range(40)]
    spec = {
        "data": [{"type": "heatmap", "z": np.ones((40, 3)), "x": [2017, 2018, 2019], "y": rows}],
        "layout": base_layout(height=40 * 20 + 90, margin={"t": 10, "b": 40}),
    }
    tall = replace(ordinary, figure=DeferredFigure(spec))
    request = image_request(tall, context, "png")
    figure = request.figure
    plot = request.height - figure.layout.margin.t - figure.layout.margin.b
    assert request.height == figure.layout.height > IMAGE_HEIGHT
    assert plot >= 40 * 20  # each row as tall as on the page
    assert image_request(tall, context, "png", for_slide=True).height < IMAGE_HEIGHT


def test_a_closing_mark_never_starts_a_line() -> None:
    text = "数" * 20 + "。"  # 42 units: the full stop is the 41st and 42nd
    assert wrap(text, 40) == [text]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_subtitle_is_wrapped_to_the_canvas_and_the_plot_moves_down(
    export_dataset: Dataset, lang: str
) -> None:
    """The recipients chart's subtitle (areas, years, and a note on bases) ran off the
    image's right edge in one line."""
    context = make_context(export_dataset, lang)
    chart = context.view.charts[0]
    one_line = decorate(chart, context)
    long = chart.subtitle + " · " + "按口径分开画线，不同口径的数值不相连、不比较。" * 12
    wrapped = decorate(replace(chart, subtitle=long), context)
    lines = wrapped.layout.title.subtitle.text.split("<br>")
    assert len(lines) == 3 and lines[-1].endswith("…")  # at most three lines
    assert all(text_width(line) <= SUBTITLE_MAX_UNITS + 2 for line in lines)
    assert not any(line.startswith(("。", "，", "、")) for line in lines)
    assert wrapped.layout.margin.t == one_line.layout.margin.t + 2 * SUBTITLE_LINE_PX


def test_the_caption_goes_under_the_charts_own_notes_under_the_plot(
    export_dataset: Dataset,
) -> None:
    """The recipients chart's footnote ("Multi-year totals …", four lines under the axis)
    was written over by the export's source line."""
    context = make_context(export_dataset, "en")
    chart = context.view.charts[0]
    plain = decorate(chart, context)
    noted = go.Figure(chart.figure)
    noted.add_annotation(
        text="<br>".join(["Multi-year totals (not yearly values):"] + ["a total"] * 3),
        x=1,
        y=0,
        xref="paper",
        yref="paper",
        xanchor="right",
        yanchor="top",
        yshift=-48,
        showarrow=False,
        font={"size": 11},
    )
    figure = decorate(replace(chart, figure=noted), context)
    caption, footnote = figure.layout.annotations[-1], figure.layout.annotations[-2]
    # It starts where the caption does, at the image's left: hung from a narrow plot's right
    # edge (a slide's, beside its legend) it ran out of the picture.
    assert (footnote.x, footnote.xanchor, footnote.xshift) == (0, "left", caption.xshift)
    footnote_bottom = 48 + round(4 * 11 * 1.35)
    assert -caption.yshift > footnote_bottom  # the caption starts below the footnote
    assert (
        figure.layout.margin.b - plain.layout.margin.b
        == -caption.yshift + plain.layout.annotations[-1].yshift
    )
