"""export: write a page's charts as images, a slide deck, its data or an offline page.

python -m dashboard export --page PAGE --format png|svg|pdf|pptx|csv|xlsx|html
       [--lang zh|en] [--area CODES] [--year YEAR] [--data FILE] --out PATH

Images give one file per chart, so their --out is a folder; the other formats give one file
(when --out is an existing folder, a file named after the page goes inside it). A bad
argument prints one clear line and exits 1; nothing is written.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import NoReturn

from dashboard import config
from dashboard.export.files import FORMATS, PAGE_FORMATS, ExportResult, export_page
from dashboard.export.kaleido_server import IMAGE_FORMATS, ExportError


class UsageError(Exception):
    """A bad argument: the message says which and what would be accepted."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export a page as png/svg/pdf (one per chart), pptx, csv, xlsx or offline html",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("--page", help="page name: overview, dropout, aid, teachers, map, data …")
    parser.add_argument("--format", dest="fmt", metavar="FORMAT", help=" | ".join(FORMATS))
    parser.add_argument("--lang", default=config.DEFAULT_LANG, help="zh (default) or en")
    parser.add_argument("--area", help="area codes, comma-separated (default: the whole region)")
    parser.add_argument("--year", help="a year with data (default: each indicator's latest)")
    parser.add_argument("--data", type=Path, help="built Parquet file (default: the served one)")
    parser.add_argument("--out", type=Path, help="folder for images, file for the rest")
    parser.set_defaults(handler=run_export)
    _exit_1_on_usage_errors(parser)


def _exit_1_on_usage_errors(parser: argparse.ArgumentParser) -> None:
    """argparse exits 2 with usage on a bad option; this command promises exit 1 and one line.

    The sub-parser's own errors go through `error`; options it does not know are handed
    back to the top-level parser, so `parse_known_args` refuses them here first.
    """

    def error(message: str) -> NoReturn:
        print(f"export: {message}. See: python -m dashboard export --help", file=sys.stderr)
        sys.exit(1)

    parse_known_args = parser.parse_known_args

    def parse_refusing_unknown(args=None, namespace=None):  # type: ignore[no-untyped-def]
        namespace, extras = parse_known_args(args, namespace)
        if extras:
            error(f"unrecognised argument(s): {' '.join(extras)}")
        return namespace, extras

    parser.error = error  # type: ignore[method-assign]
    parser.parse_known_args = parse_refusing_unknown  # type: ignore[method-assign]


def run_export(arguments: argparse.Namespace) -> int:
    try:
        return _run(arguments)
    except UsageError as error:
        print(f"export: {error}", file=sys.stderr)
        return 1
    except ExportError as error:
        print(f"export failed: {error}", file=sys.stderr)
        return 1


def _run(arguments: argparse.Namespace) -> int:
    from dashboard.data.store import DataLoadError, Dataset, get_dataset

    fmt = _check_format(arguments.fmt)
    if arguments.out is None:
        raise UsageError("--out is required: a folder for images, a file for the other formats")
    if not arguments.page:
        raise UsageError(f"--page is required; pages: {', '.join(known_pages())}")
    try:
        dataset = Dataset.load(arguments.data) if arguments.data else get_dataset()
    except DataLoadError as error:
        raise UsageError(str(error)) from None
    page = _check_page(arguments.page)
    state = _state(arguments, dataset)
    _check_out(arguments.out, fmt)

    from dashboard.export.context import ExportContext

    started = time.perf_counter()
    context = ExportContext.for_page(page, dataset, state)
    if not context.view.charts and fmt in IMAGE_FORMATS:
        raise UsageError(f"page '{page}' shows no charts for these filters: nothing to export")
    result = export_page(context, fmt)
    written = _write(result, arguments.out, fmt)
    seconds = time.perf_counter() - started
    rows = f", {result.rows} data rows" if result.rows is not None else ""
    for path in written:
        print(path)
    print(f"wrote {len(written)} file(s){rows} in {seconds:.1f} s", file=sys.stderr)
    return 0


def known_pages() -> list[str]:
    from dashboard.views import VIEWS, load_all_views

    load_all_views()
    return sorted(VIEWS)


def _check_format(fmt: str | None) -> str:
    if not fmt:
        raise UsageError(f"--format is required: one of {', '.join(FORMATS)}")
    cleaned = fmt.strip().lower().lstrip(".")
    if cleaned not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    return cleaned


def _check_page(page: str) -> str:
    pages = known_pages()
    if page not in pages:
        raise UsageError(f"unknown page '{page}'; pages with charts: {', '.join(pages)}")
    return page


def _state(arguments: argparse.Namespace, dataset: object):  # -> FilterState
    """The filter state from the arguments, refusing (not dropping) anything invalid."""
    from dashboard.state import known_from_dataset, parse_query

    if arguments.lang not in config.LANGUAGES:
        raise UsageError(f"unknown language '{arguments.lang}'; use zh or en")
    query: dict[str, str] = {"lang": arguments.lang}
    if arguments.area:
        query["area"] = arguments.area
    if arguments.year:
        query["year"] = arguments.year
    state, dropped = parse_query(query, **known_from_dataset(dataset))
    if dropped:
        problems = "; ".join(
            f"{item.param}={item.value} ({item.reason.replace('_', ' ')})" for item in dropped
        )
        raise UsageError(f"invalid filter: {problems}")
    return state


def _check_out(out: Path, fmt: str) -> None:
    """Refuse an unusable --out before any work is done."""
    if fmt in PAGE_FORMATS:
        if not out.is_dir() and not out.parent.is_dir():
            raise UsageError(f"folder {out.parent} does not exist")
    elif out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; images need a folder (one file per chart)")


def _write(result: ExportResult, out: Path, fmt: str) -> list[Path]:
    if fmt in PAGE_FORMATS:
        [file] = result.files
        target = out / file.name if out.is_dir() else out
        target.write_bytes(file.content)
        return [target]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for file in result.files:
        path = out / file.name
        path.write_bytes(file.content)
        written.append(path)
    return written
