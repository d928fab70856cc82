"""On a phone (390 x 844) the map shows the whole region: all seven prefectures inside the
map's visible extent (MapLibre's getBounds after assets/map_fit.js), the legend and colour
bar outside the map, and no console error on the way (the fit's relayouts once broke the map).
"""

from __future__ import annotations

import pytest

from dashboard.views.map import map_geometry

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
FIT_TIMEOUT_MS = 120_000  # software WebGL on a small machine: the map itself takes ~20 s

# Once the fit is final: the map's visible extent and the boxes of legend, bar and canvas.
READ_MAP = """() => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')]
        .find((p) => p._fullLayout && p._fullLayout.map && p.dataset.mapFitted === '1');
    if (!plot) return null;
    const map = plot._fullLayout.map._subplot.map;
    const b = map.getBounds();
    const box = (node) => {
        if (!node) return null;
        const r = node.getBoundingClientRect();
        return r.width && r.height ? [r.left, r.top, r.right, r.bottom] : null;
    };
    return {
        extent: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
        zoom: plot._fullLayout.map.zoom,
        canvas: box(map.getCanvas()),
        legend: box(plot.querySelector('g.legend')),
        colorbar: box(plot.querySelector('g.colorbar')),
    };
}"""


def prefecture_boxes() -> dict[str, tuple[float, float, float, float]]:
    geometry = map_geometry()
    boxes = {}
    for code in geometry.codes("prefecture"):
        points = [point for ring in geometry.shapes[code].exteriors for point in ring]
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        boxes[geometry.shapes[code].name_en] = (min(lons), min(lats), max(lons), max(lats))
    return boxes


def overlaps(a, b) -> bool:
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


@pytest.mark.parametrize("path", ["/map", "/program/schools?lang=en"])
def test_phone_map_shows_every_prefecture(served_app, open_page, path: str) -> None:
    page = open_page(served_app, path, **PHONE)
    seen = page.wait_for_function(READ_MAP, timeout=FIT_TIMEOUT_MS).json_value()
    west, south, east, north = seen["extent"]
    boxes = prefecture_boxes()
    assert len(boxes) == 7
    outside = [
        name
        for name, (w, s, e, n) in boxes.items()
        if not (w >= west and s >= south and e <= east and n <= north)
    ]
    assert outside == [], (outside, seen)
    for part in ("legend", "colorbar"):
        if seen[part]:
            assert not overlaps(seen[part], seen["canvas"]), (part, seen)
    assert page.console_errors == []
    assert page.external_requests == []


COUNT_DRAWS = """() => {
    window.__mapDraws = {reacts: 0, drawn: 0, relayouts: 0};
    const react = window.Plotly.react;
    window.Plotly.react = function (plot, figure) {
        const isMap = Boolean(figure && figure.layout && figure.layout.map);
        if (isMap) window.__mapDraws.reacts += 1;
        const result = react.apply(this, arguments);
        Promise.resolve(result).then(() => { if (isMap) window.__mapDraws.drawn += 1; });
        return result;
    };
    const relayout = window.Plotly.relayout;
    window.Plotly.relayout = function () {
        window.__mapDraws.relayouts += 1;
        return relayout.apply(this, arguments);
    };
}"""


def test_a_filter_change_draws_the_fitted_map_once(served_app, open_page) -> None:
    """After the first fit, a new figure of the same map at the same width is drawn at the
    fitted view: no second draw to move it there (a software-WebGL map is slow to draw)."""
    page = open_page(served_app, "/map?lang=en", width=1440, height=900)
    first = page.wait_for_function(READ_MAP, timeout=FIT_TIMEOUT_MS).json_value()
    page.evaluate(COUNT_DRAWS)
    page.evaluate("() => window.dash_clientside.set_props('filter-area', {value: ['540100']})")
    page.wait_for_function(
        "() => window.__mapDraws.drawn >= 1"
        " && document.querySelector('.js-plotly-plot[data-map-fitted]') !== null",
        timeout=FIT_TIMEOUT_MS,
    )
    page.wait_for_timeout(2000)  # map_fit.js checks every 100 ms once MapLibre is still
    again = page.evaluate(READ_MAP)
    draws = page.evaluate("() => window.__mapDraws")
    assert "area=540100" in page.url
    assert again is not None and abs(again["zoom"] - first["zoom"]) < 0.01, (first, again)
    assert draws["reacts"] >= 1 and draws["relayouts"] == 0, draws
    assert page.console_errors == []
