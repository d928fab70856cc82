"""The naive baseline: the same app and views over a data layer written the obvious way.

Repeating columns stay plain strings (no categoricals) and every query is a set of pandas
boolean masks over the whole table on every request, with no per-indicator slices and no
cached results. Everything else (pages, views, figures) is the real code, so the ratio to
the real server is the effect of the data layer alone.

    python -m benchmarks.naive serve --data FILE --port N   # the app on the naive data layer
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import pandas as pd

from dashboard.data import store
from dashboard.data.contract import CATEGORICAL_COLUMNS


class NaiveDataset(store.Dataset):
    """A Dataset whose observations are plain strings and whose queries scan everything."""

    def __init__(self, observations: pd.DataFrame, catalogue, *, label: str = ""):
        plain = observations.astype({column: "str" for column in CATEGORICAL_COLUMNS})
        super().__init__(plain, catalogue, label=label)

    @classmethod
    def from_dataset(cls, dataset: store.Dataset) -> NaiveDataset:
        return cls(dataset.observations, dataset.catalogue, label=dataset.label)

    def query(
        self,
        indicators: Iterable[str] | None = None,
        areas: Iterable[str] | None = None,
        years: Iterable[int] | tuple[int, int] | None = None,
        *,
        program: str | None = None,
        preferred_only: bool = True,
        include_descendants: bool = False,
        year_range: tuple[int, int] | None = None,
        totals_only: bool = False,
    ) -> pd.DataFrame:
        frame = self.observations
        mask = pd.Series(True, index=frame.index)
        if totals_only:
            mask &= (frame["dimension"] == "") & (frame["category"] == "")
        if preferred_only:
            mask &= frame["preferred"]
        if indicators is not None:
            mask &= frame["indicator"].isin(list(indicators))
        if program is not None:
            mask &= frame["program"] == program
        if areas is not None:
            wanted = list(areas)
            if include_descendants:
                mask &= (
                    frame["area"].isin(wanted)
                    | frame["prefecture"].isin(wanted)
                    | frame["region"].isin(wanted)
                )
            else:
                mask &= frame["area"].isin(wanted)
        if years is not None:
            mask &= frame["year"].isin([int(year) for year in years])
        if year_range is not None:
            mask &= (frame["year"] >= year_range[0]) & (frame["year"] <= year_range[1])
        return frame[mask]


_real_load = store.Dataset.load  # bound to Dataset: the real loading and checks


def _naive_load(path) -> store.Dataset:
    return NaiveDataset.from_dataset(_real_load(path))


def install() -> None:
    """Make every Dataset.load in this process return a NaiveDataset (baseline server only)."""
    store.Dataset.load = staticmethod(_naive_load)  # type: ignore[method-assign]


def main() -> int:
    install()
    from dashboard.__main__ import main as dashboard_main

    return dashboard_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
