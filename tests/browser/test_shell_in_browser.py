"""The shell in a real browser: language, filters in the URL, back button, notices, search."""

from __future__ import annotations

import re

import pytest
from conftest import draw_deferred_charts, wait_for_dash
from playwright.sync_api import expect

from dashboard import ids

pytestmark = pytest.mark.browser
expect.set_options(timeout=30_000)  # a loaded 2-core machine draws slowly


def choose(page, dropdown_id: str, option_text: str) -> None:
    """Pick an option of a Dash 4 dropdown by its visible text."""
    page.click(f"#{dropdown_id}")
    page.locator("[role=listbox] [role=option]", has_text=option_text).first.click()
    page.keyboard.press("Escape")
    wait_for_dash(page)


def card_values(page) -> list[str]:
    return page.locator(".briefing-card .kpi-value").all_inner_texts()


def expect_card(page, value: str) -> None:
    """Wait (with Playwright's retries) until a headline card of the briefing shows value."""
    expect(page.locator(".briefing-card .kpi-value", has_text=value).first).to_be_visible()


def query_of(page) -> str:
    return page.evaluate("window.location.search")


@pytest.mark.parametrize("path", ["/", "/?lang=en"])
def test_overview_loads_without_console_errors_or_external_requests(
    served_test_app, open_page, path
):
    page = open_page(served_test_app, path)
    expect(page.locator(".briefing-card").nth(1)).to_be_visible()  # (its callback may be late)
    draw_deferred_charts(page)
    assert page.locator(".chart-card .js-plotly-plot").count() == 2  # a grid per programme
    # The collapsed list of every indicator is built when it is first opened.
    assert page.locator(".all-indicators .kpi-card").count() == 0
    page.click("#overview-all-summary")
    page.wait_for_selector(".all-indicators[open] .kpi-card")
    assert page.locator(".all-indicators .kpi-card").count() >= 5
    page.click("#overview-all-summary")  # folded again, the cards stay
    assert page.locator(".all-indicators[open]").count() == 0
    assert page.locator(".all-indicators .kpi-card").count() >= 5
    assert page.console_errors == []
    assert page.external_requests == []


@pytest.mark.parametrize("path", ["/", "/?lang=en"])
def test_overview_on_the_real_data_loads_without_console_errors(served_app, open_page, path):
    page = open_page(served_app, path)
    expect(page.locator(".briefing-card").first).to_be_visible()
    assert page.console_errors == []
    assert page.external_requests == []


def test_language_switch_changes_titles_and_keeps_filters(served_test_app, open_page):
    # 2019: the overview's trends stop at the chosen year, and 2017–2019 makes a trend.
    page = open_page(served_test_app, "/?year=2019")
    assert page.inner_text("h1") == "西藏教育脱贫总览"
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    download = page.locator(".chart-card .modebar-btn[data-title]").first
    assert download.get_attribute("data-title") == "下载为 PNG 图片"  # Plotly's zh-CN locale
    page.click("#lang-en")
    wait_for_dash(page)
    expect(page.locator("h1")).to_have_text("Tibet education poverty alleviation at a glance")
    assert query_of(page) == "?lang=en&year=2019"
    expect(page.locator("#filter-year-value")).to_have_text("2019")
    expect_card(page, "11,860 people")
    expect(page.locator(".shell-navbar .nav-link").first).to_have_text("Overview")
    download = page.locator(".chart-card .modebar-btn[data-title]").first
    expect(download).to_have_attribute("data-title", "Download plot as a PNG")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title().startswith("Overview")
    assert page.console_errors == []


def test_changing_the_year_updates_the_cards_and_the_url(served_test_app, open_page):
    page = open_page(served_test_app, "/")
    assert "11,860人" in card_values(page)
    choose(page, "filter-year", "2018年")
    assert query_of(page) == "?year=2018"
    expect_card(page, "10,000人")
    assert card_values(page) == ["10,000人", "97.5%"]
    assert page.inner_text(".page-overview h2") == "2018年简报 · 西藏自治区"


