"""A phone (390×844) and the keyboard: the filter bar is one line until its button opens it, no
page scrolls sideways, and a control reached by Tab shows its focus ring (issue 13)."""

from __future__ import annotations

import pytest
from conftest import draw_deferred_charts, wait_for_dash

from dashboard import ids

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
COMPACT_BAR_PX = 80  # the one-line bar: the choices in short and the Filters button


def visible(page, element_id: str) -> bool:
    return page.locator(f"#{element_id}").is_visible()


def test_the_phone_filter_bar_is_one_line_until_its_button_opens_it(served_app, open_page):
    page = open_page(served_app, "/data?year=2019&lang=en", **PHONE)
    bar = page.locator(f"#{ids.FILTER_BAR}").bounding_box()
    assert bar is not None and bar["height"] < COMPACT_BAR_PX, bar
    assert not visible(page, ids.FILTER_YEAR)
    assert "2019" in page.inner_text(f"#{ids.FILTER_COMPACT_TEXT}")  # the URL's choice, in short
    toggle = page.locator(f"#{ids.FILTER_TOGGLE}")
    assert toggle.get_attribute("aria-controls") == ids.FILTER_PANEL
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.inner_text().strip().startswith("Filters")
    toggle.click()
    page.wait_for_function(  # a function, not an expression: the page's CSP forbids eval
        "([id, state]) => document.getElementById(id).getAttribute('aria-expanded') === state",
        arg=[ids.FILTER_TOGGLE, "true"],
    )
    assert visible(page, ids.FILTER_YEAR)
    toggle.click()
    page.wait_for_function(  # a function, not an expression: the page's CSP forbids eval
        "([id, state]) => document.getElementById(id).getAttribute('aria-expanded') === state",
        arg=[ids.FILTER_TOGGLE, "false"],
    )
    assert not visible(page, ids.FILTER_YEAR)


def test_wider_screens_keep_the_whole_filter_bar(served_app, open_page):
    page = open_page(served_app, "/data", width=1024, height=800)
    assert visible(page, ids.FILTER_YEAR)
    assert not visible(page, ids.FILTER_TOGGLE)


def navigation_paths(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        f"#{ids.NAVBAR} a[href^='/']", "links => links.map(link => link.getAttribute('href'))"
    )
    return list(dict.fromkeys(href.split("?")[0].split("#")[0] for href in hrefs))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_scrolls_sideways_on_a_phone(served_app, open_page, lang: str):
    paths = navigation_paths(open_page(served_app, "/", **PHONE))
    assert len(paths) >= 8, paths
    too_wide = {}
    for path in paths:
        page = open_page(served_app, f"{path}?lang={lang}", **PHONE)
        wait_for_dash(page)
        width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            too_wide[path] = width
        page.context.close()
    assert too_wide == {}, too_wide


def focused_outline(page) -> dict:
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            return {id: element.id, style: style.outlineStyle,
                    width: parseFloat(style.outlineWidth), colour: style.outlineColor};
        }"""
    )


def tab_to(page, element_id: str, limit: int = 60) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        outline = focused_outline(page)
        if outline["id"] == element_id:
            return outline
    raise AssertionError(f"#{element_id} not reached in {limit} presses of Tab")


@pytest.mark.parametrize(
    ("size", "target"),
    [(PHONE, ids.FILTER_TOGGLE), ({"width": 1440, "height": 900}, ids.FILTER_CLEAR)],
)
def test_a_control_reached_by_tab_shows_a_focus_ring(served_app, open_page, size, target):
    """Bootstrap's buttons replace the outline with a faint shadow; ours must win."""
    page = open_page(served_app, "/data", **size)
    outline = tab_to(page, target)
    assert outline["style"] != "none" and outline["width"] >= 2, outline


# The overview's trend grids (small multiples, assets/grid_fit.js): on a phone two panels a
# row whose titles do not run into each other; four a row again on a wider window.
GRID_STATE = """(chart) => {
    const graph = document.getElementById(JSON.stringify({chart: chart, type: 'chart-graph'}));
    const plot = graph && graph.querySelector('.js-plotly-plot');
    if (!plot || !plot._fullLayout || !plot.querySelector('.main-svg')) { return null; }
    const columns = new Set(Object.keys(plot._fullLayout)
        .filter(key => /^xaxis\\d*$/.test(key))
        .map(key => plot._fullLayout[key].domain[0].toFixed(3)));
    const titles = Array.from(plot.querySelectorAll('.annotation')).map(node => {
        const box = node.getBoundingClientRect();
        return [box.left, box.top, box.right, box.bottom];
    });
    return {columns: columns.size, titles: titles, height: graph.clientHeight};
}"""


def grid_state(page, chart: str, columns: int) -> dict:
    page.wait_for_function(
        f"([chart, columns]) => {{ const s = ({GRID_STATE})(chart); "
        "return !!s && s.columns === columns; }",
        arg=[chart, columns],
        timeout=60_000,
    )
    return page.evaluate(GRID_STATE, chart)


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    pairs = []
    for i, (left, top, right, bottom) in enumerate(boxes):
        for j, (left2, top2, right2, bottom2) in enumerate(boxes[i + 1 :], start=i + 1):
            if left < right2 and left2 < right and top < bottom2 and top2 < bottom:
                pairs.append((i, j))
    return pairs


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trend_grids_have_two_panels_a_row_on_a_phone(served_app, open_page, lang: str):
    chart = "trends-enrolment"  # five panels in the embedded data: four a row on a laptop
    page = open_page(served_app, f"/?lang={lang}", **PHONE)
    wait_for_dash(page, timeout_ms=60_000)
    draw_deferred_charts(page)
    phone = grid_state(page, chart, 2)
    assert len(phone["titles"]) >= 3
    assert overlapping(phone["titles"]) == []
    # Drawn taller than on a laptop, the grid pushes the card's footer down, not under it.
    graph_bottom, footer_top = page.evaluate(
        """(chart) => {
            const graph = document.getElementById(JSON.stringify({chart, type: 'chart-graph'}));
            const footer = graph.closest('.chart-card').querySelector('.card-footer');
            return [graph.getBoundingClientRect().bottom, footer.getBoundingClientRect().top];
        }""",
        chart,
    )
    assert graph_bottom <= footer_top + 1
    page.set_viewport_size({"width": 1280, "height": 900})
    laptop = grid_state(page, chart, 4)
    assert overlapping(laptop["titles"]) == []
    assert laptop["height"] < phone["height"], "two panels a row need more rows"
    page.set_viewport_size(PHONE)
    assert grid_state(page, chart, 2)["height"] == phone["height"]
