"""The page Dash serves loads regenerator-runtime instead of the babel polyfill
(dashboard/index_page.py), before React and the component libraries that call it."""

from __future__ import annotations

import re

import pytest
from shell_dataset import cached_test_dataset, shell_app

from dashboard.index_page import POLYFILL_TAG, REGENERATOR_ASSET, page_scripts


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return shell_app(cached_test_dataset(tmp_path_factory)).server.test_client()


def _script_sources(page: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', page)


def test_the_page_loads_regenerator_runtime_first_and_no_polyfill(client) -> None:
    sources = _script_sources(client.get("/").get_data(as_text=True))
    assert not [source for source in sources if "polyfill" in source]
    assert sources[0] == f"/assets/{REGENERATOR_ASSET}"
    react = next(index for index, source in enumerate(sources) if "/deps/react@" in source)
    renderer = next(index for index, source in enumerate(sources) if "dash_renderer" in source)
    assert 0 < react < renderer


def test_the_regenerator_asset_is_served_and_defines_the_global(client) -> None:
    response = client.get(f"/assets/{REGENERATOR_ASSET}")
    assert response.status_code == 200
    assert b"regeneratorRuntime=runtime" in response.data


def test_only_the_polyfill_tag_is_replaced() -> None:
    scripts = (
        '<script src="/_dash-component-suites/dash/deps/polyfill@7.v4m1.12.1.min.js"></script>\n'
        '<script src="/_dash-component-suites/dash/deps/react@18.v4m1.3.1.min.js"></script>'
    )
    swapped = page_scripts(scripts, "/assets/r.js")
    assert swapped.splitlines() == [
        '<script src="/assets/r.js"></script>',
        '<script src="/_dash-component-suites/dash/deps/react@18.v4m1.3.1.min.js"></script>',
    ]
    without = scripts.splitlines()[1]
    assert page_scripts(without, "/assets/r.js") == without  # a Dash without the polyfill
    assert POLYFILL_TAG.search(scripts)
