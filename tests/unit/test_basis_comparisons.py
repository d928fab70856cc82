"""No change, arrow or trend line joins readings of different bases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dashboard import config
from dashboard.data.store import Dataset
from dashboard.figures.trend import trend_chart
from dashboard.state import FilterState
from dashboard.views import VIEWS, build_view, load_all_views
from dashboard.views.changes import basis_name, comparison_groups, split_by_basis
from dashboard.views.kpis import headline_kpis

# Every page's charts but the table-like ones (the data page lists readings, it draws no lines).
NOT_CHARTS = {"data", "sources", "map", "upload"}


@pytest.fixture(scope="module")
def embedded() -> Dataset:
    return Dataset.load(config.DATA_FILE)


def with_alternating_bases(dataset: Dataset) -> Dataset:
    """Generated for this test: the embedded readings with every even year's put on a
    'survey' basis, so that every series over the years mixes two bases."""
    observations = dataset.observations.copy()
    even = observations["year"].to_numpy() % 2 == 0
    observations["basis"] = pd.Categorical(np.where(even, "survey", ""))
    return Dataset(observations, dataset.catalogue, label="generated: alternating bases")


def point_bases(frame: pd.DataFrame, x: object, y: object, divisor: float) -> set[str]:
    """Bases of the frame's readings at this point of a trace (none for a step's corner)."""
    if x is None or y is None or "basis" not in frame.columns:
        return set()
    values = frame["value"].to_numpy(dtype=float) / divisor
    years = frame["year"].to_numpy().astype(int)
    near = (years == int(x)) & np.isclose(values, float(y), rtol=1e-9, atol=1e-9)
    return {str(basis) for basis in frame["basis"].to_numpy()[near]}


def joined_bases(chart) -> list[tuple[str, set[str]]]:
    """(trace name, bases) of every drawn line that joins readings of several bases."""
    figure = chart.figure
    divisor = float((figure.layout.meta or {}).get("divisor", 1) or 1)
    mixed = []
    for trace in figure.data:
        if trace.type != "scatter" or "lines" not in (trace.mode or "") or trace.x is None:
            continue
        for segment in _segments(trace):  # a gap (None) ends a line: a trace may hold several
            seen: set[str] = set()
            for x, y in segment:
                bases = point_bases(chart.frame, x, y, divisor)
                if len(bases) == 1:  # a point two readings share is no evidence either way
                    seen |= bases
            if len(seen) > 1:
                mixed.append((trace.name, seen))
    return mixed


def _segments(trace) -> list[list[tuple]]:
    """The trace's points in runs without a None: each run is one drawn line."""
    runs: list[list[tuple]] = [[]]
    for x, y in zip(trace.x, trace.y, strict=True):
        if x is None or y is None:
            runs.append([])
        else:
            runs[-1].append((x, y))
    return [run for run in runs if run]


STATES = [
    FilterState(),
    FilterState(lang="en"),
    FilterState(areas=("540000", "540100")),
    FilterState(year=2019),
]


@pytest.mark.parametrize("state", STATES, ids=["default", "en", "two-areas", "2019"])
def test_no_trend_line_joins_two_bases_in_the_embedded_data(embedded: Dataset, state) -> None:
    load_all_views()
    for dataset in (embedded, with_alternating_bases(embedded)):
        for page in sorted(set(VIEWS) - NOT_CHARTS):
            for chart in build_view(page, dataset, state).charts:
                assert joined_bases(chart) == [], (dataset.label, page, chart.name)


def test_the_check_finds_a_line_that_joins_two_bases(embedded: Dataset) -> None:
    """The check above can fail: a line drawn over rows of two bases is caught."""
    from dashboard.views import Chart

    frame = pd.DataFrame(
        {"year": [2018, 2019], "value": [1.0, 2.0], "kind": ["outcome"] * 2, "area": ["540000"] * 2}
    )
    figure = trend_chart(frame, name="x", unit="%", lang="zh")  # no basis given: one line
    frame["basis"] = ["", "survey"]
    chart = Chart("x", "x", "", figure, "", frame, [], False)
    assert joined_bases(chart) != []


def test_alternating_bases_split_every_series_and_say_why(embedded: Dataset) -> None:
    dataset = with_alternating_bases(embedded)
    view = build_view("dropout", dataset, FilterState(lang="en"))
    retention = next(chart for chart in view.charts if "retention" in chart.name)
    names = {trace.name for trace in retention.figure.data}
    assert any(name.endswith("(survey)") for name in names)
    assert "different bases" in retention.subtitle


