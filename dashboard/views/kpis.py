"""Headline figures (KPIs) and data coverage for a selection, computed without Dash.

A KPI is one total reading of one indicator for one area: exactly the area asked for, never
a region-wide figure shown under a prefecture's name. Used by the Overview page and by any
page that shows headline cards; exports get the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.data.records import group_codes
from dashboard.views import kept, source_names
from dashboard.views.changes import comparison_groups

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

COMPARABLE_KINDS = ("outcome", "standard")  # a change only means something between these


@dataclass(frozen=True)
class Kpi:
    indicator: str
    program: str
    name: str  # in the state's language
    area: str
    area_name: str
    year: int
    value: float
    unit: str
    decimals: int | None
    kind: str  # outcome / standard / target / cumulative
    source: str
    publisher: str
    source_date: str
    previous_year: int | None = None
    previous_value: float | None = None
    other_readings: int = 0  # readings of the same key from other sources, not preferred
    note: str = ""
    direction: str = "none"  # up: higher is better; down: lower is better; none: neither

    @property
    def change(self) -> float | None:
        if self.previous_value is None:
            return None
        return self.value - self.previous_value

    @property
    def change_tone(self) -> str:
        """good / bad / neutral: from the indicator's direction, not from the sign alone."""
        change = self.change
        if not change or self.direction not in ("up", "down"):
            return "neutral"
        return "good" if (change > 0) == (self.direction == "up") else "bad"


@dataclass(frozen=True)
class Coverage:
    """Where data exists near an empty selection, to say so in words."""

    nearest_years: list[int]  # years with data for the selected areas, nearest first
    areas_with_data: list[str]  # areas with data in the selected year (or at all)


def selection_rows(dataset: Dataset, state: FilterState, *, preferred_only: bool = True):
    """Total rows for the state's areas (exactly), programme, indicator and year range."""
    return dataset.query(
        indicators=[state.indicator] if state.indicator else None,
        areas=list(state.areas),
        program=state.program,
        preferred_only=preferred_only,
        year_range=state.year_range,
        totals_only=True,
    )


RECORD_COLUMNS = ("indicator", "area", "year", "value", "unit", "kind", "source", "note")


def _chosen(rows: pd.DataFrame, year: int | None) -> list[tuple[dict, dict | None]]:
    """Per (indicator, area): the reading of `year` (the first listed), or the latest one,
    and the latest earlier reading of the same kind and basis when the kind is comparable.

    Works on integer codes over every row and makes records only of the rows chosen: the
    whole region at a million rows has a hundred thousand rows and a few hundred KPIs.
    """
    group = _series_groups(rows)
    kind_names = rows["kind"].astype(str).to_numpy()
    kind = comparison_groups(rows)  # same kind and same basis: never a change across bases
    years = rows["year"].to_numpy().astype(int)
    position = np.arange(len(rows))
    by_year = np.lexsort((position, years, group))  # each group's rows by year, as listed
    sorted_group = group[by_year]
    if year is None:
        last = np.r_[sorted_group[1:] != sorted_group[:-1], True]
        current = by_year[last]
    else:
        in_year = by_year[years[by_year] == year]
        if in_year.size == 0:
            return []
        first = np.r_[True, group[in_year][1:] != group[in_year][:-1]]
        current = in_year[first]
    # The reading before each row among its group's rows of the same kind (-1: none).
    by_kind = np.lexsort((position, years, kind, group))
    same = np.r_[False, (group[by_kind][1:] == group[by_kind][:-1])]
    same &= np.r_[False, kind[by_kind][1:] == kind[by_kind][:-1]]
    before = np.full(len(rows), -1)
    before[by_kind[same]] = by_kind[np.flatnonzero(same) - 1]
    comparable = np.isin(kind_names[current], COMPARABLE_KINDS)
    previous = np.where(comparable, before[current], -1)

    needed = np.unique(np.r_[current, previous[previous >= 0]])
    records = dict(zip(needed.tolist(), _records(rows.iloc[needed]), strict=True))
    return [
        (records[int(now)], records[int(then)] if then >= 0 else None)
        for now, then in zip(current, previous, strict=True)
    ]


def _series_groups(rows: pd.DataFrame) -> np.ndarray:
    """An integer per row naming its (indicator, area) pair: a headline reading each."""
    return group_codes(rows, ("indicator", "area"))


def _records(rows: pd.DataFrame) -> list[dict]:
    """Rows as plain records (Python strings, ints and floats)."""
    return pd.DataFrame(
        {
            "indicator": rows["indicator"].astype(str).to_numpy(),
            "area": rows["area"].astype(str).to_numpy(),
            "year": rows["year"].astype(int).to_numpy(),
            "value": rows["value"].astype(float).to_numpy(),
            "unit": rows["unit"].astype(str).to_numpy(),
            "kind": rows["kind"].astype(str).to_numpy(),
            "source": rows["source"].astype(str).to_numpy(),
            "note": rows["note"].astype(object).fillna("").astype(str).to_numpy(),
        },
        columns=list(RECORD_COLUMNS),
    ).to_dict("records")


