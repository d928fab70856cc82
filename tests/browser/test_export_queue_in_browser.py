"""Exports on the Celery queue (DASHBOARD_EXPORT_QUEUE=celery over DASHBOARD_REDIS_URL): the
web server hands the export to a Celery worker and the user still gets the file.

Starts its own redis-server (free loopback port, tmp dir), one Celery worker and one server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from conftest import REPO, free_port
from redis_server import RedisServer
from test_exports import first_chart_image, png_size

from dashboard import config

pytestmark = pytest.mark.skipif(
    not Path(config.CHROMIUM_PATH).exists() or shutil.which("redis-server") is None,
    reason="needs Chromium and redis-server (make system-deps)",
)


def _wait_for(predicate, what: str, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    pytest.fail(f"{what} did not happen in {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def queued_app(tmp_path_factory: pytest.TempPathFactory):
    if not config.DATA_FILE.exists():
        pytest.skip(f"{config.DATA_FILE} is not built: run `python -m dashboard build`")
    logs = tmp_path_factory.mktemp("queue")
    redis = RedisServer(logs / "redis").start()
    env = {
        **os.environ,
        "DASHBOARD_DATA": str(config.DATA_FILE),
        "DASHBOARD_REDIS_URL": redis.url,
        "DASHBOARD_EXPORT_QUEUE": "celery",
        "PYTHONUNBUFFERED": "1",
    }
    worker_log, server_log = logs / "worker.log", logs / "server.log"
    processes = []
    with worker_log.open("w") as handle:
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "dashboard.export.queue:celery_app",
                    "worker",
                    "--pool",
                    "solo",
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "INFO",
                ],
                cwd=REPO,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
    port = free_port()
    with server_log.open("w") as handle:
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "dashboard",
                    "serve",
                    "--port",
                    str(port),
                    "--data",
                    str(config.DATA_FILE),
                ],
                cwd=REPO,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            with urlopen(url + "/", timeout=2) as response:
                return response.status == 200
        except (URLError, ConnectionError, TimeoutError):
            return False

    try:
        _wait_for(answers, "the server answering", 90, server_log)
        _wait_for(
            lambda: " ready." in worker_log.read_text(), "the worker starting", 90, worker_log
        )

        class Served:
            pass

        served = Served()
        served.url, served.log, served.worker_log = url, server_log, worker_log
        served.worker_pid = processes[0].pid
        yield served
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        redis.stop()


def test_an_image_export_is_made_by_the_queue_worker(open_page, queued_app, tmp_path) -> None:
    page = open_page(queued_app, "/?lang=en")
    path = first_chart_image(page, tmp_path)
    assert path.name.endswith(".png")
    assert png_size(path.read_bytes()) == (2400, 1350)
    worker = queued_app.worker_log.read_text()
    assert "background_callback_" in worker and "succeeded" in worker, worker[-2000:]
    assert page.console_errors == []
    # The worker and every thread of the Chromium it started yield the CPU to the web server
    # (Chromium run as root would give some threads nice -8 if the worker let it).
    assert niceness(queued_app.worker_pid) == config.EXPORT_NICE > niceness(os.getpid())
    chromium = [pid for pid in descendants(queued_app.worker_pid) if "chrom" in command(pid)]
    assert chromium, "the worker made the image without a Chromium of its own?"
    threads = {
        (pid, tid.name): niceness(pid, tid.name)
        for pid in chromium
        for tid in Path(f"/proc/{pid}/task").iterdir()
    }
    assert min(threads.values()) >= config.EXPORT_NICE, threads


def niceness(pid: int, tid: str | None = None) -> int:
    """A process's (or one of its threads') nice value: field 19 of its stat, after the
    command's parentheses."""
    path = Path(f"/proc/{pid}/task/{tid}/stat") if tid else Path(f"/proc/{pid}/stat")
    return int(path.read_text().rsplit(")", 1)[1].split()[16])


def command(pid: int) -> str:
    return Path(f"/proc/{pid}/comm").read_text().strip().lower()


def descendants(pid: int) -> list[int]:
    """Every process started by pid, and by those, and so on (from /proc/*/stat's parent)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found
