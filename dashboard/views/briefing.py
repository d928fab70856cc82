"""The briefing: each programme's headline figures of one year and area, with a caption.

Which readings lead a programme is declared in the data (the `headlines` table); without a
declaration a programme's outcome indicators lead. A caption is built from templates in
the i18n catalogue (`briefing.caption.<program>.<clause>`), each clause naming the readings
it needs: a missing reading drops its clause, never invents one. Every number in a caption
is a `CaptionNumber` that points at the reading it came from, so the page, the deck and
the tests can show or check its source and quote. Used by the Overview page and its
exports (deck, workbook, offline HTML), so all of them show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.data.records import group_codes, records
from dashboard.i18n import format_number, format_value, format_year, has, join_list, t
from dashboard.views import kept, source_names
from dashboard.views.kpis import COMPARABLE_KINDS, indicator_direction
from dashboard.views.programs_common import plain_values

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

STALE_YEARS = 5  # a reading this many years older than the newest shown is marked stale
DEFAULT_HEADLINES = 4  # outcome indicators leading a programme that declares no headlines
GENERIC_CLAUSES = 3  # readings named in the caption of a programme without its own templates
MODES = ("year", "latest")


@dataclass(frozen=True)
class Reading:
    """One headline figure as shown on its card and in captions."""

    indicator: str
    program: str
    name: str  # the indicator's name in lang
    category_name: str  # the breakdown category's name in lang, "" for a total
    dimension: str
    category: str
    area: str
    area_name: str
    year: int
    value: float
    unit: str
    decimals: int | None
    kind: str
    source: str
    publisher: str
    source_date: str
    quote: str
    note: str
    text: str  # the value as displayed on the card ("12,062人")
    direction: str = "none"  # up: higher is better; down: lower is better
    previous_year: int | None = None
    previous_value: float | None = None
    stale: bool = False  # more than STALE_YEARS older than the newest reading shown
    year_differs: bool = False  # not of the briefing's year (each-latest mode)
    show_area: bool = False  # several areas are shown: the card names its area

    @property
    def label(self) -> str:
        """The card title: the indicator, with its breakdown category when it has one (and
        its area when several are shown)."""
        parts = [self.name, self.category_name, self.area_name if self.show_area else ""]
        return " · ".join(part for part in parts if part)

    @property
    def change(self) -> float | None:
        return None if self.previous_value is None else self.value - self.previous_value

    @property
    def change_tone(self) -> str:
        """good / bad / neutral, from the indicator's direction, never from the sign alone."""
        change = self.change
        if not change or self.direction not in ("up", "down"):
            return "neutral"
        return "good" if (change > 0) == (self.direction == "up") else "bad"


@dataclass(frozen=True)
class CaptionNumber:
    """A number in a caption: its text and the reading it came from."""

    text: str
    reading: Reading


CaptionPart = str | CaptionNumber


@dataclass
class ProgramBriefing:
    program: str
    name: str
    readings: list[Reading]
    caption: list[CaptionPart] = field(default_factory=list)

    @property
    def caption_text(self) -> str:
        return caption_text(self.caption)


@dataclass
class Briefing:
    area: str  # the first area: the one captions speak of
    area_name: str  # every area shown, in words
    lang: str
    mode: str  # "year": one year for all cards; "latest": each indicator's latest reading
    year: int | None  # the year shown (mode "year"), or the newest reading shown
    programs: list[ProgramBriefing]
    missing_programs: list[str]  # names of programmes with no headline reading shown

    @property
    def readings(self) -> list[Reading]:
        return [reading for program in self.programs for reading in program.readings]


def caption_text(parts: list[CaptionPart]) -> str:
    return "".join(part if isinstance(part, str) else part.text for part in parts)


# ---------------------------------------------------------------- captions as data

