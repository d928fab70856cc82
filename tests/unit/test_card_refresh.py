"""A filter change on a page of chart cards sends what changed in each card, not new cards,
when the page shows the same charts as before (dashboard/components/card_refresh.py): a new
card would mount its chart again, and dcc.Graph then resizes it once more (issue 14)."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest
from dash_payloads import callback_payload, find_callback
from shell_dataset import cached_test_dataset, shell_app

from dashboard import ids
from dashboard.state import FilterState, to_store

STORE = f"{ids.FILTER_STATE}.data"


@pytest.fixture(scope="module")
def shell(tmp_path_factory: pytest.TempPathFactory):
    app = shell_app(cached_test_dataset(tmp_path_factory))
    return app, app.server.test_client()


def cards_of(body: object) -> list[str]:
    """The chart names of the cards in a body's JSON (from their graphs' ids)."""
    text = json.dumps(body)
    return sorted(
        {
            item["chart"]
            for item in _ids(json.loads(text))
            if isinstance(item, dict) and item.get("type") == ids.CHART_GRAPH
        }
    )


def _ids(node: object):
    if isinstance(node, dict):
        if "id" in node:
            yield node["id"]
        for value in node.values():
            yield from _ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from _ids(value)


def send(shell, body_output: str, values: dict, drawn_store: str, drawn) -> dict:
    """The callback's answer by component."""
    app, client = shell
    payload = callback_payload(
        find_callback(app.callback_map, body_output),
        {**values, f"{ids.UPLOAD_STORE}.data": None, f"{drawn_store}.data": drawn},
        changed=[STORE],
    )
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return json.loads(response.get_data())["response"]


def check_refresh(shell, body_output, body_id, values_of, drawn_store, parts_store) -> None:
    def answer(state: FilterState, drawn) -> dict:
        return send(shell, body_output, values_of(state), drawn_store, drawn)

    first = answer(FilterState(lang="en", year=2019), None)
    charts = cards_of(first[body_id]["children"])
    drawn = first[drawn_store]["data"]
    assert charts and drawn and parts_store not in first

    year = answer(FilterState(lang="en", year=2016), drawn)
    assert body_id not in year, (drawn, year.get(drawn_store))  # the cards stay; parts change
    now = year[drawn_store]["data"]
    assert now["key"] == drawn["key"] and set(now["figures"]) == set(charts)
    updates = year[parts_store]["data"]
    by_target = {json.dumps(target, sort_keys=True): props for target, props in updates}
    assert len(by_target) == len(updates)  # one update per component

    def key(target: dict) -> str:
        return json.dumps(target, sort_keys=True)

    sent = []
    for chart in charts:
        # A figure the year left as it was is not sent again (plotly.js would redraw it).
        graph = by_target.get(key(ids.chart_graph(chart)))
        assert (graph is None) == (now["figures"][chart] == drawn["figures"][chart]), chart
        if graph is not None:
            sent.append(chart)
            assert graph["figure"]["data"] is not None and "layout" in graph["figure"]
            assert graph["style"]["height"].endswith("px")
        links = by_target.get(key(ids.chart_source(chart)))
        assert links is None or not links["children"] or "year=2016" in json.dumps(links)
    assert any(by_target.get(key(ids.chart_source(chart))) for chart in charts)
    assert sent, "some chart follows the year"
    assert set(now["parts"]) == set(drawn["parts"])  # a digest for each part drawn

    # Each card's words are sent when the year changed them, and only then: a title and its
    # export buttons' names that do not follow the year stay as drawn (each part sent is
    # one more update of the renderer's store, which every component checks).
    def words(state: FilterState) -> dict:
        answered = answer(state, {**drawn, "parts": {}})  # as if no word were drawn
        return {
            key(target): props
            for target, props in answered[parts_store]["data"]
            if target["type"] != ids.chart_graph("")["type"]
        }

    before, after = (
        words(FilterState(lang="en", year=2019)),
        words(FilterState(lang="en", year=2016)),
    )
    assert set(before) == set(after) and len(after) == 8 * len(charts)  # title ... buttons
    for part, props in after.items():
        assert (part in by_target) == (props != before[part]), part
        if part in by_target:
            assert by_target[part] == props
    assert len([part for part in after if part not in by_target]) >= len(charts)

    # A page drawn before the parts had digests gets every part, named as before.
    older = answer(FilterState(lang="en", year=2016), {**drawn, "parts": {}})
    every = {key(target): props for target, props in older[parts_store]["data"]}
    for chart in charts:
        title = every[key(ids.chart_title(chart))]["children"]
        for fmt in ("png", "svg", "pdf"):
            button = every[key(ids.chart_export(chart, fmt))]
            assert title in button["aria-label"] and fmt.upper() in button["aria-label"]
            assert button["title"] == button["aria-label"]
        assert title in every[key(ids.chart_export_group(chart))]["aria-label"]
        assert {"children"} == set(every[key(ids.chart_subtitle(chart))])

    # Another language, or a page showing other cards: the body is sent whole.
    chinese = answer(FilterState(lang="zh", year=2016), drawn)
    assert cards_of(chinese[body_id]["children"]) == charts and parts_store not in chinese
    assert chinese[drawn_store]["data"]["key"] != drawn["key"]
    other = answer(FilterState(lang="en", year=2016), {"key": "other", "figures": {}})
    assert cards_of(other[body_id]["children"]) == charts


