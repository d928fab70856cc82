"""Read what analysts really have (CSV in UTF-8 or GBK, XLSX) into the contract's raw tables.

A thin layer over `dashboard.data.contract`: the contract owns the rules; this module fills
the reading gaps that users' files show and that the contract leaves open, always exactly and
never by guessing:

- the kind of file is decided by its content (zip signature, text decoding), not its name;
- XLSX cells are read as the user sees them: a cell formatted as a percentage that shows
  98.33% holds 0.9833 and is read as "98.33%"; dates become YYYY-MM-DD; 12062.0 is "12062";
- a header row below a title row is found, and row numbers stay those of the spreadsheet;
- Chinese column names (指标, 地区, 年份, 数值, 单位 ...) are the dataset format's columns;
- a value written with its unit ("32.43亿元", "98.33%") is split when the unit column is empty
  or says the same unit;
- text that decodes as GB18030 but is really Big5 (or another encoding) is refused;
- every limit (config.py, docs/USER_DATA.md "Limits") is checked while the file is read, row
  by row, so that a wide, long or amplified file is refused before it costs time or memory.

Anything else the contract checks, with its row, column, rule and suggestion.
"""

from __future__ import annotations

import csv
import io
import re
import threading
import zipfile
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import config
from dashboard.data.contract import (
    TABLES,
    Catalogue,
    Problem,
    RawDataset,
    Validated,
    decode_text,
    limit_problem,
    parse_number,
    read_dataset,
    validate_dataset,
)
from dashboard.data.units import CANONICAL_UNITS, SCALED_UNITS, UNIT_ALIASES, normalise_unit

# How far down a sheet the header row may be (below a title and a blank line, say).
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Limits:
    """What one file may hold (config.py has the values and their environment variables)."""

    bytes: int | None  # size of the file as given
    rows: int  # data rows per table
    scanned_rows: int  # rows per sheet, empty formatted rows included
    columns: int  # columns per table
    scanned_cells: int  # cells per sheet, empty formatted cells included
    cell_chars: int  # characters in one cell
    total_chars: int  # characters in every cell of the file together
    unpacked_bytes: int  # what an XLSX may unpack to
    shared_strings_bytes: int  # ... and its shared-strings part alone

    @classmethod
    def current(cls, *, upload: bool) -> Limits:
        """The limits for an upload (MAX_UPLOAD_BYTES) or a file on disk (MAX_FILE_BYTES),
        read from config at call time."""
        return cls(
            bytes=config.MAX_UPLOAD_BYTES if upload else config.MAX_FILE_BYTES,
            rows=config.MAX_ROWS,
            scanned_rows=config.MAX_SCANNED_ROWS,
            columns=config.MAX_COLUMNS,
            scanned_cells=config.MAX_SCANNED_CELLS,
            cell_chars=config.MAX_CELL_CHARS,
            total_chars=config.MAX_TOTAL_CHARS,
            unpacked_bytes=config.MAX_UNPACKED_BYTES,
            shared_strings_bytes=config.MAX_SHARED_STRINGS_BYTES,
        )


