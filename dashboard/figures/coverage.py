"""What data exists: coverage heatmaps (indicator by year, finest area level) and the rows as
a plain table figure (for image and slide exports of the Data page)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import base_layout, empty_figure, figure_from_dict
from dashboard.i18n import format_number, join_list, t

LEVEL_RANK = {"region": 1, "prefecture": 2, "county": 3}
LEVEL_COLORS = {1: "#9ecae1", 2: "#3182bd", 3: "#08306b"}
COUNT_COLORSCALE = [[0.0, "#c6dbef"], [1.0, "#08519c"]]
GAP_COLOR = "#f2f2f2"  # the plot background: cells without data show it, as gaps
ROW_HEIGHT = 20
LABEL_LIMIT = 34  # characters of an indicator name on the axis; the hover has the full name
COLUMNS = ["indicator", "indicator_name", "year", "area", "area_name", "area_level"]
CELL_COLUMNS = ["indicator", "indicator_name", "year", "rank", "areas", "sub_areas", "rows"]
# The drawn grid is bounded whatever the data: at most this many indicators (those with most
# rows) by this many years (the latest); what is left out is said in words on the chart.
MAX_INDICATORS = 100
MAX_YEARS = 60
HOVER_AREAS = 4  # area names listed in a cell's hover; the rest are counted


def coverage_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator and year with data: rank of the finest level, areas, row count.

    Cells come in the order their first row appears in `frame`; `areas` lists the distinct
    area names of the cell in order of appearance, `sub_areas` counts the distinct prefectures
    and counties. A frame may carry a `rows` column: how many observations each of its rows
    stands for (1 when absent). Counted on integer codes: no Python work per observation.
    """
    if frame.empty:
        return pd.DataFrame(columns=CELL_COLUMNS)
    indicator_codes, indicators = pd.factorize(frame["indicator"], use_na_sentinel=False)
    indicators = np.asarray(indicators, dtype=object)
    year = frame["year"].to_numpy().astype(np.int64)
    level_codes, levels = pd.factorize(frame["area_level"], use_na_sentinel=False)
    rank = np.array([LEVEL_RANK.get(str(level), 1) for level in levels], dtype=np.int64)
    rank = rank[level_codes]
    first_year = int(year.min())
    span = int(year.max()) - first_year + 1
    cell, cell_keys = pd.factorize(indicator_codes.astype(np.int64) * span + (year - first_year))
    count = len(cell_keys)
    weights = frame["rows"].to_numpy() if "rows" in frame else None
    rows = np.bincount(cell, weights=weights, minlength=count).round().astype(np.int64)
    finest = np.ones(count, dtype=np.int64)
    np.maximum.at(finest, cell, rank)
    first_row = np.unique(cell, return_index=True)[1]  # cell ids are 0..count-1
    name_codes, names = pd.factorize(frame["area_name"], use_na_sentinel=False)
    area_names = _distinct_per_cell(cell, name_codes, count)
    area_codes, _ = pd.factorize(frame["area"], use_na_sentinel=False)
    below_region = rank > 1
    width = int(area_codes.max()) + 1
    sub_pairs = pd.unique(cell[below_region].astype(np.int64) * width + area_codes[below_region])
    sub_areas = np.bincount(sub_pairs // width, minlength=count)
    name_values = np.asarray(names, dtype=object)
    cell_indicator = cell_keys // span
    return pd.DataFrame(
        {
            "indicator": [str(indicators[code]) for code in cell_indicator],
            "indicator_name": [str(name) for name in frame["indicator_name"].iloc[first_row]],
            "year": (cell_keys % span + first_year).astype(int),
            "rank": finest.astype(int),
            "areas": [tuple(name_values[codes]) for codes in area_names],
            "sub_areas": sub_areas.astype(int),
            "rows": rows.astype(int),
        },
        columns=CELL_COLUMNS,
    )


def _distinct_per_cell(cell: np.ndarray, codes: np.ndarray, count: int) -> list[np.ndarray]:
    """For each cell id 0..count-1, its distinct codes in order of first appearance."""
    width = int(codes.max()) + 1
    pairs = pd.unique(cell.astype(np.int64) * width + codes)  # first appearances, in order
    pair_cell = pairs // width
    order = np.argsort(pair_cell, kind="stable")
    bounds = np.searchsorted(pair_cell[order], np.arange(count + 1))
    values = (pairs % width)[order]
    return [values[bounds[i] : bounds[i + 1]] for i in range(count)]


def coverage_heatmap(
    frame: pd.DataFrame,
    *,
    lang: str,
    mode: Literal["level", "count"] = "level",
    cells: pd.DataFrame | None = None,
) -> go.Figure:
    """Indicators down, every year of the span across; a cell is drawn only where data exists.

    `frame` has one row per observation: indicator, indicator_name, year, area, area_name,
    area_level (rows in the order the indicators should be listed). mode "level" colours a cell
    by the finest area level with data; mode "count" by the number of prefectures and counties
    with data, written in the cell. At most MAX_INDICATORS rows (those with most observations)
    by MAX_YEARS columns (the latest years) are drawn; the chart says what is left out.
    `cells` may pass coverage_cells(frame) when the caller has it already.
    """
    if cells is None:
        cells = coverage_cells(frame)
    if mode == "count":
        cells = cells[cells["sub_areas"] > 0]
    if cells.empty:
        return empty_figure(t("chart.empty", lang), lang, height=220)
    indicators, years, note = drawn_grid(cells, lang)
    names = dict(zip(cells["indicator"], cells["indicator_name"], strict=False))
    shown = cells[cells["indicator"].isin(indicators) & (cells["year"] >= years[0])]
    row_of = {indicator: position for position, indicator in enumerate(indicators)}
    z = np.full((len(indicators), len(years)), np.nan)
    text = np.full(z.shape, "", dtype=object)
    hover = np.full(z.shape, "", dtype=object)
    levels = {rank: t(f"coverage.level.{_level_name(rank)}", lang) for rank in (1, 2, 3)}
    for cell in shown.itertuples(index=False):
        row, column = row_of[cell.indicator], int(cell.year) - years[0]
        z[row, column] = cell.sub_areas if mode == "count" else cell.rank
        if mode == "count":
            text[row, column] = format_number(cell.sub_areas, lang)
        hover[row, column] = "<br>".join(
            [
                f"<b>{html.escape(cell.indicator_name)}</b>",
                f"{cell.year} · {levels[cell.rank]}",
                html.escape(t("coverage.hover_areas", lang, areas=_area_list(cell.areas, lang))),
                t("coverage.hover_rows", lang, count=cell.rows),
            ]
        )
    trace: dict = {
        "type": "heatmap",
        "z": z,
        "x": years,
        # A row per indicator, named by a label no other row has: two names alike in their
        # first LABEL_LIMIT characters were one category, their cells drawn in one row.
        "y": axis_labels([names[indicator] for indicator in indicators]),
        "customdata": np.array(
            [[indicator] * len(years) for indicator in indicators], dtype=object
        ),
        "hovertext": hover,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "xgap": 1,
        "ygap": 1,
        "hoverongaps": False,
    }
    if mode == "count":
        trace.update(
            colorscale=COUNT_COLORSCALE,
            zmin=0.5,
            zmax=max(float(np.nanmax(z)), 1.0),
            text=text,
            texttemplate="%{text}",
            showscale=False,
        )
    else:
        trace.update(_level_scale(lang))
    layout = base_layout(
        height=max(220, 90 + ROW_HEIGHT * len(indicators) + (24 if note else 0)),
        margin={"l": 10, "r": 10, "t": 10, "b": 64 if note else 40},
        plot_bgcolor=GAP_COLOR,
        xaxis={"side": "top", "dtick": 5 if len(years) > 12 else 1, "showgrid": False},
        yaxis={
            "type": "category",  # a name such as "2019" is a name, not a number
            "autorange": "reversed",
            "automargin": True,
            "showgrid": False,
        },
    )
    if note:
        layout["annotations"] = [_note(note, y=0, yanchor="top", yshift=-8)]
    # Built as a dict (no validation of every hover text); tests validate the same dict.
    return figure_from_dict({"data": [trace], "layout": layout})


def _note(text: str, *, y: float, yanchor: str, yshift: int) -> dict:
    """A line of plain text on the figure, left-aligned: what the figure leaves out."""
    return {
        "text": html.escape(text),
        "x": 0,
        "xref": "paper",
        "xanchor": "left",
        "y": y,
        "yref": "paper",
        "yanchor": yanchor,
        "yshift": yshift,
        "showarrow": False,
        "align": "left",
        "font": {"size": 12},
    }


def drawn_grid(cells: pd.DataFrame, lang: str) -> tuple[list[str], list[int], str]:
    """(indicators, years, note): the rows and columns the heatmap draws, and in words what
    it leaves out ("" when nothing). Indicators keep their order of appearance; when there are
    more than MAX_INDICATORS, those with most observations are drawn. Years are the span of
    the cells, cut to its latest MAX_YEARS."""
    indicators = list(dict.fromkeys(cells["indicator"]))
    notes = []
    if len(indicators) > MAX_INDICATORS:
        totals = cells.groupby("indicator", sort=False)["rows"].sum()
        kept = set(totals.sort_values(ascending=False, kind="stable").index[:MAX_INDICATORS])
        hidden = len(indicators) - MAX_INDICATORS
        indicators = [indicator for indicator in indicators if indicator in kept]
        notes.append(
            t(
                "coverage.more_indicators",
                lang,
                count=format_number(hidden, lang),
                shown=format_number(MAX_INDICATORS, lang),
            )
        )
    first, last = int(cells["year"].min()), int(cells["year"].max())
    start = max(first, last - MAX_YEARS + 1)
    if start > first:
        notes.append(t("coverage.earlier_years", lang, start=start, first=first))
    return indicators, list(range(start, last + 1)), ("" if lang == "zh" else " ").join(notes)


def _area_list(areas: Sequence[str], lang: str) -> str:
    """The first HOVER_AREAS names, then how many more ("拉萨市、日喀则市等12个地区")."""
    if len(areas) <= HOVER_AREAS:
        return join_list(areas, lang)
    return t(
        "coverage.areas_more",
        lang,
        areas=join_list(areas[:HOVER_AREAS], lang),
        count=format_number(len(areas), lang),
        more=format_number(len(areas) - HOVER_AREAS, lang),
    )


def _level_name(rank: int) -> str:
    return {1: "region", 2: "prefecture", 3: "county"}[rank]


def _level_scale(lang: str) -> dict:
    """A discrete colour per level, with a colour bar naming the levels."""
    stops = []
    for rank in (1, 2, 3):
        low, high = (rank - 1) / 3, rank / 3
        stops += [[low, LEVEL_COLORS[rank]], [high, LEVEL_COLORS[rank]]]
    return {
        "colorscale": stops,
        "zmin": 0.5,
        "zmax": 3.5,
        "colorbar": {
            "tickvals": [1, 2, 3],
            "ticktext": [t(f"coverage.level.{_level_name(rank)}", lang) for rank in (1, 2, 3)],
            "thickness": 12,
            "lenmode": "pixels",
            "len": 180,
            "yanchor": "top",
            "y": 1,
        },
    }


def _short(name: str) -> str:
    return name if len(name) <= LABEL_LIMIT else name[: LABEL_LIMIT - 1] + "…"


def axis_labels(names: list[str]) -> list[str]:
    """Each name shortened to LABEL_LIMIT characters; names that would read alike keep their
    ends instead ("Population … (cumulative)"), and a label still alike is numbered: no two
    rows carry the same label (the axis's categories)."""
    labels = [_short(name) for name in names]
    alike = {label for label in labels if labels.count(label) > 1}
    labels = [
        _ends(name) if label in alike and len(name) > LABEL_LIMIT else label
        for name, label in zip(names, labels, strict=True)
    ]
    seen: dict[str, int] = {}
    unique = []
    for label in labels:  # still alike (the same name twice): numbered
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique


def _ends(name: str) -> str:
    """The name's start and end around "…", cut between words where it has spaces."""
    tail = LABEL_LIMIT // 2
    head, end = name[: LABEL_LIMIT - tail - 1], name[-tail:]
    if " " in name:
        head = head if name[len(head)] == " " else head.rsplit(" ", 1)[0]
        end = end if name[-tail - 1] == " " or " " not in end else end.split(" ", 1)[1]
        return f"{head.rstrip()} … {end.lstrip()}"
    return f"{head}…{end}"


def coverage_summary(frame: pd.DataFrame, lang: str, *, cells: pd.DataFrame | None = None) -> str:
    """The chart in words, for screen readers and exports (`cells` as for coverage_heatmap)."""
    if cells is None:
        cells = coverage_cells(frame)
    if cells.empty:
        return t("summary.empty", lang, title=t("coverage.title", lang))
    summary = t(
        "coverage.summary",
        lang,
        indicators=cells["indicator"].nunique(),
        start=int(cells["year"].min()),
        end=int(cells["year"].max()),
        cells=len(cells),
        area_cells=int((cells["sub_areas"] > 0).sum()),
    )
    note = drawn_grid(cells, lang)[2]
    return f"{summary}{'' if lang == 'zh' else ' '}{note}" if note else summary


TABLE_COLUMNS = [
    ("indicator_name", "data.col.indicator"),
    ("area_name", "data.col.area"),
    ("year", "data.col.year"),
    ("breakdown", "data.col.breakdown"),
    ("value_text", "data.col.value"),
    ("kind", "data.col.kind"),
    ("source_name", "data.col.source"),
    ("source_date", "data.col.date"),
    ("preferred_text", "data.col.preferred"),
]
TABLE_WIDTHS = [3, 1.4, 0.8, 1.6, 1.6, 1, 2, 1.2, 0.8]


def observations_table(table: pd.DataFrame, *, lang: str, note: str = "") -> go.Figure:
    """The Data page's displayed rows as a table figure (`table` has its display columns);
    `note` says in words what the figure leaves out (rows beyond the first N)."""
    columns = [(t(key, lang), table[column].astype(str).tolist()) for column, key in TABLE_COLUMNS]
    return plain_table(columns, widths=TABLE_WIDTHS, lang=lang, note=note)


def plain_table(
    columns: Sequence[tuple[str, Sequence[str]]],
    *,
    widths: Sequence[float],
    lang: str,
    note: str = "",
) -> go.Figure:
    """Columns of plain text (escaped: data never becomes markup) as a Plotly table figure,
    with `note` (plain text) written above the table when given."""
    if not columns or not len(columns[0][1]):
        return empty_figure(t("chart.empty", lang), lang, height=220)
    table = {
        "type": "table",
        "header": {
            "values": [f"<b>{html.escape(header)}</b>" for header, _ in columns],
            "align": "left",
            "fill": {"color": "#e9ecef"},
        },
        "cells": {
            "values": [[html.escape(str(v)) for v in values] for _, values in columns],
            "align": "left",
        },
        "columnwidth": list(widths),
    }
    layout = base_layout(
        height=min(1200, 80 + 26 * len(columns[0][1]) + (28 if note else 0)),
        margin={"l": 4, "r": 4, "t": 32 if note else 4, "b": 4},
    )
    if note:
        layout["annotations"] = [_note(note, y=1, yanchor="bottom", yshift=4)]
    return figure_from_dict({"data": [table], "layout": layout})
