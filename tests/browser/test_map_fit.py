"""On a phone (390 x 844) the map shows the whole region: every prefecture's box inside the
map's frame (plotly.js fits the figure's longitude and latitude ranges to the graph), the
legend and colour bar outside the map, and no console error or request off the host on the
way (the base map plotly.js would fetch from its CDN must never be asked for).
"""

from __future__ import annotations

import pytest

from dashboard.views.map import map_geometry

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
FIT_TIMEOUT_MS = 60_000

# Once the placement is final: where each prefecture's box corners are drawn, and the boxes
# of the map's frame, legend and bar (client pixels).
READ_MAP = """(boxes) => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')]
        .find((p) => p._fullLayout && p._fullLayout.geo && p.dataset.mapFitted === '1');
    if (!plot) return null;
    const box = (node) => {
        if (!node) return null;
        const r = node.getBoundingClientRect();
        return r.width && r.height ? [r.left, r.top, r.right, r.bottom] : null;
    };
    const projection = plot._fullLayout.geo._subplot.projection;
    const svg = plot.querySelector('.main-svg').getBoundingClientRect();
    const drawn = {};
    for (const [name, [w, s, e, n]] of Object.entries(boxes)) {
        const a = projection([w, n]), b = projection([e, s]);
        drawn[name] = [svg.left + a[0], svg.top + a[1], svg.left + b[0], svg.top + b[1]];
    }
    return {
        drawn: drawn,
        frame: box(plot.querySelector('g.geo .bg')),
        graph: box(plot.parentElement),
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
    boxes = prefecture_boxes()
    assert len(boxes) == 7
    seen = page.wait_for_function(READ_MAP, arg=boxes, timeout=FIT_TIMEOUT_MS).json_value()
    left, top, right, bottom = seen["frame"]
    outside = [
        name
        for name, (x0, y0, x1, y1) in seen["drawn"].items()
        if not (left - 1 <= x0 < x1 <= right + 1 and top - 1 <= y0 < y1 <= bottom + 1)
    ]
    assert outside == [], (outside, seen)
    # The region fills the frame's width or height (not a small map in a large box).
    union = [min(b[0] for b in seen["drawn"].values()), max(b[2] for b in seen["drawn"].values())]
    assert union[1] - union[0] > 0.85 * (right - left), seen
    for part in ("legend", "colorbar"):
        if seen[part]:
            assert not overlaps(seen[part], seen["frame"]), (part, seen)
    # The narrow graph is shorter than the wide one, its box sized with it.
    assert seen["graph"][3] - seen["graph"][1] < 400, seen
    assert page.console_errors == []
    assert page.external_requests == []


COUNT_DRAWS = """() => {
    window.__mapDraws = {reacts: 0, drawn: 0, relayouts: 0};
    const react = window.Plotly.react;
    window.Plotly.react = function (plot, figure) {
        const isMap = Boolean(figure && figure.layout && figure.layout.geo);
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


@pytest.mark.parametrize("size", [{"width": 1440, "height": 900}, PHONE])
def test_a_filter_change_draws_the_map_once(served_app, open_page, size) -> None:
    """A new figure is drawn at once with the placement its width needs (on a phone the
    narrow one, applied before the draw): no second draw through a relayout."""
    page = open_page(served_app, "/map?lang=en", **size)
    boxes = prefecture_boxes()
    page.wait_for_function(READ_MAP, arg=boxes, timeout=FIT_TIMEOUT_MS)
    page.evaluate(COUNT_DRAWS)
    page.evaluate("() => window.dash_clientside.set_props('filter-area', {value: ['540100']})")
    page.wait_for_function(
        "() => window.__mapDraws.drawn >= 1"
        " && document.querySelector('.js-plotly-plot[data-map-fitted]') !== null",
        timeout=FIT_TIMEOUT_MS,
    )
    page.wait_for_timeout(1000)
    draws = page.evaluate("() => window.__mapDraws")
    assert "area=540100" in page.url
    assert page.evaluate(READ_MAP, boxes) is not None
    assert draws["reacts"] >= 1 and draws["relayouts"] == 0, draws
    assert page.console_errors == []
