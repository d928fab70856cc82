"""The served dataset: load a built Parquet file once, check it, and answer queries read-only."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import config
from dashboard.data.build import CATALOGUE_KEY
from dashboard.data.contract import (
    CATEGORICAL_COLUMNS,
    KEY,
    LATER_COLUMNS,
    OBSERVATION_COLUMNS,
    Catalogue,
    check_observations,
    finalise_observations,
    parse_number,
)
from dashboard.data.gazetteer import Gazetteer

T = TypeVar("T")

# Free text that repeats across rows (one quote supports many values): categorical once
# loaded, so a row costs an integer code, not a copy of the text.
TEXT_COLUMNS = ("quote", "note", "note_zh")
# A language's view of a dataset (Dataset.in_language) keeps the English note, which its
# `note` column replaces with the note in the reader's language, in this column.
ENGLISH_NOTE = "note_en"


class DataLoadError(Exception):
    """The data file is missing, damaged or breaks the contract; the message says which."""


@dataclass(frozen=True)
class Indicator:
    id: str
    program: str
    name_zh: str
    name_en: str
    unit: str
    kind: str
    decimals: int | None
    min: float | None
    max: float | None
    description_zh: str
    description_en: str

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def description(self, lang: str) -> str:
        return self.description_zh if lang == "zh" else self.description_en


class Dataset:
    """Observations plus catalogue. Treat as read-only: queries return new frames."""

    def __init__(self, observations: pd.DataFrame, catalogue: Catalogue, *, label: str = ""):
        if not _grouped_by_indicator(observations):
            # Queries take each indicator's rows as one slice. build writes the table sorted;
            # a file made some other way is sorted here (stable: readings keep their order).
            observations = observations.sort_values("indicator", kind="stable", ignore_index=True)
        self.observations = observations
        self.catalogue = catalogue
        self.label = label
        self.gazetteer = Gazetteer(catalogue.areas)
        self._indicator_cache: dict[str, Indicator] = {}
        self._slices = _indicator_slices(observations)
        self._arrays: dict[str, np.ndarray] = {}  # column arrays and category codes, lazily
        self._groups: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # rows by code, lazily
        # Facts derived from the whole table, computed once: see `cached`.
        self._memo: dict[str, Any] = {}
        self._memo_lock = threading.RLock()
        # Set on a language's view of a dataset (in_language): its language and the dataset.
        self.language: str | None = None
        self._origin: Dataset | None = None

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: Path | str) -> Dataset:
        path = Path(path)
        if not path.exists():
            raise DataLoadError(
                f"data file not found: {path}. Build it with: python -m dashboard build"
            )
        try:
            # The free text is read as dictionaries: one copy of each distinct quote or note
            # and an integer per row, where plain strings took ~100 bytes a row (1 GB at 10M).
            table = pq.read_table(path, read_dictionary=list(TEXT_COLUMNS))
        except (pa.ArrowException, OSError) as error:
            raise DataLoadError(
                f"data file {path} is damaged or not Parquet ({error}). "
                "Rebuild it with: python -m dashboard build"
            ) from error
        metadata = table.schema.metadata or {}
        if CATALOGUE_KEY not in metadata:
            raise DataLoadError(f"data file {path} has no catalogue: it was not made by build")
        try:
            catalogue = Catalogue.from_json(metadata[CATALOGUE_KEY].decode("utf-8"))
        except (ValueError, KeyError) as error:
            raise DataLoadError(f"data file {path} has a damaged catalogue ({error})") from error
        # Every column becomes NumPy-backed (numbers, categorical codes), so chunks do not
        # matter; each Arrow column is freed as soon as it is converted, never two copies.
        frame = table.to_pandas(split_blocks=True, self_destruct=True)
        del table
        frame = with_later_columns(frame)
        problems = check_observations(frame, catalogue, str(path))
        if problems:
            listed = "\n".join(f"  - {problem}" for problem in problems[:20])
            raise DataLoadError(f"data file {path} breaks the data contract:\n{listed}")
        dataset = cls(_with_dtypes(frame), catalogue, label=str(path))
        del frame
        pa.default_memory_pool().release_unused()  # what Arrow freed goes back to the system
        return dataset

    def merged_with(self, upload: pd.DataFrame, upload_catalogue: Catalogue) -> Dataset:
        """This dataset with a user's upload over it: the upload's readings become preferred.

        The same table as `finalise_observations` of both tables concatenated (every row,
        sorted by key and source, base rows first on a tie, categories the sorted values
        present), built on category codes: at 10M rows a copy of the codes, not a Python
        object per cell.
        """
        if self._origin is not None:  # a language's view: the upload goes over the dataset
            return self._origin.merged_with(upload, upload_catalogue)
        base = self.observations
        upload = finalise_observations(upload)
        count = len(base)
        columns: dict[str, Any] = {}
        for column in OBSERVATION_COLUMNS:
            if column in CATEGORICAL_COLUMNS or column in TEXT_COLUMNS:
                columns[column] = _concat_categorical(base[column], upload[column])
            else:
                columns[column] = np.concatenate(
                    [base[column].to_numpy(), upload[column].to_numpy()]
                ).astype(_NUMERIC_DTYPES[column], copy=False)
        key_codes = [_sort_codes(columns[column]) for column in KEY]
        # The upload's readings replace the served readings of the same key.
        replaced = _rows_with_key_in(key_codes, count)
        columns["preferred"][:count] &= ~replaced
        order = _stable_order([*key_codes, _sort_codes(columns["source"])])
        del key_codes, replaced
        frame = pd.DataFrame(
            {
                column: values.take(order)
                if column != "obs_id"
                else np.arange(len(order), dtype=np.int32)
                for column, values in columns.items()
            },
            copy=False,
        )
        return Dataset(_with_dtypes(frame), upload_catalogue, label=self.label)

    # ------------------------------------------------------------ the reader's language

    def in_language(self, lang: str) -> Dataset:
        """The dataset as read in `lang`: the same rows, whose `note` is the curator's note in
        lang where there is one, else the note there is (the English note in the Chinese
        view, the Chinese one where a row has only that). The one place that chooses a note;
        views are built from it (views.build_view), so hovers, the grid, cards and exports
        all say the same. The dataset itself when nothing would change (no Chinese notes);
        else made once per language, sharing the rows' columns and indexes (no copy). The
        view keeps the English note in ENGLISH_NOTE and the Chinese one in note_zh."""
        if self._origin is not None:
            return self if lang == self.language else self._origin.in_language(lang)
        return self.cached(f"store.in_language:{lang}", lambda data: data._notes_in(lang))

    def _notes_in(self, lang: str) -> Dataset:
        chosen = notes_in_language(self.observations, lang)
        if chosen is None:
            return self
        frame = self.observations.assign(note=chosen, **{ENGLISH_NOTE: self.observations["note"]})
        view = Dataset.__new__(Dataset)
        view.__dict__.update(self.__dict__)  # catalogue, gazetteer, slices: the same rows
        view.observations = frame
        # Indexes of the other columns hold as they are; the notes' are built when asked.
        view._arrays = {k: v for k, v in self._arrays.items() if not k.startswith("note")}
        view._groups = {k: v for k, v in self._groups.items() if not k.startswith("note")}
        view._memo = {}  # facts may hold rows, and so notes: each language computes its own
        view._memo_lock = threading.RLock()
        view.language, view._origin = lang, self
        return view

    # ------------------------------------------------------------ catalogue

    def indicator(self, indicator_id: str) -> Indicator:
        cached = self._indicator_cache.get(indicator_id)
        if cached is not None:
            return cached
        row = self.catalogue.indicators.loc[indicator_id]
        decimals = parse_number(str(row.get("decimals", "") or ""))
        low = parse_number(str(row.get("min", "") or ""))
        high = parse_number(str(row.get("max", "") or ""))
        indicator = Indicator(
            id=indicator_id,
            program=str(row["program"]),
            name_zh=str(row["name_zh"]),
            name_en=str(row["name_en"]),
            unit=str(row["unit"]),
            kind=str(row["kind"]),
            decimals=int(decimals) if decimals is not None else None,
            min=low,
            max=high,
            description_zh=str(row.get("description_zh", "") or ""),
            description_en=str(row.get("description_en", "") or ""),
        )
        self._indicator_cache[indicator_id] = indicator
        return indicator

    def has_indicator(self, indicator_id: str) -> bool:
        return indicator_id in self.catalogue.indicators.index

    def indicators(self, program: str | None = None) -> list[str]:
        present = set(self._slices)
        frame = self.catalogue.indicators
        if program:
            frame = frame[frame["program"] == program]
        return [indicator for indicator in frame.index if indicator in present]

    def program_name(self, program: str, lang: str) -> str:
        row = self.catalogue.programs.loc[program]
        return str(row["name_zh"] if lang == "zh" else row["name_en"])

    def category_name(self, dimension: str, category: str, lang: str) -> str:
        frame = self.catalogue.dimensions
        match = frame[(frame["dimension"] == dimension) & (frame["category"] == category)]
        if match.empty:
            return category
        return str(match.iloc[0]["name_zh" if lang == "zh" else "name_en"])

    def area_name(self, code: str, lang: str) -> str:
        return self.gazetteer.name(code, lang)

    def source(self, source_id: str) -> dict[str, str]:
        """The source's catalogue entry as text (a copy: callers may change it); an unknown
        id gives empty fields. Read from a per-dataset dict (a pandas row lookup per call
        took ~0.15 ms, and a page asks for its sources at every filter change)."""
        known = self.cached("store.sources", _source_entries).get(source_id)
        if known is None:
            return {"source": source_id, "title": "", "publisher": "", "date": "", "url": ""}
        return dict(known)

    def years(self, indicator: str | None = None) -> list[int]:
        """Years with observations (of one indicator, or of any), ascending."""
        if indicator:
            return _sorted_years(self.query(indicators=[indicator]))
        return list(self.cached("store.years", lambda dataset: _sorted_years(dataset.observations)))

    def areas(self, indicator: str | None = None) -> list[str]:
        """Area codes with observations (of one indicator, or of any), sorted."""
        if indicator:
            return _sorted_areas(self.query(indicators=[indicator]))
        return list(self.cached("store.areas", lambda dataset: _sorted_areas(dataset.observations)))

    def cached(self, key: str, compute: Callable[[Dataset], T]) -> T:
        """compute(self), computed once per dataset and key, then shared by every caller.

        For facts derived from the whole table (years present, the map's availability, the
        sources' quotes) that views would otherwise recompute on every request. A dataset
        never changes (a replaced file or an upload is a new Dataset), so the memo cannot go
        stale. Callers must treat the value as read-only; `key` names the fact and everything
        it depends on besides the dataset (e.g. "sources.entries:zh").
        """
        try:
            return self._memo[key]
        except KeyError:
            pass
        with self._memo_lock:  # re-entrant: a fact may be computed from other cached facts
            if key not in self._memo:
                self._memo[key] = compute(self)
            return self._memo[key]

    def signature(self) -> str:
        """A hash of the dataset's content (every column and the catalogue), computed once per
        dataset (~0.1 s a million rows): equal in every process and on every machine that
        holds the same table."""
        return self.cached("store.signature", _content_hash)

    def token(self) -> str:
        """A name for what this dataset holds (a served version, a language's view of it or an
        upload's merge): what a page drew from it stands while the token is the same. Made
        from the content, not per process: a user's next request answered by another worker
        or machine (gunicorn, two servers) keeps what was drawn instead of redrawing it."""
        return self.signature()[:16]

    # ------------------------------------------------------------ queries

    def query(
        self,
        indicators: Iterable[str] | None = None,
        areas: Iterable[str] | None = None,
        years: Iterable[int] | None = None,
        *,
        program: str | None = None,
        preferred_only: bool = True,
        include_descendants: bool = False,
        year_range: tuple[int, int] | None = None,
        totals_only: bool = False,
    ) -> pd.DataFrame:
        """Rows matching every filter given; None means no filter on that column;
        totals_only, only rows without a breakdown (dimension and category "").

        Works on row positions and integer category codes, and takes the rows once at the
        end: at a million rows a query costs milliseconds, not a copy of every column.
        """
        wanted_areas = list(areas) if areas is not None else None
        area_columns = ("area", "prefecture", "region") if include_descendants else ("area",)
        wanted = list(dict.fromkeys(indicators)) if indicators is not None else None
        positions: slice | np.ndarray | None = None
        if wanted_areas is not None:
            # Some areas' rows of many indicators (the data page, headline figures): start
            # from those areas' rows, found in a per-column index, rather than scan every
            # row of the indicators; unless they are most of those rows (the whole region),
            # which the indicators' slices read best.
            in_areas = self._positions_in_areas(area_columns, wanted_areas)
            if len(in_areas) <= self._row_count(wanted) // 2:
                positions = in_areas if wanted is None else self._of_indicators(in_areas, wanted)
                wanted_areas = None  # the area filter is applied
        if positions is None:
            positions = self._positions_for(wanted)
        count = _count(positions)
        mask = np.ones(count, dtype=bool)
        if preferred_only:
            mask &= self._column_array("preferred")[positions]
        if program is not None:
            mask &= _matches(
                self._codes("program")[positions], self._code_list("program", [program])
            )
        if wanted_areas is not None:
            matched = np.zeros(count, dtype=bool)
            for column in area_columns:
                codes = self._code_list(column, wanted_areas)
                matched |= _matches(self._codes(column)[positions], codes)
            mask &= matched
        if totals_only:
            # Not taking rows of every breakdown only to drop them (seven in eight of a
            # county's rows at 10M generated rows).
            for column in ("dimension", "category"):
                mask &= _matches(self._codes(column)[positions], self._code_list(column, [""]))
        if years is not None or year_range is not None:
            year = self._column_array("year")[positions]
            if years is not None:
                mask &= np.isin(year, [int(value) for value in years])
            if year_range is not None:
                low, high = year_range
                mask &= (year >= low) & (year <= high)
        if isinstance(positions, slice):
            return self.observations.iloc[positions.start + np.flatnonzero(mask)]
        return self.observations.iloc[positions[mask]]

    def _positions_for(self, indicators: Iterable[str] | None) -> slice | np.ndarray:
        """The rows of the indicators: one slice when they are contiguous (every row, one
        indicator), so that the columns are read as views rather than gathered."""
        if indicators is None:
            return slice(0, len(self.observations))
        parts = [self._slices[i] for i in dict.fromkeys(indicators) if i in self._slices]
        if not parts:
            return slice(0, 0)
        if len(parts) == 1:
            return parts[0]
        return np.concatenate([np.arange(part.start, part.stop) for part in parts])

    def _row_count(self, indicators: list[str] | None) -> int:
        """How many rows the indicators have (every row for None), without listing them."""
        if indicators is None:
            return len(self.observations)
        return sum(
            self._slices[i].stop - self._slices[i].start for i in indicators if i in self._slices
        )

    def _of_indicators(self, positions: np.ndarray, indicators: list[str]) -> np.ndarray:
        """The positions of these indicators' rows, grouped in the indicators' order and
        ascending within each: the order `_positions_for` gives the same rows."""
        known = self._code_list("indicator", indicators)  # in order; unknown ones left out
        # One slot more than there are categories: code -1 (none) reads it, and stays out.
        rank = np.full(len(self.observations["indicator"].cat.categories) + 1, -1)
        rank[known] = np.arange(len(known))
        ranked = rank[self._codes("indicator")[positions]]
        kept = ranked >= 0
        return positions[kept][np.argsort(ranked[kept], kind="stable")]

    def _positions_in_areas(self, columns: Iterable[str], areas: list[str]) -> np.ndarray:
        """Row positions, ascending, whose value in any of `columns` is one of `areas`.

        Each code's rows are ascending already: a few areas' runs are merged by a stable
        sort (timsort), not marked in a mask of every row and read back (~10 ms at 10M
        rows); a large share of the table (the region with its prefectures and counties)
        is marked."""
        columns = tuple(columns)
        parts = []
        for column in columns:
            order, starts = self._rows_by_code(column)
            parts += [order[starts[c] : starts[c + 1]] for c in self._code_list(column, areas)]
        if len(parts) <= 1:
            return parts[0] if parts else np.array([], dtype=np.intp)
        if sum(len(part) for part in parts) > len(self.observations) // 8:
            chosen = np.zeros(len(self.observations), dtype=bool)
            for part in parts:
                chosen[part] = True
            return np.flatnonzero(chosen)  # ascending: the table's order, no row twice
        positions = np.concatenate(parts)
        positions.sort(kind="stable")
        if len(columns) > 1:  # a county's row is in its prefecture's part too
            positions = positions[np.r_[True, positions[1:] != positions[:-1]]]
        return positions

    def _rows_by_code(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """The rows of a categorical column grouped by code: rows of code c are
        order[starts[c]:starts[c + 1]], ascending. Built once per column, on first use."""
        cached = self._groups.get(column)
        if cached is None:
            codes = self._codes(column)
            dtype = np.int32 if len(codes) < 2**31 else np.int64
            order = np.argsort(codes, kind="stable").astype(dtype)  # code -1 (none) first
            size = len(self.observations[column].cat.categories)
            counts = np.bincount(codes[codes >= 0], minlength=size)
            missing = int(np.count_nonzero(codes < 0))
            starts = np.concatenate([[0], np.cumsum(counts)]) + missing
            cached = self._groups[column] = (order, starts)
        return cached

    def _column_array(self, column: str) -> np.ndarray:
        cached = self._arrays.get(column)
        if cached is None:
            cached = self._arrays[column] = self.observations[column].to_numpy()
        return cached

    def _codes(self, column: str) -> np.ndarray:
        key = f"{column}:codes"
        cached = self._arrays.get(key)
        if cached is None:
            cached = self._arrays[key] = self.observations[column].cat.codes.to_numpy()
        return cached

    def _code_list(self, column: str, values: list[str]) -> list[int]:
        categories = self.observations[column].cat.categories
        lookup = pd.Index(categories)
        return [int(lookup.get_loc(value)) for value in values if value in lookup]


def _matches(codes: np.ndarray, wanted: list[int]) -> np.ndarray:
    """codes ∈ wanted; one code compared directly (np.isin sorts both: ~2 ms at 366k rows)."""
    if len(wanted) == 1:
        return codes == wanted[0]
    return np.isin(codes, wanted)


_NUMERIC_DTYPES = {"obs_id": np.int32, "year": np.int16, "value": np.float64, "preferred": bool}


def _concat_categorical(first: pd.Series, second: pd.Series) -> pd.Categorical:
    """first's values then second's as one categorical whose categories are the distinct
    texts present, sorted (as `astype(str).astype("category")` makes them); missing stays
    missing. Works on the codes: no text per row."""
    parts = [_text_categorical(part) for part in (first, second)]
    categories = parts[0].categories.append(parts[1].categories).unique().sort_values()
    codes = np.concatenate(
        [
            # lookup[-1] is -1: a missing value (code -1) stays missing
            np.append(categories.get_indexer(part.categories), -1).astype(np.int32)[part.codes]
            for part in parts
        ]
    )
    used = np.zeros(len(categories) + 1, dtype=bool)
    used[codes] = True  # code -1 marks the extra last entry
    used = used[:-1]
    renumber = np.append(np.cumsum(used) - 1, -1).astype(np.int32)
    return pd.Categorical.from_codes(renumber[codes], categories[used])


def _text_categorical(column: pd.Series) -> pd.Categorical:
    if isinstance(column.dtype, pd.CategoricalDtype):
        values = column.array
        return pd.Categorical.from_codes(values.codes, values.categories.astype(str))
    return pd.Categorical(column.astype(str))


def _sort_codes(values: pd.Categorical | np.ndarray) -> tuple[np.ndarray, int]:
    """Integers that sort like the values (missing last, as sort_values puts them) and how
    many there can be."""
    if isinstance(values, pd.Categorical):
        size = len(values.categories)
        codes = values.codes.astype(np.int64)
        codes[codes < 0] = size
        return codes, size + 1
    low = int(values.min()) if len(values) else 0
    high = int(values.max()) if len(values) else 0
    return values.astype(np.int64) - low, high - low + 1


def _mixed_radix(parts: list[tuple[np.ndarray, int]]) -> np.ndarray | None:
    """One int64 per row that orders like the parts in turn; None when it would overflow."""
    span = 1
    for _, size in parts:
        span *= size
    if span >= 2**62:
        return None
    key = np.zeros(len(parts[0][0]), dtype=np.int64)
    for codes, size in parts:
        key *= size
        key += codes
    return key


def _rows_with_key_in(key_codes: list[tuple[np.ndarray, int]], count: int) -> np.ndarray:
    """For each of the first `count` rows, whether a later row has the same key."""
    key = _mixed_radix(key_codes)
    if key is None:
        arrays = [codes for codes, _ in key_codes]
        first = pd.MultiIndex.from_arrays([codes[:count] for codes in arrays])
        return first.isin(pd.MultiIndex.from_arrays([codes[count:] for codes in arrays]))
    return np.isin(key[:count], key[count:])


def _stable_order(parts: list[tuple[np.ndarray, int]]) -> np.ndarray:
    key = _mixed_radix(parts)
    if key is None:
        return np.lexsort([codes for codes, _ in reversed(parts)])
    return np.argsort(key, kind="stable")


def _count(positions: slice | np.ndarray) -> int:
    return positions.stop - positions.start if isinstance(positions, slice) else len(positions)


def _sorted_years(frame: pd.DataFrame) -> list[int]:
    return sorted(int(year) for year in frame["year"].unique())


def _sorted_areas(frame: pd.DataFrame) -> list[str]:
    return sorted(str(area) for area in frame["area"].unique())


def _with_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns in order, ids categorical, quote and note categorical too.

    A missing text becomes "" (views write `fillna("")` and `str(text or "")`, which a
    categorical without "" would refuse or print as "nan"). The texts' categories are Python
    strings (object), not pandas' Arrow `str`: reading rows (`to_dict`, `itertuples`,
    `to_numpy`) and `astype(str)` then take each text from the categories as it is, where
    `str` categories are converted to Python and back for every row (4x slower or more).
    """
    frame = frame[OBSERVATION_COLUMNS]
    for column in CATEGORICAL_COLUMNS:
        if not isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype("category")
    for column in TEXT_COLUMNS:
        text = frame[column]
        if not isinstance(text.dtype, pd.CategoricalDtype):
            text = text.astype("category")
        if text.isna().any():
            if "" not in text.cat.categories:
                text = text.cat.add_categories([""])
            text = text.fillna("")
        if text.cat.categories.dtype != object:
            text = text.cat.rename_categories(text.cat.categories.astype(object))
        frame[column] = text
    return frame


def notes_in_language(frame: pd.DataFrame, lang: str) -> pd.Categorical | None:
    """Each row's note as a reader of `lang` sees it: in Chinese the Chinese note (note_zh)
    where there is one, else the English (`note`); in English `note`, else the Chinese one.
    None when that is `note` on every row. Worked out on the category codes: a few integers
    per row, one text per distinct note."""
    if "note_zh" not in frame.columns or len(frame) == 0:
        return None
    english = _text_categorical(english_notes(frame))
    chinese = _text_categorical(frame["note_zh"])
    has_english = _present(english)
    has_chinese = _present(chinese)
    take_chinese = has_chinese if lang == "zh" else has_chinese & ~has_english
    if not take_chinese.any():
        return None
    categories = english.categories.append(chinese.categories).unique()
    lookup_english = np.append(categories.get_indexer(english.categories), -1)
    lookup_chinese = np.append(categories.get_indexer(chinese.categories), -1)
    codes = np.where(
        take_chinese, lookup_chinese[chinese.codes], lookup_english[english.codes]
    ).astype(np.int32)
    used = np.unique(codes[codes >= 0])
    renumber = np.full(len(categories) + 1, -1, dtype=np.int32)
    renumber[used] = np.arange(len(used), dtype=np.int32)
    return pd.Categorical.from_codes(renumber[codes], categories[used].astype(object))


def _present(texts: pd.Categorical) -> np.ndarray:
    """Per row: is there a text (not missing, not blank)?"""
    filled = np.append(
        np.array([bool(str(text).strip()) for text in texts.categories], dtype=bool), False
    )
    return filled[texts.codes]


def note_language(english: str, chinese: str, lang: str) -> str:
    """The language a reader of `lang` reads a row's note in (see notes_in_language), from
    its English note (`note`) and Chinese note (note_zh): lang, or the other language."""
    if lang == "zh":
        return "zh" if chinese.strip() or not english.strip() else "en"
    return "en" if english.strip() or not chinese.strip() else "zh"


def notes_as_read(frame: pd.DataFrame, lang: str) -> pd.Series:
    """notes_in_language of rows of a dataset or of any language's view of it, as a column."""
    chosen = notes_in_language(frame, lang)
    if chosen is None:
        return english_notes(frame)
    return pd.Series(chosen, index=frame.index, name="note")


def english_notes(frame: pd.DataFrame) -> pd.Series:
    """The English (or only) note of each row, of a dataset's rows or its language's view."""
    return frame[ENGLISH_NOTE] if ENGLISH_NOTE in frame.columns else frame["note"]


def chinese_notes(frame: pd.DataFrame) -> pd.Series:
    """The Chinese note of each row ("" where none, or in a table without the column)."""
    if "note_zh" in frame.columns:
        return frame["note_zh"]
    return pd.Series("", index=frame.index, dtype=object, name="note_zh")


def with_later_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """A table built before a column was added, with that column as "" on every row (a
    categorical of one category: a byte per row, no string)."""
    missing = [column for column in LATER_COLUMNS if column not in frame.columns]
    if not missing:
        return frame
    frame = frame.copy(deep=False)
    for column in missing:
        frame[column] = pd.Categorical.from_codes(np.zeros(len(frame), dtype=np.int8), [""])
    return frame


def _grouped_by_indicator(frame: pd.DataFrame) -> bool:
    """True when each indicator's rows are contiguous (one run per indicator)."""
    if len(frame) < 2:
        return True
    codes = pd.factorize(frame["indicator"])[0]
    runs = int(np.count_nonzero(codes[1:] != codes[:-1])) + 1
    return runs == int(codes.max()) + 1


def _indicator_slices(frame: pd.DataFrame) -> dict[str, slice]:
    """The table is sorted by indicator, so each indicator's rows are one contiguous slice."""
    if frame.empty:
        return {}
    indicator = frame["indicator"].astype("category")
    codes = indicator.cat.codes.to_numpy()  # integers: no Python string per row
    names = indicator.cat.categories
    boundaries = np.flatnonzero(codes[1:] != codes[:-1]) + 1
    starts = np.concatenate([[0], boundaries])
    stops = np.concatenate([boundaries, [len(codes)]])
    return {
        str(names[codes[start]]): slice(int(start), int(stop))
        for start, stop in zip(starts, stops, strict=True)
    }


# ---------------------------------------------------------------- the served dataset

LOGGER = logging.getLogger("dashboard.data")
_lock = threading.Lock()
# Per path: the last dataset that loaded, and the signature of the file it came from.
_served: dict[str, tuple[tuple[int, ...], Dataset]] = {}


def _source_entries(dataset: Dataset) -> dict[str, dict[str, str]]:
    sources = dataset.catalogue.sources
    return {
        str(source_id): {"source": str(source_id), **{k: str(v) for k, v in row.items()}}
        for source_id, row in zip(sources.index, sources.to_dict("records"), strict=True)
    }


def _content_hash(dataset: Dataset) -> str:
    digest = hashlib.blake2b(digest_size=16)
    frame = dataset.observations
    digest.update(json.dumps([list(map(str, frame.columns)), len(frame)]).encode())
    for column in frame.columns:
        series = frame[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            digest.update(json.dumps(list(map(str, series.cat.categories))).encode())
            values = np.ascontiguousarray(series.cat.codes.to_numpy())
        else:
            values = series.to_numpy()
            if values.dtype == object:
                values = np.asarray(pd.util.hash_pandas_object(series, index=False))
            values = np.ascontiguousarray(values)
        digest.update(str(values.dtype).encode())
        digest.update(memoryview(values).cast("B"))
    catalogue = dataset.catalogue
    for name in sorted(field.name for field in fields(catalogue)):
        value = getattr(catalogue, name)
        if isinstance(value, pd.DataFrame):
            digest.update(name.encode())
            digest.update(value.to_json(orient="split", force_ascii=False).encode())
    return digest.hexdigest()


# Per path: the signature of a file version that failed to load and why, so that a bad
# version is read (and logged) once, not on every request.
_refused: dict[str, tuple[tuple[int, ...], str]] = {}


def get_dataset(path: Path | str | None = None) -> Dataset:
    """The dataset the app serves, loaded once per process and reloaded when the file changes.

    The file should be replaced whole (os.replace), so that each load sees one version. When
    a new version is missing, damaged or half-written, the last dataset that loaded keeps
    being served (`refresh_problem` says why, for the page's notice) and the failure is
    logged once per version of the file (its mtime, size and inode). With no last good
    dataset, DataLoadError.
    """
    path = Path(path or config.DATA_FILE)
    key = str(path)
    signature = _signature(path)
    cached = _served.get(key)
    if cached is not None and cached[0] == signature:
        return cached[1]
    refused = _refused.get(key)
    if refused is not None and refused[0] == signature:
        if cached is not None:
            return cached[1]
        raise DataLoadError(refused[1])
    with _lock:
        cached = _served.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
        refused = _refused.get(key)
        if refused is None or refused[0] != signature:
            try:
                dataset = _load_version(path, signature)
            except DataLoadError as error:
                refused = _refuse(key, signature, str(error), served=cached is not None)
            else:
                _served[key] = (signature, dataset)
                _refused.pop(key, None)
                return dataset
        if cached is not None:
            return cached[1]
        raise DataLoadError(refused[1])


def refresh_problem(path: Path | str | None = None) -> str | None:
    """Why the served data is not the file's current version (None when it is)."""
    path = Path(path or config.DATA_FILE)
    try:
        get_dataset(path)
    except DataLoadError as error:
        return str(error)
    refused = _refused.get(str(path))
    return refused[1] if refused is not None else None


def _signature(path: Path) -> tuple[int, ...]:
    """What identifies one version of the file; () when it cannot be seen at all."""
    try:
        stat = path.stat()
    except OSError:
        return ()
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_dev)


def _load_version(path: Path, signature: tuple[int, ...]) -> Dataset:
    if not signature:
        if path.exists():  # there but not readable (permissions)
            raise DataLoadError(f"data file {path} cannot be read")
        raise DataLoadError(
            f"data file not found: {path}. Build it with: python -m dashboard build"
        )
    try:
        return Dataset.load(path)
    except DataLoadError:
        raise
    except (OSError, ValueError, KeyError, TypeError, IndexError, pa.ArrowException) as error:
        # Anything a damaged file can make the reader or the checks raise: one more bad file.
        LOGGER.debug("loading %s failed", path, exc_info=error)
        raise DataLoadError(
            f"data file {path} is damaged ({type(error).__name__}: {error})"
        ) from error


def _refuse(key: str, signature: tuple[int, ...], reason: str, *, served: bool) -> tuple:
    """Remember a bad version; log it when the last good data stands in for it (with none,
    the caller gets DataLoadError and says so: `serve` refuses to start)."""
    _refused[key] = (signature, reason)
    if served:
        first_line = reason.splitlines()[0] if reason else "unknown error"
        LOGGER.error("data file not loaded, still serving the last good data: %s", first_line)
    return _refused[key]
