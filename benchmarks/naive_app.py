"""The one-file baseline for the browser: a Dash app over the same rows, written the obvious way.

Issue 14 compares what a person waits for with "a naive one-file Dash app over the same
rows". This is that app, as an analyst would write a first version of the overview and the
map: the Parquet file read into pandas once, stock `dcc.Dropdown` filters (with the
dashboard's ids, so the browser bench changes them the same way), and one callback per view
that masks the whole table, builds every chart with plotly.express and sends it whole
(boundaries inline in the map, every chart drawn at once, none deferred). It shows what the
dashboard's first screen shows for those pages: for the overview, each indicator's reading
for the chosen areas and year in a card, and a trend chart per programme; for the map, an
indicator by county and the indicator-by-year coverage. No caching, no clientside code.
One thing is not naive: the map's first trace is the region's outline, as in the dashboard
(figures/choropleth.py), so that plotly.js draws it without fetching a world map from its
CDN; the bench has no network beyond this machine, and a map that never draws would not be
a baseline.

(benchmarks/naive.py is the other baseline: the dashboard itself over a naive data layer,
for the server's speed-up; its front end is the dashboard's.)

    python -m benchmarks.naive_app serve --data FILE --port N
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pyarrow.parquet as pq
from dash import Dash, Input, Output, dcc, html

MAPS = Path(__file__).resolve().parents[1] / "assets" / "maps"
REGION = "540000"
PAGES = ("/", "/map")  # the pages the bench times in the browser at 1M rows
TREND_CHARTS = 6  # the overview's trend grids
CARD_PROGRAMMES = 14  # the programmes of the real catalogue (generated ones come after)


def build_app(path: Path) -> Dash:
    frame = pd.read_parquet(path)
    frame = frame[frame["preferred"] & (frame["dimension"].astype(str) == "")]
    catalogue = json.loads(pq.read_schema(path).metadata[b"dashboard.catalogue"])
    names = {row["indicator"]: row["name_zh"] for row in catalogue["indicators"]}
    units = {row["indicator"]: row["unit"] for row in catalogue["indicators"]}
    programmes = [row["program"] for row in catalogue["programs"]]
    areas = {row["area"]: row for row in catalogue["areas"]}
    counties = json.loads((MAPS / "tibet_counties.geojson").read_text(encoding="utf-8"))
    region = json.loads((MAPS / "tibet_region.geojson").read_text(encoding="utf-8"))
    ring = region["features"][0]["geometry"]["coordinates"][0][0]
    outline = go.Scattergeo(
        lon=[x for x, _ in ring], lat=[y for _, y in ring], mode="lines", showlegend=False
    )
    years = sorted(int(year) for year in frame["year"].unique())

    app = Dash(__name__)
    app.layout = html.Div(
        className="shell",
        children=[
            dcc.Location(id="url"),
            dcc.Dropdown(
                id="filter-area",
                multi=True,
                value=[REGION],
                options=[{"label": row["name_zh"], "value": code} for code, row in areas.items()],
            ),
            dcc.Dropdown(
                id="filter-year",
                value="latest",
                options=[{"label": "最新", "value": "latest"}]
                + [{"label": str(year), "value": year} for year in years],
            ),
            html.Div(id="page"),
        ],
    )

    def chosen(area_codes, year):
        codes = set(area_codes or [REGION])
        rows = frame[frame["area"].isin(codes)]
        if year not in (None, "latest"):
            rows = rows[rows["year"] == int(year)]
        return rows

    def overview(area_codes, year):
        rows = chosen(area_codes, year)
        latest = rows.sort_values("year").groupby("indicator", observed=True).tail(1)
        cards = [
            html.Div(
                [
                    html.Div(names.get(row.indicator, row.indicator)),
                    html.Strong(f"{row.value:,.0f} {units.get(row.indicator, '')}"),
                    html.Div(str(row.year)),
                ],
                style={"display": "inline-block", "width": "220px", "margin": "4px"},
            )
            for row in latest.itertuples()
            if row.program in programmes[:CARD_PROGRAMMES]
        ]
        history = chosen(area_codes, None)
        charts = []
        for programme in programmes[:TREND_CHARTS]:
            lines = history[history["program"] == programme]
            lines = lines.groupby(["indicator", "year"], observed=True)["value"].sum()
            lines = lines.reset_index()
            lines["name"] = lines["indicator"].map(names)
            charts.append(dcc.Graph(figure=px.line(lines, x="year", y="value", color="name")))
        return [html.H1("总览"), html.Div(cards), *charts]

    def map_view(area_codes, year):
        if year in (None, "latest"):
            year = years[-1]
        rows = frame[(frame["area_level"] == "county") & (frame["year"] == int(year))]
        codes = set(area_codes or [REGION])
        if REGION not in codes:
            rows = rows[rows["area"].isin(codes) | rows["prefecture"].isin(codes)]
        indicator = rows["indicator"].value_counts().index[0] if len(rows) else None
        shown = rows[rows["indicator"] == indicator]
        figure = px.choropleth(
            shown, geojson=counties, locations="area", color="value", featureidkey="id"
        )
        figure.add_trace(outline)  # first, so that plotly.js fetches no world map (offline)
        figure.data = (figure.data[-1], *figure.data[:-1])
        figure.update_geos(fitbounds="locations", visible=False)
        counts = (
            frame[frame["area_level"] != "region"]
            .groupby(["indicator", "year"], observed=True)["area"]
            .nunique()
        )
        coverage = counts.unstack("year").rename(index=names)
        return [
            html.H1(f"地图：{names.get(indicator, indicator)}，{year}年"),
            dcc.Graph(figure=figure),
            dcc.Graph(figure=px.imshow(coverage, text_auto=True, aspect="auto", height=1800)),
        ]

    @app.callback(
        Output("page", "children"),
        Input("url", "pathname"),
        Input("filter-area", "value"),
        Input("filter-year", "value"),
    )
    def page(pathname, area_codes, year):
        if pathname == "/map":
            return map_view(area_codes, year)
        return overview(area_codes, year)

    return app


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.naive_app")
    parser.add_argument("command", choices=["serve"])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8060)
    arguments = parser.parse_args(argv)
    build_app(arguments.data).run(host=arguments.host, port=arguments.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
