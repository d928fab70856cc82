"""Dataset.query returns exactly the rows a plain pandas filter would, in the same order."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from dashboard import config
from dashboard.data.store import Dataset


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.load(config.DATA_FILE)


def plain_filter(frame: pd.DataFrame, indicators, areas, years, program, preferred_only):
    mask = pd.Series(True, index=frame.index)
    if indicators is not None:
        mask &= frame["indicator"].astype(str).isin(indicators)
    if areas is not None:
        mask &= frame["area"].astype(str).isin(areas)
    if years is not None:
        mask &= frame["year"].isin(years)
    if program is not None:
        mask &= frame["program"].astype(str) == program
    if preferred_only:
        mask &= frame["preferred"]
    return frame[mask]


@pytest.mark.parametrize(
    ("indicators", "areas", "years", "program", "preferred_only"),
    list(
        itertools.product(
            [None, ["sanbao_standard"], ["compulsory_retention_rate", "no_such_indicator"]],
            [None, ["540000"], ["540100", "540200"], []],
            [None, [2019], [2013, 2022], []],
            [None, "student_aid", "no_such_program"],
            [True, False],
        )
    ),
)
def test_query_matches_a_plain_pandas_filter(
    dataset: Dataset, indicators, areas, years, program, preferred_only
) -> None:
    expected = plain_filter(dataset.observations, indicators, areas, years, program, preferred_only)
    got = dataset.query(
        indicators=indicators,
        areas=areas,
        years=years,
        program=program,
        preferred_only=preferred_only,
    )
    assert sorted(got["obs_id"]) == sorted(expected["obs_id"])


def test_descendants_include_a_prefectures_counties(dataset: Dataset) -> None:
    rows = dataset.query(areas=["540500"], include_descendants=True)
    assert "540522" in set(rows["area"].astype(str))


def test_year_range_is_inclusive(dataset: Dataset) -> None:
    rows = dataset.query(indicators=["sanbao_standard"], year_range=(2013, 2015))
    assert set(rows["year"]) == {2013, 2014, 2015}
