"""The Overview page's charts: per programme, one compact grid of small trends (small
multiples), each indicator with three or more years, policy events marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.figures.common import summarise_trend
from dashboard.figures.trend import Panel, small_multiples
from dashboard.i18n import format_years, join_list, t
from dashboard.views import Chart, View, register_view, source_names
from dashboard.views.changes import basis_name
from dashboard.views.kpis import selection_rows
from dashboard.views.programs_common import plain_strings

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

MIN_YEARS = 3  # fewer points than this is not a trend
MAX_PANELS = 6  # per programme grid
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
        for program in sorted(by_program, key=lambda p: programs.index(p) if p in programs else 99):
            charts.append(_grid(dataset, state, program, by_program[program][:MAX_PANELS], rows))
    return View(page="overview", title=t("overview.title", state.lang), charts=charts)


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


def _grid(dataset: Dataset, state: FilterState, program: str, indicators: list[str], rows) -> Chart:
    lang = state.lang
    events = program_events(dataset, program, lang)
    panels = []
    frames = []
    marked = False
    kinds = {indicator: dataset.indicator(indicator).kind for indicator in indicators}
    event_panel = next((i for i in indicators if kinds[i] in EVENT_KINDS), indicators[0])
    for indicator_id in indicators:
        frame = rows[rows["indicator"].to_numpy() == indicator_id]
        frames.append(frame)
        indicator = dataset.indicator(indicator_id)
        years = frame["year"].astype(int)
        own_events = ()
        if indicator_id == event_panel and not marked:
            own_events = tuple(e for e in events if years.min() <= e["year"] <= years.max())
            marked = True
        areas = plain_strings(frame["area"]).to_numpy()
        names = [dataset.area_name(code, lang) for code in areas]
        if "basis" in frame:  # a line never joins readings of two bases (views/changes.py)
            bases = plain_strings(frame["basis"]).to_numpy()
            names = [
                f"{name} · {basis_name(basis, lang)}" if basis else name
                for name, basis in zip(names, bases, strict=True)
            ]
            areas = np.array(
                [
                    f"{code}|{basis}" if basis else code
                    for code, basis in zip(areas, bases, strict=True)
                ]
            )
        panels.append(
            Panel(
                title=indicator.name(lang),
                unit=indicator.unit,
                decimals=indicator.decimals,
                frame=pd.DataFrame(
                    {
                        "year": years.to_numpy(),
                        "value": frame["value"].to_numpy(dtype=float),
                        "kind": plain_strings(frame["kind"]).to_numpy(),
                        "area": areas,
                        "area_name": names,
                    }
                ),
                events=own_events,
            )
        )
    figure = small_multiples(panels, lang=lang)
    drawn = pd.concat(frames)
    all_years = drawn["year"].astype(int).tolist()
    area_codes = list(dict.fromkeys(plain_strings(drawn["area"]).tolist()))
    area_names = join_list([dataset.area_name(area, lang) for area in area_codes], lang)
    summaries = []
    for panel in panels:
        first = panel.frame[panel.frame["area"] == area_codes[0]].sort_values("year")
        if first.empty:
            continue
        summaries.append(
            summarise_trend(
                panel.title,
                first["year"].tolist(),
                first["value"].tolist(),
                panel.unit,
                lang,
            )
        )
    sources = list(dict.fromkeys(str(s) for s in drawn["source"]))
    sources += [e["source_id"] for panel in panels for e in panel.events if e["source_id"]]
    return Chart(
        name=trends_name(program),
        title=dataset.program_name(program, lang),
        subtitle=f"{area_names} · {format_years(all_years, lang, limit=3)}",
        figure=figure,
        summary=" ".join(summaries),
        frame=drawn,
        sources=list(dict.fromkeys(sources)),
    )


register_view("overview", build_overview_view)
