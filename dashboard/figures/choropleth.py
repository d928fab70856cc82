"""Choropleth maps of Tibet drawn as SVG on plotly's "geo" subplot: no tiles, no network.

The areas are `go.Choropleth` traces over the committed boundary files, lines and names
`go.Scattergeo`, on a Mercator projection whose longitude and latitude ranges are the
region's box: plotly.js fits that box to the graph at whatever size it is drawn, on a
phone as on a projector. The base map's own layers are off (`visible: False`), so plotly.js
never fetches its world topojson from the CDN, with one condition: it decides that from the
*first* trace of the subplot alone (plotly.js 4.1, `geo.plot`: a choropleth's
`locationmode` "geojson-id" would trigger the fetch), so the first trace is always the
prefectures' outline, a Scattergeo (a browser test records every request).

Until December 2026 maps were `go.Choroplethmap` on a blank MapLibre style: MapLibre draws
in WebGL, which a machine without a GPU does in software, ~0.9 s a draw here against
~60 ms for the same figure in SVG (benchmarks/PROPOSALS.md, sixth session).
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import NARROW_GRAPH_PX, OKABE_ITO, base_layout, figure_from_dict
from dashboard.i18n import t

NO_DATA_FILL = "#d9d9d9"
HATCH_COLOR = "#9a9a9a"
OUTLINE_COLOR = "#3c3c3c"
LABEL_COLOR = "#1f1f1f"
SELECTED_COLOR = "#d95f02"  # the areas of the area filter
# Sequential, colour-blind safe, and darkest where the value is highest; it starts well
# above white so that a coloured area never looks like the grey "no data" fill.
COLORSCALE = [
    [0.0, "#c6dbef"],
    [0.25, "#9ecae1"],
    [0.5, "#6baed6"],
    [0.75, "#3182bd"],
    [1.0, "#08519c"],
]
HATCH_SPACING = 0.3  # degrees between the diagonal lines drawn over areas without data
MAX_COUNTY_LABELS = 20  # more county names than this on one map are unreadable: hover names them
MAP_HEIGHT = 540
# On a phone the region (about twice as wide as high) fills the width in ~180 px: a shorter
# graph, with the legend above or below, spares the reader a screen of white.
NARROW_MAP_HEIGHT = 330
BOX_MARGIN = 0.02  # of the region's box, added on each side: air between the areas and the edge
# Below NARROW_GRAPH_PX (phones) the colour bar lies under the map and the legend above or
# below it, so that neither covers an area (assets/map_fit.js applies it).

Point = tuple[float, float]
Ring = list[Point]


@dataclass(frozen=True)
class MapShape:
    """One area's outline and where its name is written."""

    code: str
    level: str
    parent: str
    name_zh: str
    name_en: str
    rings: tuple[Ring, ...]  # every ring of every polygon (exteriors and holes)
    exteriors: tuple[Ring, ...]
    label_point: Point

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class MapGeometry:
    """The boundary files, indexed by area code, with label points and hatching precomputed."""

    features: Mapping[str, dict]  # code -> GeoJSON feature
    shapes: Mapping[str, MapShape]
    hatching: Mapping[str, tuple[tuple[Point, Point], ...]]
    bounds: tuple[float, float, float, float]  # west, south, east, north

    @classmethod
    def from_geojson(
        cls, *collections: Mapping, hatch_spacing: float = HATCH_SPACING
    ) -> MapGeometry:
        features: dict[str, dict] = {}
        shapes: dict[str, MapShape] = {}
        for collection in collections:
            for feature in collection["features"]:
                code = str(feature["id"])
                features[code] = feature
                shapes[code] = _shape(code, feature)
        if not shapes:
            raise ValueError("no map features: the boundary files are empty")
        hatching = {
            code: tuple(_hatch(shape.rings, hatch_spacing)) for code, shape in shapes.items()
        }
        west, south, east, north = _bounds(ring for s in shapes.values() for ring in s.exteriors)
        return cls(
            features=features,
            shapes=shapes,
            hatching=hatching,
            bounds=(west, south, east, north),
        )

    def codes(self, level: str) -> list[str]:
        return [code for code, shape in self.shapes.items() if shape.level == level]

    def collection(self, codes: Iterable[str]) -> dict:
        return {"type": "FeatureCollection", "features": [self.features[c] for c in codes]}


