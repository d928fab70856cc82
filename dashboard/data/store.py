"""The served dataset: load a built Parquet file once, check it, and answer queries read-only."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
    OBSERVATION_COLUMNS,
    Catalogue,
    check_observations,
    finalise_observations,
    parse_number,
)
from dashboard.data.gazetteer import Gazetteer

T = TypeVar("T")


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
        self.observations = observations
        self.catalogue = catalogue
        self.label = label
        self.gazetteer = Gazetteer(catalogue.areas)
        self._indicator_cache: dict[str, Indicator] = {}
        self._slices = _indicator_slices(observations)
        self._arrays: dict[str, np.ndarray] = {}  # column arrays and category codes, lazily
        # Facts derived from the whole table, computed once: see `cached`.
        self._memo: dict[str, Any] = {}
        self._memo_lock = threading.RLock()

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: Path | str) -> Dataset:
        path = Path(path)
        if not path.exists():
            raise DataLoadError(
                f"data file not found: {path}. Build it with: python -m dashboard build"
            )
        try:
            # One chunk per column: taking rows from a chunked Arrow string column
            # concatenates every chunk first, on every query.
            table = pq.read_table(path).combine_chunks()
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
        frame = table.to_pandas()
        problems = check_observations(frame, catalogue, str(path))
        if problems:
            listed = "\n".join(f"  - {problem}" for problem in problems[:20])
            raise DataLoadError(f"data file {path} breaks the data contract:\n{listed}")
        return cls(_with_dtypes(frame), catalogue, label=str(path))

    def merged_with(self, upload: pd.DataFrame, upload_catalogue: Catalogue) -> Dataset:
        """This dataset with a user's upload over it: the upload's readings become preferred."""
        base = self.observations
        keys = ["indicator", "area", "year", "dimension", "category"]
        upload_keys = pd.MultiIndex.from_frame(upload[keys].astype(str))
        base_keys = pd.MultiIndex.from_frame(base[keys].astype(str))
        base = base.copy()
        base.loc[base_keys.isin(upload_keys), "preferred"] = False
        combined = pd.concat([base.astype(object), upload.astype(object)], ignore_index=True)
        return Dataset(finalise_observations(combined), upload_catalogue, label=self.label)

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
        if source_id not in self.catalogue.sources.index:
            return {"source": source_id, "title": "", "publisher": "", "date": "", "url": ""}
        row = self.catalogue.sources.loc[source_id]
        return {"source": source_id, **{key: str(value) for key, value in row.items()}}

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
    ) -> pd.DataFrame:
        """Rows matching every filter given; None means no filter on that column.

        Works on row positions and integer category codes, and takes the rows once at the
        end: at a million rows a query costs milliseconds, not a copy of every column.
        """
        positions = self._positions_for(indicators)
        mask = np.ones(len(positions), dtype=bool)
        if preferred_only:
            mask &= self._column_array("preferred")[positions]
        if program is not None:
            mask &= np.isin(
                self._codes("program")[positions], self._code_list("program", [program])
            )
        if areas is not None:
            wanted = list(areas)
            columns = ("area", "prefecture", "region") if include_descendants else ("area",)
            matched = np.zeros(len(positions), dtype=bool)
            for column in columns:
                codes = self._code_list(column, wanted)
                matched |= np.isin(self._codes(column)[positions], codes)
            mask &= matched
        if years is not None or year_range is not None:
            year = self._column_array("year")[positions]
            if years is not None:
                mask &= np.isin(year, [int(value) for value in years])
            if year_range is not None:
                low, high = year_range
                mask &= (year >= low) & (year <= high)
        return self.observations.iloc[positions[mask]]

    def _positions_for(self, indicators: Iterable[str] | None) -> np.ndarray:
        if indicators is None:
            return np.arange(len(self.observations))
        parts = [self._slices[i] for i in dict.fromkeys(indicators) if i in self._slices]
        if not parts:
            return np.arange(0)
        return np.concatenate([np.arange(part.start, part.stop) for part in parts])

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


def _sorted_years(frame: pd.DataFrame) -> list[int]:
    return sorted(int(year) for year in frame["year"].unique())


def _sorted_areas(frame: pd.DataFrame) -> list[str]:
    return sorted(str(area) for area in frame["area"].unique())


def _with_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[OBSERVATION_COLUMNS]
    for column in CATEGORICAL_COLUMNS:
        if not isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype("category")
    return frame


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

_lock = threading.Lock()
_served: dict[str, tuple[float, int, Dataset]] = {}


def get_dataset(path: Path | str | None = None) -> Dataset:
    """The dataset the app serves, loaded once per process and reloaded when the file changes.

    The file is only ever replaced whole (os.replace), so each load sees one complete version.
    """
    path = Path(path or config.DATA_FILE)
    key = str(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        cached = _served.get(key)
        if cached is not None:
            return cached[2]
        raise DataLoadError(
            f"data file not found: {path}. Build it with: python -m dashboard build"
        ) from None
    signature = (stat.st_mtime, stat.st_size)
    cached = _served.get(key)
    if cached is not None and (cached[0], cached[1]) == signature:
        return cached[2]
    with _lock:
        cached = _served.get(key)
        if cached is not None and (cached[0], cached[1]) == signature:
            return cached[2]
        dataset = Dataset.load(path)
        _served[key] = (signature[0], signature[1], dataset)
        return dataset
