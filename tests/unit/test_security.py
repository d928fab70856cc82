"""Security headers on every response, short error pages, no file outside the allowed ones,
debug off and loopback by default, and the guard in front of Dash's callback endpoint."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re

import flask
import pytest
from dash import Dash, Input, Output, html
from shell_dataset import cached_test_dataset, shell_app

from dashboard import config
from dashboard.security import (
    callback_request_problem,
    content_security_policy,
    inline_script_hashes,
    install_security,
)

PAGES = ["/", "/dropout", "/aid", "/teachers", "/map", "/data", "/sources"]
REQUIRED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
# Only these routes may take a path from the URL; a new one (say, a download route) must be
# reviewed for path traversal and added here with a test.
PATH_ROUTES = {
    "/<path:path>",  # Dash Pages: any path answers the app's HTML
    "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>",
    "/assets/<path:filename>",
    "/static/<path:filename>",  # Flask's own static route (send_from_directory; no folder)
}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Dash:
    dash_app = shell_app(cached_test_dataset(tmp_path_factory))
    install_security(dash_app.server)  # create_app installs it too; installing twice is a no-op
    return dash_app


@pytest.fixture(scope="module")
def client(app: Dash) -> flask.testing.FlaskClient:
    return app.server.test_client()


def _script_asset(client: flask.testing.FlaskClient) -> str:
    html_text = client.get("/").get_data(as_text=True)
    return re.search(r'src="(/_dash-component-suites/[^"]+\.js)"', html_text).group(1)


def _assert_secure_headers(response: flask.Response) -> None:
    for name, value in REQUIRED_HEADERS.items():
        assert response.headers.get(name) == value, name
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "'unsafe-eval'" not in policy
    assert "'unsafe-inline'" not in directives["script-src"]
    assert not re.search(r"https?:|\*", policy), "no external origin may be allowed"


def test_every_kind_of_response_has_the_security_headers(client) -> None:
    responses = [client.get(path) for path in PAGES]
    responses += [
        client.get("/_dash-layout"),
        client.get("/_dash-dependencies"),
        client.get("/assets/app.css"),
        client.get(_script_asset(client)),
        client.get("/_favicon.ico"),
        client.get("/assets/no-such-file.css"),  # 404
        client.post("/"),  # 405
        client.post("/_dash-update-component", data="not json"),  # 400
    ]
    assert {response.status_code for response in responses} >= {200, 404, 405, 400}
    for response in responses:
        _assert_secure_headers(response)


def test_policy_allows_exactly_the_inline_scripts_of_the_page(client) -> None:
    response = client.get("/dropout")
    page = response.get_data(as_text=True)
    hashes = inline_script_hashes(page)
    assert hashes, "Dash's pages have inline start-up scripts"
    script_source = response.headers["Content-Security-Policy"].split("script-src ")[1]
    script_source = script_source.split(";")[0]
    allowed = set(re.findall(r"'sha256-([^']+)'", script_source))
    assert allowed == set(hashes)


def test_inline_script_hashes_skip_data_blocks_and_external_scripts() -> None:
    page = (
        '<script id="_dash-config" type="application/json">{"a": 1}</script>'
        '<script src="/x.js"></script>'
        "<script>var renderer = new DashRenderer();</script>"
    )
    digest = hashlib.sha256(b"var renderer = new DashRenderer();").digest()
    assert inline_script_hashes(page) == (base64.b64encode(digest).decode(),)
    assert "'sha256-abc'" in content_security_policy(("abc",))


def test_debug_and_dev_tools_are_off_and_the_server_binds_loopback(client) -> None:
    from dashboard.__main__ import make_parser

    page = client.get("/").get_data(as_text=True)
    dash_config = json.loads(
        re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page).group(
            1
        )
    )
    assert dash_config["ui"] is False  # no dev tools UI, no error pop-ups with tracebacks
    assert dash_config["props_check"] is False
    arguments = make_parser().parse_args(["serve"])
    assert arguments.host == "127.0.0.1" == config.HOST
    assert arguments.debug is False


def test_uncaught_error_answers_a_short_500_without_details(caplog) -> None:
    server = flask.Flask("security-test-errors")
    install_security(server)

    @server.route("/boom")
    def boom() -> str:
        raise RuntimeError("secret detail /etc/shadow")

    with caplog.at_level(logging.ERROR, logger="dashboard.security"):
        response = server.test_client().get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret detail" not in body and "Traceback" not in body
    assert len(body) < 120
    assert "secret detail" in caplog.text  # the operator still sees it in the log
    _assert_secure_headers(response)


def test_http_errors_do_not_echo_the_request(client) -> None:
    response = client.get("/assets/%3Cscript%3Ealert(1)%3C%2Fscript%3E.css")
    body = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<script" not in body and "alert" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/assets/../dashboard/config.py",
        "/assets/..%2f..%2fdashboard%2fconfig.py",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/....//....//etc/passwd",
        "/assets/%252e%252e/dashboard/config.py",
        "/assets//etc/passwd",
        "/assets/vendor/../../dashboard/config.py",
        "/assets/maps/..%5c..%5cdashboard%5cconfig.py",
        "/_dash-component-suites/dash/../../../../etc/passwd",
        "/_dash-component-suites/dash/..%2f..%2f..%2fdash.py",
        "/_dash-component-suites/dash/%2e%2e/%2e%2e/dash.py",
        "/_dash-component-suites/dashboard/config.py",
        "/_dash-component-suites/os/path.py",
        "/_dash-component-suites/dash/dash.py",
        "/_dash-component-suites/dash/deps/../../dash.py",
        "/_dash-component-suites/dash/dcc/../../../../../../etc/passwd",
        "/static/../dashboard/config.py",
        "/..%2f..%2fetc%2fpasswd",
    ],
)
def test_no_request_can_name_a_file_on_the_server(client, path: str) -> None:
    response = client.get(path)
    body = response.get_data()
    assert response.status_code in (200, 400, 404, 405), response.status_code
    assert b"root:x:0:0" not in body
    assert b"REPO_ROOT" not in body and b"import " not in body  # no Python source
    if response.status_code == 200:  # the Pages catch-all answers the app's HTML, nothing else
        assert response.mimetype == "text/html"
        assert b'id="react-entry-point"' in body
    _assert_secure_headers(response)


def test_only_the_known_routes_take_a_path(app: Dash) -> None:
    with_path = {rule.rule for rule in app.server.url_map.iter_rules() if "<path:" in rule.rule}
    assert with_path <= PATH_ROUTES, f"review new routes for path traversal: {with_path}"


# ------------------------------------------------------------------ the callback endpoint


def _payload(app: Dash, output: str) -> dict:
    """A well-formed call of a registered callback, as the renderer would send it."""
    callback = app.callback_map[output]

    def entries(specs: list[dict]) -> list[dict]:
        return [{"id": s["id"], "property": s["property"], "value": None} for s in specs]

    return {
        "output": output,
        "outputs": {"id": output.rsplit(".", 1)[0], "property": output.rsplit(".", 1)[1]},
        "inputs": entries(callback["inputs"]),
        "state": entries(callback.get("state", [])),
        "changedPropIds": [],
    }


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda p: "not a dict", "not a JSON object"),
        (lambda p: {**p, "output": "no-such-component.children"}, "unknown callback"),
        (lambda p: {**p, "inputs": p["inputs"][:-1] if p["inputs"] else [{}]}, "inputs"),
        (lambda p: {**p, "inputs": [{"id": "other", "property": "data"}]}, "inputs"),
        (lambda p: {**p, "state": [{"id": "upload-store", "property": "data"}] * 3}, "state"),
        (lambda p: {**p, "outputs": {"id": "elsewhere", "property": "children"}}, "outputs"),
        (lambda p: {**p, "outputs": [1, 2]}, "outputs"),
        (lambda p: {**p, "changedPropIds": "x"}, "changedPropIds"),
        (lambda p: {**p, "inputs": "x"}, "malformed inputs"),
        (lambda p: {**p, "output": ["x"]}, "no output"),
    ],
)
def test_malformed_callback_requests_are_refused_with_400(client, app, change, problem) -> None:
    client.get("/")  # Dash registers the pages' callbacks on the first request
    payload = change(_payload(app, "upload-status.children"))
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 400
    assert problem in response.get_data(as_text=True)
    assert callback_request_problem(payload, app.callback_map) is not None


def test_well_formed_callback_request_passes_the_guard(client, app) -> None:
    client.get("/")
    payload = _payload(app, "upload-status.children")
    assert callback_request_problem(payload, app.callback_map) is None
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code in (200, 204)


def test_deeply_nested_json_is_a_400_not_a_crash(client) -> None:
    response = client.post(
        "/_dash-update-component",
        data="[" * 100_000 + "]" * 100_000,
        content_type="application/json",
    )
    assert response.status_code == 400


def test_oversized_request_is_refused(client) -> None:
    size = config.MAX_UPLOAD_BYTES * 2
    response = client.post(
        "/_dash-update-component", data=b"x" * size, content_type="application/json"
    )
    assert response.status_code == 413


def test_a_callback_that_raises_answers_no_update_and_is_logged(client, caplog) -> None:
    client.get("/")  # the shell app takes the pages' callbacks before this app is set up
    test_app = Dash("security_test_raising_callback")
    test_app.layout = html.Div([html.Button(id="press"), html.Div(id="shown")])

    @test_app.callback(Output("shown", "children"), Input("press", "n_clicks"))
    def explode(clicks):
        raise ValueError(f"bad input {clicks}")

    install_security(test_app.server)
    test_client = test_app.server.test_client()
    test_client.get("/")
    payload = {
        "output": "shown.children",
        "outputs": {"id": "shown", "property": "children"},
        "inputs": [{"id": "press", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["press.n_clicks"],
    }
    with caplog.at_level(logging.ERROR, logger="dashboard.security"):
        response = test_client.post("/_dash-update-component", json=payload)
    assert response.status_code in (200, 204)
    assert "bad input" not in response.get_data(as_text=True)
    assert "ValueError" in caplog.text


def test_concurrent_first_requests_wait_for_dash_to_finish_its_setup(client, monkeypatch) -> None:
    import threading
    import time

    import dash
    from dash import _validate

    client.get("/")  # the shell app has taken the pages' callbacks before this app exists
    test_app = Dash("security_test_first_requests")
    test_app.layout = html.Div([html.Div("x", id="source"), html.Div(id="copy")])

    @dash.callback(Output("copy", "children"), Input("source", "children"))
    def copy(value):  # registered globally: Dash moves it into the app during its set-up
        return value

    real_validate = _validate.validate_layout

    def slow_validate(*args, **kwargs):  # widen the window in which the set-up is half done
        time.sleep(0.5)
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(_validate, "validate_layout", slow_validate)
    install_security(test_app.server)
    payload = {
        "output": "copy.children",
        "outputs": {"id": "copy", "property": "children"},
        "inputs": [{"id": "source", "property": "children", "value": "x"}],
        "changedPropIds": ["source.children"],
    }
    statuses: list[int] = []

    def first_request() -> None:
        response = test_app.server.test_client().post("/_dash-update-component", json=payload)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=first_request) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [200] * 6
