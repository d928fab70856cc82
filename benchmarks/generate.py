"""Generated benchmark datasets (NOT real data): Tibet's 82 areas x many indicators x 30 years.

Every value here is random. The files exist only to measure the dashboard at 10k, 1M and
10M observations; their source is "generated-benchmark" and they are written to
benchmarks/generated/ (git-ignored). They are built like the real file (write_parquet with a
catalogue), so Dataset.load reads them through the same checks.

The catalogue keeps the real indicators, programs and breakdowns of data/indicators.parquet
(when it exists) so that every page finds the indicators it asks for, and adds generated
indicators ("generated_indicator_0001", ...) until the table reaches the wanted size.

    python -m benchmarks.generate 1m          # or 10k, 10m; prints the file written
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import config
from dashboard.data.build import write_parquet
from dashboard.data.contract import LATER_COLUMNS, OBSERVATION_COLUMNS, Catalogue
from dashboard.data.gazetteer import builtin_gazetteer
from dashboard.data.units import CANONICAL_UNITS

GENERATED_DIR = Path(__file__).resolve().parent / "generated"
GENERATOR_VERSION = 5  # bump to regenerate cached files after changing this module
SIZES = {"10k": 10_000, "1m": 1_000_000, "10m": 10_000_000}
SOURCE_ID = "generated-benchmark"
SECOND_SOURCE_ID = "generated-benchmark-second-reading"
YEARS = tuple(range(1996, 2026))  # 30 years
DENSITY = 0.9  # share of (indicator, area, year, breakdown) keys that have a value
MIN_INDICATORS = 8  # even the smallest file spreads over several indicators
SECOND_READING_SHARE = 0.02  # keys with a second, non-preferred reading from another source
GENERATED_BREAKDOWNS = {
    "generated_sex": ("female", "male"),
    "generated_stage": ("junior", "primary", "senior"),
}
GENERATED_UNITS = ("%", "人", "元", "所", "元/生/年")
QUOTE = "生成的基准数据，并非真实观测 (generated benchmark value, not a real observation)"


@dataclass(frozen=True)
class Generated:
    path: Path
    rows: int
    indicators: int
    real_indicators: int


def dataset_path(size: str) -> Path:
    return GENERATED_DIR / f"generated-benchmark-{size}.parquet"


def ensure_dataset(size: str, base_file: Path | None = None, *, seed: int = 6) -> Generated:
    """The generated file for `size`, written only if missing or made by other code or data."""
    base_file = base_file if base_file is not None else config.DATA_FILE
    rows = SIZES[size]
    path = dataset_path(size)
    stamp_path = path.with_suffix(".json")
    stamp = {
        "generator_version": GENERATOR_VERSION,
        "rows": rows,
        "seed": seed,
        "base": _fingerprint(base_file),
    }
    if path.exists() and stamp_path.exists():
        written = json.loads(stamp_path.read_text(encoding="utf-8"))
        if {key: written.get(key) for key in stamp} == stamp:
            return Generated(path, written["rows_written"], written["indicators"], written["real"])
    base, base_observations = _base(base_file)
    observations, catalogue, real_count = generate(rows, base, base_observations, seed=seed)
    write_parquet(observations, catalogue, path, built_from=f"{SOURCE_ID}: {rows} generated rows")
    indicators = int(observations["indicator"].nunique())
    stamp |= {"rows_written": len(observations), "indicators": indicators, "real": real_count}
    stamp_path.write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    return Generated(path, len(observations), indicators, real_count)


def _fingerprint(base_file: Path) -> str:
    if not base_file.exists():
        return "no-base"
    stat = base_file.stat()
    return hashlib.sha256(f"{base_file}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()


def _base(base_file: Path) -> tuple[Catalogue, pd.DataFrame | None]:
    """The real catalogue and rows when the built file exists (only names, units and which
    breakdowns each indicator uses are taken from it, never values)."""
    if base_file.exists():
        from dashboard.data.store import Dataset

        dataset = Dataset.load(base_file)
        return dataset.catalogue, dataset.observations
    return Catalogue.empty(), None


def generate(
    rows: int, base: Catalogue, base_observations: pd.DataFrame | None = None, *, seed: int = 6
) -> tuple[pd.DataFrame, Catalogue, int]:
    """`rows` observations (fewer only if the grid is smaller) and their catalogue.

    Each real indicator is broken down by the dimensions its real observations use, plus the
    generated ones; each generated indicator by the generated dimensions only.
    """
    rng = np.random.default_rng(seed)
    areas = sorted(builtin_gazetteer().codes)
    real = sorted(str(indicator) for indicator in base.indicators.index)
    real_breakdowns = _real_breakdowns(base, base_observations)
    per_area_year = {ind: _breakdowns_of(real_breakdowns.get(ind, [])) for ind in real}
    generated_keys = len(areas) * len(YEARS) * len(_breakdowns_of([]))
    real_keys = sum(len(areas) * len(YEARS) * len(b) for b in per_area_year.values())
    primary_rows = round(rows / (1 + SECOND_READING_SHARE))
    missing_keys = primary_rows / DENSITY - real_keys
    extra = max(math.ceil(missing_keys / generated_keys), MIN_INDICATORS - len(real), 0)
    catalogue = _catalogue(base, extra)
    indicators = sorted(str(indicator) for indicator in catalogue.indicators.index)
    breakdowns = sorted(
        {pair for ind in indicators for pair in _breakdowns_for(ind, per_area_year)}
    )
    breakdown_ids = {pair: number for number, pair in enumerate(breakdowns)}
    widths = np.array([len(_breakdowns_for(ind, per_area_year)) for ind in indicators])
    table = np.zeros((len(indicators), widths.max()), dtype=np.int32)
    for position, ind in enumerate(indicators):
        ids = [breakdown_ids[pair] for pair in _breakdowns_for(ind, per_area_year)]
        table[position, : len(ids)] = ids
    offsets = np.concatenate([[0], np.cumsum(widths * len(areas) * len(YEARS))])

    grid = int(offsets[-1])
    chosen = np.sort(rng.choice(grid, size=min(primary_rows, grid), replace=False))
    second = np.sort(rng.choice(len(chosen), size=max(rows - len(chosen), 0), replace=False))
    # Primary readings plus a second reading for some keys; the second sorts after the first.
    key_index = np.concatenate([chosen, chosen[second]])
    is_second = np.concatenate([np.zeros(len(chosen), bool), np.ones(len(second), bool)])
    order = np.lexsort((is_second, key_index))
    key_index, is_second = key_index[order], is_second[order]

    indicator_pos = np.searchsorted(offsets, key_index, side="right") - 1
    rest = key_index - offsets[indicator_pos]
    width = widths[indicator_pos]
    area_pos, rest = np.divmod(rest, len(YEARS) * width)
    year_pos, within = np.divmod(rest, width)
    breakdown_pos = table[indicator_pos, within]
    frame = _observations(
        catalogue, indicators, areas, breakdowns, indicator_pos, area_pos, year_pos, breakdown_pos
    )
    frame["source"] = pd.Categorical.from_codes(
        is_second.astype("int8"), categories=[SOURCE_ID, SECOND_SOURCE_ID]
    )
    frame["preferred"] = ~is_second
    frame["value"] = _values(catalogue, indicators, indicator_pos, rng)
    for column in LATER_COLUMNS:  # generated readings are on the usual basis, dated by year
        frame[column] = pd.Categorical.from_codes(np.zeros(len(frame), dtype="int8"), [""])
    return frame[OBSERVATION_COLUMNS], catalogue, len(real)


def _real_breakdowns(
    base: Catalogue, observations: pd.DataFrame | None
) -> dict[str, list[tuple[str, str]]]:
    """indicator -> every (dimension, category) of the dimensions its real rows use."""
    if observations is None or observations.empty:
        return {}
    used = observations[["indicator", "dimension"]].astype(str).drop_duplicates()
    used = used[used["dimension"] != ""]
    categories = base.dimensions.groupby("dimension")["category"].apply(list).to_dict()
    found: dict[str, list[tuple[str, str]]] = {}
    for indicator, dimension in used.itertuples(index=False):
        pairs = [(dimension, category) for category in categories.get(dimension, [])]
        found.setdefault(indicator, []).extend(pairs)
    return found


def _breakdowns_of(real_pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    generated = {(dim, cat) for dim, cats in GENERATED_BREAKDOWNS.items() for cat in cats}
    return sorted({("", ""), *real_pairs, *generated})


def _breakdowns_for(
    indicator: str, per_real_indicator: dict[str, list[tuple[str, str]]]
) -> list[tuple[str, str]]:
    return per_real_indicator.get(indicator) or _breakdowns_of([])


def _catalogue(base: Catalogue, extra: int) -> Catalogue:
    programs = pd.concat(
        [
            base.programs,
            pd.DataFrame(
                {
                    "name_zh": [f"生成的项目 {number}" for number in range(1, 11)],
                    "name_en": [f"Generated program {number}" for number in range(1, 11)],
                },
                index=pd.Index(
                    [f"generated_program_{n:02d}" for n in range(1, 11)], name="program"
                ),
            ),
        ]
    )
    generated_ids = [f"generated_indicator_{number:04d}" for number in range(1, extra + 1)]
    generated = pd.DataFrame(
        {
            "program": [f"generated_program_{n % 10 + 1:02d}" for n in range(extra)],
            "name_zh": [f"生成的指标 {number}" for number in range(1, extra + 1)],
            "name_en": [f"Generated indicator {number}" for number in range(1, extra + 1)],
            "unit": [GENERATED_UNITS[n % len(GENERATED_UNITS)] for n in range(extra)],
            "kind": "outcome",
            "description_zh": "生成的基准数据",
            "description_en": "Generated benchmark data",
            "min": "",
            "max": "",
            "decimals": "",
        },
        index=pd.Index(generated_ids, name="indicator"),
    )
    indicators = pd.concat([base.indicators, generated]).fillna("").astype(object)
    sources = pd.concat(
        [
            base.sources,
            pd.DataFrame(
                {
                    "title": ["Generated benchmark data (random values, not real)"] * 2,
                    "publisher": ["benchmarks/generate.py"] * 2,
                    "date": ["2025", "2024"],
                    "url": ["", ""],
                    "via_url": ["", ""],
                },
                index=pd.Index([SOURCE_ID, SECOND_SOURCE_ID], name="source"),
            ),
        ]
    ).fillna("")
    dimensions = pd.concat(
        [
            base.dimensions,
            pd.DataFrame(
                [
                    {
                        "dimension": dim,
                        "category": cat,
                        "name_zh": f"生成的分组 {cat}",
                        "name_en": f"Generated {cat}",
                    }
                    for dim, cats in GENERATED_BREAKDOWNS.items()
                    for cat in cats
                ]
            ),
        ],
        ignore_index=True,
    )
    return Catalogue(
        indicators,
        programs.astype(object),
        sources.astype(object),
        dimensions,
        base.areas,
        charts=base.charts,  # the embedded programmes keep their declared charts
    )


def _categorical(positions: np.ndarray, labels: list[str]) -> pd.Categorical:
    """Codes into `labels`, re-coded so the categories are sorted and unused ones dropped."""
    categories = sorted(set(labels))
    recode = np.array([categories.index(label) for label in labels], dtype=np.int32)
    return pd.Categorical.from_codes(recode[positions], categories=categories)


def _observations(
    catalogue: Catalogue,
    indicators: list[str],
    areas: list[str],
    breakdowns: list[tuple[str, str]],
    indicator_pos: np.ndarray,
    area_pos: np.ndarray,
    year_pos: np.ndarray,
    breakdown_pos: np.ndarray,
) -> pd.DataFrame:
    gazetteer = builtin_gazetteer()
    info = catalogue.indicators.loc[indicators]
    frame = pd.DataFrame({"obs_id": np.arange(len(indicator_pos), dtype=np.int32)})
    frame["indicator"] = _categorical(indicator_pos, indicators)
    frame["program"] = _categorical(indicator_pos, [str(p) for p in info["program"]])
    frame["area"] = _categorical(area_pos, areas)
    frame["area_level"] = _categorical(area_pos, [gazetteer.area(a).level for a in areas])
    frame["prefecture"] = _categorical(area_pos, [gazetteer.prefecture_of(a) for a in areas])
    frame["region"] = _categorical(area_pos, [gazetteer.region_of(a) for a in areas])
    frame["year"] = np.asarray(YEARS, dtype=np.int16)[year_pos]
    frame["dimension"] = _categorical(breakdown_pos, [dim for dim, _ in breakdowns])
    frame["category"] = _categorical(breakdown_pos, [cat for _, cat in breakdowns])
    frame["unit"] = _categorical(indicator_pos, [str(u) for u in info["unit"]])
    frame["kind"] = _categorical(indicator_pos, [str(k) for k in info["kind"]])
    frame["quote"] = pd.array(np.full(len(frame), QUOTE, dtype=object), dtype="str")
    frame["note"] = pd.array(np.full(len(frame), "", dtype=object), dtype="str")
    frame["origin"] = pd.Categorical.from_codes(np.zeros(len(frame), np.int8), ["embedded"])
    return frame


def _values(
    catalogue: Catalogue, indicators: list[str], indicator_pos: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Plausible-looking random values within each indicator's unit and declared range."""
    info = catalogue.indicators.loc[indicators]
    percent = np.array([CANONICAL_UNITS[str(u)].quantity == "percent" for u in info["unit"]])
    high = np.array([_number(m, 100.0) for m in info["max"]])
    low = np.array([_number(m, 0.0) for m in info["min"]])
    scale = np.exp(rng.uniform(2, 16, len(indicators)))  # each indicator its own magnitude
    draw = rng.random(len(indicator_pos))
    as_percent = low[indicator_pos] + draw * (np.minimum(high, 100.0) - low)[indicator_pos]
    has_max = np.array([str(m).strip() != "" for m in info["max"]])
    as_amount = np.round(scale[indicator_pos] * (0.5 + draw))
    as_amount = np.where(
        has_max[indicator_pos], np.minimum(as_amount, high[indicator_pos]), as_amount
    )
    return np.where(percent[indicator_pos], np.round(as_percent, 2), as_amount)


def _number(text: object, default: float) -> float:
    try:
        return float(str(text)) if str(text).strip() else default
    except ValueError:
        return default


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", choices=[*SIZES, []], help="10k, 1m, 10m (all)")
    arguments = parser.parse_args(argv)
    for size in arguments.sizes or list(SIZES):
        generated = ensure_dataset(size)
        print(f"{generated.path}: {generated.rows} rows, {generated.indicators} indicators")
    return 0


if __name__ == "__main__":
    sys.exit(main())
