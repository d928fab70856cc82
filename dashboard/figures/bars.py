"""Bar charts of the programme pages: readings grouped by category, one colour per series.

Targets, cumulative totals and readings that were not chosen never look like outcomes
(see readings.bar_style); every bar carries its area code as customdata so that a click on a
prefecture's bar sets the area filter (the shell's cross-filter contract).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import empty_figure, new_figure
from dashboard.figures.readings import (
    bar_label,
    bar_style,
    check_columns,
    colour,
    hover_text,
    key_of,
    others_by_key,
    series_name,
    value_axis,
    wrap_label,
)
from dashboard.i18n import t

BAR_COLUMNS = ("label", "series")
SIBLING_KEY = ("label", "series", "area", "year")
HEADROOM = {"zh": 1.2, "en": 1.35}  # the value axis reaches past the largest bar, for its text


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
) -> go.Figure:
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
    frame = frame.assign(label=frame["label"].astype(str), series=frame["series"].astype(str))
    others = others_by_key(frame, SIBLING_KEY)
    chosen_keys = {key_of(row, SIBLING_KEY) for row in frame[frame["preferred"]].to_dict("records")}
    orphan = [
        not row["preferred"] and key_of(row, SIBLING_KEY) not in chosen_keys
        for row in frame.to_dict("records")
    ]
    drawn = frame[frame["preferred"] | pd.Series(orphan, index=frame.index)]
    divisor, axis_title = value_axis(drawn, lang)
    categories = _ordered(drawn["label"], category_order)
    series_list = _ordered(drawn["series"], series_order)
    one_per_category = not drawn.duplicated(["label"]).any()

    figure = new_figure(height=height)
    legend_seen: set[str] = set()
    for index, series in enumerate(series_list):
        part = drawn[drawn["series"] == series]
        for (kind, preferred), group in part.groupby(["kind", "preferred"], sort=False):
            figure.add_trace(
                _bar_trace(
                    group,
                    lang=lang,
                    series=series,
                    kind=str(kind),
                    preferred=bool(preferred),
                    colour_value=(colours or {}).get(series) or colour(index),
                    divisor=divisor,
                    horizontal=horizontal,
                    others=others,
                    show_values=show_values,
                    legend_seen=legend_seen,
                )
            )
    axis = {
        "showgrid": False,
        "type": "category",
        "categoryorder": "array",
        "categoryarray": [wrap_label(label, lang) for label in categories],
    }
    values: dict[str, object] = {
        "title": {"text": axis_title, "font": {"size": 12}},
        "tickformat": ",",
    }
    if value_range is not None:
        values["range"] = [value_range[0] / divisor, value_range[1] / divisor]
    elif show_values:
        values["range"] = [0, float(drawn["value"].max()) / divisor * HEADROOM[lang]]
    if horizontal:
        figure.update_yaxes(**axis, autorange="reversed")
        figure.update_xaxes(**values)
    else:
        figure.update_xaxes(**axis, tickangle=0)
        figure.update_yaxes(**values)
    label_lines = max(wrap_label(label, lang).count("<br>") + 1 for label in categories)
    figure.update_layout(
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
    return figure


def _bar_trace(
    group: pd.DataFrame,
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
) -> go.Bar:
    records = group.to_dict("records")
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
    labels = [wrap_label(str(row["label"]), lang) for row in records]
    show_legend = name not in legend_seen
    legend_seen.add(name)
    return go.Bar(
        x=values if horizontal else labels,
        y=labels if horizontal else values,
        orientation="h" if horizontal else "v",
        name=name,
        legendgroup=series,
        showlegend=show_legend,
        marker=bar_style(kind, colour_value, preferred=preferred),
        text=[bar_label(row, lang) for row in records] if show_values else None,
        textposition="outside",
        textfont={"size": 11},
        cliponaxis=False,
        customdata=[str(row["area"]) for row in records],
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        meta={"series": series, "kind": kind, "preferred": preferred},
    )


def _point_label(label: str, series: str) -> str:
    """ "建档立卡… · 已劝返人数": the category, and the series unless the label already says it."""
    return label if not series or series in label else f"{label} · {series}"


def _ordered(column: pd.Series, order: Sequence[str] | None) -> list[str]:
    present = list(dict.fromkeys(str(value) for value in column))
    if not order:
        return present
    listed = [value for value in dict.fromkeys(order) if value in present]
    return listed + [value for value in present if value not in listed]
