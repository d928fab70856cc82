"""Search finds pages, indicators, areas and sources by Chinese or English words."""

from __future__ import annotations

import pytest
from shell_dataset import cached_test_dataset

from dashboard.components.search import PageEntry, results_panel, search
from dashboard.state import FilterState

PAGES = [
    PageEntry("overview", "/"),
    PageEntry("dropout", "/dropout", programs=("dropout_control",)),
    PageEntry("aid", "/aid", programs=("student_aid",)),
    PageEntry("teachers", "/teachers", programs=("teachers",)),
    PageEntry("map", "/map"),
    PageEntry("data", "/data"),
    PageEntry("sources", "/sources"),
]


@pytest.fixture(scope="module")
def shell_data(tmp_path_factory):
    return cached_test_dataset(tmp_path_factory)


def path_of(href: str) -> str:
    return href.split("?")[0].split("#")[0]


def test_quanfan_finds_the_dropout_page(shell_data):
    hits = search("劝返", "zh", shell_data, pages=PAGES)
    assert path_of(hits[0].href) == "/dropout"
    assert {path_of(hit.href) for hit in hits} == {"/dropout"}


def test_sanbao_finds_the_student_aid_page(shell_data):
    hits = search("三包", "zh", shell_data, pages=PAGES)
    assert path_of(hits[0].href) == "/aid"
    indicator_hits = [hit for hit in hits if hit.kind == "indicator"]
    assert indicator_hits[0].href == "/aid?indicator=test_three_guarantees"


def test_allowance_finds_the_teachers_page_in_english(shell_data):
    hits = search("allowance", "en", shell_data, pages=PAGES)
    assert path_of(hits[0].href) == "/teachers"
    assert hits[0].href.startswith("/teachers?lang=en")


def test_nagqu_finds_the_prefecture_and_filters_to_it(shell_data):
    hits = search("Nagqu", "en", shell_data, pages=PAGES)
    assert hits[0].kind == "area"
    assert hits[0].label == "Nagqu"
    assert hits[0].href == "/?lang=en&area=540600"
    chinese = search("nagqu", "zh", shell_data, pages=PAGES)[0]
    assert (chinese.label, chinese.href) == ("那曲市", "/?area=540600")


def test_former_names_and_aliases_find_the_area(shell_data):
    assert search("那曲地区", "zh", shell_data, pages=PAGES)[0].href == "/?area=540600"
    assert search("Xigaze", "en", shell_data, pages=PAGES)[0].href == "/?lang=en&area=540200"


def test_source_documents_link_to_their_entry_on_the_sources_page(shell_data):
    hits = search("测试出版方二", "zh", shell_data, pages=PAGES)
    assert hits[0].kind == "source"
    assert hits[0].href == ("/sources?source=test_fixture_later#source-test_fixture_later")


def test_hits_keep_the_current_filters_and_language(shell_data):
    state = FilterState(lang="zh", areas=("540100",), year=2019)
    hits = search("劝返率", "en", shell_data, pages=PAGES, state=state)
    assert hits[0].href == "/dropout?lang=en&area=540100&year=2019&indicator=test_return_rate"


def test_pages_are_found_without_a_dataset():
    assert path_of(search("allowance", "en", None, pages=PAGES)[0].href) == "/teachers"
    assert path_of(search("地图", "zh", None, pages=PAGES)[0].href) == "/map"


def test_empty_long_or_odd_queries_give_no_error():
    assert search("", "zh", None, pages=PAGES) == []
    assert search("   ", "en", None, pages=PAGES) == []
    assert search("x" * 10_000, "en", None, pages=PAGES) == []
    assert search("<script>alert(1)</script>", "en", None, pages=PAGES) == []


def test_results_panel_says_nothing_found_as_text():
    panel = results_panel([], "<b>zzz</b>", "en")
    assert panel.children == "Nothing found for “<b>zzz</b>”"