# Column names as Chinese spreadsheets write them -> the dataset format's columns.
COLUMN_ALIASES: dict[str, str] = {
    "指标": "indicator",
    "指标代码": "indicator",
    "指标id": "indicator",
    "地区": "area",
    "地区代码": "area",
    "地区名称": "area",
    "区域": "area",
    "行政区划代码": "area",
    "年份": "year",
    "年度": "year",
    "年": "year",
    "数值": "value",
    "值": "value",
    "数据": "value",
    "单位": "unit",
    "计量单位": "unit",
    "维度": "dimension",
    "分组": "dimension",
    "类别": "category",
    "分类": "category",
    "来源": "source",
    "来源代码": "source",
    "数据来源": "source",
    "原文": "quote",
    "引文": "quote",
    "原文摘录": "quote",
    "备注": "note",
    "说明": "note",
    # The note in Chinese (note_zh) beside the English one (note); the export's headers too.
    "note_en": "note",
    "英文备注": "note",
    "英文说明": "note",
    "中文备注": "note_zh",
    "中文说明": "note_zh",
    "备注（中文）": "note_zh",
    "说明（中文）": "note_zh",
    "首选": "preferred",
    "优先": "preferred",
}

ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls / .doc
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
GB_ENCODINGS = {"gb18030", "gbk", "gb2312", "hz"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
TEXT_SUFFIXES = {".csv", ".txt"}


@dataclass
class ReadResult:
    """Raw tables, the problems found while reading, and what the file turned out to be."""

    raw: RawDataset
    problems: list[Problem]
    kind: str  # "csv", "xlsx", "folder" or "" when unreadable


# ---------------------------------------------------------------- entry points


def read_user_file(path: Path) -> ReadResult:
    """A dataset folder (the contract reads it), a CSV of observations, or an XLSX workbook."""
    path = Path(path)
    limits = Limits.current(upload=False)
    if path.is_dir():
        problems = _prescan_folder(path, limits)
        if problems:
            return ReadResult(RawDataset({}, {}), problems, "folder")
        raw, problems = read_dataset(path)
        problems += _row_limit(raw, limits.rows)
        return ReadResult(_padded(raw), problems, "folder")
    if not path.is_file():
        return _failed(Problem(str(path), None, None, None, "file not found"))
    size = path.stat().st_size
    if limits.bytes is not None and size > limits.bytes:
        return _failed(_too_large(path.name, size, limits.bytes))
    return read_user_bytes(path.read_bytes(), path.name, limits=limits)


def read_user_bytes(
    data: bytes,
    filename: str,
    *,
    max_bytes: int | None = None,
    max_rows: int | None = None,
    limits: Limits | None = None,
) -> ReadResult:
    """Read a user's file from its bytes; the content decides the reader, the name must agree.

    `limits` defaults to an upload's; max_bytes and max_rows override its size and rows."""
    label = Path(filename).name or "upload"
    limits = limits or Limits.current(upload=True)
    if max_bytes is not None:
        limits = replace(limits, bytes=max_bytes)
    if max_rows is not None:
        limits = replace(limits, rows=max_rows)
    if limits.bytes is not None and len(data) > limits.bytes:
        return _failed(_too_large(label, len(data), limits.bytes))
    kind, problem = sniff(data, label, limits)
    if problem is not None:
        return _failed(problem)
    suffix = Path(label).suffix.lower()
    if kind == "xlsx" and suffix in TEXT_SUFFIXES:
        return _failed(_mismatch(label, "an XLSX workbook", "rename it to .xlsx"))
    if kind == "csv" and suffix in WORKBOOK_SUFFIXES:
        return _failed(_mismatch(label, "text, not an XLSX workbook", "rename it to .csv"))
    if suffix not in TEXT_SUFFIXES | WORKBOOK_SUFFIXES:
        return _failed(
            Problem(
                label,
                None,
                None,
                None,
                f"unsupported file type '{suffix or '(none)'}'",
                "upload a .csv or .xlsx file",
            )
        )
    if kind == "xlsx":
        result = read_workbook_cells(data, label, limits)
    else:
        result = read_csv_text(data, label, limits)
    if not result.problems:
        result.problems += _row_limit(result.raw, limits.rows)
    result.raw = _padded(result.raw)
    return result


def _padded(raw: RawDataset) -> RawDataset:
    """Absent optional observation columns added empty (the contract is quadratic without)."""
    frame = raw.tables.get("observations")
    if frame is None:
        return raw
    frame = frame.copy()
    for column in TABLES["observations"][1]:
        if column not in frame.columns:
            frame[column] = pd.Series("", index=frame.index, dtype=object)
    raw.tables["observations"] = frame
    return raw


def validate_user_dataset(raw: RawDataset, base: Catalogue | None, *, origin: str) -> Validated:
    """The contract's validation, plus the rules a user's file must keep towards the served data.

    A file may rename an indicator or add to its description, but may not change its unit,
    programme or kind: the served readings of that indicator would silently change meaning.
    """
    problems = _check_redefinitions(raw, base)
    result = validate_dataset(raw, base, origin=origin)
    if problems:
        result.problems = problems + result.problems
    return result


# ---------------------------------------------------------------- sniffing


def sniff(data: bytes, label: str, limits: Limits | None = None) -> tuple[str, Problem | None]:
    """The kind ("xlsx" or "csv") from the bytes themselves, or a problem saying what it is."""
    if not data.strip():
        return "", Problem(label, None, None, None, "the file is empty")
    if data.startswith(ZIP_SIGNATURE):
        return _sniff_zip(data, label, limits or Limits.current(upload=True))
    if data.startswith(OLE2_SIGNATURE):
        return "", Problem(
            label,
            None,
            None,
            None,
            "an old Excel 97–2003 (.xls) workbook cannot be read",
            "open it in Excel or WPS and save it as .xlsx (Excel workbook)",
        )
    if data.startswith(UTF16_BOMS):
        return "", Problem(
            label,
            None,
            None,
            None,
            "the text is UTF-16 (Excel's 'Unicode Text'), which is not a CSV",
            "save it as 'CSV UTF-8 (comma delimited)'",
        )
    if b"\x00" in data[:4096]:
        return "", Problem(
            label,
            None,
            None,
            None,
            "binary content, not a CSV or XLSX file",
            "upload .csv or .xlsx",
        )
    return "csv", None


def _sniff_zip(data: bytes, label: str, limits: Limits) -> tuple[str, Problem | None]:
    # The sizes come from the zip's directory; zipfile never unpacks more than they declare.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            shared = sum(
                info.file_size
                for info in archive.infolist()
                if info.filename.lower().endswith("sharedstrings.xml")
            )
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError) as error:
        return "", Problem(label, None, None, None, f"a damaged zip/XLSX file ({error})")
    if b"opendocument" in mimetype:
        return "", Problem(
            label,
            None,
            None,
            None,
            "an OpenDocument (.ods) spreadsheet cannot be read",
            "save it as .xlsx (Excel workbook)",
        )
    if "xl/workbook.xml" not in names:
        return "", Problem(label, None, None, None, "a zip file that is not an XLSX workbook")
    if unpacked > limits.unpacked_bytes:
        return "", limit_problem(
            label,
            None,
            None,
            None,
            "limit.unpacked",
            size=_mb(unpacked),
            limit=_mb(limits.unpacked_bytes),
        )
    if shared > limits.shared_strings_bytes:
        return "", limit_problem(
            label,
            None,
            None,
            None,
            "limit.shared_strings",
            size=_mb(shared),
            limit=_mb(limits.shared_strings_bytes),
        )
    return "xlsx", None


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f}".removesuffix(".0")


