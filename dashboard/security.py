"""Security headers, short error answers and a guard on Dash's callback endpoint.

`install_security(app.server)` (called from create_app) adds to every response:

- Content-Security-Policy: everything from this origin only. Dash's inline scripts (the
  renderer start-up and inline clientside callbacks) are allowed by their sha256 hashes,
  computed from each HTML page as served, so no 'unsafe-inline' for scripts. plotly.js
  needs 'unsafe-eval' only for its WebGL traces; the dashboard draws none, so it is not
  allowed. Styles need 'unsafe-inline' (plotly.js and React set inline styles and plotly.js
  injects <style> rules); images and fonts may be data: URIs; workers may be blob: URLs.
- X-Content-Type-Options: nosniff; frame-ancestors 'none' with X-Frame-Options: DENY;
  Referrer-Policy: no-referrer; a Permissions-Policy that turns off what we never use.

A path that is no registered page answers 404 with the app's own not-found page (Dash
renders it in the browser). Errors answer with a short plain-text message, never a
traceback or the request echoed: an HTTP error keeps its status (404, 405, 413 ...);
anything uncaught is logged with its traceback and answered 500. A request to
/_dash-update-component that is not a well-formed call of a registered callback (unknown
output, wrong number or ids of inputs, not JSON) is answered 400 before Dash sees it, and a
callback that raises anyway is logged and answered with "no update" (`on_callback_error`)
instead of a 500.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable
from typing import Any

import flask
from dash.exceptions import DependencyException
from werkzeug.exceptions import HTTPException

from dashboard import config

LOGGER = logging.getLogger("dashboard.security")
CALLBACK_ENDPOINT = "_dash-update-component"
# On the answer of a callback that raised (answered "no update"): the browser says so.
CALLBACK_ERROR_HEADER = "X-Dashboard-Callback-Error"
# Uploads travel inside callback payloads as base64 (4/3 of the file) next to other state.
MAX_REQUEST_BYTES = config.MAX_UPLOAD_BYTES * 4 // 3 + 2 * 1024 * 1024

BASE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "worker-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_NOT_JAVASCRIPT = re.compile(r"""\btype\s*=\s*["']?application/json""", re.IGNORECASE)
_EXTERNAL = re.compile(r"\bsrc\s*=", re.IGNORECASE)


def install_security(server: flask.Flask) -> None:
    """Headers on every response, short error pages, and the callback endpoint guard."""
    if server.extensions.get("dashboard.security"):
        return
    server.extensions["dashboard.security"] = True
    if not server.config.get("MAX_CONTENT_LENGTH"):
        server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.after_request(_add_headers)
    server.after_request(_unknown_page_is_404)
    server.register_error_handler(HTTPException, _http_error)
    server.register_error_handler(DependencyException, _not_a_resource)
    server.register_error_handler(Exception, _uncaught_error)
    _guard_callback_endpoint(server)
    _serialise_dash_setup(server)


# ------------------------------------------------------------------ headers


def content_security_policy(inline_script_hashes: tuple[str, ...] = ()) -> str:
    policy = dict(BASE_POLICY)
    if inline_script_hashes:
        hashes = " ".join(f"'sha256-{digest}'" for digest in inline_script_hashes)
        policy["script-src"] = f"{policy['script-src']} {hashes}"
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def inline_script_hashes(html: str) -> tuple[str, ...]:
    """sha256 (base64) of each inline script that a browser would run, in page order."""
    found = []
    for attributes, body in _INLINE_SCRIPT.findall(html):
        if _EXTERNAL.search(attributes) or _NOT_JAVASCRIPT.search(attributes):
            continue
        found.append(_script_hash(body))
    return tuple(dict.fromkeys(found))


@functools.lru_cache(maxsize=64)
def _script_hash(body: str) -> str:
    return base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")


