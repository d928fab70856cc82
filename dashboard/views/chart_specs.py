"""The charts a programme page draws: declared in the dataset's `charts` table, or derived.

A chart spec says what to draw (kind, indicators, breakdown dimension) and a few options;
`dashboard.views.programme` renders any spec. A programme without declared charts gets
defaults derived from its indicators' kinds and units (`default_specs`), so a new
programme — an analyst's upload, say — is charted on arrival.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.data.contract import parse_chart_options, parse_number, split_list

if TYPE_CHECKING:
    from dashboard.data.store import Dataset

# Kinds drawn across the full width of the page (long time series, maps).
WIDE_KINDS = ("steps", "map")
# At most this many charts derived for a programme with none declared.
MAX_DEFAULT_CHARTS = 6


@dataclass(frozen=True)
class ChartSpec:
    """One declared (or derived) chart of a programme page."""

    chart: str  # stable id: the chart's name on the page and in exports
    program: str
    kind: str  # one of contract.CHART_KINDS
    indicators: tuple[str, ...]
    dimensions: tuple[str, ...] = ()
    title_zh: str = ""
    title_en: str = ""
    subtitle_zh: str = ""
    subtitle_en: str = ""
    order: float = 0
    options: Mapping[str, str] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def caption(self, lang: str) -> str:
        return self.subtitle_zh if lang == "zh" else self.subtitle_en

    def option(self, name: str, default: str = "") -> str:
        return self.options.get(name, default)

    def flag(self, name: str) -> bool:
        return self.options.get(name, "false") == "true"

    def listed(self, name: str) -> list[str]:
        return split_list(self.options.get(name, ""))

    @property
    def wide(self) -> bool:
        return self.kind in WIDE_KINDS or (self.kind == "trend" and len(self.indicators) > 1)


def spec_from_record(record: Mapping[str, object]) -> ChartSpec:
    order = parse_number(str(record.get("order", "") or ""))
    return ChartSpec(
        chart=str(record["chart"]),
        program=str(record["program"]),
        kind=str(record["kind"]),
        indicators=tuple(split_list(str(record["indicators"]))),
        dimensions=tuple(split_list(str(record.get("dimension", "") or ""))),
        title_zh=str(record.get("title_zh", "") or ""),
        title_en=str(record.get("title_en", "") or ""),
        subtitle_zh=str(record.get("subtitle_zh", "") or ""),
        subtitle_en=str(record.get("subtitle_en", "") or ""),
        order=order if order is not None else 0,
        options=parse_chart_options(str(record.get("options", "") or "")),
    )


def program_specs(dataset: Dataset, program: str) -> list[ChartSpec]:
    """The programme's charts: its declared ones in order, or the defaults."""
    return dataset.cached(f"views.chart_specs:{program}", lambda data: _specs(data, program))


def _specs(dataset: Dataset, program: str) -> list[ChartSpec]:
    charts = dataset.catalogue.charts
    if len(charts) and "program" in charts.columns:
        declared = [
            spec_from_record(record)
            for record in charts[charts["program"] == program].to_dict("records")
        ]
        if declared:
            return sorted(declared, key=lambda spec: spec.order)  # stable: file order on ties
    return default_specs(dataset, program)


def programs_with_pages(dataset: Dataset) -> list[str]:
    """Every programme with observations, or with declared charts, in catalogue order."""

    def compute(data: Dataset) -> list[str]:
        observed = {str(program) for program in data.observations["program"].unique()}
        charts = data.catalogue.charts
        declared = set(charts["program"]) if len(charts) and "program" in charts.columns else set()
        return [str(p) for p in data.catalogue.programs.index if p in observed | declared]

    return dataset.cached("views.programs_with_pages", compute)


# ---------------------------------------------------------------- defaults


def default_specs(dataset: Dataset, program: str) -> list[ChartSpec]:
    """Charts derived from the programme's indicators, by kind and unit:

    - outcomes over several years: lines over the years, one chart per unit;
    - standards: step lines with their history, one chart per unit;
    - outcomes of a single year: bars by indicator, one chart per unit;
    - a breakdown (dimension): bars by category, one chart per indicator;
    - targets and cumulative totals: bars of their own (never drawn as yearly outcomes);
    - values for prefectures or counties: a map of the first such indicator.
    """
    rows = dataset.observations
    rows = rows[(rows["program"] == program).to_numpy(bool) & rows["preferred"].to_numpy(bool)]
    if rows.empty:
        return []
    facts = _indicator_facts(rows)
    specs: list[ChartSpec] = []
    names = {indicator: dataset.indicator(indicator) for indicator in facts.index}

    def add(kind: str, indicators: list[str], dimensions: tuple[str, ...] = (), **options) -> None:
        if len(specs) >= MAX_DEFAULT_CHARTS:
            return
        first = names[indicators[0]]
        title_zh, title_en = first.name_zh, first.name_en
        if len(indicators) > 1:
            more_zh, more_en = "等", " and more"
            title_zh, title_en = title_zh + more_zh, title_en + more_en
        specs.append(
            ChartSpec(
                chart=f"{program}-{len(specs) + 1}".replace("_", "-"),
                program=program,
                kind=kind,
                indicators=tuple(indicators),
                dimensions=dimensions,
                title_zh=title_zh,
                title_en=title_en,
                order=len(specs) + 1,
                options={key: str(value) for key, value in options.items()},
            )
        )

    broken_down = facts[facts["dimension"] != ""]
    plain = facts[facts["dimension"] == ""]
    for kind, chart_kind in (("outcome", "trend"), ("standard", "steps")):
        group = plain[(plain["kind"] == kind) & (plain["years"] > 1)]
        for _, same_unit in group.groupby("unit", sort=False):
            add(chart_kind, list(same_unit.index))
    for kind in ("outcome", "standard", "target", "cumulative"):
        group = plain[(plain["kind"] == kind) & ((plain["years"] <= 1) | (kind in KEPT_APART))]
        for _, same_unit in group.groupby("unit", sort=False):
            add("bars", list(same_unit.index), label="indicator", series="year", years="latest")
    for indicator, fact in broken_down.iterrows():
        add("bars", [indicator], (str(fact["dimension"]),), series="year", years="latest")
    local = facts[facts["local"]]
    if not local.empty:
        add("map", [str(local.index[0])])
    return specs


KEPT_APART = ("target", "cumulative")  # never lines over the years: bars of their own


def _indicator_facts(rows: pd.DataFrame) -> pd.DataFrame:
    """Per indicator: kind, unit, years with data, its first breakdown, below-region data."""
    facts = {}
    for indicator, group in rows.groupby("indicator", observed=True, sort=False):
        dimensions = [str(value) for value in group["dimension"].unique() if str(value)]
        facts[str(indicator)] = {
            "kind": str(group["kind"].iloc[0]),
            "unit": str(group["unit"].iloc[0]),
            "years": int(group["year"].nunique()),
            "dimension": dimensions[0] if dimensions else "",
            "local": bool((group["area_level"].astype(str) != "region").any()),
        }
    return pd.DataFrame.from_dict(facts, orient="index")
