"""Overview: headline figures, trends, the no-data message, and the page callback."""

from __future__ import annotations

import sys

import pytest
from dash import html
from shell_dataset import cached_test_dataset, shell_app

from dashboard import config, ids
from dashboard.components.chart_card import chart_card
from dashboard.components.kpi_card import change_text, kpi_card
from dashboard.data.store import Dataset
from dashboard.state import FilterState, to_store
from dashboard.views import overview
from dashboard.views.kpis import coverage, headline_count, headline_kpis
from dashboard.views.overview import build_overview_view, trends_name


@pytest.fixture(scope="module")
def shell_data(tmp_path_factory):
    return cached_test_dataset(tmp_path_factory)


def texts(component) -> list[str]:
    """Every string in a component tree, in order."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif node is not None and hasattr(node, "children"):
            walk(node.children)

    walk(component)
    return found


def plain_texts(nodes) -> list[str]:
    """Every string of plain nodes ([tag, attributes, *children], plain_html), in order."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list) and node and isinstance(node[0], str):
            for child in node[2:]:
                walk(child)

    for node in nodes:
        walk(node)
    return found


def page_texts(drawn) -> list[str]:
    """The words of the overview callback's answer: its briefing, then the rest."""
    briefing, body = drawn
    return plain_texts(briefing) + texts(body)


def find(component, predicate) -> list:
    found = []

    def walk(node) -> None:
        if isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif node is not None and hasattr(node, "to_plotly_json"):
            if predicate(node):
                found.append(node)
            walk(getattr(node, "children", None))

    walk(component)
    return found


def by_indicator(kpis):
    return {(kpi.indicator, kpi.area): kpi for kpi in kpis}


def test_latest_readings_with_change_from_the_previous_reading(shell_data):
    kpis = by_indicator(headline_kpis(shell_data, FilterState()))
    returned = kpis["test_returned", "540000"]
    assert (returned.year, returned.value) == (2019, 11860)
    assert (returned.previous_year, returned.change) == (2018, 1860)
    assert returned.area_name == "西藏自治区"
    assert returned.publisher == "测试出版方" and returned.source_date == "2020-03-23"
    standard = kpis["test_three_guarantees", "540000"]
    assert standard.kind == "standard" and standard.previous_year == 2017
    assert standard.other_readings == 1  # the non-preferred reading from another source
    assert kpis["test_aid_cumulative", "540000"].change is None  # cumulative: no change


def test_selected_year_shows_only_that_years_readings(shell_data):
    kpis = headline_kpis(shell_data, FilterState(year=2018))
    assert {(kpi.indicator, kpi.year) for kpi in kpis} == {
        ("test_returned", 2018),
        ("test_return_rate", 2018),
    }
    assert by_indicator(kpis)["test_returned", "540000"].previous_year == 2017


def test_a_prefecture_never_shows_region_wide_figures(shell_data):
    kpis = headline_kpis(shell_data, FilterState(areas=("540100",)))
    assert [(kpi.indicator, kpi.area, kpi.value) for kpi in kpis] == [
        ("test_returned", "540100", 1200)
    ]
    assert kpis[0].area_name == "拉萨市"


def test_empty_selection_names_nearest_years_and_areas_with_data(shell_data):
    nagqu = FilterState(areas=("540600",), year=2019)
    assert headline_kpis(shell_data, nagqu) == []
    found = coverage(shell_data, nagqu)
    assert found.nearest_years == []
    assert found.areas_with_data[:2] == ["540000", "540100"]
    region_2016 = coverage(shell_data, FilterState(year=2016))
    assert region_2016.nearest_years == [2017, 2015, 2018]


def test_trends_only_for_indicators_with_three_or_more_years(shell_data):
    view = build_overview_view(shell_data, FilterState(lang="en"))
    assert [chart.name for chart in view.charts] == ["trends-dropout-control", "trends-student-aid"]
    dropout, aid = view.charts
    assert dropout.figure.layout.meta["panels"] == ["Test children returned"]
    assert aid.figure.layout.meta["panels"] == [
        "Test three guarantees standard",
        "Test cumulative funds",
    ]
    assert dropout.title == "Dropout control"
    assert dropout.subtitle == "Tibet Autonomous Region · 2017, 2018, 2019"
    assert dropout.summary.startswith("Line chart: Test children returned")
    assert dropout.sources == ["test_fixture"]
    assert build_overview_view(shell_data, FilterState(areas=("540100",))).charts == []


def test_kpi_card_shows_value_kind_change_and_source_link(shell_data):
    state = FilterState(lang="en", year=2019)
    kpis = by_indicator(headline_kpis(shell_data, state))
    card = kpi_card(kpis["test_three_guarantees", "540000"], state=state)
    words = texts(card)
    assert "CNY 3,720 per student per year" in words
    assert "Standard" in words
    assert "+CNY 720 per student per year since 2017" in words
    assert "Source: 测试出版方, 2020-03-23" in words
    (link,) = find(card, lambda node: getattr(node, "href", "").startswith("/sources"))
    assert link.href == "/sources?lang=en&year=2019&source=test_fixture#source-test_fixture"


