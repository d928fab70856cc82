"""Readings over the years: standards as step lines, rates as lines, with gaps shown as gaps.

Between two readings more than a year apart nothing is known, so that stretch is dotted
(the value may have changed in between); targets are hollow diamonds; a reading that was not
chosen is a hollow circle whose hover says why, and the chosen reading's hover names it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import (
    MUTED_COLOUR,
    DeferredFigure,
    base_layout,
    empty_figure,
    text_width,
)
from dashboard.figures.readings import (
    SELECTED_YEAR_LABEL,
    bar_label,
    check_columns,
    colour,
    finished,
    hover_text,
    key_of,
    reading_records,
    records_axis,
    same_value,
    series_name,
    value_text,
)
from dashboard.i18n import format_year, t

SERIES_COLUMNS = ("series",)
SIBLING_KEY = ("series", "area", "year")
LINE_KINDS = ("outcome", "standard", "average")  # yearly values; plans never join them
MARKER_SYMBOL = {"target": "diamond-open", "plan": "star-open", "cumulative": "square-open"}
Record = dict[str, object]
MAX_ANNOTATIONS = 12  # "另有读数" labels on one chart; the rest are counted in words
LINE_PX = 17  # height of a line of text under the plot (as views' footnotes count it)
BOTTOM_MARGIN = 22  # margin under the plot before its lines of text
NOTE_BACKGROUND = "rgba(255,255,255,0.85)"


SHORT_SPAN_YEARS = 8  # below this many years between the first and last, a tick every year
YEAR_PAD = 0.5  # the year axis reaches this far beyond the first and last year drawn
EDGE_SHARE = 0.15  # a reading's note this close to either end of the axis hangs inward


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
    footnote: str = "",
    fallback_note: str = "",
) -> go.Figure | DeferredFigure:
    """One line per `series`: a step line (step=True, for standards) or a plain line.

    Expects labelled readings (readings.READING_COLUMNS) plus `series`; optional `decimals`.
    colours and symbols map a series to its colour and marker symbol (default: palette order,
    circles). annotate_alternates writes "另有读数 …" beside each reading that was not chosen,
    for at most MAX_ANNOTATIONS of them; the chart says in words how many it left unlabelled.

    The figure is written as one dict and wrapped once (figure_from_dict): its cost grows with
    the points drawn, not with the number of traces or annotations times itself.
    """
    if frame.empty:
        return empty_figure(empty_message or t("chart.empty", lang), lang, height=height)
    check_columns(frame, SERIES_COLUMNS)
    # Plain Python over the rows from here (pandas costs ~1 ms an operation on a labelled
    # frame, more than the work on a chart's rows).
    records = reading_records(frame, SERIES_COLUMNS)
    divisor, axis_title = records_axis(  # units named in the frame's order
        [record["value"] for record in records], [record["unit"] for record in records], lang
    )
    records.sort(key=lambda record: record["year"])  # type: ignore[arg-type,return-value]
    for record in records:
        record["series"] = str(record["series"])
        record["y"] = float(record["value"]) / divisor  # type: ignore[arg-type]
    by_series: dict[str, list[Record]] = {}
    others: dict[tuple, list[Record]] = {}
    for record in records:
        by_series.setdefault(record["series"], []).append(record)  # type: ignore[arg-type]
        if not record["preferred"]:
            others.setdefault(key_of(record, SIBLING_KEY), []).append(record)
    series_list = _ordered(list(by_series), series_order)
    year_axis = _year_axis(records)

    traces: list[dict] = []
    gap_legend: list[dict] = []
    rejected_legend: list[bool] = []
    notes: list[dict] = []
    unlabelled = 0
    for index, series in enumerate(series_list):
        rows = by_series[series]
        hue = (colours or {}).get(series) or colour(index)
        chosen = [r for r in rows if r["preferred"]]
        lines = [r for r in chosen if r["kind"] in LINE_KINDS]
        if len(lines) > 1:
            traces.extend(_lines(lines, series, hue, step=step, lang=lang, legend=gap_legend))
        if lines:
            symbol = (symbols or {}).get(series, "circle")
            traces.append(_markers(lines, lang, series, hue, others, symbol))
        for kind in MARKER_SYMBOL:
            special = [r for r in chosen if r["kind"] == kind]
            if special:
                traces.append(_special(special, lang, series, kind, hue, others))
        rejected = _conflicting(rows)
        if rejected:
            traces.append(_rejected(rejected, lang, series, hue, rejected_legend))
            if annotate_alternates:
                room = max(0, MAX_ANNOTATIONS - len(notes))
                notes.extend(_annotations(rejected[:room], chosen, lang, hue, year_axis["range"]))
                unlabelled += max(0, len(rejected) - room)
    traces.extend(gap_legend)  # last in the legend: it explains the dotted stretches
    _apart(notes, year_axis["range"], _value_span(records, value_range, divisor))

    many = len(series_list) > 5
    bottom_lines = 1
    shapes: list[dict] = []
    if unlabelled:
        note, below = _unlabelled_note(unlabelled, lang, bottom_lines, inside=many)
        notes.append(note)
        bottom_lines += below
    shape, label = _year_marker(highlight_year, lang, year_axis["range"])
    shapes.append(shape)
    notes.append(label)
    values: dict[str, object] = {
        "title": {"text": axis_title, "font": {"size": 12}},
        "tickformat": ",",
    }
    if value_range is not None:
        values["range"] = [value_range[0] / divisor, value_range[1] / divisor]
        values["rangemode"] = "normal"
    layout = base_layout(
        height=height,
        xaxis=year_axis,
        yaxis=values,
        hovermode="closest",
        showlegend=True,
        meta={
            "divisor": divisor,
            "axis_title": axis_title,
            "step": step,
            "bottom_lines": bottom_lines,
        },
    )
    if many:
        # Many series: the legend goes under the plot, where it can take several rows.
        layout["legend"] = {"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"}
    if notes:
        layout["annotations"] = notes
    if shapes:
        layout["shapes"] = shapes
    if bottom_lines > 1:  # room for the words under the plot (footnotes recompute it)
        layout["margin"] = {"b": BOTTOM_MARGIN + LINE_PX * bottom_lines}
    return finished(
        {"data": traces, "layout": layout},
        lang=lang,
        bottom_lines=bottom_lines,
        footnote=footnote,
        fallback_note=fallback_note,
    )


def _year_axis(records: list[Record]) -> dict:
    """Years as whole numbers; over a few years one tick a year (Plotly would otherwise put
    ticks between the years and label several of them with the same year).

    The range is given, half a year beyond the first and last reading, not left to
    plotly.js: its autorange would also make room for the selected year's marker, so a year
    change would change the range, and plotly.js redraws a moved marker without finding the
    range again (a chart redrawn in part, layout.datarevision)."""
    axis: dict[str, object] = {"tickformat": "d", "showgrid": False}
    years = [int(record["year"]) for record in records]  # type: ignore[call-overload]
    if max(years) - min(years) < SHORT_SPAN_YEARS:
        axis["dtick"] = 1
    axis["range"] = [min(years) - YEAR_PAD, max(years) + YEAR_PAD]
    return axis


def _lines(
    lines: list[Record],
    series: str,
    hue: str,
    *,
    step: bool,
    lang: str,
    legend: list[dict],
) -> list[dict]:
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
    common = {
        "type": "scatter",
        "mode": "lines",
        "hoverinfo": "skip",
        "legendgroup": series,
        "showlegend": False,
    }
    traces = []
    if solid[0]:
        traces.append(
            {
                "x": solid[0],
                "y": solid[1],
                "name": series,
                "line": {"color": hue, "width": 2.5},
                "meta": {"series": series, "role": "line"},
                **common,
            }
        )
    if gap[0]:
        traces.append(
            {
                "x": gap[0],
                "y": gap[1],
                "name": t("programs.legend.gap", lang),
                "line": {"color": hue, "width": 1.5, "dash": "dot"},
                "meta": {"series": series, "role": "gap"},
                **common,
            }
        )
        if not legend:
            legend.append(
                {
                    "type": "scatter",
                    "x": [None],
                    "y": [None],
                    "mode": "lines",
                    "name": t("programs.legend.gap", lang),
                    "line": {"color": MUTED_COLOUR, "width": 1.5, "dash": "dot"},
                    "hoverinfo": "skip",
                    "legendgroup": "gap",
                    "meta": {"role": "gap-legend"},
                }
            )
    return traces


def _points(
    rows: list[Record], lang: str, series: str, others: Mapping[tuple, list[Record]]
) -> dict[str, object]:
    """What every marker trace shares: positions, area codes (cross-filter) and hover."""
    return {
        "type": "scatter",
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
) -> dict:
    return {
        "mode": "markers",
        "name": series,
        "legendgroup": series,
        "marker": {
            "color": hue,
            "symbol": symbol,
            "size": 10 if len(rows) < 2 else 7,
            "line": {"color": "white", "width": 1},
        },
        "meta": {"series": series, "role": "readings"},
        **_points(rows, lang, series, others),
    }


def _special(
    rows: list[Record],
    lang: str,
    series: str,
    kind: str,
    hue: str,
    others: Mapping[tuple, list[Record]],
) -> dict:
    """Targets (and any cumulative total) as hollow markers, never part of the yearly line."""
    return {
        "mode": "markers+lines" if len(rows) > 1 else "markers",
        "name": series_name(series, kind, lang),
        "legendgroup": f"{series}-{kind}",
        "line": {"color": hue, "dash": "dash", "width": 1.5},
        "marker": {"symbol": MARKER_SYMBOL[kind], "size": 12, "color": hue, "line": {"width": 2}},
        "meta": {"series": series, "role": kind},
        **_points(rows, lang, series, others),
    }


def _rejected(rows: list[Record], lang: str, series: str, hue: str, legend: list[bool]) -> dict:
    show = not legend
    legend.append(True)
    return {
        "mode": "markers",
        "name": t("programs.legend.not_preferred", lang),
        "legendgroup": "not-preferred",
        "showlegend": show,
        "marker": {"symbol": "circle-open", "size": 12, "color": hue, "line": {"width": 2}},
        "meta": {"series": series, "role": "not-preferred"},
        **_points(rows, lang, series, {}),
    }


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


def _reading_label(row: Record, lang: str) -> str:
    """A bare number where it reads the same as on the axis ("3,720"); with its scale and unit
    where the axis would write it otherwise ("74.6万人", not "746,000" beside a 万人 axis)."""
    bare, shown = bar_label(row, lang), value_text(row, lang)
    return bare if shown.startswith(bare) else shown


def _annotations(
    rejected: list[Record],
    chosen: list[Record],
    lang: str,
    hue: str,
    year_range: Sequence[float],
) -> list[dict]:
    """ "另有读数 2,880元/生/年" next to a reading that was not chosen, with its unit and scale
    (never a bare 746,000 beside a 万人 axis); "未采用" when none was chosen. Near either end
    of the year axis a note hangs inward (_anchor_within)."""
    if not rejected:
        return []
    chosen_values = {(str(r["area"]), r["year"]): float(r["value"]) for r in chosen}  # type: ignore[arg-type]
    notes = []
    for row in rejected:
        chosen_value = chosen_values.get((str(row["area"]), row["year"]))
        below = chosen_value is not None and float(row["value"]) < chosen_value  # type: ignore[arg-type]
        key = (
            "programs.annotation.other_reading"
            if chosen_value is not None
            else "programs.annotation.unused"
        )
        notes.append(
            {
                "x": int(row["year"]),  # type: ignore[arg-type]
                "y": row["y"],
                "xanchor": _anchor_within(int(row["year"]), year_range),  # type: ignore[arg-type]
                "text": t(key, lang, value=_reading_label(row, lang)),
                "showarrow": True,
                "arrowhead": 0,
                "arrowwidth": 1,
                "arrowcolor": hue,
                "ax": 0,
                "ay": 28 if below else -28,
                "font": {"size": 11, "color": hue},
                "bgcolor": NOTE_BACKGROUND,
            }
        )
    return notes


# The plots a reading's note is placed for: a half-width card's width on a laptop (on a
# narrower screen a long note can still touch another), and the heights a plot takes.
NOMINAL_PLOT_WIDTH = 560
NOMINAL_PLOT_HEIGHTS = (200, 300, 400)
NOTE_CHAR_PX = 6  # per half-width character of an 11 px note
NOTE_LINE_PX = 16
NOTE_STEP_PX = 18  # how much further from its point a note moves to clear another
NOTE_MAX_STEPS = 3


def _value_span(records: list[Record], value_range, divisor: float) -> tuple[float, float]:
    """The value axis's span as plotly will draw it (from 0, or the given range)."""
    if value_range is not None:
        return value_range[0] / divisor, value_range[1] / divisor
    values = [float(record["y"]) for record in records]  # type: ignore[arg-type]
    return min(0.0, *values), max(0.0, *values)


