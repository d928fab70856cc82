"""Shared by the programme charts: hover text, bar labels and marker styles for one reading.

A reading is one row of a labelled frame (see `READING_COLUMNS`): the value in its canonical
unit, the year, the area's name, the kind (outcome / standard / target / cumulative), the
source as "publisher date", the curator's note and whether it is the preferred reading.
Builders in bars.py, steps.py and composition.py take such frames; views make them with
`dashboard.views.programs_common.labelled`.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from dashboard.data.records import records
from dashboard.data.units import CANONICAL_UNITS
from dashboard.figures.common import MUTED_COLOUR, OKABE_ITO, DeferredFigure, wrap_lines
from dashboard.i18n import (
    axis_scale,
    format_number,
    format_value,
    format_year,
    has,
    join_list,
    t,
)

READING_COLUMNS = (
    "value",
    "unit",
    "year",
    "area",
    "area_name",
    "kind",
    "source_label",
    "note",
    "preferred",
)
OPTIONAL_COLUMNS = ("decimals", "basis", "reference")  # read when present (see decimals_of)
NOTE_WIDTH = {"zh": 30, "en": 56}
LABEL_WIDTH = {"zh": 12, "en": 26}  # characters per line of a category label on an axis
NOTE_LIMIT = 240  # characters of a note shown in a hover; the Sources page has the rest
HOLLOW_FILL = "rgba(255,255,255,0)"
DERIVED_COLOUR = "#6c757d"


def check_columns(frame: pd.DataFrame, extra: Iterable[str] = ()) -> None:
    """Fail loudly when a builder is handed a frame that is not a labelled reading frame."""
    missing = [column for column in (*READING_COLUMNS, *extra) if column not in frame.columns]
    if missing:
        raise ValueError(f"the frame lacks the columns {', '.join(missing)}")


def colour(index: int) -> str:
    return OKABE_ITO[index % len(OKABE_ITO)]


def separator(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def line(key: str, text: str, lang: str) -> str:
    return f"{t(key, lang)}{separator(lang)}{text}"


def escape(text: object) -> str:
    """Text from data files shown in a hover: never markup."""
    return html.escape(str(text), quote=False)


def wrap(text: str, lang: str) -> str:
    """A long note cut to NOTE_LIMIT and broken into lines that fit a hover box."""
    cleaned = " ".join(str(text).split())
    if len(cleaned) > NOTE_LIMIT:
        cleaned = cleaned[: NOTE_LIMIT - 1] + "…"
    width = NOTE_WIDTH["en"] if cleaned.isascii() else NOTE_WIDTH[lang]
    return "<br>".join(escape(part) for part in wrap_lines(cleaned, width))


def wrap_label(text: str, lang: str, width: int | None = None) -> str:
    """A long category label broken into lines (Plotly does not wrap axis labels itself)."""
    limit = width or LABEL_WIDTH[lang if lang in LABEL_WIDTH else "zh"]
    if len(text) <= limit:
        return text
    if text.isascii():  # English breaks at spaces and hyphens, as textwrap does
        return "<br>".join(textwrap.wrap(text, width=limit))
    return "<br>".join(wrap_lines(text, limit))


def decimals_of(row: Mapping[str, object]) -> int | None:
    value = row.get("decimals")
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return None
    return int(value)  # type: ignore[arg-type]


def value_text(row: Mapping[str, object], lang: str) -> str:
    return format_value(row["value"], str(row["unit"]), lang, decimals_of(row))


def bar_label(row: Mapping[str, object], lang: str) -> str:
    """The text on a bar: counts and rates as bare numbers (the axis names the unit), money
    with its scale and unit ("32.43亿元"), percentages with "%"."""
    unit = CANONICAL_UNITS.get(str(row["unit"]))
    if unit is not None and unit.quantity in ("rate_money", "people", "count"):
        return format_number(row["value"], lang, decimals_of(row))
    return value_text(row, lang)


def bracketed(text: str, aside: str, lang: str) -> str:
    """ "文字（补充）" in Chinese, "text (aside)" in English; the text alone without an aside."""
    if not aside:
        return text
    return f"{text}（{aside}）" if lang == "zh" else f"{text} ({aside})"


def kind_text(kind: str, lang: str) -> str:
    """ "目标（计划或预期…）": the kind and what it means, so no target reads as a result."""
    if kind == "outcome":
        return t("kind.outcome", lang)
    return bracketed(t(f"kind.{kind}", lang), t(f"kind.{kind}.hint", lang), lang)


def other_reading_text(
    row: Mapping[str, object], lang: str, chosen: Mapping[str, object] | None = None
) -> str:
    """ "96.94%（中国新闻网 2022-10-10）": a reading that was not chosen, with its source;
    "同值" when it agrees with the chosen reading."""
    value = value_text(row, lang)
    if chosen is not None and same_value(row["value"], chosen["value"]):
        value = t("programs.hover.same_value", lang, value=value)
    return bracketed(value, escape(row.get("source_label") or ""), lang)


def hover_text(
    row: Mapping[str, object],
    lang: str,
    *,
    label: str,
    others: Sequence[Mapping[str, object]] = (),
    extra: Sequence[str] = (),
) -> str:
    """Everything a reader needs to trust one point: value, year, area, kind, source, caveats."""
    lines = [
        f"<b>{escape(label)}</b>",
        line("chart.hover.value", value_text(row, lang), lang),
        line("chart.hover.year", format_year(row["year"], lang), lang),
        line("chart.hover.area", escape(row["area_name"]), lang),
        line("chart.hover.kind", kind_text(str(row["kind"]), lang), lang),
        line("chart.hover.source", escape(row["source_label"] or "—"), lang),
    ]
    lines.extend(basis_and_reference_lines(row, lang))
    if not bool(row["preferred"]):
        lines.append(f"<i>{t('programs.hover.not_preferred', lang)}</i>")
    if others:
        listed = join_list([other_reading_text(other, lang, row) for other in others], lang)
        lines.append(line("programs.hover.other_readings", listed, lang))
    lines.extend(extra)
    note = str(row.get("note") or "").strip()
    if note:
        lines.append(line("programs.hover.note", "", lang) + "<br>" + wrap(note, lang))
    return "<br>".join(lines)


def reference_text(reference: str, lang: str) -> str:
    """A reference as words: "end-2021" -> "2021年底" / "end of 2021"; ";per-term" -> "每学期"."""
    parts = [part.strip() for part in str(reference).split(";") if part.strip()]
    words = []
    for part in parts:
        for prefix, key in (
            ("end-", "reference.end"),
            ("mid-", "reference.mid"),
            ("school-year-", "reference.school_year"),
            ("per-", "reference.per"),
        ):
            if part.startswith(prefix):
                rest = part[len(prefix) :]
                if key == "reference.per":
                    rest = (
                        t(f"reference.period.{rest}", lang)
                        if has(f"reference.period.{rest}")
                        else rest
                    )
                words.append(t(key, lang, value=rest))
                break
        else:
            words.append(part)
    return join_list(words, lang)


def basis_and_reference_lines(row: Mapping[str, object], lang: str) -> list[str]:
    """Hover lines naming a reading's basis and the date its quote gives, when it has them."""
    lines = []
    basis = str(row.get("basis") or "")
    if basis:
        name = t(f"basis.{basis}", lang) if has(f"basis.{basis}") else basis
        lines.append(line("reference.hover.basis", escape(name), lang))
    reference = str(row.get("reference") or "")
    if reference:
        lines.append(
            line("reference.hover.reference", escape(reference_text(reference, lang)), lang)
        )
    return lines


