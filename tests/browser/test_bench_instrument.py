"""What the benchmark counts as a change on the page (benchmarks/browser.py, INSTRUMENT): any
DOM change but dcc.Graph's unstyled marker class during its size check and AG Grid's hidden
screen-reader announcements, so that a wait ends when what a reader sees stops changing."""

from __future__ import annotations

from benchmarks.browser import INSTRUMENT

PAGE = """<!DOCTYPE html><html><body>
<div id="plot" class="js-plotly-plot"><svg id="svg"></svg></div>
<div class="ag-aria-description-container"><span id="said"></span></div>
</body></html>"""


def test_the_bench_counts_what_a_reader_sees_change(browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(PAGE)
        page.evaluate(INSTRUMENT)

        def changed_after(action: str) -> bool:
            before = page.evaluate("() => window.__bench.lastMutation")
            page.evaluate(f"() => {{ {action} }}")
            page.wait_for_timeout(50)  # the observer's records are delivered
            return page.evaluate("() => window.__bench.lastMutation") > before

        plot = "document.getElementById('plot')"
        assert not changed_after(f"{plot}.classList.add('dash-graph--pending');")
        assert not changed_after(f"{plot}.classList.remove('dash-graph--pending');")
        assert not changed_after("document.getElementById('said').textContent = '3 rows';")
        # Another class, an attribute, a drawn element: each is a change.
        assert changed_after(f"{plot}.classList.add('dash-graph--pending', 'other');")
        assert changed_after(f"{plot}.setAttribute('data-map-fitted', '1');")
        assert changed_after(
            "document.getElementById('svg').appendChild("
            "document.createElementNS('http://www.w3.org/2000/svg', 'path'));"
        )
    finally:
        context.close()