def _add_headers(response: flask.Response) -> flask.Response:
    hashes: tuple[str, ...] = ()
    if response.mimetype == "text/html" and not response.direct_passthrough:
        hashes = inline_script_hashes(response.get_data(as_text=True))
    response.headers["Content-Security-Policy"] = content_security_policy(hashes)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if flask.g.get("dashboard_callback_failed"):
        response.headers[CALLBACK_ERROR_HEADER] = "1"
    return response


# ------------------------------------------------------------------ unknown pages

# Dash answers every path with its index page (the browser then renders the app's own
# not-found page); these are its routes for that.
_INDEX_RULES = ("/", "/<path:path>")
NOT_FOUND_PAGE_PATH = "/404"


def known_page_paths() -> set[str]:
    """The paths of the registered Dash pages, except the not-found page itself."""
    import dash

    return {
        str(page["path"])
        for page in dash.page_registry.values()
        if page.get("path") != NOT_FOUND_PAGE_PATH
    }


def _unknown_page_is_404(response: flask.Response) -> flask.Response:
    """The app's not-found page, still rendered by the browser, but with the status 404."""
    rule = flask.request.url_rule
    if (
        rule is None
        or rule.rule not in _INDEX_RULES
        or response.status_code != 200
        or flask.request.method not in ("GET", "HEAD")
    ):
        return response
    path = "/" + flask.request.path.strip("/")
    pages = known_page_paths()
    if pages and path not in pages and not _matches_a_template(path):
        response.status_code = 404
    return response


def _matches_a_template(path: str) -> bool:
    """A path of a page registered with a template ("/program/<program>" takes "/program/x")."""
    import dash

    for page in dash.page_registry.values():
        template = str(page.get("path_template") or "")
        if "<" in template:
            prefix = template.split("<")[0]
            rest = path[len(prefix) :]
            if path.startswith(prefix) and rest and "/" not in rest:
                return True
    return False


# ------------------------------------------------------------------ errors