def _too_large(label: str, size: int, limit: int) -> Problem:
    return limit_problem(
        label, None, None, None, "limit.file_bytes", size=_mb(size), limit=_mb(limit)
    )


def _mismatch(label: str, content: str, suggestion: str) -> Problem:
    return Problem(
        label, None, None, None, f"the name does not match the content: {content}", suggestion
    )


def _failed(problem: Problem) -> ReadResult:
    return ReadResult(RawDataset({}, {}), [problem], "")


def _row_limit(raw: RawDataset, max_rows: int) -> list[Problem]:
    """The exact count, once the header is known (the reading stops a little after it)."""
    return [
        _too_many_rows(raw.labels[table], max_rows)
        for table, frame in raw.tables.items()
        if len(frame) > max_rows
    ]


class _Budget:
    """What a file has cost so far, row by row, against its limits. check() returns the first
    limit passed as a Problem; the reader stops there, before reading further."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.chars = 0

    def start_sheet(self, where: str) -> None:
        self.where = where
        self.scanned = 0
        self.filled = 0
        self.cells = 0

    def check(self, texts: list[str]) -> Problem | None:
        limits, where = self.limits, self.where
        self.scanned += 1
        self.cells += len(texts)
        number = self.scanned
        if self.scanned > limits.scanned_rows:
            return limit_problem(
                where, None, None, None, "limit.scanned_rows", limit=limits.scanned_rows
            )
        if self.cells > limits.scanned_cells:
            return limit_problem(
                where, number, None, None, "limit.cells", limit=limits.scanned_cells
            )
        if not texts:
            return None
        longest = max(map(len, texts))
        if longest > limits.cell_chars:
            position = next(i for i, text in enumerate(texts) if len(text) == longest)
            return limit_problem(
                where,
                number,
                _column_letter(position),
                texts[position],
                "limit.cell_chars",
                found=longest,
                limit=limits.cell_chars,
            )
        if len(texts) > limits.columns:
            width = max((i + 1 for i, text in enumerate(texts) if text.strip()), default=0)
            if width > limits.columns:
                return limit_problem(
                    where, number, None, None, "limit.columns", found=width, limit=limits.columns
                )
        self.chars += sum(map(len, texts))
        if self.chars > limits.total_chars:
            return limit_problem(
                where, number, None, None, "limit.total_chars", limit=limits.total_chars
            )
        if any(texts):
            self.filled += 1
            # Exact once the header is found (_row_limit); this stops a long file early.
            if self.filled > limits.rows + HEADER_SEARCH_ROWS + 1:
                return _too_many_rows(where, limits.rows)
        return None


def _column_letter(position: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(min(position + 1, 18_278))


def _prescan_folder(folder: Path, limits: Limits) -> list[Problem]:
    """A dataset folder's CSVs checked against the limits before the contract reads them."""
    problems: list[Problem] = []
    budget = _Budget(limits)
    for table in TABLES:
        file = folder / f"{table}.csv"
        if not file.is_file():
            continue
        if limits.bytes is not None and file.stat().st_size > limits.bytes:
            problems.append(_too_large(file.name, file.stat().st_size, limits.bytes))
            continue
        text, _, decode_problems = decode_text(file.read_bytes(), file.name)
        if text is None:
            continue  # the contract reports it
        budget.start_sheet(file.name)
        rows = _csv_rows(text, file.name, budget)
        if isinstance(rows, Problem) and rows.key is not None:
            problems.append(rows)
    return problems


