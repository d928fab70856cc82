"""The dropout, aid and teachers pages in a real browser on the real data: they load cleanly
in both languages, every chart follows the year and area filters, and a click on a
prefecture's bar sets the area filter."""

from __future__ import annotations

import pytest
from conftest import wait_for_dash
from playwright.sync_api import expect

from dashboard import ids
from dashboard.i18n import t

pytestmark = pytest.mark.browser
expect.set_options(timeout=30_000)  # a loaded 2-core machine draws slowly
TIMEOUT_MS = 30_000
PAGES = ("dropout", "aid", "teachers")
CHARTS = ".chart-card .js-plotly-plot"

# What each chart draws: traces and annotations (banners, footnotes, empty messages).
SIGNATURES_JS = """() => Array.from(document.querySelectorAll('.chart-card .js-plotly-plot'))
    .map(el => JSON.stringify([
        (el.data || []).map(trace => [trace.x, trace.y, trace.name]),
        ((el.layout || {}).annotations || []).map(note => note.text),
        ((el.layout || {}).shapes || []).map(shape => shape.x0),
    ]))"""


def choose(page, dropdown_id: str, option_text: str) -> None:
    """Pick an option of a Dash 4 dropdown by its visible text."""
    page.click(f"#{dropdown_id}")
    page.locator("[role=listbox] [role=option]", has_text=option_text).first.click()
    page.keyboard.press("Escape")
    wait_for_dash(page, timeout_ms=TIMEOUT_MS)


def open_program(open_page, server, path: str):
    page = open_page(server, path)
    page.wait_for_function(
        f"() => document.querySelectorAll('{CHARTS}').length === 4", timeout=TIMEOUT_MS
    )
    wait_for_dash(page, timeout_ms=TIMEOUT_MS)
    return page


def signatures(page) -> list[str]:
    return page.evaluate(SIGNATURES_JS)


def wait_until_every_chart_differs(page, before: list[str]) -> None:
    page.wait_for_function(
        f"""(before) => {{
            const now = ({SIGNATURES_JS})();
            return now.length === before.length && now.every((text, i) => text !== before[i]);
        }}""",
        arg=before,
        timeout=TIMEOUT_MS,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_programme_page_loads_without_console_errors(served_app, open_page, name, lang):
    page = open_program(open_page, served_app, f"/{name}?lang={lang}")
    expect(page.locator("h1")).to_have_text(t(f"{name}.title", lang))
    assert page.locator(".chart-card").count() == 4
    assert page.locator(".chart-card .chart-source a").count() >= 4  # links to the Sources page
    assert page.console_errors == []
    assert page.external_requests == []


@pytest.mark.parametrize("name", PAGES)
def test_changing_the_year_updates_every_chart(served_app, open_page, name):
    page = open_program(open_page, served_app, f"/{name}")
    before = signatures(page)
    choose(page, ids.FILTER_YEAR, "2022年")
    wait_until_every_chart_differs(page, before)
    assert "year=2022" in page.evaluate("window.location.search")
    assert page.console_errors == []


def test_a_source_link_opens_that_source_on_the_sources_page(served_app, open_page):
    page = open_program(open_page, served_app, "/dropout")
    link = page.locator(".chart-card .chart-source a").first
    href = link.get_attribute("href")
    assert href.startswith("/sources") and "source=" in href


def test_clicking_a_prefecture_bar_sets_the_area_filter_and_updates_every_chart(
    served_app, open_page
):
    page = open_program(open_page, served_app, "/teachers")
    before = signatures(page)
    # The headcount chart has a vertical bar for Lhasa (540100): mark it, then click it as a
    # user would (Playwright scrolls it into view and clicks its middle).
    found = page.evaluate(
        """() => {
            for (const el of document.querySelectorAll('.chart-card .js-plotly-plot')) {
                const bars = Array.from(el.querySelectorAll('.barlayer .trace'));
                for (let i = 0; i < (el.data || []).length; i++) {
                    const j = Array.from(el.data[i].customdata || []).indexOf('540100');
                    if (j < 0 || el.data[i].orientation === 'h') continue;
                    bars[i].querySelectorAll('.point path')[j].setAttribute('data-test', 'lhasa');
                    return true;
                }
            }
            return false;
        }"""
    )
    assert found, "no vertical bar for Lhasa on the teachers page"
    page.locator("[data-test=lhasa]").click(force=True)
    page.wait_for_function(
        "() => window.location.search.includes('area=540100')", timeout=TIMEOUT_MS
    )
    wait_until_every_chart_differs(page, before)
    expect(page.locator(f"#{ids.FILTER_AREA}")).to_contain_text("拉萨市")
    # The allowance has only region-wide figures: offered, and said to be region-wide.
    expect(page.locator(".chart-card").first).to_contain_text("拉萨市没有此项数据")
    assert page.console_errors == []


def test_a_chart_changed_to_no_data_on_a_phone_says_so_whole_and_centred(served_app, open_page):
    """A bar chart redrawn in place as empty (Plotly.react) kept the room its bar labels had
    pushed the left margin to, and the message ran off the phone's screen."""
    page = open_page(served_app, "/aid?lang=en&year=2019", width=390, height=844)
    page.wait_for_function(
        f"() => document.querySelectorAll('{CHARTS}').length === 4", timeout=TIMEOUT_MS
    )
    wait_for_dash(page, timeout_ms=TIMEOUT_MS)
    empty_now = "(el) => !!(el.layout && el.layout.meta && el.layout.meta.empty)"
    assert not any(page.eval_on_selector_all(CHARTS, f"els => els.map({empty_now})"))
    page.click(f"#{ids.FILTER_TOGGLE}")  # a phone's filters are one line until opened
    choose(page, ids.FILTER_YEAR, "2015")
    page.wait_for_function(
        f"() => Array.from(document.querySelectorAll('{CHARTS}')).some({empty_now})",
        timeout=TIMEOUT_MS,
    )
    boxes = page.eval_on_selector_all(
        CHARTS,
        f"""els => els.filter({empty_now}).map(el => {{
            const chart = el.getBoundingClientRect();
            const note = el.querySelector('.annotation').getBoundingClientRect();
            return [chart.left, chart.right, note.left, note.right];
        }})""",
    )
    assert boxes
    for chart_left, chart_right, left, right in boxes:
        assert chart_left <= left and right <= chart_right  # every word on the screen
        assert abs((left - chart_left) - (chart_right - right)) <= 2  # centred
    assert page.console_errors == []
