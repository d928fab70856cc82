"""Small trend charts of one indicator over the years, kinds of value drawn distinctly.

Outcomes are solid lines with dots. Standards (policy rates) are step lines, since a rate
holds until it changes. Targets are hollow dots on a dashed line: plans, not results.
Cumulative totals are lone diamonds, never joined, because they are not yearly values.
Plans are drawn like targets; averages like outcomes, with diamonds. Readings of different
bases (a `basis` column) are separate series, named with their basis: never one line.
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

KIND_ORDER = ("outcome", "standard", "average", "target", "plan", "cumulative")
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
    "average": {
        "mode": "lines+markers",
        "line": {"width": 2},
        "marker": {"symbol": "diamond", "size": 8},
    },
    "plan": {
        "mode": "lines+markers",
        "line": {"width": 2, "dash": "dot"},
        "marker": {"symbol": "diamond-open", "size": 9, "line": {"width": 2}},
    },
}


def trend_chart(
    frame: pd.DataFrame,
    *,
    name: str,
    unit: str,
    lang: str,
    decimals: int | None = None,
    area_name: Callable[[str], str] | None = None,
    basis_name: Callable[[str], str] | None = None,
    height: int = 240,
) -> go.Figure:
    """One indicator over the years; expects rows (year, value, kind, area), totals only,
    and optionally `basis`.

    name: the indicator's name in lang (kept in layout.meta; the card shows the title).
    area_name: code -> name in lang; traces are split by area when there are several.
    basis_name: basis id -> name in lang; traces are split by basis (series_by_basis).
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
    bases_of_rows = (
        [str(basis) for basis in frame["basis"].to_numpy()[order]]
        if "basis" in frame.columns
        else [""] * len(order)
    )
    # axis_scale reads only the largest magnitude (values are finite here).
    divisor, axis_title = axis_scale([float(abs(values).max())], unit, lang)
    areas = list(dict.fromkeys(areas_of_rows))
    positions = series_by_basis(areas_of_rows, bases_of_rows, kinds_of_rows)
    bases = list(dict.fromkeys(bases_of_rows))
    traces = []
    for index, area in enumerate(areas):
        label = area_name(area) if area_name else area
        for basis_index, basis in enumerate(bases):
            for kind in KIND_ORDER:
                where = positions.get((area, basis, kind))
                if where is None:
                    continue
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
                if basis:
                    _name_basis(trace, basis_name(basis) if basis_name else basis, lang)
                hue = OKABE_ITO[(index + basis_index * len(areas)) % len(OKABE_ITO)]
                traces.append(_coloured(trace, hue, area, kind, basis))
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


def series_by_basis(
    areas: list[str], bases: list[str], kinds: list[str]
) -> dict[tuple[str, str, str], list[int]]:
    """Row positions of each (area, basis, kind), in row order: a trace never holds readings
    of two bases, so no line joins a survey to a register (one pass, not a mask per key)."""
    positions: dict[tuple[str, str, str], list[int]] = {}
    for position, key in enumerate(zip(areas, bases, kinds, strict=True)):
        positions.setdefault(key, []).append(position)
    return positions


def _name_basis(trace: dict, label: str, lang: str) -> None:
    trace["name"] = f"{trace['name']}（{label}）" if lang == "zh" else f"{trace['name']} ({label})"
    for row in trace["customdata"]:
        row[1] = f"{row[1]}（{label}）" if lang == "zh" else f"{row[1]} ({label})"


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


def _coloured(trace: dict, colour: str, area: str, kind: str, basis: str = "") -> dict:
    trace["line"]["color"] = colour
    trace["marker"]["color"] = colour
    if trace["marker"].get("symbol") in ("circle-open", "diamond-open"):
        trace["marker"]["line"] = {**trace["marker"].get("line", {}), "color": colour}
    trace["legendgroup"] = area
    trace["meta"] = {"area": area, "kind": kind, "basis": basis}
    return trace
