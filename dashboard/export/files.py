"""Every export format of a page behind one call, for the command line and the app alike."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.export.context import ExportContext
from dashboard.export.kaleido_server import IMAGE_FORMATS, ExportError

PAGE_FORMATS = ("pptx", "csv", "xlsx", "html")
FORMATS = IMAGE_FORMATS + PAGE_FORMATS
MEDIA_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html",
}


@dataclass(frozen=True)
class ExportFile:
    name: str
    content: bytes
    media_type: str


@dataclass(frozen=True)
class ExportResult:
    files: list[ExportFile]
    rows: int | None = None  # data rows, for csv and xlsx


def export_page(context: ExportContext, fmt: str) -> ExportResult:
    """All charts of the page as images (one file each), or the page as one deck/table/page."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    if fmt in IMAGE_FORMATS:
        from dashboard.export.images import page_images

        return ExportResult(
            [
                ExportFile(name, content, MEDIA_TYPES[fmt])
                for name, content in page_images(context, fmt)
            ]
        )
    if fmt == "pptx":
        from dashboard.export.deck import build_deck

        return ExportResult([_file(context, fmt, build_deck(context))])
    if fmt == "html":
        from dashboard.export.offline_html import offline_page

        return ExportResult([_file(context, fmt, offline_page(context).encode("utf-8"))])
    from dashboard.export.workbook import data_csv, data_xlsx

    content, rows = data_csv(context) if fmt == "csv" else data_xlsx(context)
    return ExportResult([_file(context, fmt, content)], rows=rows)


def export_chart(context: ExportContext, chart: str, fmt: str) -> ExportFile:
    from dashboard.export.images import chart_image

    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"a chart exports as {', '.join(IMAGE_FORMATS)}, not '{fmt}'")
    name, content = chart_image(context, chart, fmt)
    return ExportFile(name, content, MEDIA_TYPES[fmt])


def _file(context: ExportContext, fmt: str, content: bytes) -> ExportFile:
    return ExportFile(context.filename(fmt), content, MEDIA_TYPES[fmt])
