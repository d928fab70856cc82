"""Production serving: the dashboard under gunicorn with N worker processes.

`python -m dashboard serve --workers N` calls run_gunicorn(). The callbacks keep no state
in the process (the filter state is in the URL and the browser's stores), so any worker can
answer any request and workers can be added or removed freely. Elsewhere:

    gunicorn --workers 4 --threads 16 --no-sendfile \
        --worker-class dashboard.serving.GuardedThreadWorker 'dashboard.serving:create_server()'

Slow clients: gunicorn's threads read a request with blocking sockets, so a client that
dribbles its headers or body, or never reads the answer, holds a thread as long as it
likes, and a connection that sends nothing waits in a thread for 5 s before gunicorn parks
it. A few dozen such connections left every thread waiting (issue 16). `GuardedThreadWorker`
(gunicorn's gthread worker) keeps a new connection on the poller until it sends something,
gives each request a read deadline that grows only with the bytes received
(READ_SECONDS + bytes / MIN_BYTES_PER_SECOND, at most READ_MAX_SECONDS) and each write
SEND_SECONDS, then closes the connection. With 32 threads per worker, tens of slow clients
cost threads for seconds, not the site; for hundreds, put a buffering proxy in front (see
docs/SERVING.md).

The app is built once in the master and forked (preload): the dataset is loaded once and its
arrays are shared by the workers until one of them reloads a replaced file. Each worker runs
a few threads, so that one slow export does not hold up the other users of that worker.
See docs/SERVING.md for scaling out and what limits one machine.
"""

from __future__ import annotations

import errno
import logging
import os
import selectors
import socket
import time
from functools import partial
from typing import Any

from gunicorn import util as gunicorn_util
from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import TConn, ThreadWorker

# Threads mostly wait (on clients, on an export's Chromium): enough that slow clients
# holding some of them for their deadline leave the rest serving.
THREADS = int(os.environ.get("DASHBOARD_THREADS", "32"))
# gunicorn's plain "gthread" here brings back the stalls (for measuring them).
WORKER_CLASS = os.environ.get("DASHBOARD_WORKER_CLASS", "dashboard.serving.GuardedThreadWorker")
# A new connection may stay silent this long (browsers open spare connections).
IDLE_SECONDS = float(os.environ.get("DASHBOARD_IDLE_SECONDS", "15"))
# Reading one request: READ_SECONDS, plus one second per MIN_BYTES_PER_SECOND received
# (a 27 MB upload at 250 KB/s needs ~110 s), never more than READ_MAX_SECONDS.
READ_SECONDS = float(os.environ.get("DASHBOARD_READ_SECONDS", "5"))
MIN_BYTES_PER_SECOND = 250_000
READ_MAX_SECONDS = float(os.environ.get("DASHBOARD_READ_MAX_SECONDS", "120"))
# Writing an answer: every SEND_PIECE_BYTES must be taken by the client within SEND_SECONDS
# (at least ~4 KB/s), so a client that stops reading holds a thread that long, not forever.
SEND_SECONDS = float(os.environ.get("DASHBOARD_SEND_SECONDS", "15"))
SEND_PIECE_BYTES = 65_536
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
    from dashboard.heap import settle_for_serving
    from dashboard.views import warm_up

    try:
        dataset = get_dataset()
    except DataLoadError as error:
        # Pages answer 503 until a good file is in place (install_data_guard).
        logging.getLogger("dashboard.data").error("no data to serve yet: %s", error)
        return server
    warm_up(dataset)
    settle_for_serving()  # before the workers fork (dashboard/heap.py)
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
        "worker_class": WORKER_CLASS,
        "threads": THREADS,
        # os.sendfile would write a static file past the send deadline of GuardedSocket.
        "sendfile": False,
        # gunicorn's own limits on the request line and headers (answered 414 / 431 / 400
        # by gunicorn, with the security headers: see _write_error).
        "limit_request_line": 4094,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
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


