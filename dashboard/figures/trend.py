"""Small trend charts of one indicator over the years, kinds of value drawn distinctly.

Outcomes are solid lines with dots. Standards (policy rates) are step lines, since a rate
holds until it changes. Targets are hollow dots on a dashed line: plans, not results.
Cumulative totals are lone diamonds, never joined, because they are not yearly values.
Plans are drawn like targets; averages like outcomes, with diamonds. Readings of different
bases (a `basis` column) are separate series, named with their basis: never one line.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import (
    NARROW_GRAPH_PX,
    OKABE_ITO,
    DeferredFigure,
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
                    basis=(basis_name(basis) if basis_name else basis) if basis else "",
                )
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


def _hover_literal(text: str) -> str:
    """Text written into a hover template as it is: markup characters escaped (plotly
    reads the template as its pseudo-HTML)."""
    return html.escape(text, quote=False)


def _with_basis(text: str, basis: str, lang: str) -> str:
    if not basis:
        return text
    return f"{text}（{basis}）" if lang == "zh" else f"{text} ({basis})"


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
    basis: str = "",
) -> dict:
    """The readings of one area, kind (and basis, named) as a line. Each point's value is
    written out in its customdata; what is the same for every point (area, kind) is in the
    hover template, not repeated per point (a third of a trend grid's JSON)."""
    style = KIND_STYLE.get(kind, KIND_STYLE["outcome"])
    kind_label = t(f"kind.{kind}", lang)
    name = kind_label if area_count == 1 else f"{area_label} · {kind_label}"
    return {
        "type": "scatter",
        "x": years.tolist(),
        "y": (values / divisor).tolist(),
        "name": _with_basis(name, basis, lang),
        "customdata": [format_value(value, unit, lang, decimals) for value in values],
        "hovertemplate": hovertemplate(
            f"<b>{_hover_literal(area_label)}</b>",
            hover_line("chart.hover.year", "%{x}", lang),
            hover_line("chart.hover.value", "%{customdata}", lang),
            hover_line(
                "chart.hover.kind", _hover_literal(_with_basis(kind_label, basis, lang)), lang
            ),
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


# ---------------------------------------------------------------- small multiples

GAP_COLOUR = "#9a9a9a"
NARROW_COLUMNS = 2  # panels a row of small multiples on a phone (four on a wider screen)
NARROW_TITLE_WIDTH = 22  # characters a line of a panel title on a phone (Chinese: half)
NARROW_YEAR_TICKS = 4  # at most this many years labelled under a panel on a phone
YEARLY_TICKS_SPAN = 8  # a grid over at most this many years ticks every year (wide)
NARROW_PANEL_PX = 140  # height of a panel's plot area on a phone
NARROW_GAP_PX = 80  # between two rows of panels on a phone: year ticks, then titles
NARROW_GAP_X = 0.14  # share of a phone's graph width between two panels: y tick labels
GRID_MARGIN = {"t": 56, "l": 8, "r": 8, "b": 8}  # small multiples' margins (px)
MAX_GAP = 1  # years: consecutive readings further apart than this are not joined


@dataclass(frozen=True)
class Panel:
    """One indicator of a small-multiples grid: its readings as arrays of one length, in
    year order (year, value, kind; the area's code and line name when a panel draws several
    areas or bases), and the policy events marked on it."""

    title: str
    unit: str
    years: np.ndarray
    values: np.ndarray
    kinds: np.ndarray
    areas: np.ndarray | None = None
    names: np.ndarray | None = None
    decimals: int | None = None
    events: tuple[dict, ...] = ()  # {"year", "title", "quote", "source"} marked on the panel

    @classmethod
    def of(cls, title: str, unit: str, years, values, kinds, areas=None, names=None, **rest):
        """A panel of these readings, put in year order (stable: ties keep their order)."""
        order = np.argsort(np.asarray(years), kind="stable")

        def ordered(column):
            return None if column is None else np.asarray(column, dtype=object)[order]

        return cls(
            title,
            unit,
            np.asarray(years).astype(int)[order],
            np.asarray(values, dtype=float)[order],
            np.asarray(kinds).astype(str)[order],
            ordered(areas),
            ordered(names),
            **rest,
        )

    @classmethod
    def from_frame(cls, title: str, unit: str, frame: pd.DataFrame, **rest) -> Panel:
        """A panel of a frame's year, value, kind (and area, area_name) columns."""
        return cls.of(
            title,
            unit,
            frame["year"].to_numpy(),
            frame["value"].to_numpy(dtype=float),
            frame["kind"].astype(str).to_numpy(),
            frame["area"].astype(str).to_numpy() if "area" in frame else None,
            frame["area_name"].astype(str).to_numpy() if "area_name" in frame else None,
            **rest,
        )

    def __len__(self) -> int:
        return len(self.years)


def split_at_gaps(years: list[int], values: list[float]) -> tuple[list, list, list[tuple]]:
    """x and y with None where consecutive years are more than MAX_GAP apart (so no line
    is drawn across the gap), and the gaps as ((year, value), (year, value)) pairs."""
    xs: list = []
    ys: list = []
    gaps: list[tuple] = []
    for index, (year, value) in enumerate(zip(years, values, strict=True)):
        if index and year - years[index - 1] > MAX_GAP:
            xs.append(None)
            ys.append(None)
            gaps.append(((years[index - 1], values[index - 1]), (year, value)))
        xs.append(year)
        ys.append(value)
    return xs, ys, gaps


def small_multiples(
    panels: list[Panel], *, lang: str, columns: int = 4, panel_height: int = 190
) -> go.Figure | DeferredFigure:
    """A compact grid, one indicator a panel, years shared; panels of one unit share their
    y axis. Gaps of more than a year are left open, with a dotted, labelled bridge; policy
    events are marked with their quote in the hover."""
    panels = [panel for panel in panels if len(panel)]
    if not panels:
        return empty_figure(t("chart.empty", lang), lang, height=panel_height)
    columns = max(1, min(columns, len(panels)))
    rows = -(-len(panels) // columns)
    scales: dict[str, tuple[float, str]] = {}
    for unit in dict.fromkeys(panel.unit for panel in panels):
        largest = max(float(abs(panel.values).max()) for panel in panels if panel.unit == unit)
        scales[unit] = axis_scale([largest], unit, lang)
    span = max(int(p.years.max()) for p in panels) - min(int(p.years.min()) for p in panels)
    first_axis_of_unit: dict[str, str] = {}
    units: list[str] = []  # each panel's unit words, under its title
    traces: list[dict] = []
    layout: dict = {}
    for index, panel in enumerate(panels):
        axis = "" if index == 0 else str(index + 1)
        divisor, axis_title = scales[panel.unit]
        traces += _panel_traces(panel, lang, divisor, f"x{axis}", f"y{axis}")
        units.append(axis_title)
        y_properties: dict = {"tickformat": ",~f"}
        if panel.unit in first_axis_of_unit:
            y_properties["matches"] = first_axis_of_unit[panel.unit]
        else:
            first_axis_of_unit[panel.unit] = f"y{axis}"
        layout[f"yaxis{axis}"] = y_properties
        layout[f"xaxis{axis}"] = {"tickformat": "d", "showgrid": False}
        if span <= YEARLY_TICKS_SPAN:
            layout[f"xaxis{axis}"]["dtick"] = 1  # no half years between a few years
        if index:
            layout[f"xaxis{axis}"]["matches"] = "x"  # years shared by every panel
    grid = _grid_layout(len(panels), columns, rows, _titles(panels, units, lang))
    height = max(panel_height * rows + 40, 200)
    wide, narrow = _narrow_grid(panels, units, lang, grid, height, span)
    for key, value in layout.items():
        grid[key].update(value)
    grid.update(
        base_layout(
            height=height,
            showlegend=False,
            hovermode="closest",
            margin=GRID_MARGIN,
            # On a graph narrower than narrow_px (a phone) assets/grid_fit.js draws the
            # panels in NARROW_COLUMNS, going back to wide_layout when the graph widens.
            meta={
                "panels": [panel.title for panel in panels],
                "narrow_px": NARROW_GRAPH_PX,
                "narrow_layout": narrow,
                "wide_layout": wide,
            },
        )
    )
    # Six such grids a change on the overview: kept as plain data until an export asks.
    return DeferredFigure({"data": traces, "layout": grid})


def _narrow_grid(
    panels: list[Panel], units: list[str], lang: str, wide_grid: dict, height: int, span: int
) -> tuple[dict, dict]:
    """(wide, narrow) relayout edits of a grid: the same keys, as drawn and for a phone.

    A phone shows a four-column grid at ~85 px a panel, titles running into each other; the
    narrow layout has NARROW_COLUMNS, shorter title lines and fewer year ticks (a grid of a
    few years ticks every year, dtick 1, which nticks cannot thin: its narrow dtick is a
    whole number of years that leaves at most NARROW_YEAR_TICKS)."""
    narrow_columns = min(NARROW_COLUMNS, len(panels))
    narrow_rows = -(-len(panels) // narrow_columns)
    narrow_titles = _titles(panels, units, lang, NARROW_TITLE_WIDTH)
    # Rows of NARROW_PANEL_PX, NARROW_GAP_PX apart (the year ticks, then the next titles).
    plot_px = narrow_rows * NARROW_PANEL_PX + (narrow_rows - 1) * NARROW_GAP_PX
    placements = {
        "wide": (wide_grid, height, 0),  # as small_multiples laid it out
        "narrow": (
            _grid_layout(
                len(panels),
                narrow_columns,
                narrow_rows,
                narrow_titles,
                gap_x=NARROW_GAP_X,
                gap_y=NARROW_GAP_PX / plot_px,
            ),
            plot_px + GRID_MARGIN["t"] + GRID_MARGIN["b"],
            NARROW_YEAR_TICKS,
        ),
    }
    edits: dict[str, dict] = {}
    for name, (placed, placed_height, ticks) in placements.items():
        flat: dict = {"height": placed_height}
        year_step = max(1, -(-span // (ticks - 1))) if ticks else 1  # only if span is short
        for index in range(len(panels)):
            suffix = "" if index == 0 else str(index + 1)
            flat[f"xaxis{suffix}.domain"] = placed[f"xaxis{suffix}"]["domain"]
            flat[f"yaxis{suffix}.domain"] = placed[f"yaxis{suffix}"]["domain"]
            flat[f"xaxis{suffix}.nticks"] = ticks
            if span <= YEARLY_TICKS_SPAN:
                flat[f"xaxis{suffix}.dtick"] = year_step
            note = placed["annotations"][index]
            for key in ("x", "y", "text"):
                flat[f"annotations[{index}].{key}"] = note[key]
        edits[name] = flat
    return edits["wide"], edits["narrow"]


def _titles(panels: list[Panel], units: list[str], lang: str, width: int = 30) -> list[str]:
    """Each panel's title in lines of about `width` characters, over its unit's words (a
    y-axis title would run into the panel on its left)."""
    return [
        f"{_wrapped_title(panel.title, lang, width)}<br><sup>{unit}</sup>"
        for panel, unit in zip(panels, units, strict=True)
    ]


def _grid_layout(
    count: int,
    columns: int,
    rows: int,
    titles: list[str],
    *,
    gap_x: float = 0.06,
    gap_y: float | None = None,
) -> dict:
    """Axis domains of a rows x columns grid and a title over each cell (as make_subplots
    lays them out, without its cost: it validates every property of the figure it builds);
    gap_x, gap_y: the share of the plot's width between two columns, of its height between
    two rows (the y tick labels of a panel are drawn in the gap on its left)."""
    if gap_y is None:
        gap_y = min(0.6 / rows, 0.3)
    gap_y = gap_y if rows > 1 else 0.0
    width = (1 - gap_x * (columns - 1)) / columns
    height = (1 - gap_y * (rows - 1)) / rows
    layout: dict = {"annotations": []}
    for index in range(count):
        row, column = divmod(index, columns)
        suffix = "" if index == 0 else str(index + 1)
        left = column * (width + gap_x)
        top = 1 - row * (height + gap_y)
        layout[f"xaxis{suffix}"] = {
            "domain": [_unit(left), _unit(left + width)],
            "anchor": f"y{suffix}",
        }
        layout[f"yaxis{suffix}"] = {
            "domain": [_unit(top - height), _unit(top)],
            "anchor": f"x{suffix}",
        }
        layout["annotations"].append(
            {
                "text": titles[index],
                "x": left + width / 2,
                "y": top,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 11},
            }
        )
    return layout


def _wrapped_title(title: str, lang: str, width: int = 30) -> str:
    """A panel title on lines of about `width` characters (Plotly does not wrap)."""
    if lang == "zh":
        width //= 2
        return "<br>".join(title[i : i + width] for i in range(0, len(title), width))
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _unit(position: float) -> float:
    """A paper position rounded into [0, 1] (float sums land a hair outside)."""
    return min(1.0, max(0.0, round(position, 6)))


def _panel_traces(panel: Panel, lang: str, divisor: float, xref: str, yref: str) -> list[dict]:
    areas = list(dict.fromkeys(panel.areas.tolist())) if panel.areas is not None else [""]
    traces = []
    gaps: list[tuple] = []
    for area_index, area in enumerate(areas):
        own = panel.areas == area if panel.areas is not None else np.ones(len(panel), bool)
        colour = OKABE_ITO[area_index % len(OKABE_ITO)]
        for kind in KIND_ORDER:
            at = np.flatnonzero(own & (panel.kinds == kind))
            if not len(at):
                continue
            label = str(panel.names[at[0]]) if panel.names is not None else panel.title
            series = (panel.years[at], panel.values[at], label)
            trace, series_gaps = _series_trace(panel, series, kind, area, colour, lang, divisor)
            trace["xaxis"], trace["yaxis"] = xref, yref
            traces.append(trace)
            gaps += series_gaps
    if gaps:
        traces.insert(0, _gap_trace(gaps, lang, xref, yref))
    if panel.events:
        traces.append(_event_trace(panel, divisor, lang, xref, yref))
    return traces


def _series_trace(panel, series, kind, area, colour, lang, divisor) -> tuple[dict, list]:
    """The trace of one area's readings of one kind (`series` is years, values, label), and
    its gaps: consecutive readings too far apart to be joined by a line."""
    years, values, label = series
    trace = _kind_trace(years, values, kind, panel.unit, lang, panel.decimals, divisor, label, 1)
    trace = _coloured(trace, colour, area, kind)
    gaps: list[tuple] = []
    if "lines" in trace["mode"]:
        xs, ys, gaps = split_at_gaps(years.tolist(), (values / divisor).tolist())
        texts = iter(trace["customdata"])
        trace["x"], trace["y"] = xs, ys
        trace["customdata"] = [None if x is None else next(texts) for x in xs]
        trace["connectgaps"] = False
    return trace, gaps


def _gap_trace(gaps: list[tuple], lang: str, xref: str, yref: str) -> dict:
    """Every gap of a panel as one dotted grey trace (segments apart by None): one trace,
    not one a gap, since the browser's drawing time grows with the number of traces."""
    xs: list = []
    ys: list = []
    labels: list = []
    for (start, start_value), (end, end_value) in gaps:
        label = t("chart.gap", lang, start=start + 1, end=end - 1)
        xs += [start, end, None]
        ys += [start_value, end_value, None]
        labels += [label, label, None]
    return {
        "type": "scatter",
        "x": xs[:-1],
        "y": ys[:-1],
        "mode": "lines",
        "line": {"color": GAP_COLOUR, "width": 1, "dash": "dot"},
        "customdata": labels[:-1],
        "hovertemplate": "%{customdata}<extra></extra>",
        "name": t("programs.legend.gap", lang),
        "meta": {"gaps": [[start, end] for (start, _), (end, _) in gaps]},
        "xaxis": xref,
        "yaxis": yref,
    }


def _event_trace(panel: Panel, divisor: float, lang: str, xref, yref):
    """Events as triangles on the panel's floor; the hover gives title, source and quote."""
    floor = float(panel.values.min()) / divisor
    years = [int(event["year"]) for event in panel.events]
    texts = [
        "<b>{}</b> ({})<br>{}<br><i>{}</i>".format(
            event["title"], event["date"], event["source"], _wrap(event["quote"])
        )
        for event in panel.events
    ]
    return {
        "type": "scatter",
        "x": years,
        "y": [floor] * len(years),
        "mode": "markers",
        "marker": {"symbol": "triangle-up", "size": 9, "color": "#d55e00"},
        "customdata": [[text] for text in texts],
        "hovertemplate": "%{customdata[0]}<extra></extra>",
        "name": t("chart.events", lang),
        "meta": {"events": True},
        "xaxis": xref,
        "yaxis": yref,
    }


def _wrap(text: str, width: int = 48) -> str:
    """Line breaks every `width` characters for a hover box (Plotly does not wrap)."""
    return "<br>".join(text[i : i + width] for i in range(0, len(text), width))