def reading_records(frame: pd.DataFrame, extra: Iterable[str] = ()) -> list[dict]:
    """The rows as dicts of what a reading's hover and labels read (READING_COLUMNS, extra
    and `decimals` when present), not of every column the frame carries (quotes, ids...)."""
    columns = [
        column
        for column in dict.fromkeys((*READING_COLUMNS, *extra, *OPTIONAL_COLUMNS))
        if column in frame.columns
    ]
    return records(frame, columns)


def others_by_key(frame: pd.DataFrame, key: Sequence[str]) -> dict[tuple, list[dict]]:
    """Readings that were not chosen, grouped by key, to name them in the chosen one's hover."""
    rejected = frame[~frame["preferred"].astype(bool)]
    grouped: dict[tuple, list[dict]] = {}
    for record in reading_records(rejected, key):
        grouped.setdefault(tuple(str(record[column]) for column in key), []).append(record)
    return grouped


def same_value(first: object, second: object) -> bool:
    """Equal readings, allowing for the float noise of unit conversion (71.43万 = 714,300)."""
    return math.isclose(float(first), float(second), rel_tol=1e-9, abs_tol=1e-9)  # type: ignore[arg-type]


def key_of(row: Mapping[str, object], key: Sequence[str]) -> tuple:
    return tuple(str(row[column]) for column in key)


