"""A filter change redraws only what follows the filters: the shell's options, words and
classes are sent again only when the language, the page or the data changed (issue 14)."""

from __future__ import annotations

import json

import pytest
from dash_payloads import callback_payload, find_callback
from shell_dataset import cached_test_dataset, render_shell, shell_app

from dashboard import ids
from dashboard.state import FilterState, to_store

STORE = f"{ids.FILTER_STATE}.data"


@pytest.fixture(scope="module")
def shell(tmp_path_factory: pytest.TempPathFactory):
    app = shell_app(cached_test_dataset(tmp_path_factory))
    return app, app.server.test_client()


def render(
    shell, state: FilterState, path: str, drawn, changed=(STORE,), components=None, query=None
) -> dict:
    return render_shell(shell, state, path, drawn, changed, components, query)


def test_a_year_change_sends_the_links_but_not_the_options(shell):
    first = render(shell, FilterState(lang="en", year=2019), "/data", None)
    assert first[ids.FILTER_AREA]["options"] and first[ids.FILTER_CLEAR]["children"]
    drawn = first[ids.DOCUMENT_META]["data"]
    second = render(shell, FilterState(lang="en", year=2018), "/data", drawn)
    assert ids.FILTER_AREA not in second  # options, labels: as drawn
    assert ids.FILTER_CLEAR not in second and ids.DOCUMENT_META not in second
    assert "2018" in second[ids.FILTER_SUMMARY]["children"]  # the filters in words follow
    links = json.dumps(second)  # the navigation and language links carry the new year
    assert "year=2018" in links and "year=2019" not in links


@pytest.mark.parametrize(
    ("state", "path", "changed"),
    [
        (FilterState(lang="zh", year=2018), "/data", (STORE,)),  # another language
        (FilterState(lang="en", year=2018), "/", (STORE, "url.pathname")),  # another page
        (FilterState(lang="en", year=2018), "/data", (f"{ids.UPLOAD_STORE}.data",)),  # data
    ],
)
def test_a_new_language_page_or_dataset_redraws_everything(shell, state, path, changed):
    drawn = render(shell, FilterState(lang="en", year=2019), "/data", None)[ids.DOCUMENT_META]
    again = render(shell, state, path, drawn["data"], changed)
    assert again[ids.FILTER_AREA]["options"]
    assert again[ids.DOCUMENT_META]["data"]["lang"] == state.lang


