"""The browser's plotly.js is the partial bundle (dashboard/plotly_bundle.py): it holds every
trace type the pages draw, it is the plotly.js version plotly.py writes figures for, and it is
what the address dcc.Graph loads plotly.js from answers."""

from __future__ import annotations

import re

import pytest
from plotly.offline import get_plotlyjs_version
from shell_dataset import cached_test_dataset, shell_app

from dashboard import config
from dashboard.data.store import get_dataset
from dashboard.figures.common import figure_json, plotly_figure
from dashboard.plotly_bundle import (
    BUNDLE_FILE,
    BUNDLED_TRACES,
    DASH_PLOTLY_PATH,
    bundle,
    bundle_version,
)
from dashboard.state import FilterState
from dashboard.views import VIEWS, build_view, load_all_views
from dashboard.views.data import TABLE_CHART
from dashboard.views.sources import LIST_CHART

ENTRY = config.ASSETS_DIR / "vendor" / "plotly-dashboard.entry.js"
# The data page shows its rows in the grid and the Sources page its sources as cards; their
# table figures are for image and slide exports, which kaleido draws with plotly.py's full
# plotly.js.
EXPORT_ONLY = {("data", TABLE_CHART), ("sources", LIST_CHART)}


def _states() -> list[FilterState]:
    dataset = get_dataset()
    prefecture = dataset.gazetteer.by_level("prefecture")[0].code
    county = dataset.gazetteer.by_level("county")[0].code
    return [
        FilterState(lang="zh"),
        FilterState(lang="en", year=2019),
        FilterState(lang="zh", year=2016, areas=(prefecture,)),
        FilterState(lang="en", areas=(county,)),
    ]


def test_every_trace_a_page_draws_is_in_the_bundle() -> None:
    load_all_views()
    drawn: dict[str, str] = {}
    for page in VIEWS:
        for state in _states():
            for chart in build_view(page, get_dataset(), state).charts:
                if (page, chart.name) in EXPORT_ONLY:
                    continue
                figure = figure_json(plotly_figure(chart.figure))
                for trace in figure.get("data", []):
                    drawn.setdefault(trace.get("type", "scatter"), f"{page}: {chart.name}")
    missing = {kind: where for kind, where in drawn.items() if kind not in BUNDLED_TRACES}
    assert not missing, f"not in assets/vendor/plotly-dashboard.min.js: {missing}"
    assert set(drawn) == BUNDLED_TRACES, "a bundled trace no page draws: drop it and rebuild"


def test_the_bundle_registers_the_declared_traces() -> None:
    required = set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", ENTRY.read_text()))
    assert (required - {"core"}) | {"scatter"} == BUNDLED_TRACES
    assert f"scatter,{','.join(sorted(required - {'core'}))}" in _banner_traces()


def _banner_traces() -> str:
    """The trace list the bundle's first comment names (scripts/build_vendor_js.sh)."""
    found = re.search(rb"partial bundle for the dashboard: ([a-z,]+)", bundle()[0][:400])
    assert found, "the bundle's first comment names its traces"
    return ",".join(["scatter", *sorted(found.group(1).decode().split(",")[1:])])


def test_the_bundle_is_the_plotly_js_that_plotly_py_writes_figures_for() -> None:
    assert bundle_version() == get_plotlyjs_version(), "run `make vendor-js`"
    assert BUNDLE_FILE.stat().st_size < 2_000_000  # the point of it: not the 4.8 MB bundle


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return shell_app(cached_test_dataset(tmp_path_factory)).server.test_client()


def test_the_address_dcc_graph_loads_plotly_from_answers_the_bundle(client) -> None:
    response = client.get(f"/{DASH_PLOTLY_PATH}")
    content, etag = bundle()
    assert response.status_code == 200
    assert response.data == content
    assert response.mimetype == "application/javascript"
    again = client.get(f"/{DASH_PLOTLY_PATH}", headers={"If-None-Match": f'"{etag}"'})
    assert again.status_code == 304 and not again.data


def test_other_component_files_are_still_dash_s(client) -> None:
    response = client.get("/_dash-component-suites/plotly/package_data/nothing.js")
    assert response.status_code == 404
