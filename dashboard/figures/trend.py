"""Small trend charts of one indicator over the years, kinds of value drawn distinctly.

Outcomes are solid lines with dots. Standards (policy rates) are step lines, since a rate
holds until it changes. Targets are hollow dots on a dashed line: plans, not results.
Cumulative totals are lone diamonds, never joined, because they are not yearly values.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import (
    OKABE_ITO,
    base_layout,
    empty_figure,
    figure_from_dict,
    hover_line,
    hovertemplate,
)
from dashboard.i18n import axis_scale, format_value, t

KIND_ORDER = ("outcome", "standard", "target", "cumulative")
KIND_STYLE: dict[str, dict[str, object]] = {
    "outcome": {"mode": "lines+markers", "line": {"width": 2}, "marker": {"symbol": "circle"}},
    "standard": {
        "mode": "lines+markers",
        "line": {"width": 2, "shape": "hv"},
        "marker": {"symbol": "square", "size": 7},
    },
    "target": {
        "mode": "lines+markers",
        "line": {"width": 2, "dash": "dash"},
        "marker": {"symbol": "circle-open", "size": 9, "line": {"width": 2}},
    },
    "cumulative": {"mode": "markers", "marker": {"symbol": "diamond", "size": 10}},
}


def trend_chart(
    frame: pd.DataFrame,
    *,
    name: str,
    unit: str,
    lang: str,
    decimals: int | None = None,
    area_name: Callable[[str], str] | None = None,
    height: int = 240,
) -> go.Figure:
    """One indicator over the years; expects rows (year, value, kind, area), totals only.

    name: the indicator's name in lang (kept in layout.meta; the card shows the title).
    area_name: code -> name in lang; traces are split by area when there are several.
    """
    # Plain arrays and a dict of positions: a trend has tens of points, where each pandas
    # operation (dropna, sort, groupby) costs more than the whole loop.
    all_values = frame["value"].to_numpy(dtype=float) if len(frame) else np.array([])
    present = np.flatnonzero(~np.isnan(all_values))
    if present.size == 0:
        return empty_figure(t("chart.empty", lang), lang, height=height)
    unsorted_years = frame["year"].to_numpy()[present]
    order = present[np.argsort(unsorted_years, kind="quicksort")]  # as sort_values("year")
    years = frame["year"].to_numpy()[order].astype(int)
    values = all_values[order]
    areas_of_rows = [str(area) for area in frame["area"].to_numpy()[order]]
    kinds_of_rows = [str(kind) for kind in frame["kind"].to_numpy()[order]]
    # axis_scale reads only the largest magnitude (values are finite here).
    divisor, axis_title = axis_scale([float(abs(values).max())], unit, lang)
    areas = list(dict.fromkeys(areas_of_rows))
    # Row positions of each (area, kind), in row order: one pass, not a mask per pair.
    positions: dict[tuple[str, str], list[int]] = {}
    for position, key in enumerate(zip(areas_of_rows, kinds_of_rows, strict=True)):
        positions.setdefault(key, []).append(position)
    traces = []
    for index, area in enumerate(areas):
        label = area_name(area) if area_name else area
        for kind in KIND_ORDER:
            where = positions.get((area, kind))
            if where is not None:
                trace = _kind_trace(
                    years[where],
                    values[where],
                    kind,
                    unit,
                    lang,
                    decimals,
                    divisor,
                    label,
                    len(areas),
                )
                traces.append(_coloured(trace, OKABE_ITO[index % len(OKABE_ITO)], area, kind))
    xaxis: dict = {"tickformat": "d", "showgrid": False}
    distinct_years = sorted(set(years.tolist()))
    if len(distinct_years) <= 6:
        xaxis["tickvals"] = distinct_years
    several = len(traces) > 1
    layout = base_layout(
        height=height,
        showlegend=several,
        margin={"t": 32 if several else 12, "l": 8, "r": 8, "b": 8},
        hovermode="closest",
        meta={"indicator_name": name, "unit": unit, "divisor": divisor},
        xaxis=xaxis,
        # ",~f": 10,000 rather than d3's "10k", which reads wrong next to 万 and 亿.
        yaxis={"title": {"text": axis_title, "font": {"size": 12}}, "tickformat": ",~f"},
    )
    return figure_from_dict({"data": traces, "layout": layout})


def _kind_trace(
    years,
    values,
    kind: str,
    unit: str,
    lang: str,
    decimals,
    divisor: float,
    area_label: str,
    area_count: int,
) -> dict:
    style = KIND_STYLE.get(kind, KIND_STYLE["outcome"])
    kind_label = t(f"kind.{kind}", lang)
    formatted = [format_value(value, unit, lang, decimals) for value in values]
    return {
        "type": "scatter",
        "x": years.tolist(),
        "y": (values / divisor).tolist(),
        "name": kind_label if area_count == 1 else f"{area_label} · {kind_label}",
        "customdata": [[text, kind_label, area_label] for text in formatted],
        "hovertemplate": hovertemplate(
            "<b>%{customdata[2]}</b>",
            hover_line("chart.hover.year", "%{x}", lang),
            hover_line("chart.hover.value", "%{customdata[0]}", lang),
            hover_line("chart.hover.kind", "%{customdata[1]}", lang),
        ),
        "mode": style["mode"],
        "line": dict(style.get("line", {})),
        "marker": dict(style.get("marker", {})),
    }


def _coloured(trace: dict, colour: str, area: str, kind: str) -> dict:
    trace["line"]["color"] = colour
    trace["marker"]["color"] = colour
    if trace["marker"].get("symbol") == "circle-open":
        trace["marker"]["line"] = {**trace["marker"].get("line", {}), "color": colour}
    trace["legendgroup"] = area
    trace["meta"] = {"area": area, "kind": kind}
    return trace
