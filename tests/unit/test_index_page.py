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


def test_the_app_scripts_come_in_one_request_that_holds_each_in_dashs_order(client) -> None:
    from dashboard import config
    from dashboard.index_page import folder_scripts

    sources = _script_sources(client.get("/").get_data(as_text=True))
    assert not [
        source for source in sources if source.startswith("/assets/") and "vendor" not in source
    ]
    (bundle,) = [source for source in sources if source.startswith("/_dashboard-scripts/")]
    # where Dash put the first of them: after the component libraries, before the renderer
    renderer = next(index for index, source in enumerate(sources) if "dash_renderer" in source)
    assert sources.index(bundle) < renderer
    response = client.get(bundle)
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    content = response.get_data(as_text=True)
    names = folder_scripts(config.ASSETS_DIR)
    assert names[0] == "_dom_changes.js" and len(names) > 10  # the watcher every script uses
    offsets = [content.index((config.ASSETS_DIR / name).read_text()) for name in names]
    assert offsets == sorted(offsets)


def test_a_bundle_address_of_other_content_is_not_found(client) -> None:
    assert client.get("/_dashboard-scripts/00000000000000000000.js").status_code == 404


def test_the_bundle_follows_a_changed_file(tmp_path) -> None:
    from dashboard.index_page import asset_bundle

    (tmp_path / "b.js").write_text("(function () { window.b = 1; })()")
    (tmp_path / "a.js").write_text("(function () { window.a = 1; })()")
    content, digest = asset_bundle(tmp_path)
    assert content.index(b"window.a") < content.index(b"window.b")
    (tmp_path / "a.js").write_text("(function () { window.a = 2; })()")
    changed, other = asset_bundle(tmp_path)
    assert b"window.a = 2" in changed and other != digest


def test_page_scripts_swaps_the_asset_tags_for_one_where_the_first_was() -> None:
    scripts = "\n".join(
        [
            '<script src="/_dash-component-suites/x/lib.js"></script>',
            '<script src="/assets/a.js?m=1.5"></script>',
            '<script src="/assets/b.js?m=2"></script>',
            '<script src="/_dash-component-suites/dash/dash-renderer/build/r.js"></script>',
        ]
    )
    assert page_scripts(scripts, "/assets/r.js", "/_dashboard-scripts/d.js").splitlines() == [
        '<script src="/_dash-component-suites/x/lib.js"></script>',
        '<script src="/_dashboard-scripts/d.js"></script>',
        '<script src="/_dash-component-suites/dash/dash-renderer/build/r.js"></script>',
    ]


def test_the_chunks_every_page_draws_are_preloaded_from_the_address_dcc_asks(client) -> None:
    from dashboard.index_page import PRELOADED_CHUNKS

    page = client.get("/").get_data(as_text=True)
    preloaded = re.findall(r'<link rel="preload" as="script" href="([^"]+)">', page)
    assert [source.rsplit("/", 1)[1] for source in preloaded] == list(PRELOADED_CHUNKS)
    for source in preloaded:
        assert client.get(source).status_code == 200
