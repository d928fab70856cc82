"""How a total divides: the total as one bar and each listed part as a bar beside it.

Parts are never stacked into a pie or a 100% bar unless they are known to add up: sources
list some parts of a total, not all. The share of the total is written on each part; the
sum of the listed parts is given in the total's hover as a computed figure. A remainder
("other") is drawn only when asked for, hatched grey and labelled as derived.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import DeferredFigure, base_layout, empty_figure
from dashboard.figures.readings import (
    DERIVED_COLOUR,
    HOLLOW_FILL,
    bar_style,
    check_columns,
    colour,
    finished,
    hover_text,
    line,
    reading_records,
    value_text,
    wrap_label,
)
from dashboard.i18n import axis_scale, format_value, t

PART_COLUMNS = ("label", "role")
LABEL_WIDTH = {"zh": 16, "en": 30}
ADDS_UP_TOLERANCE = 0.005  # parts within 0.5% of the total are taken to add up to it


def parts_beside_total(
    frame: pd.DataFrame,
    *,
    lang: str,
    height: int = 320,
    empty_message: str | None = None,
    derived_remainder: bool = False,
    footnote: str = "",
    fallback_note: str = "",
) -> go.Figure | DeferredFigure:
    """Horizontal bars: the total (role "total") first, then its parts (role "part").

    Expects labelled readings (readings.READING_COLUMNS) plus `label` and `role`, preferred
    readings only, all in one unit. With derived_remainder=True a bar "other (total minus
    listed parts)" is added when the parts fall short of the total.
    """
    if frame.empty:
        return empty_figure(empty_message or t("chart.empty", lang), lang, height=height)
    check_columns(frame, PART_COLUMNS)
    records = reading_records(frame, PART_COLUMNS)
    total_rows = [record for record in records if record["role"] == "total"]
    parts = sorted(  # largest first; equal values keep their order; a missing value last
        (record for record in records if record["role"] == "part"),
        key=lambda record: (math.isnan(record["value"]), -record["value"]),
    )
    total = float(total_rows[0]["value"]) if total_rows else None
    unit = str(records[0]["unit"])
    # Summed as pandas sums (pairwise, missing values skipped), to the last digit as before.
    listed_sum = float(pd.Series([record["value"] for record in parts], dtype=float).sum())
    remainder = total - listed_sum if total is not None else None
    values = [float(record["value"]) for record in records]
    divisor, axis_title = axis_scale(values, unit, lang)

    traces: list[dict] = []
    if total_rows:
        row = total_rows[0]
        extra = [_sum_line(listed_sum, total, unit, lang)] if parts else []
        traces.append(
            _bar(row, lang, label=str(row["label"]), hue=colour(0), divisor=divisor, extra=extra)
        )
    prefix = t("programs.part_prefix", lang)
    for row in parts:
        share = _share_text(float(row["value"]), total, lang)
        traces.append(
            _bar(
                row,
                lang,
                label=f"{prefix}{row['label']}",
                hue=colour(1),
                divisor=divisor,
                share=share,
            )
        )
    if derived_remainder and remainder is not None and remainder > total * ADDS_UP_TOLERANCE:
        traces.append(_remainder_bar(remainder, total, unit, lang, divisor))
    largest = max(_known(values), default=math.nan) / divisor
    _value_inside_longest(traces, largest)
    layout = base_layout(
        height=height,
        yaxis={"type": "category", "autorange": "reversed", "showgrid": False},
        xaxis={
            "title": {"text": axis_title, "font": {"size": 12}},
            "tickformat": ",",
            "range": [0, largest * (1.35 if lang == "zh" else 1.6)],
        },
        barmode="overlay",
        bargap=0.35,
        showlegend=False,
        hovermode="closest",
        meta={"divisor": divisor, "listed_sum": listed_sum, "total": total, "bottom_lines": 2},
    )
    return finished(
        {"data": traces, "layout": layout},
        lang=lang,
        bottom_lines=2,
        footnote=footnote,
        fallback_note=fallback_note,
    )


def _bar(
    row: dict,
    lang: str,
    *,
    label: str,
    hue: str,
    divisor: float,
    share: str = "",
    extra: list[str] | None = None,
) -> dict:
    text = value_text(row, lang) + (f"<br>{share}" if share else "")
    hover_extra = list(extra or [])
    if share:
        hover_extra.append(line("programs.hover.share", share, lang))
    return {
        "type": "bar",
        "x": [float(row["value"]) / divisor],
        "y": [wrap_label(label, lang, LABEL_WIDTH[lang])],
        "orientation": "h",
        "name": label,
        "marker": bar_style(str(row["kind"]), hue),
        "text": [text],
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": [str(row["area"])],
        "hovertext": [hover_text(row, lang, label=label, extra=hover_extra)],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "meta": {"role": row["role"], "label": row["label"]},
    }


def _value_inside_longest(traces: list[dict], largest: float) -> None:
    """The longest solid bar (the total) carries its value inside its end: outside it, the
    value ran off a phone's narrow plot ("CNY 3.24 b…"). Plotly shrinks the text to fit the
    bar if need be and gives it a colour that contrasts with the bar."""
    for trace in traces:
        solid = trace["marker"].get("color") not in (HOLLOW_FILL, "white")
        if solid and trace["x"] and trace["x"][0] >= largest:
            trace["textposition"] = "inside"
            trace["insidetextanchor"] = "end"


def _remainder_bar(remainder: float, total: float, unit: str, lang: str, divisor: float) -> dict:
    label = t("programs.remainder", lang)
    text = format_value(remainder, unit, lang)
    hover = "<br>".join(
        [
            f"<b>{label}</b>",
            line("chart.hover.value", text, lang),
            t("programs.remainder_hint", lang),
        ]
    )
    return {
        "type": "bar",
        "x": [remainder / divisor],
        "y": [wrap_label(label, lang, LABEL_WIDTH[lang])],
        "orientation": "h",
        "name": label,
        "marker": {
            "color": "white",
            "line": {"color": DERIVED_COLOUR, "width": 1},
            "pattern": {"shape": ".", "fgcolor": DERIVED_COLOUR, "solidity": 0.3},
        },
        "text": [f"{text} · {t('programs.derived', lang)}"],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertext": [hover],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "meta": {"role": "derived", "share_of_total": remainder / total},
    }


def _known(values: Iterable[float]) -> list[float]:
    """The values that are not missing (NaN), as pandas' max counts them."""
    return [float(value) for value in values if not math.isnan(value)]


def _share_text(value: float, total: float | None, lang: str) -> str:
    if not total:
        return ""
    return t("programs.share_of_total", lang, share=format_value(100 * value / total, "%", lang, 1))


def _sum_line(listed_sum: float, total: float | None, unit: str, lang: str) -> str:
    """The sum of the listed parts, said to be computed, and whether it accounts for the total."""
    text = format_value(listed_sum, unit, lang)
    if total and abs(listed_sum - total) <= total * ADDS_UP_TOLERANCE:
        return line("programs.hover.parts_sum", t("programs.parts_add_up", lang, sum=text), lang)
    share = format_value(100 * listed_sum / total, "%", lang, 1) if total else "—"
    return line(
        "programs.hover.parts_sum", t("programs.parts_partial", lang, sum=text, share=share), lang
    )
