"""What the browser gets of a chart: the figure as plotly would send it, without a deep copy,
and a map's boundaries as one cached file; Redis gets them as area codes; exports keep them
inline (they draw without this server)."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
from dash import dcc
from plotly.io.json import to_json_plotly
from shell_dataset import cached_test_dataset, shell_app

from dashboard import cache
from dashboard.components.card_refresh import figure_digest
from dashboard.components.chart_card import chart_card
from dashboard.data.store import get_dataset
from dashboard.export.context import ExportContext
from dashboard.export.decorate import decorate
from dashboard.figures.common import figure_from_dict, figure_json, with_data_revision
from dashboard.map_boundaries import CACHE_CONTROL, URL_PREFIX, boundaries_file, browser_figure
from dashboard.state import FilterState
from dashboard.views import VIEWS, build_view, load_all_views
from dashboard.views.map import MAP_CHART, map_geometry

STATES = [FilterState(lang="zh", year=2019), FilterState(lang="en", year=2018)]


def graph_in(component) -> dcc.Graph:
    if isinstance(component, dcc.Graph):
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found = graph_in(child)
            if found is not None:
                return found
    return None


def map_chart(state: FilterState):
    view = build_view("map", get_dataset(), state)
    return next(chart for chart in view.charts if chart.name == MAP_CHART)


def map_traces(figure: dict) -> list[dict]:
    return [trace for trace in figure["data"] if trace["type"] == "choropleth"]


@pytest.mark.parametrize("state", STATES, ids=lambda state: f"{state.lang}-{state.year}")
def test_the_browser_gets_the_same_map_with_its_boundaries_by_url(state) -> None:
    chart = map_chart(state)
    sent = json.loads(to_json_plotly(graph_in(chart_card(chart, state=state)).figure))
    built = json.loads(to_json_plotly(chart.figure))
    path, content = boundaries_file()
    served = {feature["id"]: feature for feature in json.loads(content)["features"]}

    assert map_traces(sent), "the map has area traces"
    for sent_trace, built_trace in zip(map_traces(sent), map_traces(built), strict=True):
        assert sent_trace["geojson"] == path
        # The served file holds, for every area the trace draws, the boundary it had inline.
        inline = {feature["id"]: feature for feature in built_trace["geojson"]["features"]}
        assert set(inline) == set(sent_trace["locations"])
        assert all(served[code] == inline[code] for code in inline)
    # Nothing else changed: the same traces, values, hover texts and layout (which names
    # the data it goes with for plotly.js: common.with_data_revision).
    for trace in map_traces(built):
        trace["geojson"] = path
    assert sent["layout"].pop("datarevision")
    assert sent == built
    # The figure of the view (what exports draw) keeps its boundaries inline.
    assert all(isinstance(trace.geojson, dict) for trace in choropleth_traces(chart.figure))


def test_the_boundary_file_is_served_for_good_and_other_names_are_not(tmp_path_factory) -> None:
    # The process's shared app: a new one answering a request would take the dashboard's
    # callbacks from the apps of later tests (tests/unit/shell_dataset.py).
    client = shell_app(cached_test_dataset(tmp_path_factory)).server.test_client()
    path, content = boundaries_file()
    response = client.get(path)
    assert response.status_code == 200
    assert response.data == content
    assert response.headers["Cache-Control"] == CACHE_CONTROL
    collection = json.loads(response.data)
    assert {feature["id"] for feature in collection["features"]} == set(map_geometry().shapes)
    assert client.get(f"{URL_PREFIX}0000.geojson").status_code == 404
    assert client.get(f"{URL_PREFIX}..%2Fsecrets").status_code == 404


@pytest.mark.parametrize("state", STATES, ids=lambda state: f"{state.lang}-{state.year}")
def test_every_chart_is_sent_as_plotly_writes_it_and_its_figure_is_left_as_it_was(state) -> None:
    load_all_views()
    path = boundaries_file()[0]
    checked = 0
    for page in VIEWS:
        for chart in build_view(page, get_dataset(), state).charts:
            before = as_json(chart.figure)
            sent = json.loads(to_json_plotly(browser_figure(chart.figure)))
            assert as_json(chart.figure) == before, f"{chart.name}: the view's figure changed"
            assert sent["layout"].pop("datarevision")  # common.with_data_revision
            for trace in before["data"]:
                if isinstance(trace.get("geojson"), dict):
                    trace["geojson"] = path
            assert sent == before, chart.name
            checked += 1
    assert checked > 10


def test_a_plain_figure_keeps_its_numpy_arrays_typed_and_its_ranges_as_lists() -> None:
    figure = figure_from_dict(
        {
            "data": [{"type": "scatter", "x": np.arange(3), "y": np.array([0.5, 1.5, 2.5])}],
            "layout": {"xaxis": {"range": [0, 2]}, "annotations": [{"text": "a", "x": 1}]},
        }
    )
    spec = figure_json(figure)
    assert spec["data"][0]["x"] == {"dtype": "i1", "bdata": "AAEC"}
    assert spec == figure.to_dict()
    assert isinstance(figure.data[0].x, np.ndarray), "the figure keeps its arrays"


def test_an_exported_map_draws_its_boundaries_inline() -> None:
    state = STATES[0]
    context = ExportContext.for_page("map", get_dataset(), state)
    figure = decorate(context.chart(MAP_CHART), context)
    traces = [trace for trace in figure.data if trace.type == "choropleth"]
    assert traces and all(trace.geojson["type"] == "FeatureCollection" for trace in traces)


def test_a_pickled_map_view_names_its_boundaries_and_loads_the_processes_own() -> None:
    view = build_view("map", get_dataset(), STATES[0])
    data = cache.dumps(view)
    loaded = cache.loads(data)
    for before, after in zip(view.charts, loaded.charts, strict=True):
        assert as_json(after.figure) == as_json(before.figure)
    features = map_geometry().features
    traces = choropleth_traces(map_chart_of(loaded).figure)
    assert traces
    for trace in traces:
        assert all(features[f["id"]] is f for f in trace.geojson["features"])
    # Boundaries that are not the process's own (a copy here) are pickled as they are.
    foreign = copy.deepcopy(view)
    foreign_data = cache.dumps(foreign)
    inline = sum(len(json.dumps(t.geojson)) for t in choropleth_traces(map_chart_of(view).figure))
    assert len(foreign_data) - len(data) > inline / 2
    assert as_json(map_chart_of(cache.loads(foreign_data)).figure) == as_json(
        map_chart_of(view).figure
    )


def map_chart_of(view):
    return next(chart for chart in view.charts if chart.name == MAP_CHART)


def choropleth_traces(figure) -> list:
    return [trace for trace in figure.data if trace.type == "choropleth"]


def as_json(figure) -> dict:
    return json.loads(to_json_plotly(figure))


# The data revision (common.with_data_revision): what lets plotly.js redraw a chart in part.


def scatter(values, **layout) -> dict:
    return {"data": [{"type": "scatter", "x": [2018, 2019], "y": values}], "layout": layout}


def revision(spec: dict) -> str:
    return with_data_revision(spec)["layout"]["datarevision"]


def test_the_revision_names_the_traces_as_drawn() -> None:
    spec = scatter([1, 2], height=300)
    named = with_data_revision(spec)
    assert named["layout"] == {"height": 300, "datarevision": revision(spec)}
    assert spec["layout"] == {"height": 300}  # the figure given is left as it was
    assert revision(scatter([1, 2], height=500)) == revision(spec)  # a layout is no data
    assert revision(scatter([1, 3])) != revision(spec)
    reordered = {"data": [{"y": [1, 2], "x": [2018, 2019], "type": "scatter"}], "layout": {}}
    assert revision(reordered) == revision(spec)  # the same traces, their keys in any order


def marker(x: float, **refs) -> dict:
    return {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, **refs}


@pytest.mark.parametrize(
    ("layout", "moves_the_range"),
    [
        ({}, True),  # on the first axes, which plotly.js ranges itself
        ({"yref": "y domain"}, True),  # still on x
        ({"yref": "y domain", "xaxis": {"range": [2017.5, 2020.5]}}, False),
        ({"xref": "paper", "yref": "paper"}, False),
        ({"yref": "y domain", "xaxis": {"range": [2017.5, 2020.5], "autorange": True}}, True),
        ({"xref": "x2", "yref": "y domain", "xaxis": {"range": [2017.5, 2020.5]}}, True),
    ],
)
def test_shapes_and_notes_on_a_self_ranged_axis_count_as_data(layout, moves_the_range) -> None:
    """plotly.js does not find a range again when it redraws only a moved shape or note, so
    one that would widen a range it finds itself changes the revision."""
    refs = {key: value for key, value in layout.items() if key.endswith("ref")}
    axes = {key: value for key, value in layout.items() if not key.endswith("ref")}
    before = scatter([1, 2], shapes=[marker(2018, **refs)], **axes)
    after = scatter([1, 2], shapes=[marker(2020, **refs)], **axes)
    assert (revision(before) != revision(after)) is moves_the_range
    note = {"text": "Selected", "x": 2020, "y": 1, **refs}
    with_note = scatter([1, 2], annotations=[note], **axes)
    assert (revision(with_note) != revision(scatter([1, 2], **axes))) is moves_the_range


def test_a_figure_digest_tells_figures_apart_by_their_layout_and_revision() -> None:
    spec = with_data_revision(scatter([1, 2], height=300))
    assert figure_digest(spec) == figure_digest(with_data_revision(scatter([1, 2], height=300)))
    assert figure_digest(spec) != figure_digest(with_data_revision(scatter([1, 2], height=301)))
    assert figure_digest(spec) != figure_digest(with_data_revision(scatter([1, 3], height=300)))
    plain = scatter([1, 2])  # a figure not naming its data is read whole
    assert figure_digest(plain) != figure_digest(scatter([1, 3]))