def _shape(code: str, feature: Mapping) -> MapShape:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    elif geometry["type"] != "MultiPolygon":
        raise ValueError(f"map feature {code}: expected a (Multi)Polygon, got {geometry['type']}")
    rings = tuple(
        [(float(x), float(y)) for x, y in ring] for polygon in polygons for ring in polygon
    )
    exteriors = tuple([(float(x), float(y)) for x, y in polygon[0]] for polygon in polygons)
    properties = feature.get("properties", {})
    return MapShape(
        code=code,
        level=str(properties.get("level", "")),
        parent=str(properties.get("parent", "")),
        name_zh=str(properties.get("name_zh", code)),
        name_en=str(properties.get("name_en", code)),
        rings=rings,
        exteriors=exteriors,
        label_point=_label_point(exteriors),
    )


def _bounds(rings: Iterable[Ring]) -> tuple[float, float, float, float]:
    points = np.array([point for ring in rings for point in ring])
    return (
        float(points[:, 0].min()),
        float(points[:, 1].min()),
        float(points[:, 0].max()),
        float(points[:, 1].max()),
    )


def _ring_area_centroid(ring: Ring) -> tuple[float, Point]:
    points = np.asarray(ring)
    x, y = points[:, 0], points[:, 1]
    x_next, y_next = np.roll(x, -1), np.roll(y, -1)
    cross = x * y_next - x_next * y
    area = cross.sum() / 2
    if abs(area) < 1e-12:
        return 0.0, (float(x.mean()), float(y.mean()))
    cx = ((x + x_next) * cross).sum() / (6 * area)
    cy = ((y + y_next) * cross).sum() / (6 * area)
    return abs(float(area)), (float(cx), float(cy))