# Per programme, clauses in order; each clause is a list of variants (i18n key, slots), the
# first whose slots all have a reading is used. A slot names a headline by (indicator,
# category). A "list" clause names one indicator and lists its categories' readings.
Slot = tuple[str, str]
CAPTIONS: dict[str, list[list[tuple[str, dict[str, Slot]]]]] = {
    "dropout_control": [
        [("found", {"found": ("out_of_school_children_identified", "all")})],
        [
            (
                "returned_rate",
                {
                    "returned": ("out_of_school_children_returned", "all"),
                    "rate": ("out_of_school_return_rate", "all"),
                },
            ),
            ("returned", {"returned": ("out_of_school_children_returned", "all")}),
            ("rate", {"rate": ("out_of_school_return_rate", "all")}),
        ],
        [
            (
                "poor",
                {
                    "found": ("out_of_school_children_identified", "registered_poor"),
                    "rate": ("out_of_school_return_rate", "registered_poor"),
                },
            ),
            ("poor_rate", {"rate": ("out_of_school_return_rate", "registered_poor")}),
        ],
        [("retention", {"rate": ("compulsory_retention_rate", "")})],
    ],
    "student_aid": [
        [
            (
                "sanbao_covered",
                {"standard": ("sanbao_standard", ""), "covered": ("sanbao_recipients", "")},
            ),
            ("sanbao", {"standard": ("sanbao_standard", "")}),
        ],
        [("free_funds", {"funds": ("free_education_funds", "")})],
        [
            (
                "aid_funds_aided",
                {"funds": ("student_aid_funds", ""), "aided": ("student_aid_recipients", "")},
            ),
            ("aid_funds", {"funds": ("student_aid_funds", "")}),
            ("aided", {"aided": ("student_aid_recipients", "")}),
        ],
    ],
    "teachers": [
        [("allowance", {"items": ("rural_teacher_allowance", "*")})],
        [("added", {"added": ("teachers_added_understaffed_counties", "")})],
        [("preschool", {"added": ("preschool_teachers_added", "")})],
    ],
}


# ---------------------------------------------------------------- building


def headline_entries(dataset: Dataset) -> pd.DataFrame:
    """program, indicator, dimension, category, order for every programme: as declared,
    else the programme's first outcome indicators (totals). Made once per dataset (read-only)."""
    return dataset.cached("briefing.headline_entries", _headline_entries)


def _headline_entries(dataset: Dataset) -> pd.DataFrame:
    declared = dataset.catalogue.headlines
    frame = declared.reindex(columns=["program", "indicator", "dimension", "category", "order"])
    frame = frame.fillna("").astype(str)
    frame = frame[frame["indicator"].isin(set(dataset.catalogue.indicators.index))]
    rows = [frame]
    indicators = dataset.catalogue.indicators
    for program in dataset.catalogue.programs.index:
        if program in set(frame["program"]):
            continue
        own = indicators[(indicators["program"] == program) & (indicators["kind"] == "outcome")]
        rows.append(
            pd.DataFrame(
                {
                    "program": program,
                    "indicator": [str(i) for i in own.index[:DEFAULT_HEADLINES]],
                    "dimension": "",
                    "category": "",
                    "order": [str(n) for n in range(1, min(len(own), DEFAULT_HEADLINES) + 1)],
                }
            )
        )
    entries = pd.concat(rows, ignore_index=True)
    entries["rank"] = pd.to_numeric(entries["order"], errors="coerce").fillna(999)
    programs = {program: index for index, program in enumerate(dataset.catalogue.programs.index)}
    entries["program_rank"] = entries["program"].map(programs).fillna(len(programs))
    return entries.sort_values(["program_rank", "rank"], kind="stable").reset_index(drop=True)


def _headline_rows(dataset: Dataset, area: str, entries: pd.DataFrame) -> pd.DataFrame:
    """The preferred readings of the headline keys at the area, every year; made once per
    dataset and area (read-only), since every filter change of the briefing asks again."""
    return dataset.cached(
        f"briefing.headline_rows:{area}", lambda data: _rows_of_keys(data, area, entries)
    )


