"""`serve --workers N` keeps answering while slow clients hold connections (issue 16), and
gunicorn's own error answers carry the security headers.

Runs the real server (gunicorn, 2 workers, on the small TEST dataset) in a subprocess on a
free loopback port, and a short version of benchmarks/slow_clients.py against it.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from shell_dataset import build_test_dataset

from benchmarks.server import Server, running_server
from benchmarks.slow_clients import Attack, run_attack

SECURITY_HEADERS = ("X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy")


@pytest.fixture(scope="module")
def gunicorn_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("slow-clients")
    data = build_test_dataset(folder)
    with running_server(data, folder / "server.log", workers=2) as server:
        yield server


def test_normal_requests_answer_while_idle_and_slow_header_clients_hold_connections(
    gunicorn_server: Server,
) -> None:
    report = run_attack(
        gunicorn_server.port, Attack(idle=20, slow_headers=10, seconds=10, requests=20)
    )
    summary = report.summary()
    assert report.failed == 0, summary
    assert report.answered == 20, summary
    assert max(report.latencies) < 3.0, summary


def test_slow_bodies_and_readers_do_not_stall_the_server(gunicorn_server: Server) -> None:
    report = run_attack(
        gunicorn_server.port,
        Attack(idle=0, slow_headers=0, slow_bodies=10, slow_readers=10, seconds=8, requests=12),
    )
    assert report.failed == 0 and max(report.latencies) < 3.0, report.summary()


def _raw(server: Server, request: bytes) -> tuple[str, dict[str, str], bytes]:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return lines[0], headers, body


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", "414"),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n", "431"),
        (b"<script>alert(1)</script>\r\n\r\n", "400"),
    ],
)
def test_gunicorns_own_errors_have_the_security_headers_and_echo_nothing(
    gunicorn_server: Server, request_bytes: bytes, status: str
) -> None:
    status_line, headers, body = _raw(gunicorn_server, request_bytes)
    assert status_line.split(" ")[1] == status, status_line
    for name in SECURITY_HEADERS:
        assert name in headers, (name, headers)
    assert b"alert" not in body and b"aaaa" not in body and b"bbbb" not in body


def test_unknown_pages_answer_404_through_gunicorn(gunicorn_server: Server) -> None:
    status_line, headers, body = _raw(
        gunicorn_server, b"GET /no-such-page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    assert status_line.split(" ")[1] == "404"
    assert b'id="react-entry-point"' in body  # the app's own not-found page is rendered
    assert "X-Frame-Options" in headers