@pytest.fixture(scope="module")
def items(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The programme menu's items, as the browser lists them for a pattern-matching output."""
    from dashboard.views.chart_specs import programs_with_pages

    programs = programs_with_pages(cached_test_dataset(tmp_path_factory))
    return {ids.PROGRAMME_LINK: [{"program": program} for program in programs]}


def test_a_filter_change_moves_the_programme_links_and_keeps_the_menu(shell, items):
    """One request redraws what follows the filters in the shell: the programme menu's links,
    the area notice and the search panel's links, not the menu itself (its 19 components would
    be mounted again)."""
    first = render(shell, FilterState(lang="en", year=2019), "/data", None, components=items)
    assert ids.PROGRAMME_MENU in first  # the first render draws the menu for the reader
    assert ids.AREA_NOTICE in first and ids.SEARCH_RESULTS in first
    drawn = first[ids.DOCUMENT_META]["data"]

    state = FilterState(lang="en", year=2018, areas=("540100",))
    second = render(shell, state, "/data", drawn, components=items)
    assert ids.PROGRAMME_MENU not in second
    links = [
        (json.loads(key)["program"], value)
        for key, value in second.items()
        if key.startswith("{") and json.loads(key)["type"] == ids.PROGRAMME_LINK
    ]
    assert len(links) == len(items[ids.PROGRAMME_LINK])
    assert all(
        value["href"].startswith(f"/program/{program}?") and "year=2018" in value["href"]
        for program, value in links
    )
    assert not any(value["active"] for _program, value in links)  # /data is no programme's
    assert "year=2018" in json.dumps(second[ids.SEARCH_RESULTS]["children"])

    # Another page: the menu marks its programme, still without being drawn again.
    moved = render(shell, state, "/dropout", drawn, (STORE, "url.pathname"), components=items)
    assert ids.PROGRAMME_MENU not in moved
    active = {
        json.loads(key)["program"]
        for key, value in moved.items()
        if key.startswith("{") and json.loads(key)["type"] == ids.PROGRAMME_LINK and value["active"]
    }
    assert active == {"dropout_control"}
    assert moved[ids.PROGRAMME_DROPDOWN]["toggleClassName"] == "active"


def test_another_language_draws_the_programme_menu_again(shell, items):
    first = render(shell, FilterState(lang="en", year=2019), "/data", None, components=items)
    chinese = render(
        shell,
        FilterState(lang="zh", year=2019),
        "/data",
        first[ids.DOCUMENT_META]["data"],
        components=items,
    )
    english = json.dumps(first[ids.PROGRAMME_MENU]["children"], ensure_ascii=False)
    menu = json.dumps(chinese[ids.PROGRAMME_MENU]["children"], ensure_ascii=False)
    assert "Dropout control" in english and "控辍保学" in menu and "year=2019" in menu


def test_the_search_panel_follows_the_typed_words(shell):
    panel = render(shell, FilterState(lang="en", year=2018), "/", None, query="Lhasa")
    found = json.dumps(panel[ids.SEARCH_RESULTS]["children"])
    assert "Lhasa" in found and "search-hit" in found


def draw_sources(shell, state: FilterState, drawn) -> dict:
    """What the Sources list callback sends, by component ({}: nothing redrawn)."""
    from dashboard.pages.sources import SOURCES_CARDS, SOURCES_DRAWN, SOURCES_SELECTED

    app, client = shell
    payload = callback_payload(
        find_callback(app.callback_map, f"{SOURCES_CARDS}.data"),
        {
            STORE: to_store(state),
            f"{SOURCES_SELECTED}.data": {},
            f"{ids.UPLOAD_STORE}.data": None,
            f"{SOURCES_DRAWN}.data": drawn,
        },
        changed=[STORE],
    )
    response = client.post("/_dash-update-component", json=payload)
    if response.status_code == 204:
        return {}
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return json.loads(response.get_data())["response"]


def test_the_sources_list_is_drawn_again_only_in_another_language(shell):
    from dashboard.pages.sources import SOURCES_CARDS, SOURCES_DRAWN

    first = draw_sources(shell, FilterState(lang="en", year=2019), None)
    assert first[SOURCES_CARDS]["data"]
    drawn = first[SOURCES_DRAWN]["data"]
    # The links on the page keep the area and year, so they change the state, not the list.
    assert draw_sources(shell, FilterState(lang="en", year=2018, areas=("540100",)), drawn) == {}
    chinese = draw_sources(shell, FilterState(lang="zh", year=2018), drawn)
    assert chinese[SOURCES_CARDS]["data"] and chinese[SOURCES_DRAWN]["data"] != drawn
    assert "来源" in json.dumps(chinese[SOURCES_CARDS]["data"], ensure_ascii=False)


def draw_data_page(shell, state: FilterState, drawn) -> dict:
    """What the data page's table-and-coverage callback sends, by component."""
    from dashboard.pages.data_table import DATA_ALL_READINGS, DATA_COVERAGE, DATA_DRAWN

    return answer(
        shell,
        f"{DATA_COVERAGE}.children",
        {
            STORE: to_store(state),
            f"{ids.UPLOAD_STORE}.data": None,
            f"{DATA_ALL_READINGS}.value": False,
            f"{DATA_DRAWN}.data": drawn,
        },
    )


def answer(shell, output_part: str, values: dict) -> dict:
    """The response of the callback writing output_part to a change of the filter store."""
    app, client = shell
    payload = callback_payload(
        find_callback(app.callback_map, output_part), values, changed=[STORE]
    )
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return json.loads(response.get_data())["response"]


def test_a_year_change_on_the_data_page_sends_the_coverage_cards_links_only(shell):
    from dashboard.pages.data_table import DATA_CARD_PARTS, DATA_COVERAGE, DATA_DRAWN, DATA_GRID

    first = draw_data_page(shell, FilterState(lang="en", year=2019), None)
    card = first[DATA_COVERAGE]["children"]
    assert first[DATA_GRID]["columnDefs"] and card["props"]["children"]
    assert '"chart-source"' in json.dumps(card) and "year=2019" in json.dumps(card)

    year = draw_data_page(shell, FilterState(lang="en", year=2018), first[DATA_DRAWN]["data"])
    assert DATA_GRID not in year  # the columns follow the language only
    # The card stays as drawn (a new or patched card would mount its chart again): only the
    # element of its links gets them, with the new year (assets/card_refresh.js).
    assert DATA_COVERAGE not in year
    ((target, props),) = year[DATA_CARD_PARTS]["data"]
    assert target == ids.chart_source("data-coverage") and list(props) == ["children"]
    assert "year=2018" in json.dumps(props) and "/sources" in json.dumps(props)
    assert "figure" not in json.dumps(year)

    # Another language: the whole card (its buttons and words are in it).
    chinese = draw_data_page(shell, FilterState(lang="zh", year=2018), year[DATA_DRAWN]["data"])
    assert chinese[DATA_COVERAGE]["children"]["props"]["children"]


def test_another_selection_on_the_data_page_redraws_the_coverage_card_in_place(shell):
    """Another area (a coverage chart of another height): its figure, box height and links
    go into the card drawn for the first, not as a new card."""
    from dashboard.pages.data_table import DATA_CARD_PARTS, DATA_COVERAGE, DATA_DRAWN

    first = draw_data_page(shell, FilterState(lang="en", year=2019), None)
    state = FilterState(lang="en", year=2019, areas=("540100",))
    alone = draw_data_page(shell, state, None)  # the card this area gets on a fresh page
    again = draw_data_page(shell, state, first[DATA_DRAWN]["data"])
    assert DATA_COVERAGE not in again
    parts = {
        json.dumps(target, sort_keys=True): props
        for target, props in again[DATA_CARD_PARTS]["data"]
    }
    graph = parts[json.dumps(ids.chart_graph("data-coverage"), sort_keys=True)]
    fresh = json.dumps(alone[DATA_COVERAGE]["children"])
    assert graph["figure"]["data"] and f'"height": "{graph["style"]["height"]}"' in fresh
    links = parts[json.dumps(ids.chart_source("data-coverage"), sort_keys=True)]
    assert "area=540100" in json.dumps(links) or not links["children"]


def ask_rows(shell, state: FilterState, request: dict) -> dict:
    """What serve_rows answers to the grid's request in that state."""
    from dashboard.pages.data_table import DATA_ALL_READINGS, DATA_GRID_ANSWER, DATA_GRID_ASKED

    app, client = shell
    payload = callback_payload(
        find_callback(app.callback_map, f"{DATA_GRID_ANSWER}.data"),
        {
            f"{DATA_GRID_ASKED}.data": {"ticket": 7, "request": request},
            STORE: to_store(state),
            f"{DATA_ALL_READINGS}.value": False,
            f"{ids.UPLOAD_STORE}.data": None,
        },
        changed=[f"{DATA_GRID_ASKED}.data"],
    )
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return json.loads(response.get_data())["response"][DATA_GRID_ANSWER]["data"]


@pytest.mark.parametrize(
    "state",
    [
        FilterState(lang="en", year=2019, within=True),
        FilterState(
            lang="zh",
            all_years=True,
            within=True,
            table_sort=(("year", "desc"), ("value", "asc")),
            table_filter='{"area_name":{"filter":"拉萨","filterType":"text","type":"contains"}}',
        ),
    ],
)
def test_a_selection_sends_its_first_block_as_the_server_would_answer_it(shell, state):
    """The block sent with the row count is the grid's first block for the state's sort and
    filters, with the key of the rows serve_rows would send (assets/grid_rows.js compares
    them): the grid's request for it needs no second round trip."""
    from dashboard.pages.data_table import DATA_DRAWN, DATA_GRID_FIRST

    sent = draw_data_page(shell, state, None)
    first = sent[DATA_GRID_FIRST]["data"]
    assert first["initial"] is True  # a new page: its grid asks for the block itself
    answer = ask_rows(shell, state, first["request"])
    assert answer["search"] is None, "the request is the state's sort and filters"
    assert first["rows"] == answer["rows"] and first["key"] == answer["key"]
    assert 0 < len(first["rows"]["rowData"]) <= first["request"]["endRow"]
    assert first["rows"]["rowCount"] >= len(first["rows"]["rowData"])
    again = draw_data_page(shell, state, sent[DATA_DRAWN]["data"])[DATA_GRID_FIRST]["data"]
    assert again["initial"] is False and again["key"] == first["key"]
    other = draw_data_page(shell, FilterState(lang=state.lang, year=2018), None)
    assert other[DATA_GRID_FIRST]["data"]["key"] != first["key"]


def sync(shell, store: FilterState, shown: dict, changed: str) -> dict:
    """What the shell's sync_state answers to a control change, by component; `shown`: each
    control's value by filter name."""
    from dashboard.shell.filters import FILTERS

    app, client = shell
    values = {f"{r.control_id}.{r.prop}": shown[r.name] for r in FILTERS}
    payload = callback_payload(
        find_callback(app.callback_map, f"{ids.FILTER_STATE}.data"),
        {**values, STORE: to_store(store), "url.pathname": "/data", "url.search": ""},
        changed=[f"{changed}.value"],
    )
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return json.loads(response.get_data())["response"]


def test_a_filter_change_sets_only_the_controls_that_show_something_else(shell, tmp_path_factory):
    """The browser re-renders every control it is sent before it asks for the page: a
    control that already shows the state's value is left as it is."""
    from dashboard.shell.callbacks import control_values
    from dashboard.shell.filters import FILTERS

    dataset = cached_test_dataset(tmp_path_factory)
    before = FilterState(lang="en", year=2019)
    shown = control_values(FilterState(lang="en", year=2018), dataset)
    answer = sync(shell, before, shown, ids.FILTER_YEAR)
    assert "year=2018" in answer["url"]["search"]
    assert not {r.control_id for r in FILTERS} & set(answer)  # each shows the new state
    shown = control_values(before, dataset)
    shown["area"] = ["540000", "999999"]  # a pick the data does not know: set as the state
    answer = sync(shell, before, shown, ids.FILTER_AREA)
    assert set(answer) & {r.control_id for r in FILTERS} == {ids.FILTER_AREA}
    assert answer[ids.FILTER_AREA]["value"] == control_values(before, dataset)["area"]


def draw_map(shell, state: FilterState, shown) -> dict:
    """What the map page's callback sends, by component."""
    from dashboard.pages.map import MAP_DRAWN, MAP_SHOWN

    return answer(
        shell,
        "map-body.children",
        {
            STORE: to_store(state),
            f"{ids.UPLOAD_STORE}.data": None,
            f"{MAP_DRAWN}.data": None,
            f"{MAP_SHOWN}.data": shown,
        },
    )


def test_the_map_pickers_are_sent_only_when_they_change(shell):
    """An area change leaves the map's indicator and year pickers as they are: resending them
    redrew both menus and set off the pickers' own callback."""
    from dashboard.pages.map import MAP_INDICATOR, MAP_NOTICE, MAP_SHOWN, MAP_YEAR

    first = draw_map(shell, FilterState(lang="en", year=2019), None)
    assert first[MAP_INDICATOR]["options"] and first[MAP_YEAR]["value"] == 2019
    shown = first[MAP_SHOWN]["data"]

    area = draw_map(shell, FilterState(lang="en", year=2019, areas=("540100",)), shown)
    assert not {MAP_INDICATOR, MAP_YEAR, MAP_NOTICE, MAP_SHOWN} & set(area)
    assert "map-body" in area  # the map itself follows the area

    year = draw_map(shell, FilterState(lang="en", year=2018), shown)
    assert year[MAP_YEAR] == {"value": 2018}  # the year alone; its options stand
    assert MAP_INDICATOR not in year and MAP_NOTICE not in year

    chinese = draw_map(shell, FilterState(lang="zh", year=2019), shown)
    assert chinese[MAP_INDICATOR]["options"] and chinese[MAP_NOTICE]["children"]


def test_the_badge_notice_and_export_words_come_with_a_page_not_with_a_filter_change(shell):
    """The upload badge, the stale-data notice and the CSV/HTML export items' words are
    looked at again on every page the reader opens and in every language, in the shell's
    one request; a filter change sends none of them."""
    from dashboard.components.notices import DATA_REFRESH_NOTICE
    from dashboard.export.ui import PAGE_EXPORT

    items = {PAGE_EXPORT: [{"format": "csv"}, {"format": "html"}]}
    first = render(shell, FilterState(lang="en", year=2019), "/data", None, components=items)
    assert DATA_REFRESH_NOTICE in first and ids.UPLOAD_BADGE in first
    words = [value["children"] for key, value in first.items() if PAGE_EXPORT in key]
    assert words == ["Data of this page (CSV)", "Offline page (HTML)"]
    drawn = first[ids.DOCUMENT_META]["data"]

    change = render(shell, FilterState(lang="en", year=2018), "/data", drawn, components=items)
    assert DATA_REFRESH_NOTICE not in change and ids.UPLOAD_BADGE not in change
    assert not any(PAGE_EXPORT in key for key in change)

    moved = render(shell, FilterState(lang="zh", year=2018), "/", drawn, components=items)
    assert DATA_REFRESH_NOTICE in moved and ids.UPLOAD_BADGE in moved
    chinese = [value["children"] for key, value in moved.items() if PAGE_EXPORT in key]
    assert len(chinese) == 2 and chinese != words