def test_filters_survive_a_reload_of_the_copied_url(served_test_app, open_page):
    page = open_page(served_test_app, "/")
    choose(page, "filter-year", "2019年")
    choose(page, "filter-area", "拉萨市")
    url = page.url
    # The area rule: choosing 拉萨市 replaces the default region (it used to be added to it).
    assert re.search(r"\?area=540100&year=2019$", url)
    page.reload()
    wait_for_dash(page)
    assert page.url == url
    expect(page.locator("#filter-year-value")).to_have_text("2019年")
    expect(page.locator("#filter-area")).to_contain_text("拉萨市")
    expect_card(page, "1,200人")


def test_back_button_restores_the_previous_filter(served_test_app, open_page):
    page = open_page(served_test_app, "/")
    choose(page, "filter-year", "2019年")
    choose(page, "filter-year", "2018年")
    expect_card(page, "10,000人")
    page.go_back()
    wait_for_dash(page)
    assert query_of(page) == "?year=2019"
    expect(page.locator("#filter-year-value")).to_have_text("2019年")
    expect_card(page, "11,860人")
    page.go_forward()
    wait_for_dash(page)
    assert query_of(page) == "?year=2018"
    expect(page.locator("#filter-year-value")).to_have_text("2018年")
    expect_card(page, "10,000人")
    assert card_values(page) == ["10,000人", "97.5%"]


def test_nav_links_carry_the_filters_to_other_pages(served_test_app, open_page):
    page = open_page(served_test_app, "/?lang=en&year=2019")
    links = page.locator(".shell-navbar .nav-link[href^='/'], .programme-menu .dropdown-item")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "/map?lang=en&year=2019" in hrefs
    assert "/program/dropout_control?lang=en&year=2019" in hrefs  # in the programme menu
    page.click(".programme-menu .dropdown-toggle")
    page.click(".programme-menu .dropdown-item >> text=Dropout control")
    wait_for_dash(page)
    assert page.evaluate("window.location.pathname + window.location.search") == (
        "/program/dropout_control?lang=en&year=2019"
    )
    expect(page.locator("#filter-year-value")).to_have_text("2019")
    expect(page.locator(".programme-menu .dropdown-item.active")).to_have_text("Dropout control")


def test_hostile_url_values_are_dropped_and_shown_as_text(served_test_app, open_page):
    hostile = "/?area=999999&year=99999999&lang=en&x=<img src=x onerror=window.__hacked=1>"
    page = open_page(served_test_app, hostile)
    notice = page.locator(".notice-dropped")
    assert notice.count() == 1
    text = notice.inner_text()
    assert "no such area in the data" in text and "not a year" in text
    assert "<img src=x onerror=window.__hacked=1>" in text
    assert page.evaluate("window.__hacked") is None
    assert page.locator(".notice-dropped img").count() == 0
    assert page.inner_text("h1").startswith("Tibet")


def test_clear_selection_goes_back_to_the_whole_region(served_test_app, open_page):
    page = open_page(served_test_app, "/?lang=en&area=540100&year=2019")
    page.click("#filter-clear")
    wait_for_dash(page)
    assert query_of(page) == "?lang=en"
    expect(page.locator("#filter-area")).to_contain_text("Tibet Autonomous Region")
    expect_card(page, "11,860 people")


def test_search_finds_a_page_and_enter_opens_it(served_test_app, open_page):
    page = open_page(served_test_app, "/")
    page.fill("#search-input", "劝返")
    page.wait_for_selector(".search-results .search-hit")
    first = page.locator(".search-results .search-hit").first
    assert first.get_attribute("href").startswith("/dropout")
    page.press("#search-input", "Enter")
    wait_for_dash(page)
    assert page.evaluate("window.location.pathname") == "/dropout"
    assert page.input_value("#search-input") == ""


def test_search_for_an_area_filters_to_it(served_test_app, open_page):
    page = open_page(served_test_app, "/?lang=en")
    page.fill("#search-input", "Nagqu")
    page.wait_for_selector(".search-results .search-hit")
    page.locator(".search-results .search-hit").first.click()
    wait_for_dash(page)
    assert query_of(page) == "?lang=en&area=540600"
    expect(page.locator(".no-data")).to_contain_text("No data for the selected area and year")


