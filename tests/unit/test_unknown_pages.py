"""Unknown paths answer 404 (with the app's own not-found page), known pages 200, and every
error answer of the app carries the security headers (issue 16, defect 12)."""

from __future__ import annotations

import flask
import pytest
from dash import Dash
from shell_dataset import cached_test_dataset, shell_app

from dashboard.security import install_security, known_page_paths

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> flask.testing.FlaskClient:
    app: Dash = shell_app(cached_test_dataset(tmp_path_factory))
    install_security(app.server)
    return app.server.test_client()


@pytest.mark.parametrize("path", ["/no-such-page", "/dropout/extra", "/404", "/a/b/c"])
def test_an_unknown_page_answers_404_with_the_apps_page(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert b'id="react-entry-point"' in response.data  # the browser still renders the app
    for name in SECURITY_HEADERS:
        assert name in response.headers


def test_every_registered_page_answers_200(client) -> None:
    paths = known_page_paths()
    assert {"/", "/dropout", "/data", "/sources", "/upload"} <= paths
    for path in paths:
        assert client.get(path).status_code == 200, path
        if path != "/":
            assert client.get(path + "/").status_code == 200, path
    assert client.get("/data?lang=en&area=540100").status_code == 200


def test_error_answers_of_the_app_carry_the_security_headers(client) -> None:
    too_large = b"{" + b" " * (40 * 1024 * 1024)
    responses = {
        404: client.get("/assets/no-such.js"),
        405: client.put("/"),
        413: client.post(
            "/_dash-update-component", data=too_large, content_type="application/json"
        ),
        400: client.post("/_dash-update-component", data="not json"),
    }
    for status, response in responses.items():
        assert response.status_code == status
        for name in SECURITY_HEADERS:
            assert name in response.headers, (status, name)
