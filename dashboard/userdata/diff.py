"""What differs between two datasets: readings added, removed, changed, and preferred switches."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.data.contract import KEY, Catalogue
from dashboard.data.store import Dataset, chinese_notes, english_notes

READING_KEY = [*KEY, "source"]
# corrected: the same value and preferred choice, but its quote or a note (in English,
# `note`, or in Chinese, note_zh) was corrected.
CHANGE_KINDS = ("added", "removed", "changed", "preferred", "corrected")
CHANGE_COLUMNS = [
    "change",
    *READING_KEY,
    "unit",
    "value_before",
    "value_after",
    "preferred_before",
    "preferred_after",
    "quote",
    "note",
    "note_zh",
]
TEXTS = ("quote", "note", "note_zh")


def diff_observations(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per reading (key and source) that was added, removed, or changed in value or in
    being the preferred reading; sorted like the built table. Unchanged readings are left out."""
    old = _readings(before)
    new = _readings(after)
    merged = old.merge(
        new, on=READING_KEY, how="outer", suffixes=("_before", "_after"), indicator=True
    )
    both = merged["_merge"] == "both"
    value_changed = both & ~_same_number(merged["value_before"], merged["value_after"])
    preferred_changed = both & (merged["preferred_before"] != merged["preferred_after"])
    corrected = both & np.logical_or.reduce(
        [merged[f"{column}_before"] != merged[f"{column}_after"] for column in TEXTS]
    )
    change = pd.Series("", index=merged.index, dtype=object)
    change[corrected] = "corrected"
    change[merged["_merge"] == "left_only"] = "removed"
    change[merged["_merge"] == "right_only"] = "added"
    change[preferred_changed] = "preferred"
    change[value_changed] = "changed"
    merged["change"] = change
    merged["unit"] = merged["unit_after"].where(merged["unit_after"].notna(), merged["unit_before"])
    for column in TEXTS:
        merged[column] = merged[f"{column}_after"].where(
            merged[f"{column}_after"].notna(), merged[f"{column}_before"]
        )
    result = merged[merged["change"] != ""]
    result = result.sort_values(READING_KEY, kind="stable").reset_index(drop=True)
    return result[CHANGE_COLUMNS]


def _readings(frame: pd.DataFrame) -> pd.DataFrame:
    data = pd.DataFrame({column: frame[column].astype(str).to_numpy() for column in READING_KEY})
    data["year"] = frame["year"].astype(int).to_numpy()
    data["value"] = frame["value"].to_numpy().astype(float)
    data["unit"] = frame["unit"].to_numpy()
    data["preferred"] = frame["preferred"].to_numpy().astype(bool)
    # The notes as written, of a dataset or of a language's view of it; chinese_notes gives
    # "" for a table built before note_zh existed.
    texts = {"quote": frame["quote"], "note": english_notes(frame), "note_zh": chinese_notes(frame)}
    for column, values in texts.items():
        data[column] = values.astype(object).fillna("").to_numpy()
    # The same reading twice (a preview upload over the same source) keeps the later row.
    return data.drop_duplicates(READING_KEY, keep="last")


def _same_number(left: pd.Series, right: pd.Series) -> pd.Series:
    a = left.astype(float).to_numpy()
    b = right.astype(float).to_numpy()
    same = np.isclose(a, b, rtol=1e-9, atol=0.0) | (np.isnan(a) & np.isnan(b))
    return pd.Series(same, index=left.index)


def count_changes(changes: pd.DataFrame) -> dict[str, int]:
    counts = changes["change"].value_counts()
    return {kind: int(counts.get(kind, 0)) for kind in CHANGE_KINDS}


# ---------------------------------------------------------------- catalogues

_CATALOGUE_TABLES = ("programs", "indicators", "sources", "dimensions", "areas")


def diff_catalogues(before: Catalogue, after: Catalogue) -> pd.DataFrame:
    """Definitions added or changed: columns table, id, field, value_before, value_after."""
    rows: list[dict[str, str]] = []
    for table in _CATALOGUE_TABLES:
        old = _definitions(getattr(before, table), table)
        new = _definitions(getattr(after, table), table)
        for key, record in new.items():
            if key not in old:
                rows.append(
                    {
                        "table": table,
                        "id": key,
                        "field": "",
                        "value_before": "",
                        "value_after": record.get("name_zh", "") or record.get("title", "") or key,
                    }
                )
                continue
            for field, value in record.items():
                previous = old[key].get(field, "")
                if str(value) != str(previous):
                    rows.append(
                        {
                            "table": table,
                            "id": key,
                            "field": field,
                            "value_before": str(previous),
                            "value_after": str(value),
                        }
                    )
        for key in old.keys() - new.keys():
            rows.append(
                {"table": table, "id": key, "field": "", "value_before": key, "value_after": ""}
            )
    return pd.DataFrame(rows, columns=["table", "id", "field", "value_before", "value_after"])


def _definitions(frame: pd.DataFrame, table: str) -> dict[str, dict[str, str]]:
    if table in ("programs", "indicators", "sources"):
        frame = frame.reset_index()
    id_columns = {"dimensions": ["dimension", "category"], "areas": ["area"]}.get(
        table, [frame.columns[0]]
    )
    records = frame.fillna("").astype(str).to_dict("records")
    return {
        "/".join(record[column] for column in id_columns): {
            field: value for field, value in record.items() if field not in id_columns
        }
        for record in records
    }


# ---------------------------------------------------------------- files and versions


def load_for_diff(
    reference: str, versions_dir: Path | None = None, *, served: Path | None = None
) -> Dataset:
    """A Parquet path, a version id ("v0003"), or "current" for the served file."""
    from dashboard import config
    from dashboard.userdata import versions

    if reference == "current":
        return Dataset.load(served or config.DATA_FILE)
    path = Path(reference)
    if path.suffix == ".parquet" or path.exists():
        return Dataset.load(path)
    return Dataset.load(versions.version_path(reference, versions_dir))


def diff_files(
    before: str, after: str, versions_dir: Path | None = None, *, served: Path | None = None
) -> pd.DataFrame:
    return diff_observations(
        load_for_diff(before, versions_dir, served=served).observations,
        load_for_diff(after, versions_dir, served=served).observations,
    )