def bar_style(kind: str, colour_value: str, *, preferred: bool = True) -> dict[str, object]:
    """Marker settings for a bar: solid for outcomes and standards, hatched for the rest.

    Targets are hollow with diagonal hatching, cumulative totals cross-hatched, readings that
    were not chosen hollow with a dotted look, so none of them reads as a yearly outcome.
    """
    if not preferred:
        return {
            "color": HOLLOW_FILL,
            "line": {"color": colour_value, "width": 1.5},
            "pattern": {"shape": ".", "fgcolor": colour_value, "solidity": 0.2},
        }
    if kind in ("target", "plan"):
        return {
            "color": HOLLOW_FILL,
            "line": {"color": colour_value, "width": 2},
            "pattern": {"shape": "/", "fgcolor": colour_value, "solidity": 0.25},
        }
    if kind == "cumulative":
        return {
            "color": "white",
            "line": {"color": colour_value, "width": 1.5},
            "pattern": {"shape": "x", "fgcolor": colour_value, "solidity": 0.35},
        }
    return {"color": colour_value, "line": {"color": colour_value, "width": 0}}


def series_name(label: str, kind: str, lang: str) -> str:
    """A legend entry that says what kind of value it is unless it is a plain outcome."""
    if kind in ("outcome", "standard"):
        return label
    return bracketed(label, t(f"kind.{kind}", lang), lang)


def value_axis(frame: pd.DataFrame, lang: str) -> tuple[float, str]:
    """One divisor for every value (万/亿 or million when large); the title names each unit."""
    return records_axis(frame["value"].tolist(), frame["unit"].tolist(), lang)


def records_axis(values: Sequence[object], units: Sequence[object], lang: str) -> tuple[float, str]:
    """value_axis of readings' values and units given as lists (see reading_records)."""
    distinct = list(dict.fromkeys(str(unit) for unit in units))
    # axis_scale reads only the largest magnitude: hand it that, not every value.
    magnitudes = [abs(float(value)) for value in values]  # type: ignore[arg-type]
    finite = [value for value in magnitudes if not math.isnan(value)]
    largest = [max(finite)] if finite else []
    divisor, _ = axis_scale(largest, distinct[0], lang)
    titles = []
    for unit in distinct:
        unit_divisor, title = axis_scale(largest, unit, lang)
        titles.append(title if unit_divisor == divisor else unit)
    return divisor, " / ".join(dict.fromkeys(titles))


FOOTNOTE_WIDTH = {"zh": 44, "en": 88}  # characters per footnote line (fits a half-width card)
FALLBACK_FONT = {"size": 12, "color": "#664d03"}
FALLBACK_LINE_PX = 17  # a line of the region-wide note, with its padding shared out
SELECTED_YEAR_LABEL = "selected-year"  # the name of a trend chart's "Selected: 2019" label
FALLBACK_WIDTH = {"zh": 22, "en": 44}  # characters per line of the note: fits a phone's chart


def finished(
    spec: dict,
    *,
    lang: str,
    bottom_lines: int,
    footnote: str = "",
    fallback_note: str = "",
) -> DeferredFigure:
    """The figure of a programme chart's {"data": [...], "layout": {...}} dict, with the
    words it carries besides its data, written into the dict (through go.Figure's checks
    each annotation cost ~2 ms) and kept as the dict (DeferredFigure): even unchecked, a
    go.Figure of it cost ~4 ms a chart, and the page sends the dict; an export or a test
    builds the figure when it asks.

    footnote: lines under the plot ("<br>"-separated; e.g. cumulative totals named as such,
    not drawn as years), below the `bottom_lines` lines of ticks and axis title.
    fallback_note: says on the plot that the figures are region-wide, not the selected
    area's: inside the plot's top left, in room made free for it; for horizontal bars on the
    plot's top edge, or as the title of their legend when they have one.
    """
    layout = spec["layout"]
    if footnote:
        _add_footnote(layout, footnote, lang, bottom_lines)
    if fallback_note:
        _add_fallback_note(spec["data"], layout, fallback_note, lang)
    return DeferredFigure(spec)


