"""URL state: round trips, and hostile query strings dropped with a notice, never raised."""

from __future__ import annotations

import random
import string

import pytest
from shell_dataset import cached_test_dataset

from dashboard import config
from dashboard.state import (
    DISPLAY_CHARS,
    MAX_AREAS,
    REGION,
    Dropped,
    FilterState,
    apply_area_click,
    cleared,
    from_store,
    href,
    known_from_dataset,
    parse_query,
    restricted_to,
    to_query,
    to_store,
    with_areas,
)

KNOWN = {
    "known_areas": {REGION, "540100", "540600", "540102"},
    "known_years": {2015, 2018, 2019, 2020},
    "known_indicators": {"dropouts_returned", "return_rate"},
    "known_programs": {"dropout_control"},
}


@pytest.fixture(scope="module")
def shell_data(tmp_path_factory):
    return cached_test_dataset(tmp_path_factory)


def reasons(dropped: list[Dropped]) -> dict[str, str]:
    return {item.param: item.reason for item in dropped}


@pytest.mark.parametrize(
    "state",
    [
        FilterState(),
        FilterState(lang="en"),
        FilterState(areas=("540100", "540600"), year=2019),
        FilterState(lang="en", year_range=(2015, 2020), indicator="return_rate"),
        FilterState(program="dropout_control", year_range=(config.MIN_YEAR, 2018)),
        FilterState(areas=("540102",), year=2015, year_range=(2018, config.MAX_YEAR)),
    ],
)
def test_state_survives_a_round_trip_through_the_url(state):
    parsed, dropped = parse_query(to_query(state), **KNOWN)
    assert parsed == state
    assert dropped == []


def test_default_state_has_an_empty_query_and_defaults_are_omitted():
    assert to_query(FilterState()) == ""
    assert to_query(FilterState(lang="en", areas=("540100", "540600"), year=2019)) == (
        "?lang=en&area=540100,540600&year=2019"
    )
    assert to_query(FilterState(year_range=(2015, 2020))) == "?from=2015&to=2020"


def test_parse_accepts_the_mapping_pages_pass_to_layout():
    state, dropped = parse_query({"lang": "en", "area": "540600", "year": "2019"}, **KNOWN)
    assert state == FilterState(lang="en", areas=("540600",), year=2019)
    assert dropped == []


def test_unknown_area_in_url_is_dropped_with_notice_and_the_rest_kept():
    state, dropped = parse_query("?area=540100,999999,abc", **KNOWN)
    assert state.areas == ("540100",)
    assert [(d.value, d.reason) for d in dropped] == [
        ("999999", "unknown_area"),
        ("abc", "not_an_area_code"),
    ]


def test_all_areas_unknown_falls_back_to_the_region():
    state, dropped = parse_query("?area=123456", **KNOWN)
    assert state.areas == (REGION,)
    assert reasons(dropped) == {"area": "unknown_area"}


@pytest.mark.parametrize(
    ("year", "reason"),
    [
        ("99999999999999999999", "not_a_year"),
        ("-2019", "not_a_year"),
        ("1066", "year_out_of_range"),
        ("2016", "no_data_for_year"),
        ("2019.5", "not_a_year"),
        ("二〇一九", "not_a_year"),
    ],
)
def test_bad_year_is_dropped_with_its_reason(year, reason):
    state, dropped = parse_query({"year": year}, **KNOWN)
    assert state.year is None
    assert reasons(dropped) == {"year": reason}


def test_latest_or_empty_year_means_no_year_without_notice():
    assert parse_query("?year=latest", **KNOWN) == (FilterState(), [])
    assert parse_query("?year=", **KNOWN) == (FilterState(), [])


def test_reversed_year_range_is_swapped_and_one_bound_is_open():
    assert parse_query("?from=2020&to=2015")[0].year_range == (2015, 2020)
    assert parse_query("?from=2015")[0].year_range == (2015, config.MAX_YEAR)
    assert parse_query("?to=2015")[0].year_range == (config.MIN_YEAR, 2015)


def test_script_tag_and_unknown_parameters_are_dropped_as_text():
    state, dropped = parse_query("?lang=<script>alert(1)</script>&<b>x</b>=1", **KNOWN)
    assert state == FilterState()
    assert dropped[0] == Dropped("lang", "<script>alert(1)</script>", "unknown_language")
    assert dropped[1] == Dropped("<b>x</b>", "1", "unknown_parameter")


def test_ten_thousand_character_value_is_dropped_and_shortened_for_display():
    state, dropped = parse_query({"indicator": "x" * 10_000, "area": "5" * 10_000}, **KNOWN)
    assert state == FilterState()
    assert {d.reason for d in dropped} == {"unknown_indicator", "not_an_area_code"}
    assert all(len(d.value) <= DISPLAY_CHARS and d.value.endswith("…") for d in dropped)


def test_control_and_bidirectional_characters_are_removed_from_shown_values():
    _, dropped = parse_query({"lang": "e\u202en\x00\x1b[31m"})
    assert dropped[0].value == "en[31m"


def test_repeated_parameter_keeps_the_first_and_reports_the_rest():
    state, dropped = parse_query("?year=2019&year=2018&lang=en&lang=zh", **KNOWN)
    assert state.year == 2019 and state.lang == "en"
    assert [(d.param, d.value, d.reason) for d in dropped] == [
        ("year", "2018", "repeated"),
        ("lang", "zh", "repeated"),
    ]


