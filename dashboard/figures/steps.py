"""Readings over the years: standards as step lines, rates as lines, with gaps shown as gaps.

Between two readings more than a year apart nothing is known, so that stretch is dotted
(the value may have changed in between); targets are hollow diamonds; a reading that was not
chosen is a hollow circle whose hover says why, and the chosen reading's hover names it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import MUTED_COLOUR, empty_figure, new_figure
from dashboard.figures.readings import (
    bar_label,
    check_columns,
    colour,
    hover_text,
    key_of,
    same_value,
    series_name,
    value_axis,
)
from dashboard.i18n import format_year, t

SERIES_COLUMNS = ("series",)
SIBLING_KEY = ("series", "area", "year")
LINE_KINDS = ("outcome", "standard")
MARKER_SYMBOL = {"target": "diamond-open", "cumulative": "square-open"}
Record = dict[str, object]


def series_over_years(
    frame: pd.DataFrame,
    *,
    lang: str,
    step: bool,
    height: int = 380,
    empty_message: str | None = None,
    series_order: Sequence[str] | None = None,
    highlight_year: int | None = None,
    value_range: tuple[float, float] | None = None,
    colours: Mapping[str, str] | None = None,
    symbols: Mapping[str, str] | None = None,
    annotate_alternates: bool = True,
) -> go.Figure:
    """One line per `series`: a step line (step=True, for standards) or a plain line.

    Expects labelled readings (readings.READING_COLUMNS) plus `series`; optional `decimals`.
    colours and symbols map a series to its colour and marker symbol (default: palette order,
    circles). annotate_alternates writes "另有读数 …" beside each reading that was not chosen.
    """
    if frame.empty:
        return empty_figure(empty_message or t("chart.empty", lang), lang, height=height)
    check_columns(frame, SERIES_COLUMNS)
    divisor, axis_title = value_axis(frame, lang)
    records = frame.sort_values("year", kind="stable").to_dict("records")
    for record in records:
        record["series"] = str(record["series"])
        record["y"] = float(record["value"]) / divisor  # type: ignore[arg-type]
    by_series: dict[str, list[Record]] = {}
    for record in records:
        by_series.setdefault(str(record["series"]), []).append(record)
    series_list = _ordered(list(by_series), series_order)
    others: dict[tuple, list[Record]] = {}
    for record in records:
        if not record["preferred"]:
            others.setdefault(key_of(record, SIBLING_KEY), []).append(record)

    figure = new_figure(height=height)
    gap_legend: list[go.Scatter] = []
    rejected_legend: list[bool] = []
    for index, series in enumerate(series_list):
        rows = by_series[series]
        hue = (colours or {}).get(series) or colour(index)
        chosen = [r for r in rows if r["preferred"]]
        lines = [r for r in chosen if r["kind"] in LINE_KINDS]
        if len(lines) > 1:
            _add_lines(figure, lines, series, hue, step=step, lang=lang, legend=gap_legend)
        if lines:
            symbol = (symbols or {}).get(series, "circle")
            figure.add_trace(_markers(lines, lang, series, hue, others, symbol))
        for kind in ("target", "cumulative"):
            special = [r for r in chosen if r["kind"] == kind]
            if special:
                figure.add_trace(_special(special, lang, series, kind, hue, others))
        rejected = _conflicting(rows)
        if rejected:
            figure.add_trace(_rejected(rejected, lang, series, hue, rejected_legend))
            if annotate_alternates:
                _annotate(figure, rejected, chosen, lang, hue)
    figure.add_traces(gap_legend)  # last in the legend: it explains the dotted stretches
    if highlight_year is not None:
        figure.add_vline(
            x=highlight_year,
            line={"color": MUTED_COLOUR, "width": 1, "dash": "dot"},
            annotation_position="top left",
            annotation={
                "text": t("programs.selected_year", lang, year=format_year(highlight_year, lang)),
                "font": {"size": 11, "color": MUTED_COLOUR},
            },
        )
    figure.update_xaxes(tickformat="d", showgrid=False)
    values: dict[str, object] = {
        "title": {"text": axis_title, "font": {"size": 12}},
        "tickformat": ",",
    }
    if value_range is not None:
        values["range"] = [value_range[0] / divisor, value_range[1] / divisor]
        values["rangemode"] = "normal"
    figure.update_yaxes(**values)
    many = len(series_list) > 5
    figure.update_layout(
        hovermode="closest",
        showlegend=True,
        # Many series: the legend goes under the plot, where it can take several rows.
        legend=({"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"} if many else {}),
        meta={"divisor": divisor, "axis_title": axis_title, "step": step, "bottom_lines": 1},
    )
    return figure


def _add_lines(
    figure: go.Figure,
    lines: list[Record],
    series: str,
    hue: str,
    *,
    step: bool,
    lang: str,
    legend: list[go.Scatter],
) -> None:
    """Solid between readings a year apart, dotted across longer gaps (nothing known there)."""
    solid: tuple[list[object], list[object]] = ([], [])
    gap: tuple[list[object], list[object]] = ([], [])
    for first, second in zip(lines, lines[1:], strict=False):
        year, next_year = int(first["year"]), int(second["year"])  # type: ignore[arg-type]
        value, next_value = first["y"], second["y"]
        if step:
            xs, ys = [year, next_year, next_year], [value, value, next_value]
        else:
            xs, ys = [year, next_year], [value, next_value]
        target = solid if next_year - year <= 1 else gap
        target[0].extend([*xs, None])
        target[1].extend([*ys, None])
    common = {"mode": "lines", "hoverinfo": "skip", "legendgroup": series, "showlegend": False}
    if solid[0]:
        figure.add_trace(
            go.Scatter(
                x=solid[0],
                y=solid[1],
                name=series,
                line={"color": hue, "width": 2.5},
                meta={"series": series, "role": "line"},
                **common,
            )
        )
    if gap[0]:
        figure.add_trace(
            go.Scatter(
                x=gap[0],
                y=gap[1],
                name=t("programs.legend.gap", lang),
                line={"color": hue, "width": 1.5, "dash": "dot"},
                meta={"series": series, "role": "gap"},
                **common,
            )
        )
        if not legend:
            legend.append(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="lines",
                    name=t("programs.legend.gap", lang),
                    line={"color": MUTED_COLOUR, "width": 1.5, "dash": "dot"},
                    hoverinfo="skip",
                    legendgroup="gap",
                    meta={"role": "gap-legend"},
                )
            )


def _points(
    rows: list[Record], lang: str, series: str, others: Mapping[tuple, list[Record]]
) -> dict[str, object]:
    """What every marker trace shares: positions, area codes (cross-filter) and hover."""
    return {
        "x": [int(row["year"]) for row in rows],  # type: ignore[arg-type]
        "y": [row["y"] for row in rows],
        "customdata": [str(row["area"]) for row in rows],
        "hovertext": [
            hover_text(row, lang, label=series, others=others.get(key_of(row, SIBLING_KEY), []))
            for row in rows
        ],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }


def _markers(
    rows: list[Record],
    lang: str,
    series: str,
    hue: str,
    others: Mapping[tuple, list[Record]],
    symbol: str,
) -> go.Scatter:
    return go.Scatter(
        mode="markers",
        name=series,
        legendgroup=series,
        marker={
            "color": hue,
            "symbol": symbol,
            "size": 10 if len(rows) < 2 else 7,
            "line": {"color": "white", "width": 1},
        },
        meta={"series": series, "role": "readings"},
        **_points(rows, lang, series, others),
    )


def _special(
    rows: list[Record],
    lang: str,
    series: str,
    kind: str,
    hue: str,
    others: Mapping[tuple, list[Record]],
) -> go.Scatter:
    """Targets (and any cumulative total) as hollow markers, never part of the yearly line."""
    return go.Scatter(
        mode="markers+lines" if len(rows) > 1 else "markers",
        name=series_name(series, kind, lang),
        legendgroup=f"{series}-{kind}",
        line={"color": hue, "dash": "dash", "width": 1.5},
        marker={"symbol": MARKER_SYMBOL[kind], "size": 12, "color": hue, "line": {"width": 2}},
        meta={"series": series, "role": kind},
        **_points(rows, lang, series, others),
    )


def _rejected(
    rows: list[Record], lang: str, series: str, hue: str, legend: list[bool]
) -> go.Scatter:
    show = not legend
    legend.append(True)
    return go.Scatter(
        mode="markers",
        name=t("programs.legend.not_preferred", lang),
        legendgroup="not-preferred",
        showlegend=show,
        marker={"symbol": "circle-open", "size": 12, "color": hue, "line": {"width": 2}},
        meta={"series": series, "role": "not-preferred"},
        **_points(rows, lang, series, {}),
    )


def _conflicting(rows: list[Record]) -> list[Record]:
    """Readings not chosen that differ from the chosen one (equal ones only corroborate it:
    the chosen reading's hover names them, no second marker is drawn)."""
    chosen = {(str(r["area"]), r["year"]): r["value"] for r in rows if r["preferred"]}
    return [
        r
        for r in rows
        if not r["preferred"]
        and not (
            (key := (str(r["area"]), r["year"])) in chosen and same_value(chosen[key], r["value"])
        )
    ]


def _annotate(
    figure: go.Figure, rejected: list[Record], chosen: list[Record], lang: str, hue: str
) -> None:
    """ "另有读数 2,880" next to a reading that was not chosen; "未采用" when none was chosen."""
    chosen_values = {(str(r["area"]), r["year"]): float(r["value"]) for r in chosen}  # type: ignore[arg-type]
    for row in rejected:
        chosen_value = chosen_values.get((str(row["area"]), row["year"]))
        below = chosen_value is not None and float(row["value"]) < chosen_value  # type: ignore[arg-type]
        key = (
            "programs.annotation.other_reading"
            if chosen_value is not None
            else "programs.annotation.unused"
        )
        figure.add_annotation(
            x=int(row["year"]),  # type: ignore[arg-type]
            y=row["y"],
            text=t(key, lang, value=bar_label(row, lang)),
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor=hue,
            ax=0,
            ay=28 if below else -28,
            font={"size": 11, "color": hue},
            bgcolor="rgba(255,255,255,0.85)",
        )


def _ordered(present: list[str], order: Sequence[str] | None) -> list[str]:
    if not order:
        return present
    listed = [value for value in dict.fromkeys(order) if value in present]
    return listed + [value for value in present if value not in listed]