def _merged(layout: dict, key: str, values: dict) -> None:
    """update_layout(key=values) on a dict: the values join what the key holds."""
    layout[key] = {**(layout.get(key) or {}), **values}


def _add_footnote(layout: dict, text: str, lang: str, bottom_lines: int) -> None:
    # Anchored at the plot's right edge and growing leftwards, so that long category labels
    # on the left never push it out of the figure.
    width = FOOTNOTE_WIDTH[lang if lang in FOOTNOTE_WIDTH else "zh"]
    lines = [wrapped for part in text.split("<br>") for wrapped in wrap_lines(part, width)]
    layout["annotations"] = [
        *(layout.get("annotations") or ()),
        {
            "text": "<br>".join(lines),
            "x": 1,
            "y": 0,
            "xref": "paper",
            "yref": "paper",
            "xanchor": "right",
            "yanchor": "top",
            "yshift": -(14 + 17 * bottom_lines),
            "showarrow": False,
            "align": "left",
            "font": {"size": 11, "color": MUTED_COLOUR},
        },
    ]
    _merged(layout, "margin", {"b": 22 + 17 * bottom_lines + 15 * len(lines)})
    legend = layout.get("legend") or {}
    if legend.get("orientation") == "h" and legend.get("y") is not None and legend["y"] < 0:
        # A legend of many rows under the plot would run over these lines: it moves to the
        # plot's right, where it scrolls when it is taller than the plot.
        _merged(
            layout,
            "legend",
            {"orientation": "v", "x": 1.02, "y": 1, "xanchor": "left", "yanchor": "top"},
        )


def _below_the_note(annotations: list[dict], lines: int) -> None:
    """The selected year's label, hanging right from the top in the axis's first half, would
    be hidden under the region-wide note in the plot's top left: it hangs below the note."""
    for note in annotations:
        if note.get("name") == SELECTED_YEAR_LABEL and note.get("xanchor") == "left":
            note["yshift"] = -(FALLBACK_LINE_PX * lines + 12)


def _add_fallback_note(traces: list[dict], layout: dict, text: str, lang: str) -> None:
    horizontal = any(trace.get("orientation") == "h" for trace in traces)
    # Plotly never wraps an annotation: a line longer than a phone's chart ran past its edge.
    lines = wrap_lines(text, FALLBACK_WIDTH[lang if lang in FALLBACK_WIDTH else "zh"])
    text = "<br>".join(lines)
    if horizontal and layout.get("showlegend"):
        # The legend is above the plot: the note heads it rather than covering it.
        title = (layout.get("legend") or {}).get("title") or {}
        title = {**title, "text": f"<b>{text}</b>", "font": FALLBACK_FONT, "side": "top"}
        _merged(layout, "legend", {"title": title})
        return
    position = (
        {"x": 0, "y": 1, "xanchor": "left", "yanchor": "bottom", "yshift": 2}
        if horizontal
        else {"x": 0.01, "y": 0.99, "xanchor": "left", "yanchor": "top"}
    )
    layout["annotations"] = [
        *(layout.get("annotations") or ()),
        {
            "text": text,
            "xref": "paper",
            "yref": "paper",
            "showarrow": False,
            "align": "left",
            "bgcolor": "#fff3cd",
            "bordercolor": "#ffe69c",
            "borderpad": 4,
            "font": FALLBACK_FONT,
            "name": "region-fallback",
            **position,
        },
    ]
    if not horizontal:
        _below_the_note(layout["annotations"], len(lines))
    value_range = (layout.get("yaxis") or {}).get("range")
    if not horizontal and value_range is not None:
        low, high = value_range
        room = 1.12 + 0.13 * len(lines)  # above the data, for the note's lines (1.25 for one)
        for key in [key for key in layout if re.fullmatch(r"yaxis\d*", key)]:
            _merged(layout, key, {"range": [low, low + (high - low) * room]})
