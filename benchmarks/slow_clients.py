"""Slow clients against a loopback dashboard server, and how normal requests fare meanwhile.

    python -m benchmarks.slow_clients                      # starts `serve --workers 2` itself
    python -m benchmarks.slow_clients --url http://127.0.0.1:8051 --idle 50 --seconds 30

Opens, all at once and on 127.0.0.1 only:
- `--idle` connections that send nothing;
- `--slow-headers` that send a request line, then one header byte a second;
- `--slow-bodies` that announce a 1 MB callback body and send one byte a second;
- `--slow-readers` that ask for the largest script and never read the answer;
each reconnecting when the server closes it. Meanwhile it times `--requests` normal
requests (the page, its layout, its callbacks list, in turn), spread over the run. Everything
stops after `--seconds` (at most 60) and every socket is closed. The report says how many
normal requests answered, their latencies, and how often the server cut an attacker off.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import socket
import statistics
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

HOST = "127.0.0.1"
MAX_SECONDS = 60.0
NORMAL_PATHS = ("/", "/_dash-layout", "/_dash-dependencies")
NORMAL_TIMEOUT = 30.0  # a normal request slower than this counts as failed


@dataclass
class Attack:
    idle: int = 20
    slow_headers: int = 10
    slow_bodies: int = 0
    slow_readers: int = 0
    seconds: float = 10.0
    requests: int = 20


@dataclass
class Report:
    attack: Attack
    answered: int = 0
    failed: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    attacker_connections: int = 0  # connections opened by the attackers (first + reconnects)
    attacker_cut_off: int = 0  # times the server closed an attacker's connection

    def summary(self) -> dict:
        ordered = sorted(self.latencies)
        return {
            **asdict(self.attack),
            "answered": self.answered,
            "failed": self.failed,
            "median_s": round(statistics.median(ordered), 3) if ordered else None,
            "p95_s": round(ordered[int(0.95 * (len(ordered) - 1))], 3) if ordered else None,
            "max_s": round(ordered[-1], 3) if ordered else None,
            "attacker_connections": self.attacker_connections,
            "attacker_cut_off": self.attacker_cut_off,
            "errors": self.errors[:5],
        }


class _Attacker(threading.Thread):
    """One slow client: keeps a connection open in its own way until `stop` is set."""

    def __init__(self, kind: str, port: int, stop: threading.Event, report: Report, **extra):
        super().__init__(daemon=True)
        self.kind, self.port, self.stop, self.report = kind, port, stop, report
        self.large_path = extra.get("large_path", "/")
        self.lock = extra["lock"]

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                with socket.create_connection((HOST, self.port), timeout=5) as sock:
                    with self.lock:
                        self.report.attacker_connections += 1
                    getattr(self, f"_{self.kind}")(sock)
            except OSError:
                pass
            if not self.stop.is_set():
                with self.lock:
                    self.report.attacker_cut_off += 1
                self.stop.wait(0.5)

    def _closed(self, sock: socket.socket) -> bool:
        """True when the server has closed the connection (checked without blocking)."""
        sock.setblocking(False)
        try:
            return sock.recv(65536) == b""
        except BlockingIOError:
            return False
        finally:
            sock.setblocking(True)

    def _dribble(self, sock: socket.socket, head: bytes, filler: bytes) -> None:
        sock.sendall(head)
        while not self.stop.wait(1.0):
            if self._closed(sock):
                return
            sock.sendall(filler)

    def _idle(self, sock: socket.socket) -> None:
        while not self.stop.wait(0.5):
            if self._closed(sock):
                return

    def _slow_header(self, sock: socket.socket) -> None:
        self._dribble(sock, f"GET / HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: ".encode(), b"a")

    def _slow_body(self, sock: socket.socket) -> None:
        head = (
            f"POST /_dash-update-component HTTP/1.1\r\nHost: {HOST}\r\n"
            "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"
        ).encode()
        self._dribble(sock, head, b" ")

    def _slow_reader(self, sock: socket.socket) -> None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.sendall(f"GET {self.large_path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
        while not self.stop.wait(0.5):
            pass  # never read: the server's writes fill the buffers and block


def largest_script(port: int) -> str:
    """The path of the page's biggest script (plotly.js), for the slow readers."""
    connection = http.client.HTTPConnection(HOST, port, timeout=NORMAL_TIMEOUT)
    connection.request("GET", "/")
    page = connection.getresponse().read().decode("utf-8", "replace")
    connection.close()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    plotly = [path for path in scripts if "plotly" in path]
    return (plotly or scripts or ["/"])[0]


def _normal_request(port: int, path: str) -> float:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=NORMAL_TIMEOUT)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
    finally:
        connection.close()
    return time.perf_counter() - started


def run_attack(port: int, attack: Attack) -> Report:
    """The attack on 127.0.0.1:port; returns when it is over (at most MAX_SECONDS)."""
    seconds = min(attack.seconds, MAX_SECONDS)
    report = Report(attack)
    stop = threading.Event()
    lock = threading.Lock()
    large = largest_script(port) if attack.slow_readers else "/"
    kinds = (
        ["idle"] * attack.idle
        + ["slow_header"] * attack.slow_headers
        + ["slow_body"] * attack.slow_bodies
        + ["slow_reader"] * attack.slow_readers
    )
    attackers = [_Attacker(kind, port, stop, report, large_path=large, lock=lock) for kind in kinds]
    started = time.monotonic()
    for attacker in attackers:
        attacker.start()
    settle = min(2.0, seconds / 4)  # the attackers' connections are open before we measure
    time.sleep(settle)
    spacing = (seconds - settle) / max(attack.requests, 1)
    try:
        for number in range(attack.requests):
            path = NORMAL_PATHS[number % len(NORMAL_PATHS)]
            if time.monotonic() - started > MAX_SECONDS:
                break
            try:
                report.latencies.append(_normal_request(port, path))
                report.answered += 1
            except (OSError, RuntimeError, http.client.HTTPException) as error:
                report.failed += 1
                report.errors.append(f"{path}: {type(error).__name__}: {error}")
            wait = started + settle + (number + 1) * spacing - time.monotonic()
            if wait > 0:
                time.sleep(wait)
    finally:
        stop.set()
        for attacker in attackers:
            attacker.join(timeout=10)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a server already running on 127.0.0.1")
    parser.add_argument("--workers", type=int, default=2, help="for the server started here")
    parser.add_argument("--data", type=Path, default=None, help="for the server started here")
    parser.add_argument("--idle", type=int, default=50)
    parser.add_argument("--slow-headers", type=int, default=20)
    parser.add_argument("--slow-bodies", type=int, default=20)
    parser.add_argument("--slow-readers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--requests", type=int, default=40)
    arguments = parser.parse_args(argv)
    attack = Attack(
        idle=arguments.idle,
        slow_headers=arguments.slow_headers,
        slow_bodies=arguments.slow_bodies,
        slow_readers=arguments.slow_readers,
        seconds=min(arguments.seconds, MAX_SECONDS),
        requests=arguments.requests,
    )
    if arguments.url:
        parts = urlsplit(arguments.url)
        if parts.hostname != HOST:
            parser.error("only a server on 127.0.0.1 may be attacked")
        report = run_attack(parts.port or 80, attack)
    else:
        from benchmarks.server import running_server
        from dashboard import config

        data = arguments.data or config.DATA_FILE
        log = Path("/tmp") / f"slow-clients-server-{time.time_ns()}.log"
        with running_server(data, log, workers=arguments.workers) as server:
            report = run_attack(server.port, attack)
    json.dump(report.summary(), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
