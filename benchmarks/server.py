"""A dashboard server in a subprocess for measurements: start, time to first page, RSS, stop.

Only ever binds 127.0.0.1. Every server is stopped by its own process id (never by name).
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    started_seconds: float  # process start to the first 200 on GET /
    log: Path
    launched_at: float = 0.0  # time.perf_counter() when the process was started

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def peak_rss_bytes(self) -> int:
        """The server process's peak resident memory (VmHWM) so far."""
        return _status_kib(self.process.pid, "VmHWM") * 1024

    def rss_bytes(self) -> int:
        return _status_kib(self.process.pid, "VmRSS") * 1024

    def tree_rss_bytes(self) -> int:
        """Resident memory of the server and its worker processes (gunicorn) together."""
        return tree_rss_bytes(self.process.pid)

    def wait_for_warm_up(self, timeout: float) -> float | None:
        """Seconds from the process start until serve said its landing views were built
        (views.WARM_UP_DONE in the log), or None if it did not say so within `timeout`."""
        from dashboard.views import WARM_UP_DONE

        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if WARM_UP_DONE in self.log.read_text(encoding="utf-8", errors="replace"):
                return time.perf_counter() - self.launched_at
            time.sleep(0.1)
        return None

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (all its threads)."""
        return _cpu_seconds(self.process.pid)


class ServerDidNotStart(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _stat_fields(pid: int) -> list[str]:
    """/proc/PID/stat after the command name (which may hold spaces): [state, ppid, ...]."""
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
        return handle.read().rsplit(")", 1)[1].split()


def _cpu_seconds(pid: int) -> float:
    fields = _stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants, read from /proc (psutil is not a dependency)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int(_stat_fields(int(entry.name))[1])
        except OSError:  # gone since the listing
            continue
        children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += children.get(current, [])
    return tree


def _tree_sum(pid: int, measure: Callable[[int], float]) -> float:
    total = 0.0
    for process in process_tree(pid):
        try:
            total += measure(process)
        except OSError:  # a process gone between two reads
            continue
    return total


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and all its descendants."""
    return int(_tree_sum(pid, lambda process: _status_kib(process, "VmRSS") * 1024))


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and all its descendants so far."""
    return _tree_sum(pid, _cpu_seconds)


def _status_kib(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _answers(port: int, path: str = "/") -> bool:
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status == 200
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def running_server(
    data_file: Path,
    log: Path,
    *,
    naive: bool = False,
    module: str | None = None,
    workers: int = 0,
    start_timeout: float = 120.0,
    extra_env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """`python -m dashboard serve --data FILE` (or a baseline: `naive`, the dashboard on the
    naive data layer; or another `module` with the same command line) until the block ends."""
    port = free_port()
    module = module or ("benchmarks.naive" if naive else "dashboard")
    command = [sys.executable, "-m", module, "serve", "--data", str(data_file)]
    command += ["--host", HOST, "--port", str(port)]
    if workers:
        command += ["--workers", str(workers)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as handle:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT
        )
        try:
            served = _wait_until_served(process, port, start_timeout)
            server = Server(process, port, served - started, log, launched_at=started)
            yield server
        finally:
            stop(process)


def _wait_until_served(process: subprocess.Popen, port: int, timeout: float) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise ServerDidNotStart(f"the server exited with status {process.returncode}")
        if _answers(port):
            return time.perf_counter()
        time.sleep(0.05)
    raise ServerDidNotStart(f"no page within {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


@contextmanager
def running_redis(directory: Path, start_timeout: float = 20.0) -> Iterator[str]:
    """A private redis-server on a free loopback port (nothing persisted); yields its URL."""
    import shutil

    binary = shutil.which("redis-server")
    if binary is None:
        raise ServerDidNotStart("redis-server is not installed (make system-deps)")
    port = free_port()
    directory.mkdir(parents=True, exist_ok=True)
    command = [binary, "--port", str(port), "--bind", HOST, "--dir", str(directory)]
    command += ["--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                with socket.create_connection((HOST, port), timeout=0.5) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise ServerDidNotStart("redis-server did not answer")
            time.sleep(0.05)
        yield f"redis://{HOST}:{port}/0"
    finally:
        stop(process)


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    def cpu_seconds(self) -> float:
        """User + system CPU time of the worker and its children (Chromium) so far."""
        return tree_cpu_seconds(self.process.pid)


@contextmanager
def running_export_worker(
    data_file: Path, log: Path, extra_env: dict[str, str], start_timeout: float = 90.0
) -> Iterator[Worker]:
    """One Celery export worker (dashboard/export/queue.py, as docs/SERVING.md starts it) until
    the block ends. It runs in a session of its own, so that the Chromium it starts for exports
    is stopped with it (by the group's id, the worker's own process id)."""
    import signal

    command = [sys.executable, "-m", "celery", "-A", "dashboard.export.queue:celery_app"]
    command += ["worker", "--pool", "solo", "--concurrency", "1", "--loglevel", "INFO"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "DASHBOARD_DATA": str(data_file), **extra_env}
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as handle:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + start_timeout
        while " ready." not in log.read_text(encoding="utf-8", errors="replace"):
            if process.poll() is not None:
                raise ServerDidNotStart(f"the export worker exited ({process.returncode})")
            if time.monotonic() > deadline:
                raise ServerDidNotStart(f"the export worker not ready within {start_timeout} s")
            time.sleep(0.2)
        yield Worker(process, log)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)  # Celery's cold shutdown: not after the deck
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)  # what is left of it: its Chromium
        except ProcessLookupError:
            pass
        process.wait(timeout=15)