def test_kpi_changes_compare_readings_of_one_basis_only(embedded: Dataset) -> None:
    dataset = with_alternating_bases(embedded)
    kpis = headline_kpis(dataset, FilterState())
    compared = [kpi for kpi in kpis if kpi.previous_year is not None]
    assert compared, "the embedded data has changes to compare"
    for kpi in compared:
        # Even years are one basis, odd years the other: a change spans an even gap.
        assert (kpi.year - kpi.previous_year) % 2 == 0, kpi


def test_comparison_groups_separate_kinds_and_bases() -> None:
    rows = pd.DataFrame(
        {"kind": ["outcome", "outcome", "plan", "outcome"], "basis": ["", "survey", "", ""]}
    )
    groups = comparison_groups(rows)
    assert groups[0] == groups[3]
    assert len({groups[0], groups[1], groups[2]}) == 3


def test_split_by_basis_names_series_and_unknown_bases_as_they_are() -> None:
    frame = pd.DataFrame({"series": ["拉萨", "拉萨", "全区"], "basis": ["", "survey", "xyz_basis"]})
    split = split_by_basis(frame, "zh")
    assert split.frame["series"].tolist() == ["拉萨", "拉萨（抽样调查）", "全区（xyz_basis）"]
    assert "拉萨" in split.note and "常规口径" in split.note
    assert basis_name("xyz_basis", "en") == "xyz_basis"
    unsplit = split_by_basis(frame.assign(basis=""), "en")
    assert unsplit.note == "" and unsplit.frame["series"].tolist() == ["拉萨", "拉萨", "全区"]


def test_trend_chart_draws_one_series_per_basis() -> None:
    frame = pd.DataFrame(
        {
            "year": [2017, 2018, 2019, 2020],
            "value": [95.0, 96.0, 97.7, 96.9],
            "kind": ["outcome"] * 4,
            "area": ["540000"] * 4,
            "basis": ["", "", "survey", ""],
        }
    )
    figure = trend_chart(frame, name="巩固率", unit="%", lang="en", basis_name=str.upper)
    by_basis = {trace.meta["basis"]: trace for trace in figure.data}
    assert list(by_basis[""].x) == [2017, 2018, 2020]
    assert list(by_basis["survey"].x) == [2019]
    assert by_basis["survey"].name.endswith("(SURVEY)")
    assert not math.isnan(by_basis["survey"].y[0])


def test_plans_are_never_drawn_on_the_yearly_line_and_averages_are() -> None:
    from dashboard.figures.steps import series_over_years

    def row(year: int, value: float, kind: str) -> dict:
        return {
            "value": value,
            "unit": "人",
            "year": year,
            "area": "540000",
            "area_name": "西藏自治区",
            "kind": kind,
            "source_label": "TEST",
            "note": "",
            "preferred": True,
            "series": "s",
        }

    rows = [row(2018, 1, "outcome"), row(2019, 2, "average"), row(2020, 9, "plan")]
    figure = series_over_years(pd.DataFrame(rows), lang="en", step=False)
    (line,) = [t for t in figure.data if (t.meta or {}).get("role") == "line"]
    assert [x for x in line.x if x is not None] == [2018, 2019]
    (plan,) = [t for t in figure.data if (t.meta or {}).get("role") == "plan"]
    assert list(plan.x) == [2020] and "Plan" in plan.name


def test_a_readings_hover_names_its_basis_and_the_date_its_quote_gives() -> None:
    from dashboard.figures.readings import hover_text, reference_text

    row = {
        "value": 96.94,
        "unit": "%",
        "year": 2022,
        "area": "540000",
        "area_name": "Tibet",
        "kind": "outcome",
        "source_label": "TEST",
        "note": "",
        "preferred": True,
        "basis": "survey",
        "reference": "end-2021",
    }
    text = hover_text(row, "en", label="Retention")
    assert "Basis: survey" in text and "Date in the source: end of 2021" in text
    assert reference_text("school-year-2019/20;per-term", "zh") == "2019/20学年、按学期计"
    assert "Basis" not in hover_text({**row, "basis": "", "reference": ""}, "en", label="x")
