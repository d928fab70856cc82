"""Build the served Parquet file from a dataset: validate, resolve, then write atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import config
from dashboard.data.contract import Catalogue, Problem, read_dataset, validate_dataset

CATALOGUE_KEY = b"dashboard.catalogue"
SIGNIFICANT_DIGITS = 12  # a published figure has fewer; float noise from unit scaling is past it


def build(raw_path: Path, out_path: Path, base: Catalogue | None = None) -> list[Problem]:
    """Validate `raw_path` and write `out_path`; on any problem nothing is written."""
    raw, problems = read_dataset(raw_path)
    if problems:
        return problems
    result = validate_dataset(raw, base)
    if result.problems:
        return result.problems
    write_parquet(result.observations, result.catalogue, out_path, built_from=_describe(raw_path))
    return []


def _describe(path: Path) -> str:
    path = Path(path).resolve()
    try:
        return str(path.relative_to(config.REPO_ROOT))
    except ValueError:
        return path.name


def without_float_noise(values: pd.Series) -> pd.Series:
    """Values rounded to SIGNIFICANT_DIGITS: 807.4万 scaled to 元 is 8074000000, not
    8073999999.999999. No published digit changes (figures have far fewer digits)."""
    numbers = values.to_numpy(dtype=float)
    finite = np.isfinite(numbers) & (numbers != 0)
    magnitude = np.zeros(len(numbers))
    magnitude[finite] = np.floor(np.log10(np.abs(numbers[finite])))
    decimals = (SIGNIFICANT_DIGITS - 1 - magnitude).astype(int)
    rounded = numbers.copy()
    for places in np.unique(decimals[finite]):
        chosen = finite & (decimals == places)
        rounded[chosen] = np.round(numbers[chosen], int(places))
    return pd.Series(rounded, index=values.index, name=values.name)


def write_parquet(
    observations: pd.DataFrame, catalogue: Catalogue, out_path: Path, *, built_from: str
) -> None:
    """Write the table with its catalogue in the schema metadata; readers never see half a file."""
    if "value" in observations:
        observations = observations.assign(value=without_float_noise(observations["value"]))
    table = pa.Table.from_pandas(observations, preserve_index=False)
    metadata = dict(table.schema.metadata or {})
    metadata[CATALOGUE_KEY] = catalogue.to_json(built_from).encode("utf-8")
    table = table.replace_schema_metadata(metadata)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out_path.name}.", dir=out_path.parent)
    os.close(handle)
    try:
        pq.write_table(table, temporary, compression="zstd")
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; a server under another user reads it
        os.replace(temporary, out_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