# ---------------------------------------------------------------- CSV


def read_csv_text(data: bytes, label: str, limits: Limits | None = None) -> ReadResult:
    """A CSV of observations: UTF-8 (with or without BOM) or GB18030/GBK, comma-separated."""
    budget = _Budget(limits or Limits.current(upload=True))
    budget.start_sheet(label)
    text, encoding, problems = decode_text(data, label)
    if text is None:
        return ReadResult(RawDataset({}, {}), problems, "")
    if encoding == "gb18030":
        wrong = _other_encoding(data, label)
        if wrong is not None:
            return _failed(wrong)
    rows = _csv_rows(text, label, budget)
    if isinstance(rows, Problem):
        return _failed(rows)
    frame, problems = _frame_from_rows(rows, "observations", label)
    if frame is None:
        return ReadResult(RawDataset({}, {}), problems, "csv")
    raw = RawDataset({"observations": frame}, {"observations": label}, {"observations": encoding})
    return ReadResult(raw, problems, "csv")


def _other_encoding(data: bytes, label: str) -> Problem | None:
    """GB18030 decodes nearly any bytes; refuse when the text is plainly in another encoding."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    best = matches[0]
    gb_chaos = [match.chaos for match in matches if match.encoding in GB_ENCODINGS]
    if best.encoding in GB_ENCODINGS or (gb_chaos and min(gb_chaos) <= best.chaos):
        return None
    return Problem(
        label,
        None,
        None,
        None,
        f"the text is neither UTF-8 nor GB18030/GBK (it looks like {best.encoding})",
        "save it as 'CSV UTF-8 (comma delimited)' from your spreadsheet program",
    )


def _csv_rows(text: str, label: str, budget: _Budget) -> list[list[str]] | Problem:
    first_line = next((line for line in io.StringIO(text) if line.strip()), "")[:100_000]
    if "," not in first_line:
        for separator, name in (("\t", "tabs"), (";", "semicolons"), ("，", "full-width commas")):
            if separator in first_line:
                return Problem(
                    label,
                    1,
                    None,
                    first_line[:80],
                    f"the columns are separated by {name}, not commas",
                    "save it as 'CSV UTF-8 (comma delimited)'",
                )
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            problem = budget.check(row)
            if problem is not None:
                return problem
            rows.append(_trimmed(row))
    except csv.Error as error:
        if "field larger than field limit" in str(error):  # csv's own cap, 131,072 characters
            limit = budget.limits.cell_chars
            found = f"{csv.field_size_limit():,}+"
            return limit_problem(
                label, len(rows) + 1, None, None, "limit.cell_chars", found=found, limit=limit
            )
        return Problem(label, len(rows) + 1, None, None, f"not a readable CSV: {error}")
    return rows


def _trimmed(texts: list[str]) -> list[str]:
    """Without its empty cells at the end (a row formatted out to column XFD holds 16,384)."""
    end = len(texts)
    while end and not texts[end - 1].strip():
        end -= 1
    return texts if end == len(texts) else texts[:end]


# ---------------------------------------------------------------- XLSX


def read_workbook_cells(data: bytes, label: str, limits: Limits | None = None) -> ReadResult:
    """Every sheet named like a table of the dataset format; other sheets are help and lists.

    Read in openpyxl's streaming mode, row by row against the limits: a shared string is held
    once however many cells point at it, and a sheet stops at the first limit it passes."""
    budget = _Budget(limits or Limits.current(upload=True))
    try:
        workbook = _load_streaming(data)
    except Exception as error:  # openpyxl raises many types for damaged files
        return _failed(Problem(label, None, None, None, f"the workbook cannot be read: {error}"))
    raw = RawDataset({}, {})
    problems: list[Problem] = []
    try:
        for sheet in workbook.worksheets:
            table = sheet.title.strip().lower()
            if table not in TABLES:
                continue
            where = f"{label}:{sheet.title}"
            budget.start_sheet(where)
            rows = _sheet_rows(sheet, budget)
            if isinstance(rows, Problem):
                problems.append(rows)
                break
            frame, sheet_problems = _frame_from_rows(rows, table, where)
            problems += sheet_problems
            if frame is not None:
                raw.tables[table] = frame
                raw.labels[table] = where
    finally:
        workbook.close()
    if "observations" not in raw.tables and not problems:
        problems.append(
            Problem(
                label,
                None,
                None,
                None,
                "the workbook has no 'observations' sheet",
                "name the sheet with the values 'observations' (see the template)",
            )
        )
    return ReadResult(raw, problems, "xlsx")


_LOAD_LOCK = threading.Lock()


def _load_streaming(data: bytes):  # noqa: ANN202
    """openpyxl's read-only workbook, without the size pass of each sheet: a sheet without a
    <dimension> element is parsed to its end to find its size (a bomb's million rows, before
    the first row is read), and _sheet_rows resets the size anyway."""
    import openpyxl.reader.excel as excel
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class UnsizedSheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            return None

    with _LOAD_LOCK:  # the reader looks the class up in its module when it builds the sheets
        original = excel.ReadOnlyWorksheet
        excel.ReadOnlyWorksheet = UnsizedSheet
        try:
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        finally:
            excel.ReadOnlyWorksheet = original


def _sheet_rows(sheet: object, budget: _Budget) -> list[list[str]] | Problem:
    """The sheet's cells as text, or the first limit the sheet passes."""
    sheet.reset_dimensions()  # type: ignore[attr-defined]  # a wrong <dimension> must not truncate
    rows: list[list[str]] = []
    trailing = 0  # empty rows not yet kept: formatted but empty rows at the bottom
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        texts = [cell_text(cell) for cell in row]
        problem = budget.check(texts)
        if problem is not None:
            return problem
        texts = _trimmed(texts)
        if not texts:
            trailing += 1
            continue
        rows += [[] for _ in range(trailing)]
        trailing = 0
        rows.append(texts)
    return rows


