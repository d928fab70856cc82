"""The poverty-county exit layer: all 74 counties, the counts derived from them, every quote."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from dashboard import config
from dashboard.data.gazetteer import builtin_gazetteer
from dashboard.data.store import Dataset

EXIT_INDICATORS = ("county_exit_year", "poverty_counties_exited", "poverty_counties_exited_total")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with open(config.RAW_DIR / "observations.csv", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["indicator"] in EXIT_INDICATORS]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.load(config.DATA_FILE)


def exit_years(rows: list[dict[str, str]]) -> dict[str, int]:
    return {r["area"]: int(r["value"]) for r in rows if r["indicator"] == "county_exit_year"}


def test_every_one_of_the_74_counties_has_its_exit_year(rows: list[dict[str, str]]) -> None:
    years = exit_years(rows)
    counties = {area.code for area in builtin_gazetteer().by_level("county")}
    assert len(years) == 74
    assert set(years) == counties
    assert Counter(years.values()) == {2016: 5, 2017: 25, 2018: 25, 2019: 19}
    for row in rows:
        if row["indicator"] == "county_exit_year":
            assert row["year"] == row["value"]
            assert row["unit"] == "年"


def test_the_former_names_of_the_list_resolve_to_todays_counties(
    rows: list[dict[str, str]],
) -> None:
    gazetteer = builtin_gazetteer()
    for former, code in (("乃东县", "540502"), ("堆龙德庆县", "540103"), ("达孜县", "540104"),
                         ("那曲县", "540602")):  # fmt: skip
        assert gazetteer.resolve(former) == code
        (row,) = [r for r in rows if r["indicator"] == "county_exit_year" and r["area"] == code]
        assert former in row["quote"]


def test_derived_counts_are_the_counts_of_the_county_rows(rows: list[dict[str, str]]) -> None:
    years = exit_years(rows)
    gazetteer = builtin_gazetteer()
    derived = [r for r in rows if r["basis"] == "derived"]
    assert derived
    for row in derived:
        assert row["note"].startswith("Derived:")
        assert row["preferred"] in ("", "true")
        members = {
            code: year
            for code, year in years.items()
            if row["area"] == "540000" or gazetteer.prefecture_of(code) == row["area"]
        }
        year = int(row["year"])
        if row["indicator"] == "poverty_counties_exited":
            expected = sum(1 for y in members.values() if y == year)
        else:
            expected = sum(1 for y in members.values() if y <= year)
        assert int(row["value"]) == expected, row


def test_the_regions_counts_per_year_and_cumulative(dataset: Dataset) -> None:
    def series(indicator: str) -> dict[int, float]:
        frame = dataset.query(indicators=[indicator], areas=["540000"])
        return dict(zip(frame["year"].astype(int), frame["value"], strict=True))

    assert series("poverty_counties_exited") == {2016: 5, 2017: 25, 2018: 25, 2019: 19}
    assert series("poverty_counties_exited_total") == {2016: 5, 2017: 30, 2018: 55, 2019: 74}


def test_every_reading_has_a_source_and_a_quote(rows: list[dict[str, str]]) -> None:
    assert all(row["source"] and row["quote"] for row in rows)
    with open(config.RAW_DIR / "observations.csv", encoding="utf-8") as handle:
        assert all(row["quote"] and row["source"] for row in csv.DictReader(handle))