def _plain(text: str, status: int) -> flask.Response:
    response = flask.Response(text + "\n", status=status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


def _http_error(error: HTTPException) -> flask.Response:
    status = error.code or 500
    response = _plain(f"{status} {error.name}", status)
    if status == 405 and error.valid_methods:  # type: ignore[attr-defined]
        response.headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
    return response


def _not_a_resource(_error: Exception) -> flask.Response:
    """Dash refuses a /_dash-component-suites/ path it did not register: that is a 404."""
    return _plain("404 Not Found", 404)


def _uncaught_error(error: Exception) -> flask.Response:
    LOGGER.error(
        "uncaught error on %s %s", flask.request.method, flask.request.path, exc_info=error
    )
    return _plain("500 Internal Server Error: the error was logged.", 500)


def on_callback_error(error: Exception) -> None:
    """Dash's on_error: log the bug with its traceback; the browser gets "no update" and a
    header that makes assets/feedback.js say that it did not work."""
    LOGGER.error("callback raised %s", type(error).__name__, exc_info=error)
    if flask.has_request_context():
        flask.g.dashboard_callback_failed = True
    return None


# ------------------------------------------------------------------ the callback endpoint


def _guard_callback_endpoint(server: flask.Flask) -> None:
    endpoint = next(
        (name for name in server.view_functions if name.endswith(CALLBACK_ENDPOINT)), None
    )
    if endpoint is None:
        return  # not a Dash server
    dispatch = server.view_functions[endpoint]
    app = _dash_app_of(dispatch)
    if app is not None and getattr(app, "_on_error", None) is None:
        app._on_error = on_callback_error  # Dash reads it on every dispatch

    @functools.wraps(dispatch)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            body = flask.request.get_json(silent=True)
        except RecursionError:  # absurdly deep nesting: json gives up before Flask can
            body = None
        problem = callback_request_problem(body, app.callback_map if app else None)
        if problem:
            LOGGER.info("refused callback request: %s", problem)
            return _plain(f"400 Bad Request: {problem}", 400)
        return dispatch(*args, **kwargs)

    server.view_functions[endpoint] = guarded


def _serialise_dash_setup(server: flask.Flask) -> None:
    """Make concurrent first requests wait until Dash has finished setting itself up.

    Dash finishes its set-up (moving the pages' callbacks into the app, among other things)
    in a before-request hook on the first request, and marks it done before doing it: under
    a threaded server, requests that arrive meanwhile find callbacks missing (a 400 from the
    guard, a 500 without it). A lock around the hook closes that window.
    """
    hooks = server.before_request_funcs.get(None, [])
    position = next(
        (n for n, hook in enumerate(hooks) if getattr(hook, "__name__", "") == "_setup_server"),
        None,
    )
    if position is None:
        return
    setup = hooks[position]
    lock = threading.Lock()

    def locked_setup() -> Any:
        with lock:
            return setup()

    hooks[position] = locked_setup


def _dash_app_of(view: Callable[..., Any]) -> Any:
    """The Dash app whose dispatch `view` is (Dash 4 keeps it in the view's closure)."""
    import dash

    for cell in getattr(view, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:
            continue
        if isinstance(value, dash.Dash):
            return value
    return None


def _is_id(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value)
    return isinstance(value, dict) and bool(value) and all(isinstance(k, str) for k in value)


def _well_formed(item: Any) -> bool:
    """{"id": ..., "property": str[, "value": ...]}, or a list of them (pattern matching)."""
    if isinstance(item, list):
        return all(_well_formed(part) for part in item)
    return (
        isinstance(item, dict) and _is_id(item.get("id")) and isinstance(item.get("property"), str)
    )


def _matches(item: Any, spec: dict) -> bool:
    """A payload entry fits the callback's declared input: same id (or pattern) and property."""
    if isinstance(item, list):  # ALL / ALLSMALLER: any number of matching components
        return all(_matches(part, spec) for part in item)
    if not isinstance(item, dict) or item.get("property") != spec.get("property"):
        return False
    declared = spec.get("id")
    given = item.get("id")
    if isinstance(declared, str) and declared.startswith("{"):
        declared = json.loads(declared)  # Dash keeps pattern-matching ids as JSON text
    if isinstance(declared, dict):
        if not isinstance(given, dict) or set(given) != set(declared):
            return False
        # A wildcard (["ALL"], ["MATCH"], ["ALLSMALLER"]) matches any value of that key.
        return all(
            isinstance(wanted, list) or given[key] == wanted for key, wanted in declared.items()
        )
    return given == declared


def _outputs_match(given: Any, output: str) -> bool:
    """The payload's outputs are the callback's outputs (same number, ids and properties)."""
    from dash._utils import split_callback_id

    declared = split_callback_id(output)
    if isinstance(declared, list):
        return (
            isinstance(given, list)
            and len(given) == len(declared)
            and all(_matches(item, spec) for item, spec in zip(given, declared, strict=True))
        )
    return _matches(given, declared)


def callback_request_problem(body: Any, callback_map: dict | None) -> str | None:
    """Why a callback request is malformed (short, no echo of the input), or None."""
    if not isinstance(body, dict):
        return "not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or not output:
        return "no output"
    for key in ("inputs", "state"):
        items = body.get(key, [])
        if not isinstance(items, list) or not all(_well_formed(item) for item in items):
            return f"malformed {key}"
    outputs = body.get("outputs", [])
    if not isinstance(outputs, (list, dict)):
        return "malformed outputs"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(item, str) for item in changed):
        return "malformed changedPropIds"
    if callback_map is None:
        return None
    callback = callback_map.get(output)
    if callback is None:
        return "unknown callback"
    if not callback.get("no_output") and not _outputs_match(body.get("outputs"), output):
        return "outputs do not match the callback"
    for key in ("inputs", "state"):
        declared = callback.get(key, [])
        given = body.get(key, [])
        if len(given) != len(declared):
            return f"wrong number of {key}"
        if not all(_matches(item, spec) for item, spec in zip(given, declared, strict=True)):
            return f"{key} do not match the callback"
    return None
