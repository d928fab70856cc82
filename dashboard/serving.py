"""Production serving: the dashboard under gunicorn with N worker processes.

`python -m dashboard serve --workers N` calls run_gunicorn(). The callbacks keep no state
in the process (the filter state is in the URL and the browser's stores), so any worker can
answer any request and workers can be added or removed freely. Elsewhere:

    gunicorn --workers 4 --threads 4 --worker-class gthread 'dashboard.serving:create_server()'

The app is built once in the master and forked (preload): the dataset is loaded once and its
arrays are shared by the workers until one of them reloads a replaced file. Each worker runs
a few threads, so that one slow export does not hold up the other users of that worker.
See docs/SERVING.md for scaling out and what limits one machine.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from gunicorn.app.base import BaseApplication

THREADS = int(os.environ.get("DASHBOARD_THREADS", "4"))
# Long enough for an image or deck export (the renderer waits at most ~50 s), short
# enough that a stuck worker is replaced.
TIMEOUT_SECONDS = int(os.environ.get("DASHBOARD_WORKER_TIMEOUT", "120"))


def create_server() -> Any:
    """The WSGI app (a Flask server) with the security headers installed: a gunicorn factory."""
    from dashboard.app import create_app
    from dashboard.security import install_security

    server = create_app().server
    install_security(server)  # no-op when create_app has installed it already
    install_data_guard(server)
    # Let Dash finish its set-up now, in the master before the workers fork, rather than on
    # each worker's first requests.
    server.test_client().get("/_dash-dependencies")
    # Build the landing views and the facts they share once, here, so that every worker
    # inherits them (copy-on-write) instead of each first visitor waiting for them.
    from dashboard.data.store import DataLoadError, get_dataset
    from dashboard.views import warm_up

    try:
        dataset = get_dataset()
    except DataLoadError as error:
        # Pages answer 503 until a good file is in place (install_data_guard).
        logging.getLogger("dashboard.data").error("no data to serve yet: %s", error)
        return server
    warm_up(dataset)
    return server


# Paths that never need the data: the browser may fetch them for the error page too.
_STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico")


def install_data_guard(server: Any) -> None:
    """While no version of the data file has ever loaded, every page answers 503 with a short
    page in both languages instead of Dash's "Error loading layout" or a traceback.

    Once one version has loaded, a damaged replacement never gets here: get_dataset keeps
    serving the last good data and the pages say so (components/notices.py).
    """
    import flask

    from dashboard.data.store import DataLoadError, get_dataset

    if server.extensions.get("dashboard.data_guard"):
        return
    server.extensions["dashboard.data_guard"] = True
    server.register_error_handler(DataLoadError, lambda _error: data_unavailable_response())

    @server.before_request
    def refuse_without_data() -> Any:
        if flask.request.path.startswith(_STATIC_PREFIXES):
            return None
        try:
            get_dataset()
        except DataLoadError:
            return data_unavailable_response()
        return None


def data_unavailable_response() -> Any:
    import flask
    from markupsafe import escape

    from dashboard.i18n import t

    parts = []
    for lang, code in (("zh", "zh-CN"), ("en", "en")):
        title = escape(t("serving.unavailable.title", lang))
        text = escape(t("serving.unavailable.text", lang))
        parts.append(f'<section lang="{code}"><h1>{title}</h1><p>{text}</p></section>')
    page = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(t('serving.unavailable.title', 'zh'))}</title></head>"
        f"<body>{''.join(parts)}</body></html>"
    )
    response = flask.Response(page, status=503, mimetype="text/html")
    response.headers["Retry-After"] = "60"
    response.headers["Cache-Control"] = "no-store"
    return response


def gunicorn_options(host: str, port: int, workers: int) -> dict[str, Any]:
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": THREADS,
        "preload_app": True,
        "timeout": TIMEOUT_SECONDS,
        "graceful_timeout": 30,
        # Longer than a user's pause between actions, so that an idle connection is not
        # closed just as the browser reuses it (a POST on a closed socket is not retried).
        "keepalive": 75,
        # Recycle workers now and then so that slow leaks cannot build up.
        "max_requests": 5000,
        "max_requests_jitter": 500,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": os.environ.get("DASHBOARD_LOG_LEVEL", "info"),
        "proc_name": "tibet-education-dashboard",
        # gunicorn >= 25 opens a management socket in $HOME by default: not needed, and two
        # servers on one machine would fight over it.
        "control_socket_disable": True,
    }


class DashboardApplication(BaseApplication):
    """gunicorn configured in code (no config file, no command-line parsing of our argv)."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            if name in self.cfg.settings:  # settings newer than the installed gunicorn: skip
                self.cfg.set(name, value)

    def load(self) -> Any:
        return create_server()


def run_gunicorn(host: str, port: int, workers: int) -> int:
    """Serve until stopped (Ctrl+C or SIGTERM); returns the exit status."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    print(f"serving on http://{host}:{port}/ with {workers} gunicorn workers", flush=True)
    try:
        DashboardApplication(gunicorn_options(host, port, workers)).run()
    except SystemExit as stop:  # gunicorn exits through SystemExit
        return int(stop.code or 0)
    return 0
