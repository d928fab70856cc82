"""The Overview's briefing in a real browser, on the real data, in both languages.

Screenshots of what was checked go to /tmp (briefing-zh.png, briefing-en.png) to look at.
"""

from __future__ import annotations

import pytest
from conftest import wait_for_dash
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
expect.set_options(timeout=30_000)

FIGURES = {
    "zh": ["12,062人", "11,860人", "98.33%", "1,542人", "100%", "3,720元/生/年"],
    "en": [
        "12,062 people",
        "11,860 people",
        "98.33%",
        "1,542 people",
        "100%",
        "CNY 3,720 per student per year",
    ],
}
ALLOWANCES = {
    "zh": [
        "二类区(平均海拔4000米以下)",
        "三类区(平均海拔4000—4500米)",
        "四类区(平均海拔4500米以上)",
    ],
    "en": ["average altitude below 4,000 m", "4,000–4,500 m", "above 4,500 m"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_2019_briefing_shows_the_seed_figures_with_sources(served_app, open_page, lang):
    page = open_page(served_app, "/?year=2019" + ("&lang=en" if lang == "en" else ""))
    wait_for_dash(page)
    expect(page.locator(".briefing-card").first).to_be_visible()
    values = page.locator(".briefing-card .kpi-value").all_inner_texts()
    for figure in FIGURES[lang]:
        assert figure in values
    titles = " ".join(page.locator(".briefing-card-title").all_inner_texts())
    for band in ALLOWANCES[lang]:
        assert band in titles
    for value in ("500", "1,000", "1,500"):
        assert any(value in text and ("元/人/月" in text or "per month" in text) for text in values)
    caption = page.locator("#briefing-dropout-control .briefing-caption").inner_text()
    assert "12,062" in caption and "11,860" in caption
    number = page.locator("#briefing-dropout-control .briefing-number").first
    title = number.get_attribute("title")
    if lang == "zh":
        assert "12062" in title  # the quote it was read from
    else:  # a title cannot be marked lang="zh": it names the source and where the quote is
        assert "China Poverty Alleviation" in title and "Sources page" in title
    assert "/sources" in number.get_attribute("href")
    page.screenshot(path=f"/tmp/briefing-{lang}.png", full_page=True)
    # The briefing of one year fits in about three screens at 1440x900 (3.6: fourteen
    # programmes since poverty exits and their context have pages and headlines).
    bottom = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll('.briefing-program')]
            .map((section) => section.getBoundingClientRect().bottom + window.scrollY))"""
    )
    assert bottom < 3.6 * 900
    assert page.console_errors == []


def test_each_indicators_latest_marks_other_years_and_stale_figures(served_app, open_page):
    page = open_page(served_app, "/?lang=en")
    wait_for_dash(page)
    expect(page.locator(".briefing-heading")).to_have_text(
        "Briefing for 2019 · Tibet Autonomous Region"
    )
    page.get_by_role("radio", name="Each indicator's latest").check()
    wait_for_dash(page)
    expect(page.locator(".briefing-heading")).to_contain_text("Latest reading of each indicator")
    assert page.locator(".briefing-year-differs").count() > 0
    assert page.locator(".briefing-stale").count() > 0
    page.screenshot(path="/tmp/briefing-latest-en.png", full_page=True)


def test_figures_being_redrawn_are_dimmed(served_app, open_page):
    page = open_page(served_app, "/")
    wait_for_dash(page)
    opacity = page.evaluate(
        """() => {
            const body = document.getElementById('overview-body');
            const briefing = document.getElementById('overview-briefing');
            body.setAttribute('data-dash-is-loading', 'true');
            const values = [getComputedStyle(body).opacity, getComputedStyle(briefing).opacity];
            body.removeAttribute('data-dash-is-loading');
            return values.concat([getComputedStyle(briefing).opacity]).map(Number);
        }"""
    )
    body, briefing, after = opacity
    assert body < 0.5 and briefing < 0.5, "the briefing is dimmed with the body it sits on"
    assert after == 1


# The trends below the briefing are drawn when the reader scrolls near them
# (assets/deferred_charts.js), so the first screen does not wait for charts nobody sees yet.
DRAWN = "[...document.querySelectorAll('.chart-card .js-plotly-plot')].map(p => p.parentElement.id)"


def test_trends_below_the_briefing_are_drawn_when_scrolled_to(served_app, open_page):
    page = open_page(served_app, "/?lang=en")
    wait_for_dash(page)
    slots = page.locator(".chart-deferred[data-graph]")
    assert slots.count() >= 3  # one per programme's trends, all below the first screen
    assert page.evaluate(DRAWN) == []
    first_top = slots.first.bounding_box()["y"]
    last = slots.last.element_handle()
    assert last.bounding_box()["y"] - first_top > 2 * 900  # far below the first chart
    slots.first.scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({DRAWN}).length > 0")
    wait_for_dash(page)
    first = page.evaluate(DRAWN)[0]
    assert '"type":"chart-graph"' in first  # the graph has the id the shell's callbacks use
    plotted = page.evaluate(
        "(id) => document.getElementById(id).querySelector('.js-plotly-plot').data.length", first
    )
    assert plotted > 0
    assert last.get_attribute("data-graph") is not None  # not yet near the screen
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("(slot) => !slot.hasAttribute('data-graph')", arg=last)
    assert page.console_errors == []


def test_a_briefing_number_opens_its_source_inside_the_app(served_app, open_page):
    """The briefing is drawn by the browser from plain data (assets/plain_html.js); its
    links are followed as dcc.Link follows them: no page load, the Sources page drawn, the
    source chosen; a modified click is left to the browser."""
    page = open_page(served_app, "/?lang=en&year=2019")
    wait_for_dash(page)
    number = page.locator("#briefing-dropout-control .briefing-number").first
    expect(number).to_be_visible()
    href = number.get_attribute("href")
    assert number.get_attribute("data-link") == "app"
    page.evaluate("() => { window.__samePage = true; }")
    number.click()
    page.wait_for_function(
        "(path) => window.location.pathname === path", arg="/sources", timeout=30_000
    )
    wait_for_dash(page)
    assert page.evaluate("() => window.__samePage === true"), "the page was loaded again"
    assert page.evaluate("() => window.location.pathname + window.location.search") in href
    expect(page.locator(".source-selected")).to_have_count(1)
    assert page.console_errors == []


def test_the_trends_wait_for_the_briefing_above_them(served_app, open_page):
    """The briefing is drawn by the browser after Dash mounts the body under it; until then
    the body is not laid out, or its trends would sit on the first screen for a moment and
    their deferred charts be drawn (1 load in 2 drew three charts before this)."""
    page = open_page(served_app, "/?lang=en")
    wait_for_dash(page)
    shown = page.evaluate(
        """() => {
            const briefing = document.getElementById('overview-briefing');
            const body = document.getElementById('overview-body');
            const drawn = getComputedStyle(body).display;
            briefing.removeAttribute('data-plain-drawn');  // as before the briefing is drawn
            const waiting = getComputedStyle(body).display;
            briefing.setAttribute('data-plain-drawn', '1');
            return [drawn, waiting];
        }"""
    )
    assert shown == ["block", "none"]
    for _ in range(3):  # loads: no trend chart is drawn before the reader scrolls
        page.reload()
        wait_for_dash(page)
        page.wait_for_timeout(500)
        assert page.evaluate(DRAWN) == []