def _rows_of_keys(dataset: Dataset, area: str, entries: pd.DataFrame) -> pd.DataFrame:
    if entries.empty:
        return pd.DataFrame()
    rows = dataset.query(indicators=sorted(set(entries["indicator"])), areas=[area])
    if rows.empty:
        return rows
    keys = pd.MultiIndex.from_arrays([entries[c].to_numpy() for c in KEY_COLUMNS])
    found = pd.MultiIndex.from_arrays([plain_values(rows[c]) for c in KEY_COLUMNS])
    return rows[found.isin(keys)]


def default_year(dataset: Dataset, area: str) -> int | None:
    """The latest year in which most headline keys have a reading at the area."""
    return dataset.cached(f"briefing.default_year:{area}", lambda data: _default_year(data, area))


def _default_year(dataset: Dataset, area: str) -> int | None:
    entries = headline_entries(dataset)
    rows = _headline_rows(dataset, area, entries)
    if rows.empty:
        rows = dataset.query(areas=[area])
        if rows.empty:
            return None
    counts = rows.groupby("year", observed=True).size()
    best = counts.max()
    return int(max(int(year) for year, count in counts.items() if count == best))


MAX_AREAS = 4  # selected areas whose figures the briefing shows (captions: the first one)


def build_briefing(dataset: Dataset, state: FilterState, *, mode: str = "year") -> Briefing:
    """The briefing of the state's areas (captions speak of the first): one year (the
    state's, else the first area's default year) or, in mode "latest", each headline's
    latest reading."""
    mode = mode if mode in MODES else "year"
    dataset = dataset.in_language(state.lang)  # the readings' notes in the reader's language
    # Kept per state like a view (views.kept): callers must not change it.
    return kept(f"briefing-{mode}", dataset, state, partial(_build_briefing, mode=mode))


def _build_briefing(dataset: Dataset, state: FilterState, *, mode: str) -> Briefing:
    lang = state.lang
    areas = list(state.areas[:MAX_AREAS])
    area = areas[0]
    entries = headline_entries(dataset)
    year = None
    if mode == "year":
        year = state.year if state.year is not None else default_year(dataset, area)
    readings: list[Reading] = []
    with_data: set[str] = set()
    for code in areas:
        rows = _headline_rows(dataset, code, entries)
        if rows.empty:
            continue
        with_data |= {str(program) for program in rows["program"].unique()}  # not per row
        if mode == "year":
            chosen = rows[rows["year"].to_numpy() == year] if year is not None else rows.iloc[:0]
        else:
            chosen = _latest(rows, state.year)
        readings += _readings(dataset, state, entries, chosen, rows)
    if len(areas) > 1:
        readings = [_replace(reading, show_area=True) for reading in readings]
    if mode == "latest" and readings:
        year = max(reading.year for reading in readings)
        readings = [
            _replace(
                reading,
                stale=year - reading.year > STALE_YEARS,
                year_differs=reading.year != year,
            )
            for reading in readings
        ]
    area_name = dataset.area_name(area, lang)
    programs: list[ProgramBriefing] = []
    missing: list[str] = []
    for program in dict.fromkeys(entries["program"]):
        own = [reading for reading in readings if reading.program == program]
        name = dataset.program_name(program, lang)
        if own:
            first = [reading for reading in own if reading.area == area]
            caption = build_caption(program, first, lang, area_name)
            programs.append(ProgramBriefing(program, name, own, caption))
        elif program in with_data:
            missing.append(name)
    names = join_list([dataset.area_name(code, lang) for code in areas], lang)
    return Briefing(area, names, lang, mode, year, programs, missing)


def _latest(rows: pd.DataFrame, up_to: int | None) -> pd.DataFrame:
    if rows.empty:
        return rows
    if up_to is not None:
        rows = rows[rows["year"].to_numpy() <= up_to]
    ordered = rows.sort_values("year", kind="stable")
    return ordered.drop_duplicates(["indicator", "dimension", "category"], keep="last")


