"""Bar charts of the programme pages: readings grouped by category, one colour per series.

Targets, cumulative totals and readings that were not chosen never look like outcomes
(see readings.bar_style); every bar carries its area code as customdata so that a click on a
prefecture's bar sets the area filter (the shell's cross-filter contract).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import DeferredFigure, base_layout, empty_figure
from dashboard.figures.readings import (
    LABEL_WIDTH,
    bar_label,
    bar_style,
    check_columns,
    colour,
    finished,
    hover_text,
    key_of,
    reading_records,
    records_axis,
    series_name,
    wrap_label,
)
from dashboard.i18n import t

BAR_COLUMNS = ("label", "series")
SIBLING_KEY = ("label", "series", "area", "year")
HEADROOM = {"zh": 1.2, "en": 1.35}  # the value axis reaches past the largest bar, for its text


# Vertical bars: their category labels are wrapped to fit their share of a phone's plot
# (about 240 px at 390 px wide), at about these pixels per character of 12 px type, and
# never narrower than the minimum (more categories than that: Plotly may angle the labels).
PHONE_PLOT_PX = 240
CHAR_PX = {"zh": 13, "en": 6.8}
MIN_LABEL_CHARS = {"zh": 4, "en": 9}

# Horizontal bars: pixels per bar and per label line, and around the plot (title, axis,
# legend), to size a chart with many categories.
BAR_PX = 9
LINE_PX = 14
FRAME_PX = 150


def grouped_bars(
    frame: pd.DataFrame,
    *,
    lang: str,
    horizontal: bool = False,
    height: int = 360,
    empty_message: str | None = None,
    category_order: Sequence[str] | None = None,
    series_order: Sequence[str] | None = None,
    value_range: tuple[float, float] | None = None,
    show_values: bool = True,
    colours: Mapping[str, str] | None = None,
    footnote: str = "",
    fallback_note: str = "",
) -> go.Figure | DeferredFigure:
    """Bars grouped by `label` (the category axis), one colour per `series`.

    Expects labelled readings (readings.READING_COLUMNS) plus `label` and `series`; optional
    `decimals`. Preferred readings are drawn; a reading that was not chosen is named in the
    hover of the chosen one, or drawn hollow when its key has no chosen reading. When every
    category has one bar, bars are centred on their label instead of offset into groups.
    colours maps a series to its colour (default: palette order).
    """
    if frame.empty:
        return empty_figure(empty_message or t("chart.empty", lang), lang, height=height)
    check_columns(frame, BAR_COLUMNS)
    # Plain Python over the rows from here: a chart has a handful to a few thousand bars, and
    # pandas' fixed cost per operation (~1 ms on a labelled frame) outweighs the work.
    records = reading_records(frame, BAR_COLUMNS)
    for record in records:
        record["label"] = str(record["label"])
        record["series"] = str(record["series"])
    keys = [key_of(record, SIBLING_KEY) for record in records]
    chosen_keys = {key for key, record in zip(keys, records, strict=True) if record["preferred"]}
    others: dict[tuple, list[dict]] = {}
    drawn: list[dict] = []
    for key, record in zip(keys, records, strict=True):
        if not record["preferred"]:
            others.setdefault(key, []).append(record)
        if record["preferred"] or key not in chosen_keys:
            drawn.append(record)
    divisor, axis_title = records_axis(
        [record["value"] for record in drawn], [record["unit"] for record in drawn], lang
    )
    labels = [record["label"] for record in drawn]
    categories = _ordered(labels, category_order)
    series_list = _ordered([record["series"] for record in drawn], series_order)
    one_per_category = len(set(labels)) == len(labels)
    label_width, crowded = (None, False) if horizontal else _label_width(len(categories), lang)
    wrapped: dict[str, str] = {label: wrap_label(label, lang, label_width) for label in categories}

    longest = max(float(record["value"]) for record in drawn) / divisor  # type: ignore[arg-type]
    # One trace per series, kind and choice; series in series_list order, and within a series
    # in order of first appearance.
    groups: dict[tuple[str, str, bool], list[dict]] = {}
    for record in drawn:
        group_key = (record["series"], str(record["kind"]), bool(record["preferred"]))
        groups.setdefault(group_key, []).append(record)
    rank = {series: index for index, series in enumerate(series_list)}
    traces: list[dict] = []
    legend_seen: set[str] = set()
    for (series, kind, chosen), group in sorted(groups.items(), key=lambda item: rank[item[0][0]]):
        traces.append(
            _bar_trace(
                group,
                lang=lang,
                series=series,
                kind=kind,
                preferred=chosen,
                colour_value=(colours or {}).get(series) or colour(rank[series]),
                divisor=divisor,
                horizontal=horizontal,
                others=others,
                show_values=show_values,
                legend_seen=legend_seen,
                wrapped=wrapped,
                longest=longest,
            )
        )
    axis = {
        "showgrid": False,
        "type": "category",
        "categoryorder": "array",
        "categoryarray": [_wrapped(label, lang, wrapped) for label in categories],
    }
    values: dict[str, object] = {
        "title": {"text": axis_title, "font": {"size": 12}},
        "tickformat": ",",
    }
    if value_range is not None:
        values["range"] = [value_range[0] / divisor, value_range[1] / divisor]
    elif show_values:
        largest = max(float(record["value"]) for record in drawn)  # type: ignore[arg-type]
        values["range"] = [0, largest / divisor * HEADROOM[lang]]
    if horizontal:
        axes = {"yaxis": {**axis, "autorange": "reversed"}, "xaxis": values}
    else:
        axes = {"xaxis": {**axis, "tickangle": "auto" if crowded else 0}, "yaxis": values}
    label_lines = max(_wrapped(label, lang, wrapped).count("<br>") + 1 for label in categories)
    if horizontal:
        # Room for every bar and label line: a chart of many categories (a big upload) grows
        # taller instead of drawing its labels over each other.
        wanted = sum(_wrapped(label, lang, wrapped).count("<br>") + 1 for label in categories)
        needed = BAR_PX * sum(len(trace.get("y") or []) for trace in traces) + LINE_PX * wanted
        height = max(height, FRAME_PX + needed)
    layout = base_layout(
        height=height,
        **axes,
        barmode="overlay" if one_per_category else "group",
        bargap=0.3,
        bargroupgap=0.08,
        showlegend=len(legend_seen) > 1,
        hovermode="closest",
        # Lines of text under the plot (tick labels, axis title): footnotes go below them.
        meta={
            "divisor": divisor,
            "axis_title": axis_title,
            "bottom_lines": 2 if horizontal else label_lines,
        },
    )
    return finished(
        {"data": traces, "layout": layout},
        lang=lang,
        bottom_lines=2 if horizontal else label_lines,
        footnote=footnote,
        fallback_note=fallback_note,
    )


def _bar_trace(
    records: list[dict],
    *,
    lang: str,
    series: str,
    kind: str,
    preferred: bool,
    colour_value: str,
    divisor: float,
    horizontal: bool,
    others: dict[tuple, list[dict]],
    show_values: bool,
    legend_seen: set[str],
    wrapped: dict[str, str],
    longest: float,
) -> dict:
    name = series_name(series, kind, lang)
    if not preferred:
        name = f"{series} · {t('programs.legend.not_preferred', lang)}"
    hover = [
        hover_text(
            row,
            lang,
            label=_point_label(str(row["label"]), series),
            others=others.get(key_of(row, SIBLING_KEY), []),
        )
        for row in records
    ]
    values = [float(row["value"]) / divisor for row in records]
    labels = [_wrapped(str(row["label"]), lang, wrapped) for row in records]
    show_legend = name not in legend_seen
    legend_seen.add(name)
    trace = {
        "type": "bar",
        "x": values if horizontal else labels,
        "y": labels if horizontal else values,
        "orientation": "h" if horizontal else "v",
        "name": name,
        "legendgroup": series,
        "showlegend": show_legend,
        "marker": bar_style(kind, colour_value, preferred=preferred),
        # The longest horizontal bar, when solid, carries its value inside its end: outside
        # it, the value ran off a phone's narrow plot ("CNY 3.24 b…"). Plotly shrinks the
        # text to fit the bar if need be and gives it a colour that contrasts with the bar.
        "textposition": [
            "inside" if horizontal and _solid(kind, preferred) and value >= longest else "outside"
            for value in values
        ],
        "insidetextanchor": "end",
        "textfont": {"size": 11},
        "cliponaxis": False,
        "customdata": [str(row["area"]) for row in records],
        "hovertext": hover,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "meta": {"series": series, "kind": kind, "preferred": preferred},
    }
    if show_values:
        trace["text"] = [bar_label(row, lang) for row in records]
    return trace


def _label_width(categories: int, lang: str) -> tuple[int, bool]:
    """Characters per line of a vertical bar's label, and whether the labels are crowded (a
    line that fits its share of a phone's plot would be under the minimum)."""
    key = lang if lang in CHAR_PX else "zh"
    fits = int(PHONE_PLOT_PX / max(categories, 1) / CHAR_PX[key])
    limit = LABEL_WIDTH[key]
    return max(MIN_LABEL_CHARS[key], min(limit, fits)), fits < MIN_LABEL_CHARS[key]


def _wrapped(label: str, lang: str, cache: dict[str, str]) -> str:
    """wrap_label, once per distinct label (bars repeat their category's label)."""
    if label not in cache:
        cache[label] = wrap_label(label, lang)
    return cache[label]


def _solid(kind: str, preferred: bool) -> bool:
    """A filled bar (bar_style): text inside it takes a contrasting colour."""
    return preferred and kind not in ("target", "plan", "cumulative")


def _point_label(label: str, series: str) -> str:
    """ "建档立卡… · 已劝返人数": the category, and the series unless the label already says it."""
    return label if not series or series in label else f"{label} · {series}"


def _ordered(present: Sequence[str], order: Sequence[str] | None) -> list[str]:
    """Distinct values, those listed in order first (in its order), then the rest as found."""
    distinct = list(dict.fromkeys(present))
    if not order:
        return distinct
    known = set(distinct)
    listed = [value for value in dict.fromkeys(order) if value in known]
    placed = set(listed)
    return listed + [value for value in distinct if value not in placed]