def test_kpi_card_for_cumulative_total_has_no_change_line(shell_data):
    state = FilterState()
    kpi = by_indicator(headline_kpis(shell_data, state))["test_aid_cumulative", "540000"]
    words = texts(kpi_card(kpi, state=state))
    assert "230亿元" in words and "累计" in words
    assert not any("较" in word or "无更早" in word for word in words)
    assert change_text(kpi, "zh") == "无更早数据可比较"


def test_chart_card_has_graph_summary_source_and_export_buttons(shell_data):
    state = FilterState(lang="zh")
    chart = build_overview_view(shell_data, state).charts[0]
    card = chart_card(chart, state=state, sources=[shell_data.source("test_fixture")])
    graph = find(card, lambda node: getattr(node, "id", None) == ids.chart_graph(chart.name))[0]
    assert graph.config["locale"] == "zh-CN"
    assert graph.config["toImageButtonOptions"]["filename"] == chart.name
    caption = find(card, lambda node: isinstance(node, html.Figcaption))[0]
    assert caption.children == chart.summary and "visually-hidden" in caption.className
    buttons = find(
        card,
        lambda node: (
            isinstance(getattr(node, "id", None), dict) and node.id.get("type") == ids.CHART_EXPORT
        ),
    )
    assert [button.id["format"] for button in buttons] == ["png", "svg", "pdf"]
    assert card.id == ids.chart_anchor(chart.name)
    assert "来源：" in texts(card)


def test_a_deferred_card_holds_its_graph_as_json_in_a_box_of_its_height(shell_data):
    import json

    from dash import dcc

    state = FilterState(lang="en")
    chart = build_overview_view(shell_data, state).charts[0]
    card = chart_card(chart, state=state, deferred=True)
    assert find(card, lambda node: isinstance(node, dcc.Graph)) == []  # nothing to draw yet
    slot = find(card, lambda node: getattr(node, "id", None) == ids.chart_slot(chart.name))[0]
    assert "chart-deferred" in slot.className.split()
    graph = json.loads(getattr(slot, "data-graph"))
    assert (graph["type"], graph["namespace"]) == ("Graph", "dash_core_components")
    props = graph["props"]
    assert props["id"] == ids.chart_graph(chart.name)  # the shell's callbacks still find it
    assert props["config"]["toImageButtonOptions"]["filename"] == chart.name
    assert len(props["figure"]["data"]) == len(chart.figure.data) > 0
    assert props["figure"]["layout"]["height"] == chart.figure.layout.height
    assert slot.style["height"] == props["style"]["height"]  # the page does not jump
    # The summary is there for a screen reader before the chart is drawn.
    caption = find(card, lambda node: isinstance(node, html.Figcaption))[0]
    assert caption.children == chart.summary


@pytest.fixture(scope="module")
def overview_page(shell_data, tmp_path_factory):
    """The real page module, registered by a real app serving the TEST dataset."""
    from shell_dataset import build_test_dataset

    original = config.DATA_FILE
    config.DATA_FILE = build_test_dataset(tmp_path_factory.mktemp("served"))
    shell_app(shell_data)
    yield sys.modules["dashboard.pages.overview"]
    config.DATA_FILE = original


def test_overview_callback_renders_cards_then_trends(overview_page):
    drawn = overview_page.update_overview(to_store(FilterState(lang="en")), None)
    body = drawn[1]
    words = page_texts(drawn)
    assert words[0] == "Briefing for 2019 · Tibet Autonomous Region"
    assert "11,860 people" in words and "Trends" in words
    # The collapsed list of every indicator: its summary now, its cards when it is opened.
    summary = find(body, lambda node: getattr(node, "id", None) == "overview-all-summary")
    assert len(summary) == 1 and summary[0].children.startswith("All indicators (")
    assert find(body, lambda node: "kpi-card" in (getattr(node, "className", "") or "")) == []


def test_the_list_of_every_indicator_is_built_when_first_opened(overview_page):
    from dash.exceptions import PreventUpdate

    page = overview_page
    store = to_store(FilterState(lang="en", year=2019))
    body = page.update_overview(store, None)[1]
    summary = find(body, lambda node: getattr(node, "id", None) == "overview-all-summary")[0]
    count = int(summary.children.split("(")[1].rstrip(")"))
    listed = page.open_all_indicators(1, store, None)
    assert texts(listed)[0] == "Headline figures for 2019"
    sections = find(
        listed, lambda node: "program-section" in (getattr(node, "className", "") or "")
    )
    sizes = _section_sizes(sections)
    assert len(sections) >= 2
    assert sum(total for _, total in sizes) == count  # every indicator the summary counts
    assert all(0 < shown <= page.MAX_CARDS_PER_PROGRAM for shown, _ in sizes)
    assert "11,860 people" in texts(listed)
    for clicks in (None, 0, 2, 3):  # folding and unfolding again builds nothing
        with pytest.raises(PreventUpdate):
            page.open_all_indicators(clicks, store, None)