def _readings(
    dataset: Dataset,
    state: FilterState,
    entries: pd.DataFrame,
    chosen: pd.DataFrame,
    history: pd.DataFrame,
) -> list[Reading]:
    if chosen.empty:
        return []
    lang = state.lang
    has_basis = "basis" in chosen.columns
    by_key = {}
    earlier = _previous_readings(history, chosen, has_basis)
    for row, previous in zip(records(chosen, READ_COLUMNS), earlier, strict=True):
        key = (str(row["indicator"]), str(row["dimension"]), str(row["category"]))
        by_key.setdefault(key, {**row, "previous": previous})
    readings = []
    for entry in entries.itertuples(index=False):
        row = by_key.get((entry.indicator, entry.dimension, entry.category))
        if row is None:
            continue
        indicator = dataset.indicator(entry.indicator)
        source = dataset.source(str(row["source"]))
        value = float(row["value"])
        decimals = shown_decimals(value, indicator.decimals)
        previous = row["previous"]
        direction = indicator_direction(dataset, entry.indicator)
        readings.append(
            Reading(
                indicator=indicator.id,
                program=entry.program,
                name=indicator.name(lang),
                category_name=(
                    dataset.category_name(entry.dimension, entry.category, lang)
                    if entry.dimension
                    else ""
                ),
                dimension=entry.dimension,
                category=entry.category,
                area=str(row["area"]),
                area_name=dataset.area_name(str(row["area"]), lang),
                year=int(row["year"]),
                value=value,
                unit=str(row["unit"]),
                decimals=decimals,
                kind=str(row["kind"]),
                source=str(row["source"]),
                publisher=source_names.publisher(source, lang),
                source_date=source.get("date", ""),
                quote=str(row["quote"] or ""),
                note=str(row["note"] or ""),
                text=format_value(value, str(row["unit"]), lang, decimals),
                direction=direction or "none",
                previous_year=int(previous["year"]) if previous else None,
                previous_value=float(previous["value"]) if previous else None,
            )
        )
    return readings


def shown_decimals(value: float, most: int | None) -> int | None:
    """The decimals a value needs, at most the indicator's: 100 -> "100%", 94.6 -> "94.6%"."""
    if most is None:
        return None
    for decimals in range(most + 1):
        if round(value, decimals) == round(value, most):
            return decimals
    return most


KEY_COLUMNS = ("indicator", "dimension", "category")  # a headline: a breakdown's reading
# What a reading reads of its row (_readings; basis when the data has it).
READ_COLUMNS = (
    *KEY_COLUMNS,
    "area",
    "year",
    "value",
    "unit",
    "kind",
    "source",
    "quote",
    "note",
    "basis",
)


def _previous_readings(
    history: pd.DataFrame, chosen: pd.DataFrame, has_basis: bool
) -> list[dict | None]:
    """For each chosen row (rows of `history`), the latest earlier reading of its series
    (the same indicator, breakdown, kind and basis) as {"year", "value"}, the first listed
    of that year; None when there is none or the kind is not comparable (a plan, a
    cumulative total). Found on sorted codes: the history of three counties at 10M generated
    rows held ~7,000 readings, a dict each per change before (~25 ms)."""
    group = group_codes(history, [*KEY_COLUMNS, "kind"] + (["basis"] if has_basis else []))
    years = history["year"].to_numpy().astype(np.int64)
    values = history["value"].to_numpy(dtype=float)
    order = np.lexsort((np.arange(len(history)), years, group))  # series, year, as listed
    span = int(years.max(initial=0)) + 1
    sorted_keys = group[order] * span + years[order]
    at = history.index.get_indexer(chosen.index)
    comparable = chosen["kind"].astype(str).isin(COMPARABLE_KINDS).to_numpy()
    before = np.searchsorted(sorted_keys, group[at] * span + years[at], side="left") - 1
    found: list[dict | None] = []
    for position, last, ok in zip(at.tolist(), before.tolist(), comparable.tolist(), strict=True):
        if not ok or last < 0 or group[order[last]] != group[position]:
            found.append(None)
            continue
        year = int(years[order[last]])  # the latest earlier year; its first reading:
        first = int(order[np.searchsorted(sorted_keys, group[position] * span + year)])
        found.append({"year": year, "value": float(values[first])})
    return found


def _replace(reading: Reading, **changes) -> Reading:
    from dataclasses import replace

    return replace(reading, **changes)


