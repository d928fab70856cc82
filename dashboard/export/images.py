"""PNG, SVG and PDF of a page's charts, decorated with their words, rendered by kaleido."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dashboard.export.context import ExportContext
from dashboard.export.decorate import IMAGE_HEIGHT, IMAGE_WIDTH, decorate
from dashboard.export.kaleido_server import IMAGE_FORMATS, ExportError, ImageRequest, render_images

if TYPE_CHECKING:
    from dashboard.views import Chart

PNG_SCALE = 2  # 2400 x 1350 pixels: sharp on a projector and in print
# A slide's chart: the canvas has the shape of the picture on the slide (the slide's full
# width between the title and the footer, see deck.py), small enough in pixels that, with the
# fonts scaled up, tick labels and legends show at about 14 pt on a 13.33-inch-wide slide.
SLIDE_WIDTH, SLIDE_HEIGHT = 1100, 450
SLIDE_FONT_SCALE = 1.4


def image_request(
    chart: Chart, context: ExportContext, fmt: str, *, for_slide: bool = False
) -> ImageRequest:
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"unknown image format '{fmt}'; use one of {', '.join(IMAGE_FORMATS)}")
    if for_slide:
        figure = decorate(
            chart,
            context,
            with_title=False,
            with_caption=False,
            width=SLIDE_WIDTH,
            height=SLIDE_HEIGHT,
            font_scale=SLIDE_FONT_SCALE,
        )
        width, height = SLIDE_WIDTH, SLIDE_HEIGHT
    else:
        figure = decorate(chart, context, grow=True)
        width, height = IMAGE_WIDTH, int(figure.layout.height or IMAGE_HEIGHT)
    return ImageRequest(
        figure=figure,
        format=fmt,
        width=width,
        height=height,
        scale=PNG_SCALE if fmt == "png" else 1,
    )


def chart_image(context: ExportContext, chart_name: str, fmt: str) -> tuple[str, bytes]:
    """(file name, bytes) of one chart of the page in fmt."""
    try:
        chart = context.chart(chart_name)
    except KeyError:
        raise ExportError(f"the page '{context.view.page}' has no chart '{chart_name}'") from None
    [image] = render_images([image_request(chart, context, fmt)])
    return context.filename(fmt, chart=chart.name), image


def page_images(context: ExportContext, fmt: str) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every chart of the page, rendered in one batch."""
    requests = [image_request(chart, context, fmt) for chart in context.view.charts]
    images = render_images(requests)
    return [
        (context.filename(fmt, chart=chart.name), image)
        for chart, image in zip(context.view.charts, images, strict=True)
    ]
