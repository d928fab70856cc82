"""A year change redraws a page's chart cards in place (dashboard/components/card_refresh.py,
assets/card_refresh.js): the same graph elements, drawn again with plotly.js react, with the
new year in their subtitles, source links and export buttons' names."""

from __future__ import annotations

import pytest
from conftest import wait_for_dash

TIMEOUT_MS = 60_000

# Every chart's graph, title, source links and PNG button (name) on the page.
CARDS = """() => [...document.querySelectorAll('.chart-card')].map((card) => ({
    graph: card.querySelector('.js-plotly-plot'),
    title: card.querySelector('h3').innerText,
    links: [...card.querySelectorAll('.chart-source a')].map((a) => a.getAttribute('href')),
    png: (card.querySelector('.chart-export button') || {}).ariaLabel,
}))"""


@pytest.mark.parametrize(
    "path",
    [
        "/map?lang=en&year=2019",
        "/program/dropout_control?lang=en&year=2019",
        "/data?lang=en&year=2019",
    ],
)
def test_a_year_change_redraws_the_cards_in_place(served_app, open_page, path) -> None:
    page = open_page(served_app, path)
    page.wait_for_selector(".chart-card .js-plotly-plot", timeout=TIMEOUT_MS)
    wait_for_dash(page)
    before = page.evaluate(CARDS)
    assert before and any(card["links"] for card in before)
    assert all("year=2019" in href for card in before for href in card["links"])
    page.evaluate("() => { window.__graphs = [...document.querySelectorAll('.js-plotly-plot')]; }")

    page.evaluate("() => window.dash_clientside.set_props('filter-year', {value: 2016})")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.chart-card .chart-source a')]
            .every((a) => a.getAttribute('href').includes('year=2016'))""",
        timeout=TIMEOUT_MS,
    )
    wait_for_dash(page)
    after = page.evaluate(CARDS)
    assert len(after) == len(before)
    # The same elements, not new ones: no chart was mounted again.
    assert page.evaluate(
        """() => window.__graphs.length
            === document.querySelectorAll('.js-plotly-plot').length
            && window.__graphs.every((graph) => graph.isConnected)"""
    )
    for card in after:
        assert card["title"] in card["png"] and "PNG" in card["png"]
    assert any(card["links"] for card in after)
    assert page.console_errors == [], page.console_errors