def _too_many_rows(label: str, limit: int) -> Problem:
    return limit_problem(label, None, None, None, "limit.rows", limit=limit)


def cell_text(cell: object) -> str:
    """A cell's value written as the spreadsheet shows it, at full precision."""
    value = getattr(cell, "value", None)
    number_format = str(getattr(cell, "number_format", "") or "")
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date | time):
        return _date_text(value, number_format)
    if isinstance(value, int | float):
        if "%" in number_format:
            return number_text(float(value) * 100) + "%"
        return number_text(value)
    return str(value)


def number_text(value: float | int) -> str:
    """12062.0 -> "12062", 0.1 -> "0.1", 1e-05 -> "0.00001" (never exponent notation)."""
    if isinstance(value, int):
        return str(value)
    # Twelve significant digits undo binary noise such as 0.9833 * 100 = 98.33000000000001.
    rounded = float(f"{value:.12g}")
    return np.format_float_positional(rounded, trim="-")


def _date_text(value: datetime | date | time, number_format: str) -> str:
    if isinstance(value, time):
        return value.isoformat()
    lowered = number_format.lower()
    if lowered in ("yyyy", 'yyyy"年"', "yyyy年"):
        return f"{value.year:04d}"
    if lowered in ("yyyy-mm", "yyyy/mm", 'yyyy"年"m"月"', "yyyy年m月"):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, datetime) and value.time() != time(0, 0):
        return value.isoformat(sep=" ")
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


# ---------------------------------------------------------------- rows -> frame


