"""What data exists: coverage heatmaps (indicator by year, finest area level) and the rows as
a plain table figure (for image and slide exports of the Data page)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import empty_figure, new_figure
from dashboard.i18n import format_number, join_list, t

LEVEL_RANK = {"region": 1, "prefecture": 2, "county": 3}
LEVEL_COLORS = {1: "#9ecae1", 2: "#3182bd", 3: "#08306b"}
COUNT_COLORSCALE = [[0.0, "#c6dbef"], [1.0, "#08519c"]]
GAP_COLOR = "#f2f2f2"  # the plot background: cells without data show it, as gaps
ROW_HEIGHT = 20
LABEL_LIMIT = 34  # characters of an indicator name on the axis; the hover has the full name
COLUMNS = ["indicator", "indicator_name", "year", "area", "area_name", "area_level"]


def coverage_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator and year with data: rank of the finest level, areas, row count."""
    cells: dict[tuple[str, int], dict] = {}
    for indicator, name, year, area, area_name, level in frame.loc[:, COLUMNS].itertuples(
        index=False
    ):
        cell = cells.setdefault(
            (str(indicator), int(year)),
            {"indicator_name": name, "rank": 1, "areas": {}, "sub_areas": set(), "rows": 0},
        )
        rank = LEVEL_RANK.get(str(level), 1)
        cell["rank"] = max(cell["rank"], rank)
        cell["areas"][area_name] = None
        if rank > 1:
            cell["sub_areas"].add(area)
        cell["rows"] += 1
    records = [
        {
            "indicator": indicator,
            "indicator_name": cell["indicator_name"],
            "year": year,
            "rank": cell["rank"],
            "areas": tuple(cell["areas"]),
            "sub_areas": len(cell["sub_areas"]),
            "rows": cell["rows"],
        }
        for (indicator, year), cell in cells.items()
    ]
    columns = ["indicator", "indicator_name", "year", "rank", "areas", "sub_areas", "rows"]
    return pd.DataFrame.from_records(records, columns=columns)


def coverage_heatmap(
    frame: pd.DataFrame, *, lang: str, mode: Literal["level", "count"] = "level"
) -> go.Figure:
    """Indicators down, every year of the span across; a cell is drawn only where data exists.

    `frame` has one row per observation: indicator, indicator_name, year, area, area_name,
    area_level (rows in the order the indicators should be listed). mode "level" colours a cell
    by the finest area level with data; mode "count" by the number of prefectures and counties
    with data, written in the cell.
    """
    cells = coverage_cells(frame)
    if mode == "count":
        cells = cells[cells["sub_areas"] > 0]
    if cells.empty:
        return empty_figure(t("chart.empty", lang), lang, height=220)
    indicators = list(dict.fromkeys(cells["indicator"]))
    names = dict(zip(cells["indicator"], cells["indicator_name"], strict=False))
    years = list(range(int(cells["year"].min()), int(cells["year"].max()) + 1))
    row_of = {indicator: position for position, indicator in enumerate(indicators)}
    column_of = {year: position for position, year in enumerate(years)}
    z = np.full((len(indicators), len(years)), np.nan)
    text = np.full(z.shape, "", dtype=object)
    hover = np.full(z.shape, "", dtype=object)
    for cell in cells.itertuples(index=False):
        row, column = row_of[cell.indicator], column_of[int(cell.year)]
        z[row, column] = cell.sub_areas if mode == "count" else cell.rank
        if mode == "count":
            text[row, column] = format_number(cell.sub_areas, lang)
        level = t(f"coverage.level.{_level_name(cell.rank)}", lang)
        hover[row, column] = "<br>".join(
            [
                f"<b>{html.escape(cell.indicator_name)}</b>",
                f"{cell.year} · {level}",
                html.escape(t("coverage.hover_areas", lang, areas=join_list(cell.areas, lang))),
                t("coverage.hover_rows", lang, count=cell.rows),
            ]
        )
    labels = [_short(names[indicator]) for indicator in indicators]
    trace = go.Heatmap(
        z=z,
        x=years,
        y=labels,
        customdata=np.array([[indicator] * len(years) for indicator in indicators], dtype=object),
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        xgap=1,
        ygap=1,
        hoverongaps=False,
    )
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
        trace.update(**_level_scale(lang))
    figure = new_figure(height=max(220, 90 + ROW_HEIGHT * len(indicators)))
    figure.add_trace(trace)
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        plot_bgcolor=GAP_COLOR,
        xaxis={"side": "top", "dtick": 5 if len(years) > 12 else 1, "showgrid": False},
        yaxis={"autorange": "reversed", "automargin": True, "showgrid": False},
    )
    return figure


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


def coverage_summary(frame: pd.DataFrame, lang: str) -> str:
    """The chart in words, for screen readers and exports."""
    cells = coverage_cells(frame)
    if cells.empty:
        return t("summary.empty", lang, title=t("coverage.title", lang))
    return t(
        "coverage.summary",
        lang,
        indicators=cells["indicator"].nunique(),
        start=int(cells["year"].min()),
        end=int(cells["year"].max()),
        cells=len(cells),
        area_cells=int((cells["sub_areas"] > 0).sum()),
    )


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


def observations_table(table: pd.DataFrame, *, lang: str) -> go.Figure:
    """The Data page's displayed rows as a table figure (`table` has its display columns)."""
    columns = [(t(key, lang), table[column].astype(str).tolist()) for column, key in TABLE_COLUMNS]
    return plain_table(columns, widths=TABLE_WIDTHS, lang=lang)


def plain_table(
    columns: Sequence[tuple[str, Sequence[str]]], *, widths: Sequence[float], lang: str
) -> go.Figure:
    """Columns of plain text (escaped: data never becomes markup) as a Plotly table figure."""
    if not columns or not len(columns[0][1]):
        return empty_figure(t("chart.empty", lang), lang, height=220)
    figure = new_figure(height=min(1200, 80 + 26 * len(columns[0][1])))
    figure.add_trace(
        go.Table(
            header={
                "values": [f"<b>{html.escape(header)}</b>" for header, _ in columns],
                "align": "left",
                "fill": {"color": "#e9ecef"},
            },
            cells={
                "values": [[html.escape(str(v)) for v in values] for _, values in columns],
                "align": "left",
            },
            columnwidth=list(widths),
        )
    )
    figure.update_layout(margin={"l": 4, "r": 4, "t": 4, "b": 4})
    return figure