@pytest.mark.parametrize(
    ("path", "typed", "option"), [("/", "Nagqu", "那曲市"), ("/?lang=en", "那曲", "Nagqu")]
)
def test_the_area_menu_finds_an_area_by_its_other_languages_name(
    served_test_app, open_page, path, typed, option
):
    """The menu's search words hold only what its labels and codes do not already find."""
    page = open_page(served_test_app, path)
    page.click(f"#{ids.FILTER_AREA}")
    page.keyboard.type(typed)
    options = page.locator("[role=listbox] [role=option]")
    expect(options.first).to_contain_text(option)
    page.keyboard.press("Escape")
    # dcc's dropdown code was asked for once: its loader took what the page preloaded
    fetched = page.evaluate(
        """() => performance.getEntriesByType('resource').map((e) => e.name)
            .filter((name) => name.includes('/dcc/async-dropdown'))"""
    )
    assert len(fetched) == 1
    assert page.console_errors == []


def test_clicking_an_area_in_a_chart_filters_and_shift_click_adds(served_test_app, open_page):
    page = open_page(served_test_app, "/?area=540000,540100")
    draw_deferred_charts(page)
    click = """([area]) => window.dash_clientside.set_props(
        {type: "chart-graph", chart: "trends-dropout-control"},
        {clickData: {points: [{customdata: [area, "x"]}]}})"""
    shift_press = """() => document.querySelector('.js-plotly-plot').dispatchEvent(
        new MouseEvent('mousedown', {bubbles: true, shiftKey: true}))"""
    page.evaluate(shift_press)
    page.evaluate(click, ["540600"])
    wait_for_dash(page)
    assert query_of(page) == "?area=540000,540100,540600"
    draw_deferred_charts(page)
    page.evaluate("""() => document.querySelector('.js-plotly-plot').dispatchEvent(
        new MouseEvent('mousedown', {bubbles: true}))""")
    page.evaluate(click, ["540100"])
    wait_for_dash(page)
    assert query_of(page) == "?area=540100"
    assert page.console_errors == []


def test_choosing_an_area_from_the_region_view_leaves_it_alone(served_test_app, open_page):
    """The area rule: choosing 那曲市 replaces the default region (it used to be added)."""
    page = open_page(served_test_app, "/")
    choose(page, "filter-area", "那曲市")
    assert query_of(page) == "?area=540600"
    expect(page.locator("#filter-area")).not_to_contain_text("西藏自治区")


@pytest.mark.parametrize(
    ("lang", "text"), [("zh", "那曲市：{year}年无此项数据"), ("en", "Nagqu: no reading for {year}")]
)
# Nagqu's counties have poverty-exit readings up to 2020, so the overview and the data page
# are asked for a year without any; the programme pages have none for Nagqu in 2019.
@pytest.mark.parametrize(
    ("path", "year"),
    [("/", 2005), ("/dropout", 2019), ("/aid", 2019), ("/teachers", 2019), ("/data", 2005)],
)
def test_an_area_without_readings_keeps_its_link_and_is_named(
    served_app, open_page, path, year, lang, text
):
    text = text.format(year=year)
    query = f"?area=540600&year={year}" + ("" if lang == "zh" else "&lang=en")
    page = open_page(served_app, path + query)
    expect(page.locator("#area-notice")).to_contain_text(text)
    assert page.evaluate("window.location.search") == query
    assert page.console_errors == []


def test_leaving_the_map_adds_no_history_entry(served_app, open_page):
    page = open_page(served_app, "/?year=2019")
    page.locator("#navbar .nav-link", has_text="地图").click()
    wait_for_dash(page)
    page.locator("#navbar .nav-link", has_text="总览").click()
    wait_for_dash(page)
    page.go_back()
    wait_for_dash(page)
    assert page.evaluate("window.location.pathname") == "/map"
    page.go_back()
    wait_for_dash(page)
    assert page.evaluate("window.location.pathname") == "/"