def _section_sizes(sections):
    """(cards shown, indicators in all) for each programme section: cards + "N more"."""
    sizes = []
    for section in sections:
        cards = find(section, lambda node: "kpi-card" in (getattr(node, "className", "") or ""))
        more = [w for w in texts(section) if w.endswith(" more")]
        sizes.append((len(cards), len(cards) + (int(more[0].split()[0]) if more else 0)))
    return sizes


def test_overview_callback_ignores_filters_it_does_not_show(overview_page):
    state = FilterState(indicator="test_return_rate", program="student_aid")
    assert page_texts(overview_page.update_overview(to_store(state), None)) == page_texts(
        overview_page.update_overview(to_store(FilterState()), None)
    )


def test_overview_callback_says_when_there_is_no_data(overview_page):
    briefing, body = overview_page.update_overview(to_store(FilterState(areas=("540600",))), None)
    assert briefing == []
    words = texts(body)
    assert words[0] == "所选地区和年份没有数据"
    assert "数据中还没有那曲市的数据" in words


def test_overview_layout_works_with_defaults_and_hostile_query(overview_page):
    assert texts(overview_page.layout())[0] == "西藏教育脱贫总览"
    assert texts(overview_page.layout(lang="en", year="<script>"))[0].startswith("Tibet")


def test_app_serves_no_external_resources(overview_page, shell_data):
    app = shell_app(shell_data)
    client = app.server.test_client()
    index = client.get("/").get_data(as_text=True)
    assert "cdn." not in index and "unpkg" not in index and "googleapis" not in index
    assert '<html lang="zh-CN">' in index
    assert "/assets/vendor/bootstrap-flatly.min.css" in index
    css = client.get("/assets/vendor/bootstrap-flatly.min.css").get_data(as_text=True)
    assert "@import" not in css and ".navbar" in css
    assert client.get("/assets/plotly-locale-zh-cn.js").status_code == 200


# The overview draws at most MAX_GRIDS programme trend grids; the rest are named and linked
# to their programmes' pages (issue 14: fewer, better charts per screen).


@pytest.fixture(scope="module")
def embedded() -> Dataset:
    return Dataset.load(config.DATA_FILE)


def test_programmes_past_the_limit_are_listed_not_drawn(embedded, monkeypatch):
    state = FilterState(lang="en")
    full = build_overview_view(embedded, state)
    assert len(full.charts) >= 2 and full.more == ()  # the embedded data is under the limit
    monkeypatch.setattr(overview, "MAX_GRIDS", 1)
    capped = build_overview_view(embedded, state)
    assert [chart.name for chart in capped.charts] == [full.charts[0].name]
    assert [trends_name(program) for program in capped.more] == [
        chart.name for chart in full.charts[1:]
    ]


def test_the_page_names_the_programmes_left_out_with_links(overview_page, embedded, monkeypatch):
    from dash import dcc

    page = overview_page
    monkeypatch.setattr(config, "VIEW_CACHE_SIZE", 0)
    monkeypatch.setattr(overview, "MAX_GRIDS", 1)
    monkeypatch.setattr(page, "session_dataset", lambda _upload: embedded)
    state = FilterState(lang="en", year=2019)
    body = page.update_overview(to_store(state), None)[1]
    notes = find(
        body, lambda node: "overview-more-trends" in (getattr(node, "className", "") or "")
    )
    assert len(notes) == 1
    words = "".join(texts(notes[0]))
    left_out = build_overview_view(embedded, state).more
    assert words.startswith(f"Trends of {len(left_out)} more programmes are on their pages: ")
    links = find(notes[0], lambda node: isinstance(node, dcc.Link))
    assert [link.href.split("?")[0] for link in links] == [f"/program/{p}" for p in left_out]
    assert all("year=2019" in link.href for link in links)  # the filters go along
    assert [link.children for link in links] == [
        embedded.program_name(program, "en") for program in left_out
    ]


def test_the_indicator_count_is_the_number_of_headline_readings(shell_data, embedded):
    """The overview names how many indicators its full list holds without making the list
    (headline_count): the count must be what the list would hold, for every kind of state."""
    checked = 0
    for dataset in (shell_data, embedded):
        gazetteer = dataset.gazetteer
        prefectures = [area.code for area in gazetteer.by_level("prefecture")]
        counties = [area.code for area in gazetteer.by_level("county")][:6]
        selections = [(config.REGION_CODE,), *[(code,) for code in prefectures + counties]]
        selections += [tuple(prefectures[:2]), (config.REGION_CODE, prefectures[0])]
        for areas in selections:
            for year in (None, *dataset.years()):
                state = FilterState(areas=areas, year=year)
                assert headline_count(dataset, state) == len(headline_kpis(dataset, state)), state
                checked += headline_count(dataset, state) > 0
    assert checked > 20  # most states have readings: the equality is not of zeros
