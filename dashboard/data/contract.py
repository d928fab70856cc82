"""The data contract: read a dataset (CSV folder or XLSX), check its rules, resolve ids.

The same code checks the embedded tables in data/raw, a user's file and (through
`check_observations`) a built Parquet file at load time, so that one set of rules holds
everywhere. Every problem names where it is (file or sheet, row, column), the value, the rule
it broke and, where one exists, a suggestion.
"""

from __future__ import annotations

import io
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import config
from dashboard.data.gazetteer import Gazetteer, builtin_gazetteer
from dashboard.data.units import (
    CANONICAL_UNITS,
    PeriodError,
    UnitError,
    conversion_factor,
    known_units,
)

TABLES: dict[str, tuple[list[str], list[str]]] = {
    # table: (required columns, optional columns)
    "observations": (
        ["indicator", "area", "year", "value"],
        [
            "unit",
            "dimension",
            "category",
            "basis",
            "reference",
            "source",
            "quote",
            "note",
            "note_zh",
            "preferred",
        ],
    ),
    "indicators": (
        ["indicator", "program", "name_zh", "name_en", "unit", "kind"],
        ["description_zh", "description_en", "min", "max", "decimals", "direction"],
    ),
    "programs": (["program", "name_zh", "name_en"], []),
    "sources": (
        ["source", "title", "publisher", "date", "url"],
        ["via_url", "title_en", "publisher_en"],
    ),
    "dimensions": (["dimension", "category", "name_zh", "name_en"], []),
    "areas": (["area", "level", "parent", "name_zh", "name_en"], ["aliases"]),
    "charts": (
        ["chart", "program", "kind", "indicators"],
        ["dimension", "title_zh", "title_en", "subtitle_zh", "subtitle_en", "order", "options"],
    ),
    # Which readings lead each programme's briefing, in order (see check_headlines).
    "headlines": (["program", "indicator", "order"], ["dimension", "category"]),
    # Dated policy events drawn on the charts, each with the sentence it was read from.
    "events": (["date", "program", "title_zh", "title_en", "source", "quote"], []),
}
DIRECTIONS = ("up", "down", "none")  # higher is better, lower is better, neither
KINDS = ("outcome", "standard", "target", "cumulative", "plan", "average")
LEVELS = ("region", "prefecture", "county")
KEY = ["indicator", "area", "year", "dimension", "category"]
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TRUE_WORDS = {"true", "1", "yes", "y", "是", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "否", "f", ""}
NON_NEGATIVE_QUANTITIES = {"people", "count", "money", "rate_money"}
OBSERVATION_COLUMNS = [
    "obs_id",
    "indicator",
    "program",
    "area",
    "area_level",
    "prefecture",
    "region",
    "year",
    "dimension",
    "category",
    "basis",
    "reference",
    "value",
    "unit",
    "kind",
    "source",
    "quote",
    "note",  # the curator's note in English (or the only note given)
    "note_zh",  # the same note in Chinese ("" when none: readers see `note`)
    "preferred",
    "origin",
]
CATEGORICAL_COLUMNS = [
    "indicator",
    "program",
    "area",
    "area_level",
    "prefecture",
    "region",
    "dimension",
    "category",
    "basis",
    "reference",
    "unit",
    "kind",
    "source",
    "origin",
]
# Columns added after the first built files: a file without them loads with "" in them.
LATER_COLUMNS = ("basis", "reference", "note_zh")


@dataclass(frozen=True)
class Problem:
    """One broken rule, located precisely enough for a user to fix it."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    suggestion: str | None = None
    # Set for rules with a text in the i18n catalogues (limits, magnitudes): the key and its
    # fields, so that a page can show the rule in the reader's language (rule_in).
    key: str | None = None
    fields: tuple[tuple[str, object], ...] = ()

    def rule_in(self, lang: str) -> str:
        """The rule in lang when it has a catalogue text, else as written (English)."""
        return _catalogue_text(self.key, lang, self.fields) or self.rule

    def suggestion_in(self, lang: str) -> str | None:
        hint = _catalogue_text(f"{self.key}.hint" if self.key else None, lang, self.fields)
        return hint or self.suggestion

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        text = f"{where}: {self.rule}"
        if self.value is not None:
            text += f" (value: '{_shorten(self.value)}')"
        if self.suggestion:
            text += f" — {self.suggestion}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "rule": self.rule,
            "suggestion": self.suggestion,
        }


def _catalogue_text(key: str | None, lang: str, fields: tuple) -> str | None:
    from dashboard import i18n

    if key is None or not i18n.has(key):
        return None
    return i18n.t(key, lang, **dict(fields))


def limit_problem(
    file: str,
    row: int | None,
    column: str | None,
    value: str | None,
    key: str,
    **fields: object,
) -> Problem:
    """A problem whose rule (and hint, if `key`.hint exists) comes from the i18n catalogues:
    the English text for the command line, `rule_in(lang)` for the pages."""
    pairs = tuple(
        (name, f"{given:,}" if isinstance(given, int) else str(given))
        for name, given in sorted(fields.items())
    )
    return Problem(
        file,
        row,
        column,
        None if value is None else _shorten(value, 200),
        _catalogue_text(key, "en", pairs) or key,
        _catalogue_text(f"{key}.hint", "en", pairs),
        key=key,
        fields=pairs,
    )


class DatasetError(Exception):
    """Raised with the full list of problems when a dataset cannot be used."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class RawDataset:
    """Tables as read, every cell a stripped string; `labels` says where each table came from."""

    tables: dict[str, pd.DataFrame]
    labels: dict[str, str]
    encodings: dict[str, str] = field(default_factory=dict)


