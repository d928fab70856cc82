"""The filter bar shows on pages that filter and not on those that declare no filter (Sources,
Upload), where a lone "Clear selection" and the filter rules would describe nothing shown."""

from __future__ import annotations

import json

import pytest
from dash_payloads import callback_payload, find_callback
from shell_dataset import cached_test_dataset, shell_app

from dashboard import ids
from dashboard.state import FilterState, to_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    app = shell_app(cached_test_dataset(tmp_path_factory))
    return app, app.server.test_client()


def bar_class(client, path: str) -> str:
    app, test_client = client
    store = to_store(FilterState(areas=("540100",)))  # Lhasa and its year kept for the links
    payload = callback_payload(
        find_callback(app.callback_map, f"{ids.DOCUMENT_META}.data"),
        {ids.FILTER_STATE + ".data": store, "url.pathname": path},
        changed=[ids.FILTER_STATE + ".data"],
    )
    response = test_client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return json.loads(response.get_data())["response"][ids.FILTER_BAR]["className"]


@pytest.mark.parametrize("path", ["/sources", "/upload", "/no-such-page"])
def test_pages_without_filters_hide_the_bar(client, path):
    assert "d-none" in bar_class(client, path).split()


@pytest.mark.parametrize("path", ["/", "/data", "/dropout", "/map"])
def test_pages_with_filters_show_it(client, path):
    assert "d-none" not in bar_class(client, path).split()