def _apart(notes: list[dict], year_range: Sequence[float], value_span: tuple[float, float]):
    """Readings' notes whose text would lie on another's (the standards chart's "other
    reading CNY 2,880 …" at 2013 and "… 3,720 …" at 2021, hanging left from near the end)
    move further from their points, in steps, until clear at each of NOMINAL_PLOT_HEIGHTS
    (the server does not know how tall the browser draws the plot)."""
    first, last = year_range
    low, high = value_span
    per_year = NOMINAL_PLOT_WIDTH / max(last - first, 1e-9)
    placed: list[tuple[dict, float, float]] = []  # each note with its text's left and width
    for note in sorted(notes, key=lambda note: note["x"]):
        width = NOTE_CHAR_PX * text_width(str(note["text"]))
        x = (note["x"] - first) * per_year
        left = {"left": x, "right": x - width}.get(note["xanchor"], x - width / 2)
        away = NOTE_STEP_PX if note["ay"] > 0 else -NOTE_STEP_PX
        for _step in range(NOTE_MAX_STEPS):
            if not any(
                _overlap((note, left, width), other, low, high, height)
                for other in placed
                for height in NOMINAL_PLOT_HEIGHTS
            ):
                break
            note["ay"] += away
        placed.append((note, left, width))


def _overlap(one: tuple, other: tuple, low: float, high: float, height: float) -> bool:
    """Whether two notes' texts ((note, left, width)) touch on a plot `height` pixels tall."""
    per_value = height / (high - low) if high > low else 0.0

    def middle(note: dict) -> float:  # upwards from the plot's bottom; ay points downwards
        return (float(note["y"]) - low) * per_value - note["ay"]

    (note, left, width), (other_note, other_left, other_width) = one, other
    apart = abs(middle(note) - middle(other_note))
    return left < other_left + other_width and other_left < left + width and apart < NOTE_LINE_PX


