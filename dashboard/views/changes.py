"""Changes: between versions of the served data, and between readings over the years.

Comparisons over the years join readings of one basis only: `comparison_groups` gives the
groups a KPI's "since" change may compare within (same kind, same basis), and
`split_by_basis` cuts a chart's series into one per basis, named with it, and says why.

What changed in the latest version of the served data, as a table the Data page can show:

`latest_changes(path, lang)` compares the served file with the version it was made from (the
import or rollback that produced it, per the versions log) and returns one row per reading
added, removed, changed in value, or switched to/from preferred, with names, breakdowns and
values written in the reader's language. An unrecorded served file (a fresh `make data`) has
no latest change: the frame is empty, and says why in `frame.attrs`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.data.records import group_codes
from dashboard.data.store import DataLoadError, Dataset
from dashboard.i18n import check_lang, format_number, has, join_list, t, unit_label
from dashboard.userdata import versions
from dashboard.userdata.diff import diff_observations

LOGGER = logging.getLogger(__name__)
COLUMNS = ["change", "indicator", "area", "year", "breakdown", "source", "before", "after"]
ID_COLUMNS = ["change_kind", "indicator_id", "area_code", "source_id"]


# ---------------------------------------------------------------- readings of one basis


def basis_name(basis: str, lang: str) -> str:
    """The basis in words ("抽样调查" / "survey"); an id no catalogue names is shown as it is."""
    key = f"basis.{basis}"
    return t(key, lang) if basis and has(key) else basis


def comparison_groups(rows: pd.DataFrame) -> np.ndarray:
    """An integer per row; a change over the years compares readings of one group only: the
    same kind (a plan is not an outcome) and the same basis (a survey is not a register)."""
    return group_codes(rows, ("kind", "basis"))


@dataclass(frozen=True)
class BasisSplit:
    frame: pd.DataFrame  # the rows, each series cut into one per basis
    note: str  # why some series are two ("" when none was split)


def split_by_basis(frame: pd.DataFrame, lang: str, *, column: str = "series") -> BasisSplit:
    """Rows on a named basis get it after their series' name ("巩固率（抽样调查）"), so that
    a line never joins readings of different bases; the usual basis ("") keeps the plain name.
    When a series had readings on more than one basis, `note` says so in a sentence for the
    chart's subtitle."""
    if frame.empty or "basis" not in frame.columns:
        return BasisSplit(frame, "")
    bases = frame["basis"].astype(str).to_numpy()
    if not bases.any():
        return BasisSplit(frame, "")
    series = frame[column].astype(str).to_numpy()
    mixed = [
        name
        for name in dict.fromkeys(series.tolist())
        if len(set(bases[series == name].tolist())) > 1
    ]
    out = frame.copy()
    out[column] = [
        _with_basis(name, basis, lang) if basis else name
        for name, basis in zip(series.tolist(), bases.tolist(), strict=True)
    ]
    if not mixed:
        return BasisSplit(out, "")
    in_mixed = np.isin(series, mixed)
    named = join_list(
        [
            basis_name(basis, lang) if basis else t("basis.usual", lang)
            for basis in sorted(set(bases[in_mixed].tolist()))
        ],
        lang,
    )
    note = t("basis.split_note", lang, series=join_list(mixed, lang), bases=named)
    return BasisSplit(out, note)


def _with_basis(name: str, basis: str, lang: str) -> str:
    label = basis_name(basis, lang)
    return f"{name}（{label}）" if lang == "zh" else f"{name} ({label})"


# ---------------------------------------------------------------- versions of the data


def column_labels(lang: str) -> dict[str, str]:
    """Header of each display column in lang."""
    return {column: t(f"changes.column.{column}", lang) for column in COLUMNS}


def latest_changes(
    dataset_path: Path | str, lang: str, versions_dir: Path | None = None
) -> pd.DataFrame:
    """Display columns (COLUMNS) and id columns (ID_COLUMNS); attrs has version, previous,
    time, file, action and caption (or `reason` when there is nothing to show)."""
    lang = check_lang(lang)
    path = Path(dataset_path)
    folder = versions.versions_dir(versions_dir)
    try:
        signature = (_stamp(path), _stamp(folder / versions.LOG_NAME))
        frame, attrs = _changes(str(path), str(folder), signature, lang)
    except (versions.VersionError, DataLoadError, OSError) as error:
        LOGGER.warning("no latest changes for %s: %s", path, error)
        frame, attrs = _empty(), {"reason": str(error)}
    result = frame.copy()
    result.attrs = dict(attrs)
    return result


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _changes(
    path: str, folder: str, signature: tuple, lang: str
) -> tuple[pd.DataFrame, dict[str, str]]:
    directory = Path(folder)
    current = versions.current_version(Path(path), directory)
    if current is None:
        return _empty(), {"reason": t("changes.none", lang)}
    entry = next(e for e in reversed(versions.read_log(directory)) if e.version == current)
    if entry.previous is None:
        return _empty(), {"reason": t("changes.none", lang), "version": current}
    before = Dataset.load(versions.version_path(entry.previous, directory))
    after = Dataset.load(path)
    changes = diff_observations(before.observations, after.observations)
    attrs = {
        "version": current,
        "previous": entry.previous,
        "time": entry.time,
        "file": Path(entry.file).name,
        "action": entry.action,
        "caption": t(
            "changes.caption" if entry.action == "import" else "changes.caption_rollback",
            lang,
            version=current,
            time=entry.time[:10],
            file=Path(entry.file).name,
            previous=entry.previous,
        ),
    }
    return display_changes(changes, before, after, lang), attrs


def display_changes(
    changes: pd.DataFrame, before: Dataset, after: Dataset, lang: str
) -> pd.DataFrame:
    """Rows of diff.CHANGE_COLUMNS written for readers: names, breakdowns, exact values."""
    rows = []
    for row in changes.itertuples(index=False):
        names = after if after.has_indicator(row.indicator) else before
        indicator = (
            names.indicator(row.indicator).name(lang)
            if names.has_indicator(row.indicator)
            else row.indicator
        )
        breakdown = (
            f"{names.category_name(row.dimension, row.category, lang)}" if row.dimension else ""
        )
        rows.append(
            {
                "change": t(f"changes.kind.{row.change}", lang),
                "indicator": indicator,
                "area": _area_name(names, row.area, lang),
                "year": int(row.year),
                "breakdown": breakdown,
                "source": row.source,
                "before": _value(row.value_before, row.unit, lang),
                "after": _value(row.value_after, row.unit, lang),
                "change_kind": row.change,
                "indicator_id": row.indicator,
                "area_code": row.area,
                "source_id": row.source,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS + ID_COLUMNS)


def _area_name(dataset: Dataset, code: str, lang: str) -> str:
    try:
        return dataset.area_name(code, lang)
    except KeyError:
        return code


def _value(value: float, unit: str, lang: str) -> str:
    """Every digit, since a change may be small: "215,005,000元", "215,005,000 CNY"."""
    if pd.isna(value):
        return ""
    digits = format_number(value, lang)
    label = unit_label(unit, lang)
    return f"{digits}{label}" if lang == "zh" or unit == "%" else f"{digits} {label}"


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS + ID_COLUMNS)
