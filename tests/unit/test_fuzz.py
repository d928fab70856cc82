"""Hostile input: fuzzed URL queries and callback payloads never give a 500, never come back
as markup, and input that was dropped is reported in a notice.

Seeded, so a failure reproduces. The callbacks run in this process through the app's real
HTTP endpoint (Flask's test client), with the security guard installed.
"""

from __future__ import annotations

import json
import random
from typing import Any
from urllib.parse import quote

import pytest
from dash_payloads import callback_payload, find_callback
from shell_dataset import cached_test_dataset, shell_app

from dashboard.security import install_security

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(2)>'
HOSTILE_TEXT = [
    SCRIPT,
    IMAGE,
    "javascript:alert(3)",
    "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "\u202e\u0000\ufeff",
    "x" * 100_000,
    "540000," * 5_000,
    "",
    " ",
    "540100<b>",
    "NaN",
    "-1",
    "１９９９",
]
HOSTILE_VALUES: list[Any] = [
    *HOSTILE_TEXT,
    10**30,
    -(10**30),
    -1,
    0,
    2**63,
    1e308,
    float("nan"),
    True,
    None,
    [],
    [None],
    [[SCRIPT]],
    list(range(5_000)),
    {},
    {"lang": SCRIPT, "areas": [SCRIPT, 10**30], "year": "x", "year_range": [9999, -5]},
    {"token": "../../../../etc"},
    {"token": ["x"], "filename": SCRIPT},
    {"areas": "540000", "indicator": {"x": 1}, "program": [SCRIPT]},
]
PAGES = ["/", "/dropout", "/aid", "/teachers", "/map", "/data", "/sources"]
QUERIES = [
    f"area={quote(SCRIPT)}",
    f"lang={quote(IMAGE)}&year=abc",
    "year=99999999999999999999&from=-5&to=1e308",
    "area=" + ",".join(f"54{number:04d}" for number in range(500)),
    "indicator=" + "a" * 5_000,
    "program=../../etc/passwd&unknown=1&unknown=2",
    "area=540000&area=540100&lang=zh&lang=en",
    "%ff%fe=%00&=&&&",
    "x=" + "y" * 30_000,
    f"source={quote(SCRIPT)}&chart={quote(IMAGE)}",  # parameters a page reads itself
]
PAGE_PARAMETERS_ONLY = QUERIES[-1]
# A payload may carry markup as a string (React shows it as text); it must never reach a
# component that renders markup or a link that runs code.
MARKUP_TYPES = {"Markdown", "Script", "Iframe", "ObjectEl", "Embed"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    dash_app = shell_app(cached_test_dataset(tmp_path_factory))
    install_security(dash_app.server)
    dash_app.server.test_client().get("/")  # Dash registers the callbacks on the first request
    return dash_app


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def _markup_problems(node: Any, path: str = "$") -> list[str]:
    """Places in a callback response where hostile text could become markup or code."""
    problems = []
    if isinstance(node, dict):
        if node.get("type") in MARKUP_TYPES and SCRIPT in json.dumps(node):
            problems.append(f"{path}: {node['type']} carries the script")
        for key, value in node.items():
            if key == "dangerously_allow_html" and value:
                problems.append(f"{path}.{key} is on")
            if key in ("href", "src") and isinstance(value, str):
                if value.strip().lower().startswith(("javascript:", "data:text/html")):
                    problems.append(f"{path}.{key} = {value[:40]}")
            problems += _markup_problems(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            problems += _markup_problems(item, f"{path}[{index}]")
    return problems


def _server_side_callbacks(app) -> list[dict]:
    return [
        {**declaration, "output": output}
        for output, declaration in app.callback_map.items()
        if declaration.get("callback") is not None
    ]


def _post(client, payload: dict):
    return client.post("/_dash-update-component", json=payload)


def _assert_safe(response, what: str) -> None:
    assert response.status_code in (200, 204, 400), f"{what}: {response.status_code}"
    if response.status_code == 200 and response.is_json:
        problems = _markup_problems(response.get_json())
        assert not problems, f"{what}: {problems[:3]}"


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("path", PAGES)
def test_fuzzed_url_query_serves_the_page_without_reflecting_markup(client, path, query) -> None:
    response = client.get(f"{path}?{query}")
    body = response.get_data(as_text=True)
    assert response.status_code in (200, 414), response.status_code
    assert SCRIPT not in body and "<img src=x" not in body
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize("query", QUERIES)
def test_fuzzed_url_query_reaches_the_page_and_the_filters_safely(client, app, query) -> None:
    routing = find_callback(app.callback_map, "_pages_content.children")
    for path in PAGES:
        payload = callback_payload(
            routing,
            {"_pages_location.pathname": path, "_pages_location.search": f"?{query}"},
            changed=["_pages_location.pathname"],
        )
        _assert_safe(_post(client, payload), f"page {path}?{query[:40]}")
    sync = find_callback(app.callback_map, "filter-state.data")
    payload = callback_payload(sync, {"url.search": f"?{query}"}, changed=["url.search"])
    response = _post(client, payload)
    _assert_safe(response, f"filters ?{query[:40]}")
    assert response.status_code == 200
    notice = response.get_json()["response"]["notices"]["children"]
    if query != PAGE_PARAMETERS_ONLY:
        assert notice, "input that was dropped is reported in a notice"
        assert len(json.dumps(notice)) < 20_000  # shortened, not the whole hostile value back


def test_unknown_source_in_the_url_is_reported_as_text(client, app) -> None:
    from dashboard.state import FilterState, to_store

    sources = find_callback(app.callback_map, "sources-cards.data")
    payload = callback_payload(
        sources,
        {
            "filter-state.data": to_store(FilterState(lang="en")),
            "sources-selected.data": {"source": SCRIPT, "anchor": "source-x"},
        },
        changed=["filter-state.data"],
    )
    response = _post(client, payload)
    _assert_safe(response, "sources page with an unknown source")
    assert response.status_code == 200
    assert "alert(1)" in response.get_data(as_text=True)  # named back to the user, as text


def test_a_clean_url_gives_no_notice(client, app) -> None:
    sync = find_callback(app.callback_map, "filter-state.data")
    payload = callback_payload(sync, {"url.search": "?lang=en"}, changed=["url.search"])
    response = _post(client, payload)
    assert response.status_code == 200
    assert not response.get_json()["response"]["notices"]["children"]


def test_fuzzed_callback_payloads_never_give_a_500_or_markup(client, app) -> None:
    rng = random.Random(6)
    callbacks = _server_side_callbacks(app)
    assert len(callbacks) >= 8, "the pages' callbacks are registered"
    sent = 0
    for declaration in callbacks:
        names = [
            f"{spec['id']}.{spec['property']}"
            for spec in [*declaration["inputs"], *declaration.get("state", [])]
            if isinstance(spec["id"], str) and not spec["id"].startswith("{")
        ]
        for _ in range(6):
            values = {name: rng.choice(HOSTILE_VALUES) for name in names if rng.random() < 0.7}
            changed = rng.sample(names, 1) if names else []
            payload = callback_payload(declaration, values, changed=changed)
            _assert_safe(_post(client, payload), f"{declaration['output'][:60]} <- {values}"[:300])
            sent += 1
    assert sent >= 48


@pytest.mark.parametrize(
    "change",
    [
        lambda p: {**p, "inputs": [{**item, "id": "no-such-id"} for item in p["inputs"]]},
        lambda p: {**p, "state": [{**item, "property": "children"} for item in p["state"]]},
        lambda p: {**p, "outputs": [{"id": "x" * 10_000, "property": "y"}]},
        lambda p: {**p, "output": SCRIPT},
        lambda p: {**p, "changedPropIds": [SCRIPT] * 1_000},
        lambda p: {**p, "inputs": [[{"id": {"type": SCRIPT}, "property": "value"}]]},
    ],
)
def test_unknown_ids_in_a_callback_payload_are_refused(client, app, change) -> None:
    sync = find_callback(app.callback_map, "filter-state.data")
    payload = change(callback_payload(sync, {"url.search": "?lang=en"}, changed=["url.search"]))
    response = _post(client, payload)
    assert response.status_code in (200, 204, 400)
    assert SCRIPT not in response.get_data(as_text=True)


def test_wrong_http_methods_and_content_types_are_not_server_errors(client) -> None:
    for response in (
        client.get("/_dash-update-component"),
        client.put("/_dash-update-component", json={}),
        client.post("/_dash-update-component", data=b"\xff\xfe\x00", content_type="text/plain"),
        client.post("/_dash-update-component", data="{", content_type="application/json"),
        client.post("/_dash-layout"),
        client.delete("/"),
    ):
        assert response.status_code < 500, response.status_code  # GET falls to the app's HTML
        assert "Traceback" not in response.get_data(as_text=True)