def _inside(point: Point, ring: Ring) -> bool:
    x, y = point
    points = np.asarray(ring)
    x1, y1 = points[:, 0], points[:, 1]
    x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
    crosses = (y1 > y) != (y2 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
    return bool(np.count_nonzero(crosses & (x < x_cross)) % 2)


def _label_point(exteriors: Sequence[Ring]) -> Point:
    """Inside the largest polygon: its centroid, or else the middle of its widest chord there."""
    area, centroid, ring = max(
        ((*_ring_area_centroid(ring), ring) for ring in exteriors), key=lambda item: item[0]
    )
    if _inside(centroid, ring):
        return centroid
    segments = _chords(ring, centroid[1])
    if not segments:
        return centroid
    left, right = max(segments, key=lambda segment: segment[1] - segment[0])
    return ((left + right) / 2, centroid[1])


def _chords(ring: Ring, latitude: float) -> list[tuple[float, float]]:
    """The stretches of the horizontal line at `latitude` that lie inside the ring."""
    points = np.asarray(ring)
    x1, y1 = points[:, 0], points[:, 1]
    x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
    crosses = (y1 > latitude) != (y2 > latitude)
    xs = np.sort(x1[crosses] + (latitude - y1[crosses]) * (x2 - x1)[crosses] / (y2 - y1)[crosses])
    return [(float(xs[i]), float(xs[i + 1])) for i in range(0, len(xs) - 1, 2)]


def _hatch(rings: Sequence[Ring], spacing: float) -> list[tuple[Point, Point]]:
    """Diagonal line segments (x - y = c) inside the shape, by the even-odd rule."""
    starts = np.concatenate([np.asarray(ring) for ring in rings])
    ends = np.concatenate([np.roll(np.asarray(ring), -1, axis=0) for ring in rings])
    d_start = starts[:, 0] - starts[:, 1]
    d_end = ends[:, 0] - ends[:, 1]
    low, high = np.minimum(d_start, d_end), np.maximum(d_start, d_end)
    first = math.ceil(low.min() / spacing) * spacing
    segments: list[tuple[Point, Point]] = []
    for offset in np.arange(first, high.max(), spacing):
        hits = (low <= offset) & (offset < high) & (d_start != d_end)
        if not hits.any():
            continue
        fraction = (offset - d_start[hits]) / (d_end[hits] - d_start[hits])
        crossing = starts[hits] + fraction[:, None] * (ends[hits] - starts[hits])
        crossing = crossing[np.argsort(crossing[:, 0])]
        for i in range(0, len(crossing) - 1, 2):
            a, b = crossing[i], crossing[i + 1]
            segments.append(((float(a[0]), float(a[1])), (float(b[0]), float(b[1]))))
    return segments


# ---------------------------------------------------------------- the figure


def choropleth_map(
    frame: pd.DataFrame,
    *,
    geometry: MapGeometry,
    lang: str,
    colorbar_title: str,
    empty_message: str | None = None,
    selected: Sequence[str] = (),
    year_text: str = "",
    all_counties: bool = False,
    categorical: bool = False,
) -> go.Figure:
    """Areas coloured by value; areas without a value grey and hatched, never coloured as zero.

    `frame` has one row per area that the selection says something about: area (code),
    value (NaN when there is nothing to colour, e.g. only a breakdown exists) and the hover
    lines already in the user's language: value_text, detail, source_label, year_text.
    Every prefecture is drawn, outlined and labelled; a county only when it has a row.
    Each area's code is its location and its customdata, so a click names the area.
    The `selected` areas (the area filter) are outlined in a stronger colour; `year_text`
    is named in the hover of areas without any row.

    all_counties: draw every county, grey and hatched where there is no row (a county layer
    whose gaps show), instead of the prefectures' fills. categorical: one colour per distinct
    value with a legend entry each (batch years), instead of a sequential scale; with more
    distinct values than colours (two values would share one) the sequential scale is used.
    """
    rows = _known_rows(frame, geometry)
    coloured = rows[rows["value"].notna()]
    categorical = categorical and coloured["value"].nunique() <= len(OKABE_ITO)
    has_colour = set(coloured["area"])
    prefectures = geometry.codes("prefecture")
    uncoloured_prefectures = (
        [] if all_counties else [code for code in prefectures if code not in has_colour]
    )
    county_rows = rows[rows["level"] == "county"]
    counties = geometry.codes("county") if all_counties else county_rows["area"].tolist()
    uncoloured_counties = [code for code in counties if code not in has_colour]

    # plotly.js draws a geo subplot's areas (choropleth) under its lines and names
    # (scattergeo), each kind in `data` order. The first trace must be a scattergeo: it tells
    # plotly.js not to fetch a base map (see above). So: hatching, names; then the areas,
    # the prefectures' outlines and the selected areas' over them.
    hatched = uncoloured_prefectures + uncoloured_counties
    lines: list[dict] = []
    if hatched:
        # Only a county with a reading inside a grey prefecture lies over hatching.
        grey = set(uncoloured_prefectures)
        inside = [code for code in has_colour if geometry.shapes[code].parent in grey]
        lines.append(_hatch_trace(hatched, geometry, uncovered_by=inside))
    lines.append(_label_trace(prefectures, geometry, lang, size=13))
    if not county_rows.empty and len(county_rows) <= MAX_COUNTY_LABELS:
        lines.append(_label_trace(county_rows["area"].tolist(), geometry, lang, size=11))
    areas: list[dict] = []
    no_data = t("map.no_data", lang)
    for codes, show_legend in ((uncoloured_prefectures, True), (uncoloured_counties, False)):
        if codes:
            areas.append(
                _grey_trace(
                    codes,
                    rows,
                    geometry,
                    lang,
                    no_data=no_data,
                    year_text=year_text,
                    show_legend=show_legend,
                )
            )
    if categorical:
        areas += _category_traces(coloured, geometry, lang)
    else:
        for level in ("prefecture", "county"):
            level_rows = coloured[coloured["level"] == level]
            if not level_rows.empty:
                areas.append(_value_trace(level_rows, geometry, lang, level=level))
    areas.append(_outline_trace(prefectures, geometry))
    highlighted = [code for code in selected if code in geometry.shapes]
    if highlighted:
        areas.append(
            _outline_trace(highlighted, geometry, color=SELECTED_COLOR, width=3, name="selected")
        )
    traces = lines + areas
    has_scale = not categorical and not coloured.empty
    wide, narrow = _placements(legend_on_top=has_scale)
    # Traces and layout as dicts, the figure made once without re-validating them:
    # validating and copying each trace's boundaries (add_trace) took most of a map's build
    # time, and update_layout calls a third of what was left.
    layout = base_layout(
        height=MAP_HEIGHT,
        geo=geo_layout(geometry.bounds),
        coloraxis=_color_axis(pd.DataFrame() if categorical else coloured, colorbar_title),
        margin={"l": 0, "r": 0, "t": 40 if empty_message else 8, "b": 0},
        showlegend=bool(hatched) or (categorical and not coloured.empty),
        clickmode="event",
        # On a narrow graph (a phone) assets/map_fit.js applies narrow_layout, going back
        # to wide_layout when it widens; fit_bounds is the box the map shows.
        meta={
            "fit_bounds": list(geometry.bounds),
            "narrow_px": NARROW_GRAPH_PX,
            "narrow_layout": narrow,
            "wide_layout": wide,
        },
    )
    _merge(layout, _nested(wide))
    if empty_message:
        layout["annotations"] = [
            {
                "text": html.escape(empty_message),
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 1.0,
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 15},
            }
        ]
    return figure_from_dict({"data": traces, "layout": layout})


