"""Figure builders of the Map and Data pages, on tiny inline test shapes and frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures.choropleth import MapGeometry, choropleth_map
from dashboard.figures.coverage import (
    HOVER_AREAS,
    LEVEL_RANK,
    MAX_INDICATORS,
    MAX_YEARS,
    coverage_cells,
    coverage_heatmap,
    coverage_summary,
    observations_table,
    plain_table,
)


def square(x: float, y: float, size: float = 1.0) -> list:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def feature(code: str, level: str, parent: str, rings: list, zh: str, en: str) -> dict:
    return {
        "type": "Feature",
        "id": code,
        "properties": {
            "area": code,
            "level": level,
            "parent": parent,
            "name_zh": zh,
            "name_en": en,
        },
        "geometry": {"type": "MultiPolygon", "coordinates": [rings]},
    }


# A "U" shape: its centroid lies in the notch, outside the shape.
U_SHAPE = [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]]

TEST_PREFECTURES = {
    "type": "FeatureCollection",
    "features": [
        feature("540100", "prefecture", "540000", square(0, 0, 2), "拉萨市", "Lhasa"),
        feature("540200", "prefecture", "540000", square(2, 0, 2), "日喀则市", "Shigatse"),
        feature("540300", "prefecture", "540000", U_SHAPE, "昌都市", "Qamdo"),
    ],
}
TEST_COUNTIES = {
    "type": "FeatureCollection",
    "features": [
        feature("540102", "county", "540100", square(0, 0, 1), "城关区", "Chengguan District")
    ],
}


@pytest.fixture(scope="module")
def geometry() -> MapGeometry:
    return MapGeometry.from_geojson(TEST_PREFECTURES, TEST_COUNTIES, hatch_spacing=0.25)


def map_rows(*rows: tuple) -> pd.DataFrame:
    """Test rows: (area, value, value_text, detail)."""
    return pd.DataFrame(
        [
            {
                "area": area,
                "value": value,
                "value_text": text,
                "detail": detail,
                "source_label": "新华社，2020-03-23",
                "year_text": "2019年",
            }
            for area, value, text, detail in rows
        ]
    )


def traces_named(figure, name: str) -> list:
    return [trace for trace in figure.data if trace.name == name]


def test_label_point_of_a_concave_shape_lies_inside_it(geometry: MapGeometry) -> None:
    x, y = geometry.shapes["540300"].label_point
    assert not (1 < x < 2 and 1 < y <= 3), "label in the notch of the U"
    assert 0 <= x <= 3 and 0 <= y <= 3


def test_hatching_stays_inside_the_shape(geometry: MapGeometry) -> None:
    segments = geometry.hatching["540100"]
    assert len(segments) > 5
    for (x1, y1), (x2, y2) in segments:
        for x, y in ((x1, y1), (x2, y2), ((x1 + x2) / 2, (y1 + y2) / 2)):
            assert -1e-9 <= x <= 2 + 1e-9 and -1e-9 <= y <= 2 + 1e-9
    notch_midpoints = [
        ((x1 + x2) / 2, (y1 + y2) / 2) for (x1, y1), (x2, y2) in geometry.hatching["540300"]
    ]
    assert not any(1.01 < x < 1.99 and 1.01 < y < 2.99 for x, y in notch_midpoints)


def test_map_colours_areas_with_values_and_greys_the_rest(geometry: MapGeometry) -> None:
    figure = choropleth_map(
        map_rows(("540100", 98.5, "98.5%", "")),
        geometry=geometry,
        lang="zh",
        colorbar_title="%",
        year_text="2019年",
    )
    value_traces = traces_named(figure, "prefecture")
    assert len(value_traces) == 1
    assert list(value_traces[0].locations) == ["540100"]
    assert list(value_traces[0].z) == [98.5]
    assert list(value_traces[0].customdata) == ["540100"]
    assert "拉萨市" in value_traces[0].hovertext[0] and "98.5%" in value_traces[0].hovertext[0]
    assert "新华社" in value_traces[0].hovertext[0] and "2019年" in value_traces[0].hovertext[0]
    grey = traces_named(figure, "无数据")
    assert len(grey) == 1
    assert sorted(grey[0].locations) == ["540200", "540300"]
    assert all("无数据" in text and "2019年" in text for text in grey[0].hovertext)
    # Never coloured as zero: the areas without data are not on the colour scale at all.
    assert grey[0].coloraxis is None
    assert "540200" not in value_traces[0].locations
    assert figure.layout.coloraxis.colorbar.ticktext == ("98.5%",)


@pytest.mark.parametrize("categorical", [False, True])
def test_map_built_as_dicts_is_valid_and_shares_the_boundaries(
    geometry: MapGeometry, categorical: bool
) -> None:
    import plotly.graph_objects as go

    rows = map_rows(("540100", 2016, "2016", ""), ("540200", 2018, "2018", "a breakdown"))
    figure = choropleth_map(
        rows, geometry=geometry, lang="en", colorbar_title="", categorical=categorical
    )
    go.Figure(figure.to_dict())  # the traces were not validated when built: they must be valid
    filled = [trace for trace in figure.data if trace.type == "choropleth"]
    drawn = {code for trace in filled for code in trace.locations}
    assert drawn == set(geometry.codes("prefecture"))  # counties: only those with a row
    for trace in filled:  # each area's boundary is the geometry's own feature, not a copy
        features = trace.geojson["features"]
        assert [feature["id"] for feature in features] == list(trace.locations)
        assert all(feature is geometry.features[feature["id"]] for feature in features)


@pytest.mark.parametrize("categorical", [False, True])
def test_map_works_offline_no_base_map_to_fetch(geometry: MapGeometry, categorical: bool) -> None:
    """plotly.js fetches its world topojson when a base layer is shown or when the subplot's
    first trace has a locationmode (a choropleth's "geojson-id"): neither may happen."""
    rows = map_rows(("540100", 2016, "2016", ""))
    figure = choropleth_map(
        rows, geometry=geometry, lang="en", colorbar_title="", categorical=categorical
    )
    geo = figure.layout.geo
    assert geo.visible is False
    assert figure.data[0].type == "scattergeo" and figure.data[0].locations is None
    assert all(trace.type in ("choropleth", "scattergeo") for trace in figure.data)
    for trace in figure.data:
        if trace.type == "choropleth":
            assert isinstance(trace.geojson, dict), "geojson must be inline, not a URL"


def test_map_shows_the_region_box(geometry: MapGeometry) -> None:
    figure = choropleth_map(map_rows(), geometry=geometry, lang="en", colorbar_title="")
    west, south, east, north = geometry.bounds
    lon, lat = figure.layout.geo.lonaxis.range, figure.layout.geo.lataxis.range
    assert lon[0] < west < east < lon[1] and lat[0] < south < north < lat[1]
    assert lon[1] - lon[0] < (east - west) * 1.1  # air around the box, not a wider view
    assert figure.layout.geo.projection.type == "mercator"


def test_map_outlines_and_labels_every_prefecture_in_the_language(geometry: MapGeometry) -> None:
    figure = choropleth_map(map_rows(), geometry=geometry, lang="en", colorbar_title="")
    labels = traces_named(figure, "labels")
    assert sorted(labels[0].text) == ["Lhasa", "Qamdo", "Shigatse"]
    outline = traces_named(figure, "outlines")[0]
    assert outline.type == "choropleth" and outline.hoverinfo == "skip"
    assert sorted(outline.locations) == ["540100", "540200", "540300"]
    assert outline.marker.line.width > 0 and "rgba(0,0,0,0)" in str(outline.colorscale)
    names = [trace.name for trace in figure.data]
    assert names.index("outlines") > names.index("No data"), "outlines drawn over the fills"
    grey = traces_named(figure, "No data")[0]
    assert sorted(grey.locations) == ["540100", "540200", "540300"]
    assert figure.layout.coloraxis.showscale is False


def test_breakdown_only_area_is_grey_with_the_breakdown_in_words(geometry: MapGeometry) -> None:
    detail = "Only a breakdown is published: with record 3,639 people, without 1,217 people"
    figure = choropleth_map(
        map_rows(("540100", math.nan, "", detail)), geometry=geometry, lang="en", colorbar_title=""
    )
    assert not traces_named(figure, "prefecture")
    grey = traces_named(figure, "No data")[0]
    hover = dict(zip(grey.locations, grey.hovertext, strict=True))
    assert "3,639 people" in hover["540100"]
    assert hover["540200"].endswith("No data")


def test_county_with_data_is_drawn_and_labelled_over_its_prefecture(geometry) -> None:
    figure = choropleth_map(
        map_rows(("540102", 5934.0, "5,934人", "")), geometry=geometry, lang="zh", colorbar_title=""
    )
    county = traces_named(figure, "county")[0]
    assert list(county.locations) == ["540102"]
    # The hatching is drawn above every fill: none may cross the county with a reading.
    hatch = traces_named(figure, "hatching")[0]
    points = np.column_stack([np.asarray(hatch.lon, float), np.asarray(hatch.lat, float)])
    starts, ends = points[0::3], points[1::3]
    middles = (starts + ends) / 2
    inside = (middles[:, 0] > 0.01) & (middles[:, 0] < 0.99) & (middles[:, 1] > 0.01)
    assert not (inside & (middles[:, 1] < 0.99)).any(), "hatching over the county"
    assert len(starts) > 5  # the rest of Lhasa (and the others) still hatched
    assert "城关区" in [text for trace in traces_named(figure, "labels") for text in trace.text]


def test_selected_area_is_outlined_and_hover_text_is_escaped(geometry: MapGeometry) -> None:
    rows = map_rows(("540200", 1.0, "<b>1</b>", ""))
    figure = choropleth_map(
        rows, geometry=geometry, lang="en", colorbar_title="", selected=["540200"]
    )
    assert len(traces_named(figure, "selected")) == 1
    hover = traces_named(figure, "prefecture")[0].hovertext[0]
    assert "&lt;b&gt;1&lt;/b&gt;" in hover


def test_empty_map_says_so(geometry: MapGeometry) -> None:
    figure = choropleth_map(
        map_rows(),
        geometry=geometry,
        lang="en",
        colorbar_title="",
        empty_message="No area figures",
    )
    assert [a.text for a in figure.layout.annotations] == ["No area figures"]


def coverage_rows() -> pd.DataFrame:
    """Test observations: a region series with a gap, and one prefecture figure."""
    return pd.DataFrame(
        [
            ("rate", "巩固率", 2017, "540000", "西藏自治区", "region"),
            ("rate", "巩固率", 2019, "540000", "西藏自治区", "region"),
            ("rate", "巩固率", 2019, "540100", "拉萨市", "prefecture"),
            ("pupils", "在校生", 2018, "540102", "城关区", "county"),
        ],
        columns=["indicator", "indicator_name", "year", "area", "area_name", "area_level"],
    )


def test_coverage_marks_the_finest_level_and_leaves_gaps_empty() -> None:
    figure = coverage_heatmap(coverage_rows(), lang="zh")
    go.Figure(figure.to_dict())  # built as a dict: it must validate
    trace = figure.data[0]
    assert list(trace.x) == [2017, 2018, 2019]
    assert list(trace.y) == ["巩固率", "在校生"]
    z = np.asarray(trace.z, dtype=float)
    assert z[0, 0] == 1 and z[0, 2] == 2 and z[1, 1] == 3
    assert np.isnan(z[0, 1]), "2018 has no retention figure: a gap, not a zero"
    assert "西藏自治区、拉萨市" in trace.hovertext[0][2]
    assert list(trace.colorbar.ticktext) == ["仅有全区数据", "有地市数据", "有县级数据"]


def test_coverage_count_mode_counts_sub_region_areas_only() -> None:
    figure = coverage_heatmap(coverage_rows(), lang="en", mode="count")
    trace = figure.data[0]
    assert list(trace.x) == [2018, 2019]
    z = np.asarray(trace.z, dtype=float)
    assert z[0, 1] == 1 and np.isnan(z[0, 0])
    assert trace.text[0][1] == "1"


def test_coverage_cells_and_summary_in_both_languages() -> None:
    cells = coverage_cells(coverage_rows())
    assert len(cells) == 3
    assert cells.set_index(["indicator", "year"]).loc[("rate", 2019), "sub_areas"] == 1
    assert "2017—2019" in coverage_summary(coverage_rows(), "zh")
    assert "2 indicators" in coverage_summary(coverage_rows(), "en")
    assert "1 of them" not in coverage_summary(coverage_rows(), "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_coverage_is_an_explicit_no_data_figure(lang: str) -> None:
    figure = coverage_heatmap(coverage_rows().iloc[0:0], lang=lang)
    assert not figure.data
    text = figure.layout.annotations[0].text
    assert ("没有数据" in text) if lang == "zh" else ("No data" in text)


def test_plain_table_shows_markup_as_text() -> None:
    figure = plain_table([("Note", ["<script>x</script>"])], widths=[1], lang="en")
    assert figure.data[0].cells.values[0][0] == "&lt;script&gt;x&lt;/script&gt;"


# ---------------------------------------------------------------- coverage at scale


def generated_coverage_rows(indicators: int, years: range, seed: int = 7) -> pd.DataFrame:
    """GENERATED observations (random, not real data): indicator i has about i+1 rows a year,
    so higher-numbered indicators have more data; areas and levels drawn at random."""
    rng = np.random.default_rng(seed)
    areas = [("540000", "西藏自治区", "region")]
    areas += [(f"5401{n:02d}", f"县{n}", "county") for n in range(1, 12)]
    areas += [(f"54{n:02d}00", f"地市{n}", "prefecture") for n in range(2, 8)]
    records = []
    for indicator in range(indicators):
        for year in years:
            for _ in range(int(rng.integers(0, indicator + 2))):
                code, name, level = areas[int(rng.integers(0, len(areas)))]
                records.append(
                    (f"gen{indicator:03d}", f"生成指标{indicator}", year, code, name, level)
                )
    return pd.DataFrame(
        records, columns=["indicator", "indicator_name", "year", "area", "area_name", "area_level"]
    )


def reference_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """coverage_cells written as the plain loop it replaces, to check the counting."""
    cells: dict = {}
    for indicator, name, year, area, area_name, level in frame.itertuples(index=False):
        cell = cells.setdefault(
            (indicator, int(year)), {"name": name, "rank": 1, "areas": {}, "sub": set(), "rows": 0}
        )
        rank = LEVEL_RANK.get(level, 1)
        cell["rank"] = max(cell["rank"], rank)
        cell["areas"][area_name] = None
        if rank > 1:
            cell["sub"].add(area)
        cell["rows"] += 1
    return pd.DataFrame(
        [
            (i, c["name"], y, c["rank"], tuple(c["areas"]), len(c["sub"]), c["rows"])
            for (i, y), c in cells.items()
        ],
        columns=["indicator", "indicator_name", "year", "rank", "areas", "sub_areas", "rows"],
    )


def test_coverage_cells_count_like_the_plain_loop_on_generated_rows() -> None:
    frame = generated_coverage_rows(12, range(2001, 2011))
    frame = frame.sample(frac=1.0, random_state=3).reset_index(drop=True)  # any row order
    cells = coverage_cells(frame)
    expected = reference_cells(frame)
    pd.testing.assert_frame_equal(cells, expected, check_dtype=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_coverage_grid_is_bounded_and_says_what_it_leaves_out(lang: str) -> None:
    extra = 7
    years = range(1950, 1950 + MAX_YEARS + 5)
    frame = generated_coverage_rows(MAX_INDICATORS + extra, years[-3:])
    early = frame.iloc[[0]].assign(year=years[0])  # one figure long before the others
    frame = pd.concat([frame, early], ignore_index=True)
    figure = coverage_heatmap(frame, lang=lang)
    trace = figure.data[0]
    assert len(trace.y) == MAX_INDICATORS
    assert list(trace.x) == list(range(years[-1] - MAX_YEARS + 1, years[-1] + 1))
    # The indicators with most rows are kept, in their order of appearance.
    totals = coverage_cells(frame).groupby("indicator", sort=False)["rows"].sum()
    kept = {row[0] for row in trace.customdata}
    assert kept == set(totals.sort_values(ascending=False, kind="stable").index[:MAX_INDICATORS])
    order = [row[0] for row in trace.customdata]
    assert order == [code for code in dict.fromkeys(frame["indicator"]) if code in kept]
    go.Figure(figure.to_dict())  # the figure is built as a dict: it must validate
    note = figure.layout.annotations[0].text
    summary = coverage_summary(frame, lang)
    if lang == "zh":
        assert (
            f"另有{extra}个指标有数据但未画出" in note
            and f"{years[-1] - MAX_YEARS + 1}年以前" in note
        )
        assert f"另有{extra}个指标" in summary
    else:
        assert f"{extra} more indicators with data are not drawn" in note
        assert f"Years before {years[-1] - MAX_YEARS + 1}" in note and "start in 1950" in note
        assert f"{extra} more indicators" in summary


def test_coverage_hover_names_a_few_areas_and_counts_the_rest() -> None:
    areas = [(f"5401{n:02d}", f"县{n}") for n in range(HOVER_AREAS + 3)]
    frame = pd.DataFrame(
        [("rate", "巩固率", 2019, code, name, "county") for code, name in areas],
        columns=["indicator", "indicator_name", "year", "area", "area_name", "area_level"],
    )
    hover = coverage_heatmap(frame, lang="zh").data[0].hovertext[0][0]
    assert "县0、县1" in hover and f"县{HOVER_AREAS}" not in hover
    assert f"等{HOVER_AREAS + 3}个地区" in hover
    english = coverage_heatmap(frame, lang="en").data[0].hovertext[0][0]
    assert "and 3 more" in english
    assert not coverage_heatmap(frame, lang="en").layout.annotations  # nothing left out


def test_observations_table_says_when_it_lists_only_the_first_rows() -> None:
    table = pd.DataFrame(
        {
            column: ["x"]
            for column in [
                "indicator_name",
                "area_name",
                "year",
                "breakdown",
                "value_text",
                "kind",
                "source_name",
                "source_date",
                "preferred_text",
            ]
        }
    )
    assert not observations_table(table, lang="en").layout.annotations
    figure = observations_table(table, lang="en", note="Showing the first 1 of 9 rows")
    assert figure.layout.annotations[0].text == "Showing the first 1 of 9 rows"
    go.Figure(figure.to_dict())  # built as a dict: it must validate


def test_a_categorical_map_with_more_values_than_colours_uses_the_scale() -> None:
    """One colour a value while the palette lasts; beyond it two values would share a colour,
    so the map uses the sequential scale (one trace, a colour bar) instead."""
    from dashboard.figures.common import OKABE_ITO

    count = len(OKABE_ITO) + 1
    counties = {
        "type": "FeatureCollection",
        "features": [
            feature(f"5401{i:02d}", "county", "540100", square(i, 0), f"县{i}", f"County {i}")
            for i in range(1, count + 1)
        ],
    }
    many = MapGeometry.from_geojson(TEST_PREFECTURES, counties, hatch_spacing=0.5)
    codes = many.codes("county")

    def drawn(values: int) -> go.Figure:
        rows = map_rows(
            *[(code, 2000 + i % values, str(2000 + i % values), "") for i, code in enumerate(codes)]
        )
        return choropleth_map(rows, geometry=many, lang="en", colorbar_title="", categorical=True)

    few = drawn(len(OKABE_ITO))
    legend = [
        trace for trace in few.data if trace.legendgroup and trace.legendgroup.startswith("value-")
    ]
    assert len(legend) == len(OKABE_ITO)
    assert len({trace.colorscale[0][1] for trace in legend}) == len(OKABE_ITO)  # none shared
    scale = drawn(count)
    assert not [
        trace
        for trace in scale.data
        if trace.legendgroup and trace.legendgroup.startswith("value-")
    ]
    (county_trace,) = traces_named(scale, "county")
    assert sorted(county_trace.z) == sorted(2000 + i for i in range(count))
    assert scale.layout.coloraxis.showscale is True


def test_indicators_whose_names_begin_alike_keep_a_row_each() -> None:
    """Names shortened to the same label (the English "Population lifted out of poverty …"
    in the year and to date) were one axis category: two indicators' cells in one row and
    the counts of the rows below written one row off."""
    from dashboard.figures.coverage import LABEL_LIMIT

    stem = "Population lifted out of poverty " + "x" * LABEL_LIMIT
    frame = pd.DataFrame(
        [
            ("a", stem + " in the year", 2019, "540100", "Lhasa", "prefecture"),
            ("b", stem + " to date", 2019, "540100", "Lhasa", "prefecture"),
            ("b", stem + " to date", 2019, "540200", "Xigaze", "prefecture"),
            ("c", "Schools", 2018, "540100", "Lhasa", "prefecture"),
        ],
        columns=["indicator", "indicator_name", "year", "area", "area_name", "area_level"],
    )
    figure = coverage_heatmap(frame, lang="en", mode="count")
    trace = figure.data[0]
    rows = dict(zip(trace.customdata[:, 0], trace.y, strict=True))  # indicator -> label
    assert len(set(trace.y)) == len(trace.y) == 3  # a category each
    assert rows["a"].endswith("in the year") and rows["b"].endswith("to date")
    counts = {trace.customdata[i][0]: [c for c in trace.text[i] if c] for i in range(3)}
    assert counts == {"a": ["1"], "b": ["2"], "c": ["1"]}


def test_axis_labels_are_never_alike() -> None:
    from dashboard.figures.coverage import axis_labels

    labels = axis_labels(["Schools", "Schools", "在校生" * 20, "在校生" * 20 + "（累计）"])
    assert len(set(labels)) == 4 and labels[:2] == ["Schools", "Schools (2)"]
