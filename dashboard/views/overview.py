"""The Overview page's charts: per programme, one compact grid of small trends (small
multiples), each indicator with three or more years, policy events marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.figures.common import summarise_trend
from dashboard.figures.trend import Panel, small_multiples
from dashboard.i18n import format_years, join_list, t
from dashboard.views import Chart, View, register_view, source_names
from dashboard.views.changes import basis_name
from dashboard.views.kpis import selection_rows
from dashboard.views.programs_common import plain_values

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

MIN_YEARS = 3  # fewer points than this is not a trend
MAX_PANELS = 6  # per programme grid
# Programme grids on the page (the embedded data draws at most three): more is no longer a
# briefing but a wall of charts, and each costs the browser a figure to draw. The rest are
# named under the last one, linked to their programmes' pages.
MAX_GRIDS = 6
EVENT_KINDS = ("standard",)  # events are marked on these panels (else on the first one)


def trends_name(program: str) -> str:
    """The chart name of a programme's trend grid: "trends-<program-id-in-kebab-case>"."""
    return "trends-" + program.replace("_", "-")


def build_overview_view(dataset: Dataset, state: FilterState) -> View:
    rows = selection_rows(dataset, state)
    if state.year is not None and not rows.empty:
        # A briefing of one year shows the history up to it, never what came after.
        rows = rows[rows["year"].to_numpy() <= state.year]
    charts: list[Chart] = []
    more: list[str] = []
    if not rows.empty:
        indicators = dataset.catalogue.indicators
        order = {indicator: rank for rank, indicator in enumerate(indicators.index)}
        years = rows.groupby("indicator", observed=True)["year"].nunique()
        series = [str(indicator) for indicator, count in years.items() if count >= MIN_YEARS]
        series.sort(key=lambda indicator: order.get(indicator, len(order)))
        by_program: dict[str, list[str]] = {}
        for indicator in series:
            by_program.setdefault(dataset.indicator(indicator).program, []).append(indicator)
        programs = list(dataset.catalogue.programs.index)
        ordered = sorted(by_program, key=lambda p: programs.index(p) if p in programs else 99)
        shown, more = ordered[:MAX_GRIDS], ordered[MAX_GRIDS:]
        drawn = {program: by_program[program][:MAX_PANELS] for program in shown}
        columns = _Columns.of(rows, [i for ids in drawn.values() for i in ids])
        for program in shown:
            charts.append(_grid(dataset, state, program, drawn[program], rows, columns))
    title = t("overview.title", state.lang)
    return View(page="overview", title=title, charts=charts, more=tuple(more))


@dataclass(frozen=True)
class _Columns:
    """The selection's columns the grids read, as plain arrays made once per view, and each
    drawn indicator's row positions. Indexing the 21-column selection frame once per panel,
    area and kind cost about a millisecond a call, hundreds of calls a view at 1M rows."""

    year: np.ndarray
    value: np.ndarray
    kind: np.ndarray
    area: np.ndarray
    basis: np.ndarray | None
    source: np.ndarray
    positions: dict[str, np.ndarray]

    @classmethod
    def of(cls, rows: pd.DataFrame, indicators: list[str]) -> _Columns:
        codes = plain_values(rows["indicator"])
        return cls(
            year=rows["year"].to_numpy().astype(int),
            value=rows["value"].to_numpy(dtype=float),
            kind=plain_values(rows["kind"]),
            area=plain_values(rows["area"]),
            basis=plain_values(rows["basis"]) if "basis" in rows else None,
            source=plain_values(rows["source"]),
            positions={indicator: np.flatnonzero(codes == indicator) for indicator in indicators},
        )


def program_events(dataset: Dataset, program: str, lang: str) -> list[dict]:
    """The programme's dated events: year, date, title in lang, source label, quote."""
    events = dataset.catalogue.events
    if events.empty:
        return []
    own = events[events["program"].astype(str) == program]
    result = []
    for event in own.to_dict("records"):
        source = dataset.source(str(event["source"]))
        result.append(
            {
                "year": int(str(event["date"])[:4]),
                "date": str(event["date"]),
                "title": str(event["title_zh" if lang == "zh" else "title_en"]),
                "source": source_names.label(source, lang),
                "source_id": str(event["source"]),
                "quote": str(event["quote"]),
            }
        )
    return result


def _grid(
    dataset: Dataset,
    state: FilterState,
    program: str,
    indicators: list[str],
    rows: pd.DataFrame,
    columns: _Columns,
) -> Chart:
    lang = state.lang
    events = program_events(dataset, program, lang)
    panels = []
    marked = False
    kinds = {indicator: dataset.indicator(indicator).kind for indicator in indicators}
    event_panel = next((i for i in indicators if kinds[i] in EVENT_KINDS), indicators[0])
    area_names = {code: dataset.area_name(code, lang) for code in set(columns.area)}
    for indicator_id in indicators:
        at = columns.positions[indicator_id]
        indicator = dataset.indicator(indicator_id)
        years = columns.year[at]
        own_events = ()
        if indicator_id == event_panel and not marked:
            own_events = tuple(e for e in events if years.min() <= e["year"] <= years.max())
            marked = True
        areas = columns.area[at]
        names = [area_names[code] for code in areas]
        if columns.basis is not None:  # a line never joins readings of two bases (views/changes.py)
            bases = columns.basis[at]
            names = [
                f"{name} · {basis_name(basis, lang)}" if basis else name
                for name, basis in zip(names, bases, strict=True)
            ]
            areas = np.array(
                [
                    f"{code}|{basis}" if basis else code
                    for code, basis in zip(areas, bases, strict=True)
                ],
                dtype=object,
            )
        panels.append(
            Panel.of(
                indicator.name(lang),
                indicator.unit,
                years,
                columns.value[at],
                columns.kind[at],
                areas,
                names,
                decimals=indicator.decimals,
                events=own_events,
            )
        )
    figure = small_multiples(panels, lang=lang)
    at = np.concatenate([columns.positions[indicator] for indicator in indicators])
    all_years = columns.year[at].tolist()
    area_codes = list(dict.fromkeys(columns.area[at].tolist()))
    names_text = join_list([area_names[area] for area in area_codes], lang)
    summaries = []
    for panel in panels:
        first = np.flatnonzero(panel.areas == area_codes[0])  # in year order
        if not len(first):
            continue
        summaries.append(
            summarise_trend(
                panel.title,
                panel.years[first].tolist(),
                panel.values[first].tolist(),
                panel.unit,
                lang,
            )
        )
    sources = list(dict.fromkeys(columns.source[at].tolist()))
    sources += [e["source_id"] for panel in panels for e in panel.events if e["source_id"]]
    return Chart(
        name=trends_name(program),
        title=dataset.program_name(program, lang),
        subtitle=f"{names_text} · {format_years(all_years, lang, limit=3)}",
        figure=figure,
        summary=" ".join(summaries),
        frame=rows.take(at),
        sources=list(dict.fromkeys(sources)),
    )


register_view("overview", build_overview_view)
