"""A callback that raises is answered "no update" with a header that the browser turns into
a visible message (assets/feedback.js), and the error is logged (issue 16, defect 9)."""

from __future__ import annotations

import logging

import pytest
from dash import Dash, Input, Output, html
from shell_dataset import another_app

from dashboard.security import CALLBACK_ERROR_HEADER, install_security


def _app() -> Dash:
    app = Dash("callback-error-header-test")
    app.layout = html.Div([html.Button(id="press"), html.Div(id="out"), html.Div(id="fine")])

    @app.callback(Output("out", "children"), Input("press", "n_clicks"))
    def broken(_clicks):
        raise RuntimeError("a bug")

    @app.callback(Output("fine", "children"), Input("press", "n_clicks"))
    def working(clicks):
        return str(clicks)

    install_security(app.server)
    return app


def _call(client, output: str) -> object:
    return client.post(
        "/_dash-update-component",
        json={
            "output": output,
            "outputs": {"id": output.split(".")[0], "property": "children"},
            "inputs": [{"id": "press", "property": "n_clicks", "value": 1}],
            "state": [],
            "changedPropIds": ["press.n_clicks"],
        },
    )


@pytest.fixture(autouse=True)
def _own_app(monkeypatch, tmp_path_factory):
    with another_app(monkeypatch, tmp_path_factory):
        yield


def test_a_callback_that_raises_is_flagged_for_the_browser_and_logged(caplog) -> None:
    client = _app().server.test_client()
    with caplog.at_level(logging.ERROR, logger="dashboard.security"):
        response = _call(client, "out.children")
    assert response.status_code in (200, 204)
    assert response.headers.get(CALLBACK_ERROR_HEADER) == "1"
    assert "a bug" not in response.get_data(as_text=True)
    assert "callback raised RuntimeError" in caplog.text
    working = _call(client, "fine.children")
    assert working.status_code == 200 and CALLBACK_ERROR_HEADER not in working.headers