def _merge(layout: dict, edits: Mapping[str, object]) -> None:
    """Nested edits into a layout dict, as update_layout merges them (dicts key by key)."""
    for key, value in edits.items():
        if isinstance(value, Mapping) and isinstance(layout.get(key), dict):
            _merge(layout[key], value)
        else:
            layout[key] = dict(value) if isinstance(value, Mapping) else value


def geo_layout(bounds: Sequence[float]) -> dict:
    """The geo subplot: no base map, Mercator, showing the box west, south, east, north
    (with BOX_MARGIN of air), which plotly.js fits into the graph at its drawn size."""
    west, south, east, north = bounds
    pad_x, pad_y = (east - west) * BOX_MARGIN, (north - south) * BOX_MARGIN
    return {
        "visible": False,
        "projection": {"type": "mercator"},
        "lonaxis": {"range": [west - pad_x, east + pad_x]},
        "lataxis": {"range": [south - pad_y, north + pad_y]},
        "bgcolor": "rgba(0,0,0,0)",
    }


def geometry_by_url(spec: dict, url: str) -> dict:
    """A figure dict (common.figure_json) with each inline GeoJSON `geojson` of its traces
    replaced by `url`, a document holding every area's boundary (plotly.js draws only a
    trace's `locations`). Other traces and the layout are shared, not copied."""
    traces = spec["data"]
    if not any(isinstance(trace.get("geojson"), Mapping) for trace in traces):
        return spec
    return {
        **spec,
        "data": [
            {**trace, "geojson": url} if isinstance(trace.get("geojson"), Mapping) else trace
            for trace in traces
        ],
    }


def _placements(*, legend_on_top: bool) -> tuple[dict, dict]:
    """Where the legend and colour bar go on a wide and on a narrow graph, as relayout edits.

    The graph's height is one of the edits (assets/map_fit.js sizes the graph's box to it).
    Wide: the legend in the map's lower left corner, the colour bar at the right (outside
    the map: it pushes the margin). Narrow: the legend outside the map too, above it when
    there is a bar (else under it, clear of an empty-map message at the top); the bar
    thinner.
    """
    wide = {
        "height": MAP_HEIGHT,
        "legend.orientation": "v",
        "legend.x": 0.01,
        "legend.xanchor": "left",
        "legend.y": 0.01,
        "legend.yanchor": "bottom",
        "coloraxis.colorbar.orientation": "v",
        "coloraxis.colorbar.x": 1.02,
        "coloraxis.colorbar.xanchor": "left",
        "coloraxis.colorbar.y": 0.5,
        "coloraxis.colorbar.yanchor": "middle",
        "coloraxis.colorbar.len": 0.6,
        "coloraxis.colorbar.thickness": 14,
    }
    narrow = {
        "height": NARROW_MAP_HEIGHT,
        "legend.orientation": "h",
        "legend.x": 0.0,
        "legend.xanchor": "left",
        "legend.y": 1.0 if legend_on_top else 0.0,
        "legend.yanchor": "bottom" if legend_on_top else "top",
        # The bar stays upright at the right, outside the map: turned horizontal by a
        # relayout, plotly.js left the upright bar's title and a tick label on the map.
        "coloraxis.colorbar.thickness": 10,
    }
    return wide, narrow


def _nested(edits: Mapping[str, object]) -> dict:
    """{"a.b.c": 1} -> {"a": {"b": {"c": 1}}}: relayout edits as a layout update."""
    nested: dict = {}
    for path, value in edits.items():
        *parents, leaf = path.split(".")
        node = nested
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    return nested


