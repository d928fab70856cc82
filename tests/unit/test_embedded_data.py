"""The embedded dataset: published values as printed, with provenance, built reproducibly."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard import config
from dashboard.data.build import CATALOGUE_KEY, build
from dashboard.data.store import Dataset
from dashboard.data.units import SCALED_UNITS

SHARED = config.REPO_ROOT.parent / "shared"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.load(config.DATA_FILE)


def value(dataset: Dataset, indicator: str, year: int, **breakdown: str) -> float:
    rows = dataset.query(indicators=[indicator], areas=["540000"], years=[year])
    if breakdown:
        ((dimension, category),) = breakdown.items()
        rows = rows[(rows["dimension"] == dimension) & (rows["category"] == category)]
    else:
        rows = rows[rows["dimension"] == ""]
    assert len(rows) == 1, rows
    return float(rows["value"].iloc[0])


def test_tibet_2019_dropout_figures(dataset: Dataset) -> None:
    assert value(dataset, "out_of_school_children_identified", 2019, child_group="all") == 12062
    assert value(dataset, "out_of_school_children_returned", 2019, child_group="all") == 11860
    assert value(dataset, "out_of_school_return_rate", 2019, child_group="all") == 98.33
    poor = {"child_group": "registered_poor"}
    assert value(dataset, "out_of_school_children_identified", 2019, **poor) == 1542
    assert value(dataset, "out_of_school_children_returned", 2019, **poor) == 1542
    assert value(dataset, "out_of_school_return_rate", 2019, **poor) == 100


def test_tibet_2019_standards(dataset: Dataset) -> None:
    assert value(dataset, "sanbao_standard", 2019) == 3720
    assert dataset.indicator("sanbao_standard").unit == "元/生/年"
    assert value(dataset, "rural_teacher_allowance", 2019, hardship_area="class4") == 1500
    assert dataset.indicator("rural_teacher_allowance").unit == "元/人/月"
    subsidy = value(
        dataset, "free_education_subsidy_standard", 2019, school_type="junior_secondary"
    )
    assert subsidy == 380


def test_scaled_units_are_stored_in_canonical_units(dataset: Dataset) -> None:
    # 今年我区累计落实各类学生资助资金达32.43亿元
    assert value(dataset, "student_aid_funds", 2019) == pytest.approx(3_243_000_000)
    assert dataset.indicator("student_aid_funds").unit == "元"


def written_forms(value: str, unit: str) -> set[str]:
    """The value as the quote may print it: as given, or in thousands/millions/billions
    (English reports print 32.43亿元 as 3.243 billion yuan, 52.5万人 as 525 thousand)."""
    number = float(value.replace(",", ""))
    canonical = number * (SCALED_UNITS[unit][1] if unit in SCALED_UNITS else 1)
    candidates = [number, *(canonical / scale for scale in (1, 1e3, 1e6, 1e9))]
    return {f"{candidate:.6f}".rstrip("0").rstrip(".") for candidate in candidates}


def test_every_row_has_a_source_and_a_quote_holding_its_value() -> None:
    with open(config.RAW_DIR / "observations.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 131 + 50
    for number, row in enumerate(rows, start=2):
        assert row["source"], f"row {number} has no source"
        if row["basis"] == "derived":
            # A count computed from other rows: the quote holds those rows, the note the rule
            # (tests/unit/test_county_exit.py recomputes the value).
            assert row["note"].startswith("Derived:"), f"row {number}: no rule"
            assert row["quote"], f"row {number}: no quote"
            continue
        quote = re.sub(r"[,，\s]", "", row["quote"])
        forms = written_forms(row["value"], row["unit"])
        assert any(form in quote for form in forms), f"row {number}: {row['value']} not in quote"


def test_conflicting_readings_are_kept_with_one_preferred(dataset: Dataset) -> None:
    rows = dataset.query(
        indicators=["sanbao_standard"], areas=["540000"], years=[2013], preferred_only=False
    )
    class4 = rows[rows["category"].isin(["class4_or_border"])]
    assert sorted(class4["value"]) == [2800, 2880]
    assert class4["preferred"].sum() == 1


def test_targets_and_cumulative_totals_are_marked(dataset: Dataset) -> None:
    assert dataset.indicator("rural_teacher_allowance_target").kind == "target"
    assert dataset.indicator("sanbao_funds_cumulative").kind == "cumulative"
    assert dataset.indicator("sanbao_standard").kind == "standard"


def test_sources_cite_the_original_outlet(dataset: Dataset) -> None:
    sources = dataset.catalogue.sources
    assert (sources["publisher"] != "").all()
    seed = dataset.source("cpad_2019_tibet_education")
    assert "减贫研究数据库" in seed["publisher"]


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/data/published_facts.csv")
def test_every_published_fact_is_represented(dataset: Dataset) -> None:
    with open(SHARED / "data" / "published_facts.csv", encoding="utf-8") as handle:
        facts = list(csv.DictReader(handle))
    quotes = " ".join(dataset.observations["quote"].astype(str))
    missing = [fact["quote"][:40] for fact in facts if fact["quote"] not in quotes]
    assert missing == []


def test_committed_parquet_is_what_build_makes(tmp_path: Path) -> None:
    rebuilt = tmp_path / "indicators.parquet"
    assert build(config.RAW_DIR, rebuilt) == []
    committed = pq.read_table(config.DATA_FILE)
    fresh = pq.read_table(rebuilt)
    pd.testing.assert_frame_equal(committed.to_pandas(), fresh.to_pandas())
    assert committed.schema.metadata[CATALOGUE_KEY] == fresh.schema.metadata[CATALOGUE_KEY]