def _unlabelled_note(count: int, lang: str, bottom_lines: int, *, inside: bool) -> tuple[dict, int]:
    """ "另有N个读数未标注" in words on the chart, and how many lines it adds under the plot.

    Under the plot, below the year labels, where views' footnotes then follow it (it counts
    as one of the figure's `bottom_lines`); when the legend is under the plot (many series),
    inside the plot's bottom left instead, on a pale background, clear of the legend.
    """
    note = {
        "text": t("programs.annotation.more", lang, count=count, shown=MAX_ANNOTATIONS),
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "align": "left",
        "xanchor": "left",
        "font": {"size": 11, "color": MUTED_COLOUR},
        "name": "unlabelled-readings",
    }
    if inside:
        note.update({"x": 0.01, "y": 0.01, "yanchor": "bottom", "bgcolor": NOTE_BACKGROUND})
        return note, 0
    note.update({"x": 0, "y": 0, "yanchor": "top", "yshift": -(14 + LINE_PX * bottom_lines)})
    return note, 1


def _anchor_within(x: float, year_range: Sequence[float]) -> str:
    """Where a note's text hangs from its point so that it stays inside the given range:
    to the right close to its start, to the left close to its end, else centred (as plotly
    draws it, clear of the selected year's label, which hangs from the top)."""
    first, last = year_range
    share = (x - first) / (last - first)
    return "left" if share < EDGE_SHARE else "right" if share > 1 - EDGE_SHARE else "center"