@pytest.mark.parametrize("value", [{"a": 1}, 3.5, True, object(), ["2019", {"x": 1}], b"2019"])
def test_wrong_types_in_a_mapping_are_dropped(value):
    state, dropped = parse_query({"year": value}, **KNOWN)
    assert state.year in (None, 2019)
    assert dropped and all(isinstance(d.value, str) for d in dropped)


def test_too_many_parameters_and_too_many_areas_are_cut():
    query = "&".join(f"p{i}=1" for i in range(100))
    _, dropped = parse_query("?" + query)
    assert any(d.reason == "too_many_parameters" for d in dropped)
    many = ",".join(f"54{i:04d}" for i in range(30))
    state, dropped = parse_query({"area": many})
    assert len(state.areas) == MAX_AREAS
    assert sum(d.reason == "too_many_areas" for d in dropped) == 30 - MAX_AREAS


def test_page_parameters_pass_silently():
    assert parse_query("?source=cpad_2019&lang=en") == (FilterState(lang="en"), [])


def test_random_garbage_never_raises():
    rng = random.Random(20191015)
    alphabet = string.printable + "中文区%&=?#<>\"'\u202e\x00"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        state, dropped = parse_query(text, **KNOWN)
        assert isinstance(state, FilterState)
        assert all(len(d.value) <= DISPLAY_CHARS for d in dropped)
        assert parse_query(to_query(state), **KNOWN)[0] == state
    for value in (None, 12, ["?lang=en"], {"lang": None}):
        assert isinstance(parse_query(value)[0], FilterState)


def test_store_round_trip_and_damaged_store_gives_default():
    state = FilterState(lang="en", areas=("540100",), year=2019, year_range=(2015, 2020))
    data = to_store(state)
    assert data["query"] == to_query(state)
    assert from_store(data) == state
    assert from_store(None) == FilterState()
    assert from_store({"lang": "xx", "areas": "540100", "year": "soon"}) == FilterState()
    assert from_store(["not", "a", "dict"]) == FilterState()


def test_href_keeps_state_and_adds_page_parameters_and_fragment():
    state = FilterState(lang="en", year=2019)
    assert href("/dropout", state) == "/dropout?lang=en&year=2019"
    assert href("/sources", FilterState(), fragment="source-a", source="a b") == (
        "/sources?source=a%20b#source-a"
    )


def test_area_click_replaces_and_modifier_click_toggles():
    region = FilterState()
    lhasa = apply_area_click(region, "540100", add=False)
    assert lhasa.areas == ("540100",)
    assert apply_area_click(region, "540100", add=True).areas == ("540100",)
    both = apply_area_click(lhasa, "540600", add=True)
    assert both.areas == ("540100", "540600")
    assert apply_area_click(both, "540100", add=True).areas == ("540600",)
    assert apply_area_click(lhasa, "540100", add=True).areas == (REGION,)
    assert apply_area_click(both, "540600", add=False).areas == ("540600",)


def test_clear_keeps_only_the_language_and_empty_area_choice_means_region():
    state = FilterState(lang="en", areas=("540100",), year=2019, indicator="return_rate")
    assert cleared(state) == FilterState(lang="en")
    assert with_areas(state, []).areas == (REGION,)
    assert with_areas(state, ["540100", "540100", "540600"]).areas == ("540100", "540600")


def test_page_sees_only_the_filters_it_declares():
    state = FilterState(lang="en", areas=("540100",), year=2019, indicator="x", program="y")
    assert restricted_to(state, ("area", "year")) == FilterState(
        lang="en", areas=("540100",), year=2019
    )


def test_vocabulary_comes_from_the_dataset(shell_data):
    known = known_from_dataset(shell_data)
    assert {REGION, "540100", "540600"} <= known["known_areas"]
    assert known["known_years"] == {2013, 2015, 2017, 2018, 2019}
    assert "test_returned" in known["known_indicators"]
    assert "dropout_control" in known["known_programs"]


def test_an_area_added_to_the_default_region_replaces_it():
    """The area rule: choosing 那曲市 from the region view leaves only 那曲市."""
    region = FilterState()
    assert with_areas(region, [REGION, "540600"]).areas == ("540600",)
    nagqu = with_areas(region, [REGION, "540600"])
    assert with_areas(nagqu, ["540600", "540100"]).areas == ("540600", "540100")
    # The region added beside a prefecture on purpose stays: it is a comparison.
    assert with_areas(nagqu, ["540600", REGION]).areas == ("540600", REGION)


@pytest.mark.parametrize(
    "state",
    [
        FilterState(within=True),
        FilterState(all_years=True, year_range=(2015, 2020)),
        FilterState(table_sort=(("value", "desc"), ("year", "asc"))),
        FilterState(table_filter='{"year":{"filter":2019,"type":"equals"}}'),
    ],
)
def test_the_new_filters_survive_a_round_trip_through_the_url(state):
    parsed, dropped = parse_query(to_query(state), **KNOWN)
    assert parsed == state and dropped == []


def test_bad_table_models_and_switches_are_dropped_with_a_notice():
    state, dropped = parse_query("?within=maybe&sort=year.sideways&filter=[1]", **KNOWN)
    assert state == FilterState()
    assert reasons(dropped) == {
        "within": "not_a_switch",
        "sort": "not_a_table_sort",
        "filter": "not_a_table_filter",
    }


def test_pages_that_do_not_declare_the_new_filters_do_not_see_them():
    state = FilterState(within=True, all_years=True, table_sort=(("year", "asc"),))
    assert restricted_to(state, ("area", "year")) == FilterState()
    assert restricted_to(state, ("within", "all_years", "table")) == state