def _color_axis(coloured: pd.DataFrame, title: str) -> dict:
    """The shared colour scale; with a handful of values, the bar is ticked at exactly those."""
    axis: dict = {
        "colorscale": COLORSCALE,
        "showscale": not coloured.empty,
        "colorbar": {"title": {"text": html.escape(title), "side": "top"}},
    }
    if coloured.empty:
        return axis
    values = coloured["value"].astype(float)
    low, high = float(values.min()), float(values.max())
    if low == high:  # one value: a scale around it would invent a range the data lacks
        low, high = low - 0.5, high + 0.5
    axis.update(cmin=low, cmax=high)
    ticks = coloured.drop_duplicates("value").sort_values("value")
    if len(ticks) <= 6:
        axis["colorbar"].update(
            tickmode="array",
            tickvals=ticks["value"].astype(float).tolist(),
            ticktext=[html.escape(text) for text in ticks["value_text"]],
        )
    return axis


def _known_rows(frame: pd.DataFrame, geometry: MapGeometry) -> pd.DataFrame:
    """Rows for areas the map can draw (prefectures and counties), one per area, with level."""
    text_columns = ["value_text", "detail", "source_label", "year_text"]
    rows = pd.DataFrame(
        {
            "area": [str(code) for code in frame.get("area", [])],
            "value": pd.to_numeric(frame.get("value", pd.Series(dtype=float)), errors="coerce")
            .astype(float)
            .to_numpy(),
            **{column: [str(v) for v in frame.get(column, [])] for column in text_columns},
        }
    )
    rows["level"] = [
        geometry.shapes[code].level if code in geometry.shapes else "" for code in rows["area"]
    ]
    rows = rows[rows["level"].isin(["prefecture", "county"])]
    return rows.drop_duplicates("area", keep="first").reset_index(drop=True)


def _hover(name: str, lines: Iterable[str]) -> str:
    body = "<br>".join(html.escape(line) for line in lines if line)
    return f"<b>{html.escape(name)}</b><br>{body}" if body else f"<b>{html.escape(name)}</b>"


def _grey_trace(
    codes: list[str],
    rows: pd.DataFrame,
    geometry: MapGeometry,
    lang: str,
    *,
    no_data: str,
    year_text: str,
    show_legend: bool,
) -> dict:
    by_area = rows.set_index("area")
    hover = []
    for code in codes:
        name = geometry.shapes[code].name(lang)
        if code in by_area.index:
            row = by_area.loc[code]
            hover.append(
                _hover(name, [no_data, row["detail"], row["year_text"], row["source_label"]])
            )
        else:
            hover.append(_hover(name, [no_data, year_text]))
    return dict(
        type="choropleth",
        geojson=geometry.collection(codes),
        featureidkey="id",
        locations=codes,
        z=[0] * len(codes),
        customdata=codes,
        colorscale=[[0, NO_DATA_FILL], [1, NO_DATA_FILL]],
        showscale=False,
        marker={"line": {"color": "#ffffff", "width": 0.5}},
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        name=no_data,
        showlegend=show_legend,
    )