@dataclass
class Catalogue:
    """Names, units and provenance of everything the observations refer to."""

    indicators: pd.DataFrame  # indexed by indicator id
    programs: pd.DataFrame  # indexed by program id
    sources: pd.DataFrame  # indexed by source id
    dimensions: pd.DataFrame  # columns dimension, category, name_zh, name_en
    areas: pd.DataFrame  # the gazetteer's frame (area, level, parent, name_zh, name_en, aliases)
    # the declared charts (columns of the charts table); programmes without any get defaults
    charts: pd.DataFrame = field(default_factory=lambda: _empty_table("charts"))
    headlines: pd.DataFrame = field(default_factory=lambda: _empty_table("headlines"))
    events: pd.DataFrame = field(default_factory=lambda: _empty_table("events"))

    def to_json(self, built_from: str) -> str:
        def records(frame: pd.DataFrame, index: bool) -> list[dict]:
            data = frame.reset_index() if index else frame
            return json.loads(data.to_json(orient="records", force_ascii=False))

        return json.dumps(
            {
                "schema_version": 1,
                "built_from": built_from,
                "indicators": records(self.indicators, True),
                "programs": records(self.programs, True),
                "sources": records(self.sources, True),
                "dimensions": records(self.dimensions, False),
                "areas": records(self.areas, False),
                "charts": records(self.charts, False),
                "headlines": records(self.headlines, False),
                "events": records(self.events, False),
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Catalogue:
        payload = json.loads(text)
        return cls(
            indicators=_catalogue_frame(payload["indicators"], "indicators").set_index("indicator"),
            programs=_catalogue_frame(payload["programs"], "programs").set_index("program"),
            sources=_catalogue_frame(payload["sources"], "sources").set_index("source"),
            dimensions=_catalogue_frame(payload["dimensions"], "dimensions"),
            areas=_catalogue_frame(payload["areas"], "areas"),
            charts=_catalogue_frame(payload.get("charts", []), "charts"),
            headlines=_catalogue_frame(payload.get("headlines", []), "headlines"),
            events=_catalogue_frame(payload.get("events", []), "events"),
        )

    @classmethod
    def empty(cls) -> Catalogue:
        def frame(table: str) -> pd.DataFrame:
            return pd.DataFrame(columns=_all_columns(table), dtype=object)

        return cls(
            indicators=frame("indicators").set_index("indicator"),
            programs=frame("programs").set_index("program"),
            sources=frame("sources").set_index("source"),
            dimensions=frame("dimensions"),
            areas=builtin_gazetteer().frame.copy(),
        )


def _empty_table(table: str) -> pd.DataFrame:
    return pd.DataFrame(columns=_all_columns(table), dtype=object)


def _all_columns(table: str) -> list[str]:
    required, optional = TABLES[table]
    return required + optional


def _empty_table(table: str) -> pd.DataFrame:
    return pd.DataFrame(columns=_all_columns(table), dtype=object)


def _catalogue_frame(records: list[dict], table: str) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=None if records else _all_columns(table))
    for column in _all_columns(table):
        if column not in frame.columns:
            frame[column] = ""
    return frame.fillna("").astype(object)


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- reading


def read_dataset(path: Path) -> tuple[RawDataset, list[Problem]]:
    """Read a folder of CSVs, an XLSX workbook or a single CSV (its observations)."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path)
    if not path.exists():
        return RawDataset({}, {}), [Problem(str(path), None, None, None, "file not found")]
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_workbook(path.read_bytes(), path.name)
    if path.suffix.lower() in (".csv", ".txt"):
        frame, encoding, problems = read_csv_bytes(path.read_bytes(), path.name)
        tables = {"observations": frame} if frame is not None else {}
        return RawDataset(tables, {"observations": path.name}, {"observations": encoding}), problems
    return RawDataset({}, {}), [
        Problem(path.name, None, None, None, "not a dataset: expected a folder, .csv or .xlsx")
    ]


def _read_folder(folder: Path) -> tuple[RawDataset, list[Problem]]:
    raw = RawDataset({}, {})
    problems: list[Problem] = []
    for table in TABLES:
        file = folder / f"{table}.csv"
        if not file.exists():
            continue
        frame, encoding, file_problems = read_csv_bytes(file.read_bytes(), file.name)
        problems += file_problems
        if frame is not None:
            raw.tables[table] = frame
            raw.labels[table] = file.name
            raw.encodings[table] = encoding
    if "observations" not in raw.tables and not problems:
        problems.append(
            Problem(str(folder), None, None, None, "no observations.csv in the dataset folder")
        )
    return raw, problems


def decode_text(data: bytes, label: str) -> tuple[str | None, str, list[Problem]]:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK); anything else is refused."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding, []
        except UnicodeDecodeError:
            continue
    return (
        None,
        "",
        [
            Problem(
                label,
                None,
                None,
                None,
                "the file is neither UTF-8 nor GB18030/GBK text",
                "save it as 'CSV UTF-8' from your spreadsheet program",
            )
        ],
    )


def read_csv_bytes(data: bytes, label: str) -> tuple[pd.DataFrame | None, str, list[Problem]]:
    if not data.strip():
        return None, "", [Problem(label, None, None, None, "the file is empty")]
    if b"\x00" in data[:4096]:
        return None, "", [Problem(label, None, None, None, "binary content, not a CSV text file")]
    text, encoding, problems = decode_text(data, label)
    if text is None:
        return None, "", problems
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=True
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        return None, encoding, [Problem(label, None, None, None, f"not a readable CSV: {error}")]
    return _clean_frame(frame), encoding, []


def read_workbook(data: bytes, label: str) -> tuple[RawDataset, list[Problem]]:
    if not data.startswith(b"PK"):
        return RawDataset({}, {}), [
            Problem(label, None, None, None, "not an XLSX workbook (content is not a zip file)")
        ]
    try:
        sheets = pd.read_excel(
            io.BytesIO(data), sheet_name=None, dtype=str, keep_default_na=False, engine="openpyxl"
        )
    except Exception as error:  # openpyxl raises many types for damaged files
        return RawDataset({}, {}), [
            Problem(label, None, None, None, f"the workbook cannot be read: {error}")
        ]
    raw = RawDataset({}, {})
    problems: list[Problem] = []
    for name, frame in sheets.items():
        table = str(name).strip().lower()
        if table not in TABLES:
            continue  # template help and lists sheets are not data
        cleaned = _clean_frame(frame)
        where = f"{label}:{name}"
        if cleaned.empty and len(cleaned.columns) == 0:
            problems.append(Problem(where, None, None, None, "the sheet is empty"))
            continue
        raw.tables[table] = cleaned
        raw.labels[table] = where
    if "observations" not in raw.tables and not problems:
        problems.append(
            Problem(label, None, None, None, "the workbook has no 'observations' sheet")
        )
    return raw, problems


def _clean_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.rename(columns=lambda column: str(column).strip().lower().lstrip("\ufeff"))
    frame = frame.loc[:, [not column.startswith("unnamed:") for column in frame.columns]]
    frame = frame.astype(object).fillna("")
    frame = frame.map(lambda cell: str(cell).strip())
    # Drop rows that are entirely blank (spreadsheet padding), but keep the row numbering.
    return frame[(frame != "").any(axis=1)]


# ---------------------------------------------------------------- values


_FULL_WIDTH = str.maketrans(
    {chr(0xFF10 + digit): str(digit) for digit in range(10)}
    | {
        "，": ",",
        "．": ".",
        "－": "-",
        "＋": "+",
        "％": "%",
        "　": " ",
    }
)
NUMBER_PATTERN = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$")


def parse_number(text: str) -> float | None:
    """A number as people write it: thousands separators and full-width digits are fine."""
    cleaned = unicodedata.normalize("NFKC", text).translate(_FULL_WIDTH).strip().replace(" ", "")
    if not NUMBER_PATTERN.match(cleaned):
        return None
    return float(cleaned.replace(",", ""))


def parse_year(text: str) -> int | None:
    value = parse_number(text)
    if value is None or not math.isfinite(value) or value != int(value):
        return None
    return int(value)


def _row_number(index: object) -> int:
    """Spreadsheet row: the header is row 1, the first data row is row 2."""
    return int(index) + 2  # type: ignore[arg-type]


# ---------------------------------------------------------------- validation


@dataclass
class Validated:
    observations: pd.DataFrame
    catalogue: Catalogue
    problems: list[Problem]


def validate_dataset(
    raw: RawDataset, base: Catalogue | None = None, *, origin: str = "embedded"
) -> Validated:
    """Check a raw dataset against the contract; ids unknown to it are looked up in `base`."""
    base = base or Catalogue.empty()
    problems: list[Problem] = []
    for table, frame in raw.tables.items():
        problems += _check_columns(frame, table, raw.labels[table])
    if problems:
        return Validated(_empty_observations(), base, problems)

    programs, program_problems = _merge_programs(raw, base)
    gazetteer, area_problems = _merge_areas(raw, base)
    indicators, indicator_problems = _merge_indicators(raw, base, programs)
    sources, source_problems = _merge_sources(raw, base)
    dimensions, dimension_problems = _merge_dimensions(raw, base)
    problems += program_problems + area_problems + indicator_problems
    problems += source_problems + dimension_problems
    catalogue = Catalogue(indicators, programs, sources, dimensions, gazetteer.frame)
    catalogue.charts, chart_problems = merge_charts(raw, base, catalogue)
    problems += chart_problems
    catalogue.headlines, headline_problems = check_headlines(raw, base, catalogue)
    catalogue.events, event_problems = check_events(raw, base, catalogue)
    problems += headline_problems + event_problems

    frame = raw.tables.get("observations")
    label = raw.labels.get("observations", "observations")
    if frame is None or frame.empty:
        problems.append(Problem(label, None, None, None, "the dataset has no observations"))
        return Validated(_empty_observations(), catalogue, problems)

    observations, row_problems = _resolve_observations(frame, label, catalogue, gazetteer)
    problems += row_problems
    if row_problems:
        return Validated(_empty_observations(), catalogue, problems)
    observations, key_problems = _choose_preferred(observations, label)
    problems += key_problems
    observations["origin"] = origin
    return Validated(finalise_observations(observations), catalogue, problems)


def _check_columns(frame: pd.DataFrame, table: str, label: str) -> list[Problem]:
    required, optional = TABLES[table]
    problems = [
        Problem(label, 1, column, None, f"required column '{column}' is missing")
        for column in required
        if column not in frame.columns
    ]
    problems += [
        Problem(label, 1, column, None, "the column appears twice")
        for column in _duplicated_columns(frame.columns)
    ]
    for column in frame.columns:
        if column not in required and column not in optional:
            known = ", ".join(required + optional)
            problems.append(
                Problem(label, 1, column, None, "unknown column", f"known columns: {known}")
            )
    return problems


def _duplicated_columns(columns: object) -> list[str]:
    """Names given to more than one column, in order; one pass (a file may have 20,000)."""
    seen: set[str] = set()
    twice: dict[str, None] = {}
    for column in columns:  # type: ignore[attr-defined]
        if column in seen:
            twice[column] = None
        seen.add(column)
    return list(twice)


def _column(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column] if column in frame.columns else pd.Series("", index=frame.index)


def _merge_programs(raw: RawDataset, base: Catalogue) -> tuple[pd.DataFrame, list[Problem]]:
    own = raw.tables.get("programs")
    problems: list[Problem] = []
    frame = base.programs.copy()
    if own is not None:
        label = raw.labels["programs"]
        for index, row in own.iterrows():
            problems += _check_id(row["program"], label, index, "program")
            problems += _check_names(row, label, index)
        problems += _check_unique(own, "program", label)
        frame = _override(frame, own.set_index("program"))
    return frame, problems


def _merge_areas(raw: RawDataset, base: Catalogue) -> tuple[Gazetteer, list[Problem]]:
    gazetteer = Gazetteer(base.areas)
    own = raw.tables.get("areas")
    if own is None:
        return gazetteer, []
    label = raw.labels["areas"]
    problems: list[Problem] = []
    known_codes = set(gazetteer.frame["area"]) | set(own["area"])
    for index, row in own.iterrows():
        row_number = _row_number(index)
        if not re.fullmatch(r"\d{6}", row["area"]):
            problems.append(
                Problem(
                    label, row_number, "area", row["area"], "an area code has 6 digits (GB/T 2260)"
                )
            )
        if row["level"] not in LEVELS:
            problems.append(
                Problem(
                    label,
                    row_number,
                    "level",
                    row["level"],
                    f"level must be one of {', '.join(LEVELS)}",
                )
            )
        if row["level"] != "region" and row["parent"] not in known_codes:
            problems.append(
                Problem(label, row_number, "parent", row["parent"], "unknown parent area code")
            )
        problems += _check_names(row, label, index)
    problems += _check_unique(own, "area", label)
    if problems:
        return gazetteer, problems
    return gazetteer.extended(own), []


def _merge_indicators(
    raw: RawDataset, base: Catalogue, programs: pd.DataFrame
) -> tuple[pd.DataFrame, list[Problem]]:
    own = raw.tables.get("indicators")
    frame = base.indicators.copy()
    if own is None:
        return frame, []
    label = raw.labels["indicators"]
    problems: list[Problem] = []
    for index, row in own.iterrows():
        row_number = _row_number(index)
        problems += _check_id(row["indicator"], label, index, "indicator")
        problems += _check_names(row, label, index)
        if row["program"] not in programs.index:
            problems.append(
                Problem(
                    label,
                    row_number,
                    "program",
                    row["program"],
                    "unknown program",
                    _closest(row["program"], list(programs.index), "program"),
                )
            )
        if row["unit"] not in CANONICAL_UNITS:
            problems.append(
                Problem(
                    label,
                    row_number,
                    "unit",
                    row["unit"],
                    "an indicator's unit must be canonical",
                    f"use one of {' '.join(CANONICAL_UNITS)}; values may be in 万元, 亿元",
                )
            )
        if row["kind"] not in KINDS:
            problems.append(
                Problem(
                    label,
                    row_number,
                    "kind",
                    row["kind"],
                    f"kind must be one of {', '.join(KINDS)}",
                )
            )
        for column in ("min", "max", "decimals"):
            text = row.get(column, "")
            if text and parse_number(text) is None:
                problems.append(Problem(label, row_number, column, text, "not a number"))
        problems += _check_direction(row.get("direction", ""), label, row_number)
    problems += _check_unique(own, "indicator", label)
    return _override(frame, own.set_index("indicator")), problems


def _merge_sources(raw: RawDataset, base: Catalogue) -> tuple[pd.DataFrame, list[Problem]]:
    own = raw.tables.get("sources")
    frame = base.sources.copy()
    if own is None:
        return frame, []
    label = raw.labels["sources"]
    problems: list[Problem] = []
    for index, row in own.iterrows():
        row_number = _row_number(index)
        if not row["source"]:
            problems.append(Problem(label, row_number, "source", "", "a source needs an id"))
        if not row["title"]:
            problems.append(Problem(label, row_number, "title", "", "a source needs a title"))
        if row["date"] and not DATE_PATTERN.match(row["date"]):
            problems.append(
                Problem(
                    label, row_number, "date", row["date"], "dates are YYYY, YYYY-MM or YYYY-MM-DD"
                )
            )
        for column in ("url", "via_url"):
            url = row.get(column, "")
            if url and not re.match(r"^https?://", url):
                problems.append(
                    Problem(
                        label, row_number, column, url, "a link starts with http:// or https://"
                    )
                )
    problems += _check_unique(own, "source", label)
    return _override(frame, own.set_index("source")), problems


def _merge_dimensions(raw: RawDataset, base: Catalogue) -> tuple[pd.DataFrame, list[Problem]]:
    own = raw.tables.get("dimensions")
    frame = base.dimensions.copy()
    if own is None:
        return frame, []
    label = raw.labels["dimensions"]
    problems: list[Problem] = []
    for index, row in own.iterrows():
        problems += _check_id(row["dimension"], label, index, "dimension")
        problems += _check_id(row["category"], label, index, "category")
        problems += _check_names(row, label, index)
    duplicated = own.duplicated(["dimension", "category"], keep="first")
    for index in own.index[duplicated]:
        problems.append(
            Problem(
                label,
                _row_number(index),
                "category",
                own.at[index, "category"],
                "the (dimension, category) pair is defined twice",
            )
        )
    merged = pd.concat([own, frame], ignore_index=True)
    merged = merged.drop_duplicates(["dimension", "category"], keep="first")
    return merged.reset_index(drop=True), problems


def _override(base: pd.DataFrame, own: pd.DataFrame) -> pd.DataFrame:
    """The dataset's own rows first; the base catalogue fills in what it does not define."""
    own = own[~own.index.duplicated(keep="first")]
    columns = list(dict.fromkeys([*base.columns, *own.columns]))
    merged = pd.concat([own.reindex(columns=columns), base[~base.index.isin(own.index)]])
    return merged.reindex(columns=columns).fillna("").astype(object)


def _check_id(value: str, label: str, index: object, column: str) -> list[Problem]:
    if ID_PATTERN.match(value):
        return []
    return [
        Problem(
            label,
            _row_number(index),
            column,
            value,
            "ids are snake_case: lower-case letters, digits and _ , starting with a letter",
        )
    ]


def _check_names(row: pd.Series, label: str, index: object) -> list[Problem]:
    return [
        Problem(label, _row_number(index), column, "", "a name is required in both languages")
        for column in ("name_zh", "name_en")
        if not row.get(column, "")
    ]


def _check_unique(frame: pd.DataFrame, column: str, label: str) -> list[Problem]:
    duplicated = frame[column].duplicated(keep="first")
    return [
        Problem(
            label,
            _row_number(index),
            column,
            frame.at[index, column],
            f"the {column} id is defined twice",
        )
        for index in frame.index[duplicated]
    ]


def _closest(value: str, candidates: list[str], what: str) -> str | None:
    import difflib

    matches = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return f"did you mean {what} '{matches[0]}'?" if matches else None


class _Hints:
    """ "Did you mean" suggestions, computed once per distinct value and for at most
    config.MAX_SUGGESTIONS values: a hostile file can name 50,000 different unknown ids, and
    each suggestion compares the value with every known id."""

    def __init__(self) -> None:
        self._memo: dict[tuple[str, str], str | None] = {}

    def _get(self, what: str, value: str, compute) -> str | None:  # noqa: ANN001
        key = (what, value)
        if key not in self._memo:
            if len(self._memo) >= config.MAX_SUGGESTIONS:
                return None
            self._memo[key] = compute()
        return self._memo[key]

    def closest(self, value: str, candidates: pd.Index, what: str) -> str | None:
        return self._get(what, value, lambda: _closest(value, list(candidates), what))

    def area(self, text: str, gazetteer: Gazetteer) -> str:
        def compute() -> str | None:
            found = gazetteer.suggest(text)
            return f"did you mean {found[0].name_zh} ({found[0].code})?" if found else None

        return (
            self._get("area", text, compute)
            or "use a 6-digit area code or a name from the gazetteer"
        )


def _too_many_problems(label: str, row_number: int) -> Problem:
    return limit_problem(label, row_number, None, None, "limit.problems", limit=config.MAX_PROBLEMS)


def _magnitude_bounds(indicator: dict) -> tuple[float, float]:
    """The default bound on each side the indicator leaves open: -inf/inf where its own
    (finite) min or max is given, since _check_range then holds it to that."""
    bounds = []
    for column, default in (("min", -config.MAX_ABS_VALUE), ("max", config.MAX_ABS_VALUE)):
        text = str(indicator.get(column, "") or "")
        given = parse_number(text) if text else None
        open_side = given is None or not math.isfinite(given)
        bounds.append(default if open_side else math.copysign(math.inf, default))
    return bounds[0], bounds[1]


def _check_magnitude(
    value: float, indicator: dict, label: str, row_number: int, written: str
) -> list[Problem]:
    """A value must be finite (digits overflowing a float are not) and, unless the indicator
    sets its own min/max, within +-config.MAX_ABS_VALUE of its canonical unit: 1e29 people
    is a typing error, and it breaks every sum, scale and export downstream."""
    if not math.isfinite(value):
        return [limit_problem(label, row_number, "value", written, "limit.value_infinite")]
    low, high = _magnitude_bounds(indicator)
    if low <= value <= high:
        return []
    return [
        limit_problem(
            label,
            row_number,
            "value",
            written,
            "limit.value_magnitude",
            found=f"{value:.6g}",
            limit=f"{config.MAX_ABS_VALUE:g}",
            unit=indicator["unit"],
        )
    ]


def _resolve_observations(
    frame: pd.DataFrame, label: str, catalogue: Catalogue, gazetteer: Gazetteer
) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    rows: list[dict[str, object]] = []
    indicators = catalogue.indicators
    dimensions = catalogue.dimensions
    dimension_pairs = set(zip(dimensions["dimension"], dimensions["category"], strict=True))
    dimension_names = set(catalogue.dimensions["dimension"])
    area_cache: dict[str, str | None] = {}
    # Plain dicts, not pandas rows: this loop runs once per observation of a user's file.
    indicator_records = indicators.to_dict("index")
    source_dates = {source: str(row["date"]) for source, row in catalogue.sources.iterrows()}
    records = frame.reindex(columns=_all_columns("observations"), fill_value="").to_dict("records")
    hints = _Hints()
    for index, row in zip(frame.index, records, strict=True):
        row_number = _row_number(index)
        row_problems: list[Problem] = []
        if len(problems) >= config.MAX_PROBLEMS:
            problems.append(_too_many_problems(label, row_number))
            break

        def problem(column: str, value: str, rule: str, suggestion: str | None = None) -> None:
            row_problems.append(Problem(label, row_number, column, value, rule, suggestion))  # noqa: B023

        indicator_id = row["indicator"]
        indicator = indicator_records.get(indicator_id)
        if indicator is None:
            problem(
                "indicator",
                indicator_id,
                "unknown indicator",
                hints.closest(indicator_id, indicators.index, "indicator"),
            )

        area_text = row["area"]
        if area_text not in area_cache:
            area_cache[area_text] = gazetteer.resolve(area_text)
        area = area_cache[area_text]
        if area is None:
            hint = hints.area(area_text, gazetteer)
            problem("area", area_text, f"unknown area '{area_text}'", hint)

        year = parse_year(row["year"])
        if year is None:
            problem("year", row["year"], "the year must be a whole number")
        elif not config.MIN_YEAR <= year <= config.MAX_YEAR:
            problem(
                "year",
                row["year"],
                f"implausible year (allowed {config.MIN_YEAR}–{config.MAX_YEAR})",
            )

        value = parse_number(row["value"])
        if value is None:
            problem(
                "value",
                row["value"],
                "the value must be a number",
                "write digits only, e.g. 12062 or 12,062 or 98.33; put the unit in 'unit'",
            )

        unit_text, dimension, category = row["unit"], row["dimension"], row["category"]
        if bool(dimension) != bool(category):
            problem(
                "category" if dimension else "dimension",
                category or dimension,
                "dimension and category are given together or not at all",
            )
        elif dimension and (dimension, category) not in dimension_pairs:
            column = "category" if dimension in dimension_names else "dimension"
            known = sorted(c for d, c in dimension_pairs if d == dimension)
            problem(
                column,
                category if column == "category" else dimension,
                f"unknown breakdown {dimension}/{category}",
                f"known categories of {dimension}: {', '.join(known)}"
                if known
                else "define it in the 'dimensions' table",
            )

        source = row["source"]
        if source and source not in source_dates:
            problem(
                "source",
                source,
                "unknown source",
                hints.closest(source, catalogue.sources.index, "source")
                or "define it in the 'sources' table",
            )

        preferred_text = row["preferred"].lower()
        if preferred_text not in TRUE_WORDS | FALSE_WORDS:
            problem("preferred", preferred_text, "preferred is true, false or blank")

        row_problems += _check_basis_and_reference(row, indicator, year, label, row_number)

        if indicator is not None and value is not None:
            canonical = indicator["unit"]
            try:
                value *= conversion_factor(unit_text or canonical, canonical)
            except UnitError as error:
                unknown = unit_text not in known_units() and not isinstance(error, PeriodError)
                problem(
                    "unit",
                    unit_text,
                    f"unknown unit '{unit_text}'" if unknown else str(error),
                    f"the indicator {indicator_id} is measured in {canonical}; "
                    f"known units: {' '.join(known_units())}",
                )
            else:
                row_problems += _check_magnitude(
                    value, indicator, label, row_number, row["value"]
                ) or _check_range(value, indicator, label, row_number, row["value"])

        problems += row_problems
        if row_problems:
            continue
        assert indicator is not None and area is not None and year is not None
        rows.append(
            {
                "indicator": indicator_id,
                "program": indicator["program"],
                "area": area,
                "area_level": gazetteer.area(area).level,
                "prefecture": gazetteer.prefecture_of(area),
                "region": gazetteer.region_of(area),
                "year": year,
                "dimension": dimension,
                "category": category,
                "basis": row["basis"],
                "reference": row["reference"],
                "value": value,
                "unit": indicator["unit"],
                "kind": indicator["kind"],
                "source": source,
                "quote": row["quote"],
                "note": row["note"],
                "note_zh": row["note_zh"],
                "source_date": source_dates.get(source, ""),
                "preferred_mark": preferred_text in TRUE_WORDS,
                "preferred_explicit": preferred_text != "",
                "row_number": row_number,
            }
        )
    return pd.DataFrame(rows), problems


BASIS_MAX_LENGTH = 40
# The reference date or period a quote gives: a date, end or middle of a year, a school year,
# optionally followed by ";" and the period a rate is per (or only that period).
REFERENCE_DATE = re.compile(
    r"^(?:(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"
    r"|(?:end|mid)-(?P<edge_year>\d{4})"
    r"|school-year-(?P<school_start>\d{4})/(?P<school_end>\d{2}))$"
)
REFERENCE_PERIODS = {"per-year": "year", "per-term": "term", "per-month": "month"}
REFERENCE_FORMS = (
    "YYYY, YYYY-MM, YYYY-MM-DD, end-YYYY, mid-YYYY, school-year-YYYY/YY, "
    "optionally followed by ;per-year, ;per-term or ;per-month (or that period alone)"
)


def _check_basis_and_reference(
    row: dict, indicator: dict | None, year: int | None, label: str, row_number: int
) -> list[Problem]:
    """The optional `basis` (an id) and `reference` (the date or period the quote gives)."""
    problems: list[Problem] = []
    basis = row["basis"]
    if basis and (not ID_PATTERN.match(basis) or len(basis) > BASIS_MAX_LENGTH):
        problems.append(
            Problem(
                label,
                row_number,
                "basis",
                basis,
                f"a basis is a short id: snake_case, at most {BASIS_MAX_LENGTH} characters",
                "e.g. survey, administrative, final_account, budget, year_to_date; "
                "leave it blank for the indicator's usual basis",
            )
        )
    reference = row["reference"]
    if reference:
        rule = _reference_rule(reference, indicator, year)
        if rule is not None:
            problems.append(Problem(label, row_number, "reference", reference, *rule))
    return problems


def reference_year(reference: str) -> int | None:
    """The year a reference names (the start year of a school year), or None."""
    match = REFERENCE_DATE.match(reference.split(";", 1)[0].strip())
    if match is None:
        return None
    for group in ("year", "edge_year", "school_start"):
        if match.group(group):
            return int(match.group(group))
    return None


def _reference_rule(
    reference: str, indicator: dict | None, year: int | None
) -> tuple[str, str] | None:
    """(rule, suggestion) the reference breaks, or None when it is well formed and agrees
    with the reading's year (within one: an end-2021 stock may be filed as 2022) and with
    the period of the indicator's unit."""
    parts = [part.strip() for part in reference.split(";")]
    period = ""
    if parts[-1] in REFERENCE_PERIODS:
        period = REFERENCE_PERIODS[parts.pop()]
    if len(parts) > 1 or (not parts and not period):
        return ("not a reference date or period", f"write one of: {REFERENCE_FORMS}")
    if parts:
        match = REFERENCE_DATE.match(parts[0])
        if match is None:
            return ("not a reference date or period", f"write one of: {REFERENCE_FORMS}")
        if not _plausible_date(match):
            return ("not a real date", f"write one of: {REFERENCE_FORMS}")
        named = reference_year(parts[0])
        if year is not None and named is not None and abs(named - year) > 1:
            return (
                f"the reference ({named}) is more than a year from the reading's year {year}",
                f"file the reading under {named}, or correct the reference",
            )
    wanted = CANONICAL_UNITS[indicator["unit"]].period if indicator else ""
    if period and wanted and period != wanted and indicator is not None:
        return (
            f"the reference is per {period} but the indicator is measured per {wanted} "
            f"({indicator['unit']})",
            f"use an indicator measured per {period}, or the per-{wanted} figure a source states",
        )
    return None


def _plausible_date(match: re.Match[str]) -> bool:
    month = int(match.group("month") or 1)
    day = int(match.group("day") or 1)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return False
    start, end = match.group("school_start"), match.group("school_end")
    return start is None or int(end) == (int(start) + 1) % 100


def _check_range(
    value: float, indicator: dict, label: str, row_number: int, written: str
) -> list[Problem]:
    unit = CANONICAL_UNITS[indicator["unit"]]
    low = parse_number(str(indicator.get("min", "") or "")) if indicator.get("min", "") else None
    high = parse_number(str(indicator.get("max", "") or "")) if indicator.get("max", "") else None
    if unit.quantity == "percent":
        low = 0.0 if low is None else low
        high = 100.0 if high is None else high
    elif unit.quantity in NON_NEGATIVE_QUANTITIES and low is None:
        low = 0.0
    if low is not None and value < low:
        rule = "counts and money cannot be negative" if low == 0 else f"below the minimum {low:g}"
        return [Problem(label, row_number, "value", written, rule)]
    if high is not None and value > high:
        extra = " (set the indicator's max to allow more, e.g. for gross enrolment rates)"
        return [
            Problem(
                label,
                row_number,
                "value",
                written,
                f"above the maximum {high:g} {indicator['unit']}"
                + (extra if unit.quantity == "percent" else ""),
            )
        ]
    return []


def _choose_preferred(frame: pd.DataFrame, label: str) -> tuple[pd.DataFrame, list[Problem]]:
    """One preferred reading per key.

    The rule, in order: a reading marked preferred=true wins; otherwise, among readings not
    marked false, the one from the most recently published source (later reports correct
    earlier ones); on a tie, the first row. A key whose every reading is marked false (a
    probable misprint) keeps its rows with none preferred, so no chart plots it. The same
    key twice from one source (on one basis) is an error, never a silent choice.

    The basis is not part of the key: a key still has exactly one preferred reading, so every
    chart of preferred readings shows one value per key; readings on a rival basis stay in the
    table as other readings (the data page, "other readings" notes), and comparisons over
    the years split the preferred readings by basis (views/changes.py).
    """
    problems: list[Problem] = []
    # One source may give a key on two bases (a survey and a register); never twice on one.
    duplicated = frame.duplicated([*KEY, "basis", "source"], keep=False)
    for _, group in frame[duplicated].groupby([*KEY, "basis", "source"], sort=False):
        rows = _row_list(group["row_number"])
        first = group.iloc[0]
        for row_number in group["row_number"].iloc[1:]:
            if len(problems) >= config.MAX_PROBLEMS:
                return frame, [*problems, _too_many_problems(label, int(row_number))]
            problems.append(
                Problem(
                    label,
                    int(row_number),
                    "source",
                    str(first["source"]),
                    f"duplicate: the same indicator, area, year, breakdown and basis from the "
                    f"same source appears in rows {rows}",
                )
            )
    if problems:
        return frame, problems
    frame = frame.copy()
    # A key with a single reading is preferred unless marked false; only keys with several
    # readings need the rule below.
    several = frame.duplicated(KEY, keep=False)
    frame["preferred"] = ~several & ~(frame["preferred_explicit"] & ~frame["preferred_mark"])
    for _, group in frame[several].groupby(KEY, sort=False):
        marked = group[group["preferred_mark"]]
        if len(marked) > 1:
            rows = _row_list(marked["row_number"])
            problems.append(
                Problem(
                    label,
                    int(marked["row_number"].iloc[-1]),
                    "preferred",
                    "true",
                    f"only one reading per key may be preferred (rows {rows})",
                )
            )
            continue
        if len(marked) == 0 and group["preferred_explicit"].all():
            continue  # every reading marked false: kept for the record, plotted as none
        chosen = marked.index[0] if len(marked) else _latest_reading(group)
        frame.loc[chosen, "preferred"] = True
    return frame, problems


def _row_list(numbers: pd.Series, shown: int = 10) -> str:
    """ "2, 5, 9" or "2, 5, 9 ... (5,000 rows)": a list in every problem of a group would make
    the report quadratic in the group's size."""
    head = ", ".join(str(number) for number in numbers.iloc[:shown])
    return head if len(numbers) <= shown else f"{head} ... ({len(numbers):,} rows)"


def _latest_reading(group: pd.DataFrame) -> object:
    unmarked = group[~group["preferred_explicit"]]
    candidates = unmarked if len(unmarked) else group
    if len(candidates) == 1:
        return candidates.index[0]
    return candidates["source_date"].sort_values(ascending=False, kind="stable").index[0]


def _empty_observations() -> pd.DataFrame:
    return finalise_observations(pd.DataFrame(columns=[*OBSERVATION_COLUMNS]))


def finalise_observations(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns, dtypes and order of the built table (docs/ARCHITECTURE.md)."""
    frame = frame.copy()
    for column in OBSERVATION_COLUMNS:
        if column not in frame.columns:
            frame[column] = "" if column not in ("value", "year", "preferred", "obs_id") else 0
    frame = frame.sort_values([*KEY, "source"], kind="stable").reset_index(drop=True)
    frame["obs_id"] = range(len(frame))
    frame = frame[OBSERVATION_COLUMNS]
    frame = frame.astype(
        {
            "obs_id": "int32",
            "year": "int16",
            "value": "float64",
            "preferred": "bool",
            "quote": "object",
            "note": "object",
            "note_zh": "object",
        }
    )
    for column in CATEGORICAL_COLUMNS:
        frame[column] = frame[column].astype(str).astype("category")
    return frame


# The NumPy kind each non-text column of the built table must have.
NUMERIC_KINDS = {"obs_id": "i", "year": "i", "value": "f", "preferred": "b"}


def check_observations(frame: pd.DataFrame, catalogue: Catalogue, label: str) -> list[Problem]:
    """Load-time check of a built table: columns and types, ids, ranges, one preferred per key.

    Vectorised on integer category codes throughout (no Python object and no string per row,
    no copy of a whole column): it runs on every load of files with millions of rows.
    """
    missing = [column for column in OBSERVATION_COLUMNS if column not in frame.columns]
    if missing:
        return [
            Problem(label, None, column, None, "missing column in the built table")
            for column in missing
        ]
    wrong = [c for c, kind in NUMERIC_KINDS.items() if frame[c].dtype.kind != kind]
    if wrong:
        return [
            Problem(label, None, c, str(frame[c].dtype), "wrong column type in the built table")
            for c in wrong
        ]
    if frame.empty:
        return [Problem(label, None, None, None, "the built table has no observations")]
    problems: list[Problem] = []
    for column, known, what in (
        ("indicator", set(catalogue.indicators.index), "indicator"),
        ("area", set(catalogue.areas["area"]), "area"),
        ("source", set(catalogue.sources.index) | {""}, "source"),
    ):
        present = _distinct(frame[column])
        problems += [
            Problem(label, None, column, value, f"unknown {what}")
            for value in sorted(present - known)
        ]
    if _has_duplicate_key(frame, frame["preferred"].to_numpy()):
        problems.append(
            Problem(label, None, "preferred", None, "a key has more than one preferred reading")
        )
    problems += _values_beyond_bounds(frame, catalogue, label, limit=20)
    bad = _percent_out_of_range(frame, catalogue, limit=20)
    rows = frame.iloc[bad][["indicator", "value"]]
    problems += [
        Problem(
            label, None, "value", f"{row.value:g}", f"percentage out of range for {row.indicator}"
        )
        for row in rows.itertuples()
    ]
    return problems


# Rows checked at a time where a check needs a float per row: bounds its scratch memory.
_CHECK_CHUNK = 1 << 20


def _codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (-1 where missing) and the values they stand for, without a string per
    row: a categorical's own codes, else pd.factorize."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), column.cat.categories
    codes, values = pd.factorize(column, use_na_sentinel=True)
    return codes, pd.Index(values)


def _distinct(column: pd.Series) -> set[str]:
    if isinstance(column.dtype, pd.CategoricalDtype):
        used = pd.unique(column.cat.codes.to_numpy())  # a few codes, not a value per row
        categories = column.cat.categories
        return {str(categories[code]) for code in used if code >= 0}
    return {str(value) for value in column.unique()}


def _has_duplicate_key(frame: pd.DataFrame, rows: np.ndarray) -> bool:
    """Whether two of the selected rows share a KEY (missing values equal to each other, as in
    DataFrame.duplicated), on one int64 per row built from the columns' codes."""
    count = int(rows.sum())
    if count < 2:
        return False
    key = np.zeros(count, dtype=np.int64)
    span = 1
    parts: list[tuple[np.ndarray, int, int]] = []  # (codes of the selected rows, offset, size)
    for column in KEY:
        series = frame[column]
        if series.dtype.kind in "iu":
            values = series.to_numpy()[rows]
            low = int(values.min())
            parts.append((values, -low, int(values.max()) - low + 1))
        else:
            codes, categories = _codes(series)
            parts.append((codes[rows], 1, len(categories) + 1))  # missing (-1) becomes 0
        span *= parts[-1][2]
    if span >= 2**62:  # too many distinct values for one integer: compare the codes instead
        codes_frame = pd.DataFrame({n: c for n, (c, _, _) in enumerate(parts)}, copy=False)
        return bool(codes_frame.duplicated().any())
    for codes, offset, size in parts:  # mixed radix, in place: no temporary per column
        key *= size
        key += offset
        key += codes
    del parts
    # Built tables are sorted by KEY, so the check is usually one pass; otherwise sort.
    if not np.all(key[1:] >= key[:-1]):
        key.sort()
    return bool(np.any(key[1:] == key[:-1]))


def _percent_out_of_range(frame: pd.DataFrame, catalogue: Catalogue, limit: int) -> np.ndarray:
    """Positions of the first `limit` rows in % whose value is below 0 or above the
    indicator's maximum (100 unless the catalogue says more)."""
    indicator_codes, indicators = _codes(frame["indicator"])
    unit_codes, units = _codes(frame["unit"])
    # One entry per category, and a last one that code -1 (a missing value) indexes.
    maxima = np.array([_percent_max(catalogue, str(name)) for name in indicators] + [np.nan])
    percent_units = np.array([str(unit) == "%" for unit in units] + [False], dtype=bool)
    if not percent_units.any():
        return np.arange(0)
    values = frame["value"].to_numpy()
    found: list[np.ndarray] = []
    for start in range(0, len(values), _CHECK_CHUNK):
        part = slice(start, start + _CHECK_CHUNK)
        percent = percent_units[unit_codes[part]]
        if not percent.any():
            continue
        value = values[part]
        bad = percent & ((value < 0) | (value > maxima[indicator_codes[part]]))
        found.append(start + np.flatnonzero(bad)[:limit])
        if sum(len(positions) for positions in found) >= limit:
            break
    return np.concatenate(found)[:limit] if found else np.arange(0)


def _values_beyond_bounds(
    frame: pd.DataFrame, catalogue: Catalogue, label: str, limit: int
) -> list[Problem]:
    """Load-time twin of _check_magnitude, vectorised: values that are not finite or beyond
    the default bound on a side the indicator leaves open (the first `limit` of them)."""
    indicator_codes, indicators = _codes(frame["indicator"])
    records = catalogue.indicators.to_dict("index")
    pairs = [_magnitude_bounds(records.get(str(name), {})) for name in indicators]
    low = np.array([pair[0] for pair in pairs] + [-config.MAX_ABS_VALUE])
    high = np.array([pair[1] for pair in pairs] + [config.MAX_ABS_VALUE])
    values = frame["value"].to_numpy()
    found: list[int] = []
    for start in range(0, len(values), _CHECK_CHUNK):
        part = slice(start, start + _CHECK_CHUNK)
        codes, value = indicator_codes[part], values[part]
        with np.errstate(invalid="ignore"):
            bad = ~np.isfinite(value) | (value < low[codes]) | (value > high[codes])
        found += (start + np.flatnonzero(bad)[: limit - len(found)]).tolist()
        if len(found) >= limit:
            break
    return [
        Problem(
            label,
            None,
            "value",
            f"{values[position]:g}",
            f"value not finite or beyond +-{config.MAX_ABS_VALUE:g} "
            f"for {frame['indicator'].iloc[position]}",
        )
        for position in found
    ]


def _percent_max(catalogue: Catalogue, indicator: str) -> float:
    if indicator not in catalogue.indicators.index:
        return 100.0
    return parse_number(str(catalogue.indicators.at[indicator, "max"] or "100")) or 100.0


# ---------------------------------------------------------------- charts (the charts table)

# What a chart spec may draw: see docs/USER_DATA.md, "Declaring charts".
CHART_KINDS = {
    "trend": "lines over the years (outcomes)",
    "steps": "step lines over the years (standards, with their history)",
    "bars": "bars by breakdown, area or indicator for a year (or the latest years)",
    "paired": "paired bars, one colour per indicator (e.g. found vs returned)",
    "composition": "a total beside its parts, for one area and year",
    "map": "a map of the areas for a year",
}
CHART_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")
# option: (allowed values, or None for free text / a checked list, what it does)
CHART_OPTIONS: dict[str, tuple[tuple[str, ...] | None, str]] = {
    "label": (
        ("category", "area", "indicator", "indicator_category"),
        "what the bars' axis shows",
    ),
    "series": (
        ("indicator", "indicator_unit", "area", "year", "category", "indicator_year", "setting"),
        "what one colour stands for",
    ),
    "years": (("latest",), "bars of the latest years (or the selected year), not one year"),
    "horizontal": (("true", "false"), "horizontal bars"),
    "height": (None, "height in pixels (200-1200)"),
    "range": (None, "value axis 'low,high', or 'percent' (5-point floor to 100)"),
    "note": (None, "indicators written under the chart as values (|-separated)"),
    "note_style": (("by_year", "by_area"), "how the note lines read"),
    "cumulative": (None, "multi-year totals written under the chart (|-separated indicators)"),
    "total": (None, "composition: the indicator that is the total"),
    "completeness": (("true", "false"), "composition: say whether the parts are all listed"),
    "categories": (None, "order of breakdown categories: dimension.category|... ('.' = total)"),
    "colours": (None, "colour of a category: dimension.category:#rrggbb|..."),
    "symbols": (None, "marker of a dimension's lines: dimension:symbol|..."),
    "total_zh": (None, "name of the value without breakdown, in Chinese"),
    "total_en": (None, "name of the value without breakdown, in English"),
}


def parse_chart_options(text: str) -> dict[str, str]:
    """`key=value; key=value` -> {key: value}; a key without '=' means `key=true`."""
    options: dict[str, str] = {}
    for part in str(text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        key, _, value = part.partition("=")
        options[key.strip()] = value.strip() if "=" in part else "true"
    return options


def split_list(text: str) -> list[str]:
    return [item.strip() for item in str(text or "").split("|") if item.strip()]


def merge_charts(
    raw: RawDataset, base: Catalogue, catalogue: Catalogue
) -> tuple[pd.DataFrame, list[Problem]]:
    """The dataset's charts first, then the base's charts it does not redeclare (by chart id).

    A programme with declared charts gets exactly those; one without any gets defaults
    (dashboard.views.chart_specs)."""
    columns = _all_columns("charts")
    frame = base.charts.astype(object).reindex(columns=columns, fill_value="").fillna("")
    own = raw.tables.get("charts")
    if own is None:
        return frame, []
    label = raw.labels["charts"]
    problems = check_charts(own, label, catalogue)
    own = own.astype(object).reindex(columns=columns, fill_value="").fillna("")
    kept = frame[~frame["chart"].isin(set(own["chart"]))]
    return pd.concat([own, kept], ignore_index=True), problems


def check_charts(frame: pd.DataFrame, label: str, catalogue: Catalogue) -> list[Problem]:
    """Every rule of a chart spec, with the file, row, column, value and a suggestion."""
    problems: list[Problem] = []
    indicators = list(catalogue.indicators.index)
    dimensions = list(dict.fromkeys(catalogue.dimensions["dimension"]))
    for index, row in frame.iterrows():
        number = _row_number(index)
        problems += _check_chart_row(row, number, label, catalogue, indicators, dimensions)
    problems += _check_unique(frame, "chart", label)
    return problems


def _check_chart_row(
    row: pd.Series,
    number: int,
    label: str,
    catalogue: Catalogue,
    indicators: list[str],
    dimensions: list[str],
) -> list[Problem]:
    problems: list[Problem] = []

    def problem(column: str, value: str, rule: str, suggestion: str | None = None) -> None:
        problems.append(Problem(label, number, column, value, rule, suggestion))

    if not CHART_ID_PATTERN.match(str(row["chart"])):
        problem(
            "chart",
            row["chart"],
            "chart ids are lower-case letters, digits, _ and -, starting with a letter",
        )
    if row["program"] not in catalogue.programs.index:
        problem(
            "program",
            row["program"],
            "unknown program",
            _closest(row["program"], list(catalogue.programs.index), "program"),
        )
    if row["kind"] not in CHART_KINDS:
        problem(
            "kind",
            row["kind"],
            "unknown chart kind",
            _closest(row["kind"], list(CHART_KINDS), "kind") or f"kinds: {', '.join(CHART_KINDS)}",
        )
    drawn = split_list(row["indicators"])
    if not drawn:
        problem("indicators", row["indicators"], "a chart draws at least one indicator")
    for column, names in (("indicators", drawn),):
        for name in names:
            if name not in indicators:
                problem(column, name, "unknown indicator", _closest(name, indicators, "indicator"))
    for name in split_list(row.get("dimension", "")):
        if name not in dimensions:
            problem("dimension", name, "unknown dimension", _closest(name, dimensions, "dimension"))
    order = str(row.get("order", "") or "")
    if order and parse_number(order) is None:
        problem("order", order, "not a number")
    problems += _check_chart_options(row.get("options", ""), number, label, indicators, dimensions)
    return problems


def _check_chart_options(
    text: str, number: int, label: str, indicators: list[str], dimensions: list[str]
) -> list[Problem]:
    problems: list[Problem] = []

    def problem(value: str, rule: str, suggestion: str | None = None) -> None:
        problems.append(Problem(label, number, "options", value, rule, suggestion))

    for key, value in parse_chart_options(text).items():
        if key not in CHART_OPTIONS:
            problem(
                key,
                "unknown chart option",
                _closest(key, list(CHART_OPTIONS), "option")
                or f"options: {', '.join(CHART_OPTIONS)}",
            )
            continue
        allowed, _ = CHART_OPTIONS[key]
        if allowed is not None and value not in allowed:
            problem(f"{key}={value}", f"{key} is one of {', '.join(allowed)}")
        elif key == "height" and not (value.isdigit() and 200 <= int(value) <= 1200):
            problem(f"{key}={value}", "height is a whole number of pixels, 200 to 1200")
        elif key == "range" and value != "percent" and not _is_range(value):
            problem(f"{key}={value}", "range is 'low,high' (two numbers) or 'percent'")
        elif key in ("note", "cumulative", "total"):
            for name in split_list(value):
                if name not in indicators:
                    problem(
                        f"{key}={name}",
                        "unknown indicator",
                        _closest(name, indicators, "indicator"),
                    )
        elif key in ("categories", "colours", "symbols"):
            for item in split_list(value):
                dimension = item.split(":")[0].split(".")[0]
                if dimension and dimension not in dimensions:
                    problem(
                        f"{key}={item}",
                        "unknown dimension",
                        _closest(dimension, dimensions, "dimension"),
                    )
    return problems


def _is_range(text: str) -> bool:
    parts = text.split(",")
    return len(parts) == 2 and all(parse_number(part.strip()) is not None for part in parts)


# ---------------------------------------------------------------- headlines and events


def _check_direction(value: str, label: str, row_number: int) -> list[Problem]:
    if not value or value in DIRECTIONS:
        return []
    return [
        Problem(
            label,
            row_number,
            "direction",
            value,
            f"direction must be one of {', '.join(DIRECTIONS)} (or empty: none)",
            "up: higher is better; down: lower is better; none: neither",
        )
    ]


def check_headlines(
    raw: RawDataset, base: Catalogue, catalogue: Catalogue
) -> tuple[pd.DataFrame, list[Problem]]:
    """The headline declarations: the dataset's own rows replace the base's for the
    programmes they name. Each row must name a known programme, an indicator of that
    programme and, when it has a breakdown, a known (dimension, category) pair."""
    own = raw.tables.get("headlines")
    if own is None:
        return base.headlines.copy(), []
    own = own.reindex(columns=_all_columns("headlines")).fillna("")
    label = raw.labels["headlines"]
    problems: list[Problem] = []
    indicators = catalogue.indicators
    pairs = set(
        zip(catalogue.dimensions["dimension"], catalogue.dimensions["category"], strict=True)
    )
    for index, row in own.iterrows():
        row_number = _row_number(index)

        def problem(
            column: str, rule: str, suggestion: str | None = None, row=row, number=row_number
        ) -> None:
            problems.append(Problem(label, number, column, row[column], rule, suggestion))

        if row["program"] not in catalogue.programs.index:
            problem(
                "program",
                "unknown program",
                _closest(row["program"], list(catalogue.programs.index), "program"),
            )
        if row["indicator"] not in indicators.index:
            problem(
                "indicator",
                "unknown indicator",
                _closest(row["indicator"], list(indicators.index), "indicator"),
            )
        elif str(indicators.at[row["indicator"], "program"]) != row["program"]:
            owner = str(indicators.at[row["indicator"], "program"])
            problem(
                "program",
                f"indicator '{row['indicator']}' belongs to program '{owner}'",
                f"use program '{owner}'",
            )
        if bool(row["dimension"]) != bool(row["category"]):
            problem("category", "give both dimension and category, or neither")
        elif row["dimension"] and (row["dimension"], row["category"]) not in pairs:
            known = [c for d, c in pairs if d == row["dimension"]]
            column = "category" if known else "dimension"
            problem(
                column,
                f"unknown {column}",
                _closest(row["category"], known, "category")
                if known
                else _closest(row["dimension"], sorted({d for d, _ in pairs}), "dimension"),
            )
        order = parse_number(row["order"])
        if order is None or order != int(order):
            problem("order", "order is a whole number (1 leads)")
    duplicated = own.duplicated(["program", "indicator", "dimension", "category"], keep="first")
    for index in own.index[duplicated]:
        problems.append(
            Problem(
                label,
                _row_number(index),
                "indicator",
                own.at[index, "indicator"],
                "the headline is declared twice",
            )
        )
    kept = base.headlines[~base.headlines["program"].isin(set(own["program"]))]
    merged = pd.concat([own, kept], ignore_index=True)
    return merged.reindex(columns=_all_columns("headlines")).fillna("").astype(object), problems


def check_events(
    raw: RawDataset, base: Catalogue, catalogue: Catalogue
) -> tuple[pd.DataFrame, list[Problem]]:
    """Dated policy events: a known programme and source, a date, names and the quote."""
    own = raw.tables.get("events")
    if own is None:
        return base.events.copy(), []
    label = raw.labels["events"]
    problems: list[Problem] = []
    for index, row in own.iterrows():
        row_number = _row_number(index)

        def problem(
            column: str, rule: str, suggestion: str | None = None, row=row, number=row_number
        ) -> None:
            problems.append(Problem(label, number, column, row[column], rule, suggestion))

        if not DATE_PATTERN.match(row["date"]):
            problem("date", "dates are YYYY, YYYY-MM or YYYY-MM-DD")
        if row["program"] not in catalogue.programs.index:
            problem(
                "program",
                "unknown program",
                _closest(row["program"], list(catalogue.programs.index), "program"),
            )
        if row["source"] not in catalogue.sources.index:
            problem(
                "source",
                "unknown source",
                _closest(row["source"], list(catalogue.sources.index), "source"),
            )
        for column in ("title_zh", "title_en", "quote"):
            if not row[column]:
                problem(column, "an event needs a title in both languages and its quote")
    merged = pd.concat([own, base.events], ignore_index=True)
    merged = merged.drop_duplicates(["date", "program", "title_en"], keep="first")
    return merged.reset_index(drop=True).fillna("").astype(object), problems