# ------------------------------------------------------------------ slow clients


class GuardedSocket:
    """A client socket whose reads share a deadline per request and whose writes time out.

    A read past the deadline returns b"" (the client is treated as gone) and shuts the
    connection down; a write that cannot finish in SEND_SECONDS fails like a closed pipe.
    gunicorn logs both at debug level, so an attack does not flood the log.
    """

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._started = time.monotonic()
        self._received = 0

    def start_request(self) -> None:
        self._started = time.monotonic()
        self._received = 0

    def read_deadline(self) -> float:
        allowance = READ_SECONDS + self._received / MIN_BYTES_PER_SECOND
        return self._started + min(allowance, READ_MAX_SECONDS)

    def recv(self, size: int, *flags: int) -> bytes:
        remaining = self.read_deadline() - time.monotonic()
        if remaining <= 0:
            return self._give_up()
        previous = self._sock.gettimeout()
        # A timeout set from outside (gunicorn's drain) wins when it is shorter.
        limit = remaining if previous in (None, 0.0) else min(previous, remaining)
        self._sock.settimeout(limit)
        try:
            data = self._sock.recv(size, *flags)
        except TimeoutError:
            if previous not in (None, 0.0) and previous < remaining:
                raise  # gunicorn's own timeout: its handler expects the exception
            return self._give_up()
        finally:
            self._sock.settimeout(previous)
        self._received += len(data)
        return data

    def sendall(self, data: bytes, *flags: int) -> None:
        """Each SEND_PIECE_BYTES must go out within SEND_SECONDS: a slow network is fine, a
        client that stops reading is cut off."""
        previous = self._sock.gettimeout()
        self._sock.settimeout(SEND_SECONDS if previous is None else previous)
        view = memoryview(data)
        try:
            for start in range(0, len(view), SEND_PIECE_BYTES):
                self._sock.sendall(view[start : start + SEND_PIECE_BYTES], *flags)
        except TimeoutError as error:
            self._shutdown()
            raise BrokenPipeError(errno.EPIPE, "client too slow to read the answer") from error
        finally:
            self._sock.settimeout(previous)

    def send(self, data: bytes, *flags: int) -> int:
        self.sendall(data, *flags)
        return len(data)

    def _give_up(self) -> bytes:
        self._shutdown()
        return b""

    def _shutdown(self) -> None:
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class GuardedThreadWorker(ThreadWorker):
    """gunicorn's gthread worker, made to keep serving while slow clients hold connections."""

    def init_process(self) -> None:
        gunicorn_util.write_error = _write_error  # gunicorn's own 400/414/431 answers
        super().init_process()

    def accept(self, listener: socket.socket) -> None:
        """A new connection waits on the poller, not in a thread, until it sends something."""
        try:
            client, address = listener.accept()
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, GuardedSocket(client), address, listener.getsockname())
        conn.timeout = time.monotonic() + IDLE_SECONDS
        self.pending_conns.append(conn)
        self.poller.register(
            conn.sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn)
        )

    def handle(self, conn: TConn) -> Any:
        if isinstance(conn.sock, GuardedSocket):
            conn.sock.start_request()
        return super().handle(conn)


def _write_error(sock: Any, status_int: int, reason: str, _message: str) -> None:
    """gunicorn's error answer with the app's security headers and without echoing the
    request (gunicorn's own puts the bad request line into an HTML page)."""
    from dashboard.security import HEADERS, content_security_policy

    body = f"{status_int} {reason}\n".encode("latin-1", "replace")
    headers = {
        "Connection": "close",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Length": str(len(body)),
        "Cache-Control": "no-store",
        "Content-Security-Policy": content_security_policy(),
        **HEADERS,
    }
    head = f"HTTP/1.1 {status_int} {reason}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in headers.items()
    )
    gunicorn_util.write_nonblock(sock, head.encode("latin-1") + b"\r\n" + body)


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