def _category_traces(coloured: pd.DataFrame, geometry: MapGeometry, lang: str) -> list[dict]:
    """One trace per distinct value, each one colour with a legend entry "2016年（5个）"."""
    traces = []
    ordered = coloured.sort_values("value", kind="stable")
    values = ordered["value"].to_numpy(dtype=float)
    names = ("area", "value_text", "detail", "source_label")
    columns = {name: ordered[name].tolist() for name in names}
    for index, value in enumerate(dict.fromkeys(values.tolist())):
        at = np.flatnonzero(values == value).tolist()
        group = {name: [column[i] for i in at] for name, column in columns.items()}
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        codes = group["area"]
        label = t("map.legend.category", lang, value=group["value_text"][0], count=len(codes))
        traces.append(
            dict(
                type="choropleth",
                geojson=geometry.collection(codes),
                featureidkey="id",
                locations=codes,
                z=[float(value)] * len(codes),
                customdata=codes,
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker={"line": {"color": "#ffffff", "width": 0.8}},
                hovertext=[
                    _hover(geometry.shapes[area].name(lang), [text, detail, source])
                    for area, text, detail, source in zip(
                        codes,
                        group["value_text"],
                        group["detail"],
                        group["source_label"],
                        strict=True,
                    )
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                name=html.escape(label),
                legendgroup=f"value-{value:g}",
                showlegend=True,
                meta={"value": float(value)},
            )
        )
    return traces


def _hatch_trace(codes: list[str], geometry: MapGeometry, *, uncovered_by: Sequence[str]) -> dict:
    """The hatching of the areas `codes`, less where an area of `uncovered_by` lies over them
    (a county with a reading inside a grey prefecture: the lines are drawn above every fill)."""
    covered = _segments_by_line((code for code in uncovered_by if code not in codes), geometry)
    segments = [
        piece
        for code in codes
        for segment in geometry.hatching[code]
        for piece in _minus(segment, covered)
    ]
    # Each segment is start, end, gap (NaN): one trace draws them all.
    points = np.full((len(segments) * 3, 2), np.nan)
    if segments:
        ends = np.asarray(segments, dtype=float)
        points[0::3], points[1::3] = ends[:, 0], ends[:, 1]
    return dict(
        type="scattergeo",
        lon=points[:, 0],
        lat=points[:, 1],
        mode="lines",
        line={"color": HATCH_COLOR, "width": 0.8},
        hoverinfo="skip",
        showlegend=False,
        name="hatching",
    )


def _line_key(segment: tuple[Point, Point]) -> float:
    """The hatch line x - y = c a segment lies on (every area's hatching uses the same lines)."""
    (x, y), _ = segment
    return round(x - y, 6)


def _segments_by_line(
    codes: Iterable[str], geometry: MapGeometry
) -> dict[float, list[tuple[float, float]]]:
    """The x-intervals the areas' own hatching covers, by hatch line."""
    covered: dict[float, list[tuple[float, float]]] = {}
    for code in codes:
        for segment in geometry.hatching[code]:
            (xa, _), (xb, _) = segment
            covered.setdefault(_line_key(segment), []).append((min(xa, xb), max(xa, xb)))
    return covered


def _minus(
    segment: tuple[Point, Point], covered: Mapping[float, list[tuple[float, float]]]
) -> list[tuple[Point, Point]]:
    """The parts of a hatch segment outside the covered x-intervals on its line."""
    holes = covered.get(_line_key(segment))
    if not holes:
        return [segment]
    (x1, y1), (x2, y2) = sorted(segment)
    offset = x1 - y1
    pieces, start = [], x1
    for low, high in sorted(holes):
        if high <= start or low >= x2:
            continue
        if low > start:
            pieces.append(((start, start - offset), (low, low - offset)))
        start = max(start, high)
    if start < x2:
        pieces.append(((start, start - offset), (x2, y2)))
    return pieces


def _value_trace(rows: pd.DataFrame, geometry: MapGeometry, lang: str, *, level: str) -> dict:
    codes = rows["area"].tolist()
    texts = [rows[name].tolist() for name in ("value_text", "detail", "year_text", "source_label")]
    hover = [
        _hover(geometry.shapes[code].name(lang), list(lines))
        for code, *lines in zip(codes, *texts, strict=True)
    ]
    return dict(
        type="choropleth",
        geojson=geometry.collection(codes),
        featureidkey="id",
        locations=codes,
        z=rows["value"].astype(float).tolist(),
        customdata=codes,
        coloraxis="coloraxis",
        marker={"line": {"color": "#ffffff", "width": 0.8 if level == "county" else 0.5}},
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        name=level,
        showlegend=False,
    )


def _outline_trace(
    codes: list[str],
    geometry: MapGeometry,
    *,
    color: str = OUTLINE_COLOR,
    width: float = 1.2,
    name: str = "outlines",
) -> dict:
    """The areas' borders as a see-through choropleth of their boundaries: in the browser the
    boundaries come from the one cached file (map_boundaries), not as coordinates in each
    answer (as a line trace, the prefectures' outline was 76 of a map's 112 KB)."""
    return dict(
        type="choropleth",
        geojson=geometry.collection(codes),
        featureidkey="id",
        locations=codes,
        z=[0] * len(codes),
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        showscale=False,
        marker={"line": {"color": color, "width": width}},
        hoverinfo="skip",
        showlegend=False,
        name=name,
    )


def _label_trace(codes: list[str], geometry: MapGeometry, lang: str, *, size: int) -> dict:
    shapes = [geometry.shapes[code] for code in codes]
    return dict(
        type="scattergeo",
        lon=[shape.label_point[0] for shape in shapes],
        lat=[shape.label_point[1] for shape in shapes],
        text=[shape.name(lang) for shape in shapes],
        mode="text",
        textfont={"size": size, "color": LABEL_COLOR},
        hoverinfo="skip",
        showlegend=False,
        name="labels",
    )