def _frame_from_rows(
    rows: list[list[str]], table: str, label: str
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A frame of stripped strings, indexed so that the contract names spreadsheet rows."""
    rows = [[str(cell).strip().lstrip("\ufeff") for cell in row] for row in rows]
    if not any(any(row) for row in rows):
        return None, [Problem(label, None, None, None, "the sheet is empty")]
    header_at = _header_row(rows, table)
    header = [_column_name(cell) for cell in rows[header_at]]
    width = max(len(header), *(len(row) for row in rows[header_at:]))
    if width > len(header):
        header += [""] * (width - len(header))
    body = [row + [""] * (width - len(row)) for row in rows[header_at + 1 :]]
    # The contract reports index + 2, so a header in spreadsheet row h gives index row - 2.
    index = range(header_at, header_at + len(body))
    frame = pd.DataFrame(body, columns=header, index=index, dtype=object)
    stray = [
        Problem(
            label,
            header_at + offset + 2,
            None,
            row[position],
            "a value in a column without a name",
            "give the column a name in the header row, or delete the value",
        )
        for offset, row in enumerate(body)
        for position, name in enumerate(header)
        if not name and row[position]
    ]
    frame = frame.loc[:, [bool(name) for name in header]]
    frame = frame[(frame != "").any(axis=1)] if len(frame.columns) else frame
    if table == "observations" and header.count("value") == 1 and header.count("unit") <= 1:
        frame = _split_units_from_values(frame)
    return frame, stray[:20]


def _header_row(rows: list[list[str]], table: str) -> int:
    """The first of the top rows that names every required column; else the first row."""
    required = set(TABLES[table][0])
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if required <= {_column_name(cell) for cell in row}:
            return position
    return next(position for position, row in enumerate(rows) if any(row))


def _column_name(text: str) -> str:
    name = str(text).strip().lower()
    return COLUMN_ALIASES.get(name, name)


_VALUE_WITH_UNIT = re.compile(r"^\s*([+\-]?[\d,，.．０-９]+)\s*(\S+?)\s*$")


def _unit_of(text: str) -> str | None:
    try:
        return normalise_unit(text)
    except ValueError:
        return None


def _split_units_from_values(frame: pd.DataFrame) -> pd.DataFrame:
    """A value "32.43亿元" with an empty unit cell (or unit 亿元) becomes value 32.43, unit 亿元."""
    known = set(CANONICAL_UNITS) | set(SCALED_UNITS) | set(UNIT_ALIASES)
    frame = frame.copy()
    if "unit" not in frame.columns:
        frame["unit"] = ""
    for index, text in frame["value"].items():
        if not text or parse_number(text) is not None:
            continue
        match = _VALUE_WITH_UNIT.match(text)
        if match is None or match.group(2).lower() not in known | {"％"}:
            continue
        number, written_unit = match.groups()
        unit = _unit_of(written_unit.replace("％", "%"))
        given = frame.at[index, "unit"]
        if unit is None or parse_number(number) is None:
            continue
        if given and _unit_of(given) != unit:
            continue  # two different units: the contract refuses the value as written
        frame.at[index, "value"] = number
        frame.at[index, "unit"] = given or unit
    if (frame["unit"] == "").all():
        frame = frame.drop(columns="unit")
    return frame


# ---------------------------------------------------------------- redefinitions


_FIXED_INDICATOR_FIELDS = ("unit", "program", "kind")


def _check_redefinitions(raw: RawDataset, base: Catalogue | None) -> list[Problem]:
    own = raw.tables.get("indicators")
    if base is None or own is None or "indicator" not in own.columns:
        return []
    label = raw.labels["indicators"]
    problems: list[Problem] = []
    for index, row in own.iterrows():
        indicator = row["indicator"]
        if indicator not in base.indicators.index:
            continue
        served = base.indicators.loc[indicator]
        for field in _FIXED_INDICATOR_FIELDS:
            given = str(row.get(field, ""))
            if field in own.columns and given and given != str(served[field]):
                problems.append(
                    Problem(
                        label,
                        int(index) + 2,  # type: ignore[arg-type]
                        field,
                        given,
                        f"the indicator {indicator} already exists with {field} "
                        f"'{served[field]}'; a file cannot change it",
                        "use a new indicator id, or write values in the existing "
                        f"{field} (scaled units such as 万元 are converted)",
                    )
                )
    return problems
