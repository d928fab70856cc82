"""The filter bar's menus: what a Dash 4 dropdown indexes for its search as its options
arrive (every substring of every word of each option's value, label and `search`) finds
every name and alias, without words it would index twice; and a menu the page hides holds
only the options of the value it shows (issue 14: ~100 ms of the first page was spent
indexing menus, most of them hidden)."""

from __future__ import annotations

import json

import pytest
from dash_payloads import callback_payload, find_callback
from shell_dataset import cached_test_dataset, render_shell, shell_app

from dashboard import ids
from dashboard.components import filter_bar
from dashboard.shell.callbacks import control_values
from dashboard.shell.filters import BY_NAME
from dashboard.state import FilterState, to_store

STORE = f"{ids.FILTER_STATE}.data"


def indexed_words(option: dict) -> list[str]:
    """The words a Dash 4 dropdown indexes for an option (its search's tokenizer and case)."""
    text = f"{option['value']} {option['label']} {option.get('search', '')}"
    return text.lower().split()


def found(query_word: str, option: dict) -> bool:
    """js-search with the all-substrings strategy: a query word finds an option when it is
    part of one of the option's indexed words."""
    return any(query_word.lower() in word for word in indexed_words(option))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory):
    return cached_test_dataset(tmp_path_factory)


@pytest.fixture(scope="module")
def shell(dataset):
    app = shell_app(dataset)
    return app, app.server.test_client()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_area_name_alias_and_code_finds_its_area(dataset, lang):
    options = {option["value"]: option for option in filter_bar.area_options(dataset, lang)}
    gazetteer = dataset.gazetteer
    checked = 0
    for code, option in options.items():
        area = gazetteer.area(code)
        for name in [area.name_zh, area.name_en, *area.aliases, area.code]:
            for word in name.split():
                assert found(word, option), (code, word)
                checked += 1
    assert checked > 3 * len(options)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_indicator_name_and_key_finds_its_indicator(dataset, lang):
    for option in filter_bar.indicator_options(dataset, lang):
        indicator = dataset.indicator(option["value"])
        for word in f"{indicator.name_zh} {indicator.name_en} {option['value']}".split():
            assert found(word, option), (option["value"], word)


def test_the_search_words_repeat_nothing_the_label_or_value_finds():
    search = filter_bar.search_words(
        "那曲市", "540600", ["那曲市", "Nagqu", "那曲", "Nagqu City", "nagqu", "Naqu", "540600"]
    )
    assert search.split() == ["Nagqu", "City", "Naqu"]
    # a word inside a longer one is dropped, whichever comes first
    assert filter_bar.search_words("x", "1", ["Shi", "Lhasa Shigatse"]).split() == [
        "Lhasa",
        "Shigatse",
    ]


def test_the_indicator_menu_indexes_a_fraction_of_what_it_did(dataset):
    """Substrings indexed (the dropdown's work): the key and the label were indexed twice."""

    def substrings(words: list[str]) -> int:
        return sum(len(word) * (len(word) + 1) // 2 for word in words)

    options = filter_bar.indicator_options(dataset, "en")
    now = sum(substrings(indexed_words(option)) for option in options)
    before = sum(
        substrings(indexed_words({**option, "search": f"{option['label']} {option['value']}"}))
        for option in options
    )
    assert now < 0.75 * before


def render(shell, state: FilterState, path: str) -> dict:
    """The shell's answer on arriving at path (the page changed: every menu is sent)."""
    return render_shell(shell, state, path, None, changed=(STORE, "url.pathname"))


def values(options: list[dict]) -> list:
    return [option["value"] for option in options]


def test_a_menu_the_page_hides_holds_only_its_values_options(shell, dataset):
    state = FilterState(lang="en", year=2019)
    overview = render(shell, state, "/")  # declares area and year
    assert values(overview[ids.FILTER_INDICATOR]["options"]) == []
    assert values(overview[ids.FILTER_PROGRAM]["options"]) == []
    assert overview[ids.FILTER_AREA]["options"] == filter_bar.area_options(dataset, "en")
    assert 2019 in values(overview[ids.FILTER_YEAR]["options"])
    assert len(overview[ids.FILTER_YEAR]["options"]) > 3

    on_map = render(shell, state, "/map")  # the year has the map's own picker
    assert values(on_map[ids.FILTER_YEAR]["options"]) == [2019]

    indicator = dataset.indicators()[0]
    data = render(shell, FilterState(lang="en", indicator=indicator), "/data")
    assert len(data[ids.FILTER_INDICATOR]["options"]) == len(dataset.indicators())
    assert len(data[ids.FILTER_PROGRAM]["options"]) == len(dataset.catalogue.programs.index)


def test_the_first_layout_sends_no_indicator_or_programme_words(shell):
    """No page shows them before the URL is read; the page's options come with its state."""
    _app, client = shell
    layout = client.get("/_dash-layout").get_data(as_text=True)
    shown = {}

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props") or {}
            if props.get("id") in (ids.FILTER_INDICATOR, ids.FILTER_PROGRAM, ids.FILTER_AREA):
                shown[props["id"]] = props.get("options")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(layout))
    assert shown[ids.FILTER_INDICATOR] == [] and shown[ids.FILTER_PROGRAM] == []
    assert shown[ids.FILTER_AREA]  # the menu most pages show is ready as it mounts


def test_clear_on_a_page_that_hides_the_year_sends_the_years_option_with_it(shell, dataset):
    """A Dash 4 dropdown drops a value its options lack: the hidden year menu gets the new
    value's option with the value, or it would clear it and send the change back."""
    app, client = shell
    before = FilterState(lang="en", year=2019)
    shown = control_values(before, dataset)
    payload = callback_payload(
        find_callback(app.callback_map, f"{ids.FILTER_STATE}.data"),
        {
            **{f"{r.control_id}.{r.prop}": shown[name] for name, r in BY_NAME.items()},
            STORE: to_store(before),
            "url.pathname": "/map",
            "url.search": "",
            f"{ids.FILTER_CLEAR}.n_clicks": 1,
        },
        changed=[f"{ids.FILTER_CLEAR}.n_clicks"],
    )
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    answer = json.loads(response.get_data())["response"]
    year = answer[ids.FILTER_YEAR]
    assert year["value"] == filter_bar.LATEST
    assert values(year["options"]) == [filter_bar.LATEST]
    assert ids.FILTER_AREA not in answer or "options" not in answer[ids.FILTER_AREA]  # shown