def _year_marker(year: int | None, lang: str, year_range: Sequence[float]) -> tuple[dict, dict]:
    """The dotted line at the selected year and its label: what `add_vline(x=year,
    annotation_position="top left")` makes, written out; the label on the line's right in
    the range's first half (on its left it would run out of the plot there).

    Drawn always, transparent and wordless when no year is selected or the chart's readings
    do not reach it, so that a year change only moves it or changes its opacity and words:
    plotly.js redraws just those. A marker added, removed or hidden (`visible`) would make
    it redraw the whole chart."""
    first, last = year_range
    shown = year is not None and first < year < last
    if not shown:
        year = int(last - YEAR_PAD)
    left_half = year - first < (last - first) / 2
    shape = {
        "type": "line",
        "x0": year,
        "x1": year,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": {"color": MUTED_COLOUR, "width": 1, "dash": "dot"},
        "opacity": 1 if shown else 0,
    }
    label = {
        "text": t("programs.selected_year", lang, year=format_year(year, lang)) if shown else " ",
        "font": {"size": 11, "color": MUTED_COLOUR},
        "showarrow": False,
        "x": year,
        "xanchor": "left" if left_half else "right",
        "xref": "x",
        "y": 1,
        "yanchor": "top",
        "yref": "y domain",
        "yshift": 0,  # lower under a region-wide note (readings._below_the_note)
        "opacity": 1 if shown else 0,
        "name": SELECTED_YEAR_LABEL,
    }
    return shape, label


def _ordered(present: list[str], order: Sequence[str] | None) -> list[str]:
    if not order:
        return present
    known = set(present)
    listed = [value for value in dict.fromkeys(order) if value in known]
    placed = set(listed)
    return listed + [value for value in present if value not in placed]
