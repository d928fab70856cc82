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


# Mutations inside one chart, by layer, from now on (window.__layers()).
WATCH_LAYERS = """(chart) => {
    const graph = document.getElementById(JSON.stringify({chart: chart, type: 'chart-graph'}));
    const plot = graph.querySelector('.js-plotly-plot');
    const counts = {traces: 0, shapes: 0, annotations: 0};
    const layer = (node) => {
        const element = node.nodeType === 1 ? node : node.parentElement;
        if (!element) return null;
        if (element.closest('.scatterlayer, .barlayer')) return 'traces';
        if (element.closest('.shapelayer')) return 'shapes';
        if (element.closest('.annotation')) return 'annotations';
        return null;
    };
    new MutationObserver((records) => records.forEach((record) => {
        const name = layer(record.target);
        if (name) counts[name] += 1;
    })).observe(plot, {subtree: true, childList: true, attributes: true, characterData: true});
    window.__layers = () => counts;
    window.__plot = plot;
}"""


def test_a_year_change_redraws_a_trend_chart_in_part(served_app, open_page) -> None:
    """The retention trend's lines are the same for every year: a year change moves its
    highlighted year (a shape and an annotation) and leaves its lines as drawn. plotly.js
    does so only when the figure names its data (layout.datarevision) and the drawn
    template and metas are given back (assets/_plotly_react.js); else it draws it all."""
    page = open_page(served_app, "/program/dropout_control?lang=en&year=2018&area=540000")
    page.wait_for_selector(".chart-card .js-plotly-plot", timeout=TIMEOUT_MS)
    wait_for_dash(page)
    page.evaluate(WATCH_LAYERS, "dropout-retention")
    lines_before = page.evaluate(
        "() => [...window.__plot.querySelectorAll('.scatterlayer path.js-line')]"
        ".map((path) => path.getAttribute('d'))"
    )
    assert lines_before

    page.evaluate("() => window.dash_clientside.set_props('filter-year', {value: 2019})")
    page.wait_for_function(
        """() => [...window.__plot.querySelectorAll('.annotation-text')]
            .some((text) => text.textContent.includes('2019'))""",
        timeout=TIMEOUT_MS,
    )
    wait_for_dash(page)
    counts = page.evaluate("() => window.__layers()")
    assert counts["shapes"] > 0 and counts["annotations"] > 0, counts  # the highlight moved
    assert counts["traces"] == 0, counts  # the lines were not drawn again
    assert (
        page.evaluate(
            "() => [...window.__plot.querySelectorAll('.scatterlayer path.js-line')]"
            ".map((path) => path.getAttribute('d'))"
        )
        == lines_before
    )
    assert page.console_errors == [], page.console_errors