def headline_kpis(dataset: Dataset, state: FilterState) -> list[Kpi]:
    """One KPI per (indicator, area): the reading of the selected year, or the latest one.
    Kept per state like a view (views.kept); callers must not change the list."""
    dataset = dataset.in_language(state.lang)  # the readings' notes in the reader's language
    return kept("kpis", dataset, state, _headline_kpis)


def headline_count(dataset: Dataset, state: FilterState) -> int:
    """len(headline_kpis(dataset, state)), counted without making the KPIs (a fifth of the
    overview's time at a million rows): the (indicator, area) pairs with a total reading in
    the state's year, or in any year for the latest."""
    rows = selection_rows(dataset, state)
    if state.year is not None:
        rows = rows[rows["year"].to_numpy() == state.year]
    return len(np.unique(_series_groups(rows))) if not rows.empty else 0


def _headline_kpis(dataset: Dataset, state: FilterState) -> list[Kpi]:
    rows = selection_rows(dataset, state)
    if rows.empty:
        return []
    chosen = _chosen(rows, state.year)
    if not chosen:
        return []
    others = _other_readings(dataset, state, chosen)
    order = _catalogue_order(dataset)
    sources = {
        source: dataset.source(source)
        for source in dict.fromkeys(current["source"] for current, _ in chosen)
    }
    kpis = [
        _kpi(dataset, state, current, previous, others, sources[current["source"]])
        for current, previous in chosen
    ]
    kpis.sort(key=lambda kpi: (order.get(kpi.indicator, len(order)), state.areas.index(kpi.area)))
    return kpis


def _kpi(
    dataset: Dataset, state: FilterState, current: dict, previous, others: dict, source: dict
) -> Kpi:
    indicator = dataset.indicator(current["indicator"])
    return Kpi(
        indicator=indicator.id,
        program=indicator.program,
        name=indicator.name(state.lang),
        area=current["area"],
        area_name=dataset.area_name(current["area"], state.lang),
        year=current["year"],
        value=current["value"],
        unit=current["unit"],
        decimals=indicator.decimals,
        kind=current["kind"],
        source=current["source"],
        publisher=source_names.publisher(source, state.lang),
        source_date=source.get("date", ""),
        previous_year=previous["year"] if previous else None,
        previous_value=previous["value"] if previous else None,
        other_readings=others.get((current["indicator"], current["area"], current["year"]), 0),
        note=current["note"],
        direction=indicator_direction(dataset, indicator.id),
    )


def indicator_direction(dataset: Dataset, indicator_id: str) -> str:
    """The indicator's declared direction (up, down, none); none when not declared."""
    return dataset.cached("kpis.directions", _directions).get(indicator_id, "none")


def _directions(dataset: Dataset) -> dict[str, str]:
    indicators = dataset.catalogue.indicators
    if "direction" not in indicators.columns:
        return {}
    return {
        str(indicator): str(direction or "none")
        for indicator, direction in indicators["direction"].items()
    }


def _other_readings(dataset: Dataset, state: FilterState, chosen: list) -> dict:
    """How many readings of each shown key came from other sources and were not preferred."""
    everything = dataset.query(
        indicators=sorted({current["indicator"] for current, _ in chosen}),
        areas=list(state.areas),
        years=sorted({current["year"] for current, _ in chosen}),
        preferred_only=False,
        totals_only=True,
    )
    rejected = everything[~everything["preferred"].to_numpy()]
    if rejected.empty:
        return {}
    counts = rejected.groupby(["indicator", "area", "year"], observed=True).size()
    return {(str(i), str(a), int(y)): int(n) for (i, a, y), n in counts.items()}


def _catalogue_order(dataset: Dataset) -> dict[str, int]:
    """Indicators ordered by programme (catalogue order), then as the catalogue lists them;
    made once per dataset (read-only)."""
    return dataset.cached("kpis.catalogue_order", _order_of_catalogue)


def _order_of_catalogue(dataset: Dataset) -> dict[str, int]:
    programs = {program: index for index, program in enumerate(dataset.catalogue.programs.index)}
    indicators = dataset.catalogue.indicators
    program_of = [str(program) for program in indicators["program"]]
    ranked = sorted(
        range(len(indicators)), key=lambda i: (programs.get(program_of[i], len(programs)), i)
    )
    return {str(indicators.index[i]): rank for rank, i in enumerate(ranked)}


def coverage(dataset: Dataset, state: FilterState, *, limit: int = 3) -> Coverage:
    """Nearest years that have data for the selected areas, and areas that have data then."""
    for_areas = selection_rows(dataset, state)
    years = sorted(int(year) for year in for_areas["year"].unique())
    if state.year is not None:
        years.sort(key=lambda year: (abs(year - state.year), -year))
    else:
        years.reverse()
    everywhere = dataset.query(
        indicators=[state.indicator] if state.indicator else None,
        years=[state.year] if state.year is not None else None,
        program=state.program,
        year_range=state.year_range,
        totals_only=True,
    )
    counts = everywhere.groupby("area", observed=True).size().sort_values(ascending=False)
    areas = [str(area) for area, count in counts.items() if count > 0]
    return Coverage(nearest_years=years[:limit], areas_with_data=areas[:8])
