"""GENERATED hostile files for the limit tests and benchmarks/hostile_input.py.

Nothing here is data: every file is generated into a temporary folder, never committed. The
ids are those of the TEST dataset in tests/fixtures/userdata/test_served_dataset.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook

HEADER = ["indicator", "area", "year", "value", "unit", "source"]
ROW = ["student_aid_funds", "540000", "2019", "1", "元", "test_source_2019_report"]
BREAKDOWNS = [("", ""), ("child_group", "all"), ("child_group", "registered_poor")]
INDICATORS = ["student_aid_funds", "education_investment", "out_of_school_return_rate"]


def wide_csv(path: Path, columns: int = 20_000) -> Path:
    """A small file (about 150 KB) with one data row and `columns` extra columns."""
    extra = [f"c{number}" for number in range(columns)]
    text = ",".join(HEADER + extra) + "\n" + ",".join(ROW + ["x"] * columns) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def long_rows(count: int) -> Iterator[list[str]]:
    """`count` valid observations of distinct keys (indicator x area x year x breakdown)."""
    from dashboard.data.gazetteer import builtin_gazetteer

    areas = list(builtin_gazetteer().frame["area"])
    produced = 0
    for indicator in INDICATORS:
        unit = "%" if indicator.endswith("_rate") else "元"
        for dimension, category in BREAKDOWNS:
            for area in areas:
                for year in range(1950, 2036):
                    if produced == count:
                        return
                    value = str(produced % 100)
                    source = "test_source_2019_report"
                    yield [indicator, area, str(year), value, unit, dimension, category, source]
                    produced += 1
    raise ValueError(f"at most {produced} distinct keys")


def long_csv(path: Path, rows: int = 50_000, *, bad: bool = False) -> Path:
    """`rows` observations; with bad=True every row names a different unknown indicator and
    area, a year that is no number and a value that is no number (the slowest report)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADER[:5], "dimension", "category", "source"])
        if bad:
            for number in range(rows):
                writer.writerow([f"unknown_{number}", f"nowhere {number}", "20x", "n/a"])
        else:
            writer.writerows(long_rows(rows))
    return path


def duplicate_csv(path: Path, rows: int = 50_000) -> Path:
    """`rows` copies of one reading: every row after the first is a duplicate of it."""
    line = ",".join(ROW) + "\n"
    path.write_text(",".join(HEADER) + "\n" + line * rows, encoding="utf-8")
    return path


def number_csv(path: Path, value: str, row: list[str] = ROW) -> Path:
    """One reading, `row` (HEADER's columns) with its value replaced by `value`."""
    text = ",".join(HEADER) + "\n" + ",".join([*row[:3], value, *row[4:]]) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def _skeleton() -> dict[str, bytes]:
    """The parts of a one-sheet workbook named 'observations' (openpyxl writes them)."""
    workbook = Workbook()
    workbook.active.title = "observations"
    workbook.active.append(HEADER)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write_workbook(path: Path, sheet_rows: Iterator[str], shared: list[str]) -> Path:
    parts = _skeleton()
    parts.pop("xl/sharedStrings.xml", None)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            if name == "xl/worksheets/sheet1.xml":
                continue
            if name == "[Content_Types].xml" and b"sharedStrings" not in data:
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    b"</Types>",
                )
            if name == "xl/_rels/workbook.xml.rels" and b"sharedStrings" not in data:
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            archive.writestr(name, data)
        strings = "".join(f"<si><t>{text}</t></si>" for text in HEADER + shared)
        archive.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main" count="{len(HEADER) + len(shared)}" '
            f'uniqueCount="{len(HEADER) + len(shared)}">{strings}</sst>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            header = "".join(
                f'<c r="{chr(65 + column)}1" t="s"><v>{column}</v></c>'
                for column in range(len(HEADER))
            )
            sheet.write(f'<row r="1">{header}</row>'.encode())
            block: list[str] = []
            for row in sheet_rows:
                block.append(row)
                if len(block) == 10_000:
                    sheet.write("".join(block).encode())
                    block = []
            sheet.write("".join(block).encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def amplified_xlsx(path: Path, rows: int = 5_000, chars: int = 100_000) -> Path:
    """A workbook of a few tens of KB: `rows` rows whose quote cell points at one shared
    string of `chars` characters (so `rows` x `chars` characters once read)."""
    first = len(HEADER)
    # Rows and cells without their optional r="..." attributes: the same bytes each time.
    row = (
        f'<row><c t="s"><v>{first}</v></c><c><v>540000</v></c><c><v>2019</v></c>'
        f'<c><v>1</v></c><c/><c t="s"><v>{first}</v></c></row>'
    )
    cells = (row for _ in range(rows))
    return _write_workbook(path, cells, ["X" * chars])


def bomb_xlsx(path: Path, rows: int = 1_000_000) -> Path:
    """A workbook well under a megabyte that unpacks to `rows` rows of one number each."""
    cells = ("<row><c/><c/><c/><c><v>1</v></c></row>" for _ in range(rows))
    return _write_workbook(path, cells, [])


_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from dashboard.data.store import Dataset
from dashboard.userdata.reading import read_user_file, validate_user_dataset
catalogue = Dataset.load(sys.argv[2]).catalogue
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
read = read_user_file(Path(sys.argv[1]))
problems = read.problems
if not problems:
    problems = validate_user_dataset(read.raw, catalogue, origin="upload").problems
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "seconds": round(seconds, 2),
    "peak_mb": round(peak / 1024),
    "added_mb": round((peak - before) / 1024),
    "problems": len(problems),
    "longest_rule": max((len(problem.rule) for problem in problems), default=0),
    "first": str(problems[0])[:140] if problems else "accepted",
}))
"""


def measure_in_child(path: Path, served: Path) -> dict:
    """Read and validate `path` against the built file `served` in a fresh process, without
    tracemalloc (which triples the time): seconds (imports excluded), peak RSS in MB
    (imports included), added MB, the number of problems and the first one."""
    root = Path(__file__).resolve().parents[2]
    output = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(served)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=True,
    ).stdout
    return json.loads(output)