def test_a_year_change_on_the_map_sends_the_cards_parts(shell):
    from dashboard.pages.map import MAP_BODY, MAP_DRAWN, MAP_PARTS

    check_refresh(
        shell,
        f"{MAP_BODY}.children",
        MAP_BODY,
        lambda state: {STORE: to_store(state)},
        MAP_DRAWN,
        MAP_PARTS,
    )


def test_a_year_change_on_a_programme_page_sends_the_cards_parts(shell):
    from dashboard.pages._programs import BODY, drawn_id, parts_id
    from dashboard.pages._programs import PROGRAM_STORE as PROGRAM

    check_refresh(
        shell,
        f"{BODY}.children",
        BODY,
        lambda state: {STORE: to_store(state), f"{PROGRAM}.data": "dropout_control"},
        drawn_id(BODY),
        parts_id(BODY),
    )


def test_the_maps_coverage_chart_is_not_sent_again_for_another_year(shell):
    """The map page's coverage chart is the same for every filter: after a year change the
    map's figure is sent, the coverage chart's is not (it was drawn as it is)."""
    from dashboard.pages.map import MAP_BODY, MAP_DRAWN, MAP_PARTS
    from dashboard.views.map import AVAILABILITY_CHART, MAP_CHART

    def answer(state: FilterState, drawn) -> dict:
        return send(shell, f"{MAP_BODY}.children", {STORE: to_store(state)}, MAP_DRAWN, drawn)

    drawn = answer(FilterState(lang="en", year=2019), None)[MAP_DRAWN]["data"]
    year = answer(FilterState(lang="en", year=2016), drawn)
    targets = [json.dumps(target, sort_keys=True) for target, _props in year[MAP_PARTS]["data"]]
    assert json.dumps(ids.chart_graph(MAP_CHART), sort_keys=True) in targets
    assert json.dumps(ids.chart_graph(AVAILABILITY_CHART), sort_keys=True) not in targets
    # nor its words, which are the same for every year
    assert json.dumps(ids.chart_title(AVAILABILITY_CHART), sort_keys=True) not in targets


def test_a_figure_digest_names_the_figure_as_drawn(shell):
    from dashboard.components.card_refresh import figure_digest
    from dashboard.map_boundaries import browser_figure

    def sent(values: list[float]) -> dict:
        return browser_figure(go.Figure(go.Bar(x=["a", "b"], y=np.array(values))))

    assert figure_digest(sent([1.0, 2.0])) == figure_digest(sent([1.0, 2.0]))
    assert figure_digest(sent([1.0, 2.0])) != figure_digest(sent([1.0, 2.5]))


def test_the_old_programme_paths_are_drawn_by_the_programme_pages_callback(shell):
    """`/dropout`, `/aid` and `/teachers` show their programme with the programme page's
    components and callback: no callback of their own for the browser to look at on every
    filter change."""
    from dashboard.pages import aid, dropout, teachers
    from dashboard.pages._programs import BODY, PROGRAM_STORE

    app, _client = shell
    outputs = " ".join(str(key) for key in app.callback_map)
    for legacy in ("dropout", "aid", "teachers"):
        assert f"{legacy}-body" not in outputs
    assert outputs.count(f"{BODY}.children") == 1
    for module, program in (
        (dropout, "dropout_control"),
        (aid, "student_aid"),
        (teachers, "teachers"),
    ):
        stores = {
            node["id"]: node.get("data")
            for node in _nodes(module.layout(lang="en").to_plotly_json())
            if isinstance(node, dict) and "id" in node
        }
        assert stores[PROGRAM_STORE] == program
        assert BODY in stores


def _nodes(node):
    if isinstance(node, dict):
        props = node.get("props", node)
        yield props
        for value in props.values():
            yield from _nodes(value.to_plotly_json() if hasattr(value, "to_plotly_json") else value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value.to_plotly_json() if hasattr(value, "to_plotly_json") else value)
