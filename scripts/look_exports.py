"""Render sample exports of every page in both languages to /tmp/exports, to look at by eye.

    .venv/bin/python scripts/look_exports.py [--out /tmp/exports] [--page overview ...]

Writes each page's images, deck, CSV, XLSX and offline HTML; when LibreOffice and pdftoppm
are installed, also the deck's slides as PNG (slides/<page>-<lang>-NN.png), which is how the
slide text (not only the chart image) can be checked for missing Chinese glyphs. Prints the
time each step took, warm-up first.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.data.store import get_dataset  # noqa: E402
from dashboard.export import kaleido_server  # noqa: E402
from dashboard.export.context import ExportContext  # noqa: E402
from dashboard.export.files import FORMATS, export_page  # noqa: E402
from dashboard.state import FilterState  # noqa: E402
from dashboard.views import VIEWS, load_all_views  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/exports"))
    parser.add_argument("--page", action="append", help="page(s) to export (default: all)")
    parser.add_argument("--format", action="append", dest="formats", choices=FORMATS)
    arguments = parser.parse_args()
    load_all_views()
    pages = arguments.page or sorted(VIEWS)
    formats = arguments.formats or list(FORMATS)
    out: Path = arguments.out
    out.mkdir(parents=True, exist_ok=True)
    dataset = get_dataset()

    started = time.perf_counter()
    print(f"warm-up (start Chromium, first image): {kaleido_server.warm_up():.2f} s")
    for page in pages:
        for lang in ("zh", "en"):
            context = ExportContext.for_page(page, dataset, FilterState(lang=lang))
            if not context.view.charts:
                print(f"{page} {lang}: no charts")
                continue
            for fmt in formats:
                began = time.perf_counter()
                result = export_page(context, fmt)
                folder = out / page / lang
                folder.mkdir(parents=True, exist_ok=True)
                for file in result.files:
                    (folder / file.name).write_bytes(file.content)
                seconds = time.perf_counter() - began
                rows = f", {result.rows} rows" if result.rows is not None else ""
                print(
                    f"{page:10} {lang} {fmt:4}: {len(result.files):2} file(s), "
                    f"{len(context.view.charts)} charts{rows}, {seconds:.2f} s"
                )
                if fmt == "pptx":
                    slides_as_png(folder / result.files[0].name, out / "slides", f"{page}-{lang}")
    print(f"total {time.perf_counter() - started:.1f} s; renderer stats {kaleido_server.stats()}")
    return 0


def slides_as_png(deck: Path, folder: Path, prefix: str) -> None:
    """The deck as LibreOffice draws it, one PNG per slide (skipped when the tools are missing)."""
    office, pdftoppm = shutil.which("libreoffice"), shutil.which("pdftoppm")
    if not office or not pdftoppm:
        print("  (libreoffice or pdftoppm missing: slides not rendered)")
        return
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = folder / (deck.stem + ".pdf")
    subprocess.run(
        [pdftoppm, "-r", "80", "-png", str(pdf), str(folder / prefix)], check=True, timeout=300
    )
    pdf.unlink()


if __name__ == "__main__":
    sys.exit(main())