# ---------------------------------------------------------------- captions


def caption_number(reading: Reading, lang: str) -> CaptionNumber:
    """The reading's card text; in English a head count reads as a bare number ("12,062
    children"), the unit being said by the sentence."""
    if lang == "en" and reading.unit == "人":
        return CaptionNumber(format_number(reading.value, lang, reading.decimals), reading)
    return CaptionNumber(reading.text, reading)


def build_caption(
    program: str, readings: list[Reading], lang: str, area_name: str | None
) -> list[CaptionPart]:
    """One or two sentences from templates; readings of the caption's year only."""
    if not readings:
        return []
    years = [reading.year for reading in readings]
    year = max(set(years), key=lambda y: (years.count(y), y))
    of_year = [reading for reading in readings if reading.year == year]
    clauses = _program_clauses(program, of_year, lang) if program in CAPTIONS else []
    generic = not clauses  # a programme's own templates name none of these readings
    if generic:
        clauses = _generic_clauses(of_year, lang)
    if not clauses:
        return []
    lead = "briefing.caption.lead" if generic else f"briefing.caption.{program}.lead"
    parts: list[CaptionPart] = list(
        _fill(
            t(lead if has(lead) else "briefing.caption.lead", lang),
            {"year": format_year(year, lang), "area": area_name or ""},
        )
    )
    separator = t("briefing.caption.separator", lang)
    for index, clause in enumerate(clauses):
        if index:
            parts.append(separator)
        parts.extend(clause)
    parts.append(t("briefing.caption.end", lang))
    return _merge_strings(parts)


def _program_clauses(program: str, readings: list[Reading], lang: str) -> list[list]:
    found = {(reading.indicator, reading.category): reading for reading in readings}
    clauses = []
    for variants in CAPTIONS[program]:
        for key, slots in variants:
            values = {}
            for name, (indicator, category) in slots.items():
                if category == "*":
                    items = [r for r in readings if r.indicator == indicator and r.category]
                    if items:
                        values[name] = _listed(items, lang)
                elif (indicator, category) in found:
                    values[name] = [caption_number(found[indicator, category], lang)]
            if len(values) == len(slots):
                clauses.append(_fill(t(f"briefing.caption.{program}.{key}", lang), values))
                break
    return clauses


def _listed(items: list[Reading], lang: str) -> list[CaptionPart]:
    """ "二类区500元/人/月、三类区…" / "CNY 500 … (Class II …), …": category and number."""
    parts: list[CaptionPart] = []
    for index, reading in enumerate(items):
        if index:
            parts.append(t("format.list_separator", lang))
        parts.extend(
            _fill(
                t("briefing.caption.list_item", lang),
                {"category": reading.category_name, "value": [caption_number(reading, lang)]},
            )
        )
    return parts


def _generic_clauses(readings: list[Reading], lang: str) -> list[list]:
    return [
        _fill(
            t("briefing.caption.generic", lang),
            {"name": reading.label, "value": [caption_number(reading, lang)]},
        )
        for reading in readings[:GENERIC_CLAUSES]
    ]


def _fill(template: str, values: dict) -> list[CaptionPart]:
    """Split a "{name}" template into strings and the values' parts."""
    import re

    parts: list[CaptionPart] = []
    for piece in re.split(r"(\{[a-z_]+\})", template):
        if piece.startswith("{") and piece.endswith("}"):
            value = values[piece[1:-1]]
            parts.extend([value] if isinstance(value, str) else value)
        elif piece:
            parts.append(piece)
    return parts


def _merge_strings(parts: list[CaptionPart]) -> list[CaptionPart]:
    merged: list[CaptionPart] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return merged


def caption_keys_exist(program: str) -> bool:
    """Whether every template a programme's captions use is in the catalogue."""
    return all(
        has(f"briefing.caption.{program}.{key}")
        for variants in CAPTIONS.get(program, [])
        for key, _ in variants
    )


def years_label(briefing: Briefing) -> str:
    years = sorted({reading.year for reading in briefing.readings})
    return join_list([str(year) for year in years], briefing.lang)
