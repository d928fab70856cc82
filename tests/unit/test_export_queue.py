"""The export queue is opt-in: without DASHBOARD_EXPORT_QUEUE=celery and a Redis URL the
export callback stays an ordinary callback in the web worker
(tests/browser/test_export_queue_in_browser.py runs the queue for real)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from dashboard import config
from dashboard.export import queue


def test_exports_run_in_the_web_worker_unless_the_queue_is_asked_for(monkeypatch):
    monkeypatch.setattr(config, "EXPORT_QUEUE", "")
    monkeypatch.setattr(config, "REDIS_URL", "redis://127.0.0.1:1/0")
    assert queue._make() == (None, None)


def test_a_queue_without_redis_is_refused_in_one_line(monkeypatch, caplog):
    monkeypatch.setattr(config, "EXPORT_QUEUE", "celery")
    monkeypatch.setattr(config, "REDIS_URL", "")
    with caplog.at_level(logging.WARNING, logger="dashboard.export.queue"):
        assert queue._make() == (None, None)
    assert "needs DASHBOARD_REDIS_URL" in caplog.text


def test_with_the_queue_the_export_callback_is_a_background_callback(monkeypatch):
    from dash.background_callback.managers import BaseBackgroundCallbackManager

    monkeypatch.setattr(BaseBackgroundCallbackManager, "managers", [])  # no lasting manager
    monkeypatch.setattr(config, "EXPORT_QUEUE", "celery")
    monkeypatch.setattr(config, "REDIS_URL", "redis://127.0.0.1:1/0")
    app, manager = queue._make()
    assert app.conf.broker_url == "redis://127.0.0.1:1/0"
    monkeypatch.setattr(queue, "manager", manager)
    assert queue.callback_options() == {"background": True, "manager": manager}
    monkeypatch.setattr(queue, "manager", None)
    assert queue.callback_options() == {}


def test_a_queue_worker_lowers_its_cpu_priority_when_it_starts(tmp_path):
    """Celery sends worker_init as a worker starts; in a process of its own (niceness only
    goes up), the handler the queue connects to it lowers the priority by EXPORT_NICE, and a
    program the worker starts after (its Chromium) cannot raise its own priority back."""
    script = (
        "import os, subprocess, sys\n"
        "from celery.signals import worker_init\n"
        "from dashboard.export import queue\n"
        "before = os.nice(0)\n"
        "worker_init.send(sender=None)\n"
        "child = 'import os\\ntry:\\n    os.nice(-1)\\nexcept PermissionError:\\n"
        '    print("refused")\\nelse:\\n    print("raised")\'\n'
        "print(subprocess.run([sys.executable, '-c', child], capture_output=True, text=True)"
        ".stdout.strip())\n"
        "print(os.nice(0) - before)\n"
    )
    env = {
        **os.environ,
        "DASHBOARD_EXPORT_QUEUE": "celery",
        "DASHBOARD_REDIS_URL": "redis://127.0.0.1:1/0",
        "PYTHONPATH": str(config.REPO_ROOT),
    }
    # With nice 0 the worker changes nothing: a child of root may still raise its priority.
    child_of_nice_0 = "raised" if os.geteuid() == 0 else "refused"
    for nice, lowered, child in (("7", "7", "refused"), ("0", "0", child_of_nice_0)):
        done = subprocess.run(
            [sys.executable, "-c", script],
            env={**env, "DASHBOARD_EXPORT_NICE": nice},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert done.stdout.strip().splitlines()[-2:] == [child, lowered], done.stderr


def test_a_web_server_starts_chromium_for_exports_only_when_it_makes_them(monkeypatch):
    """serve warms up Chromium so that the first export does not wait; with exports on the
    queue's workers an idle Chromium in the web server would only take CPU. (No app is made
    here: one made while queue.manager is patched would register the export callback on it.)"""
    import argparse

    import dashboard.app
    from dashboard.cli import serve_command
    from dashboard.export import kaleido_server

    class App:
        def run(self, **_kwargs) -> None:
            return None

    started: list[str] = []
    monkeypatch.setattr(kaleido_server, "warm_up_in_background", lambda: started.append("chromium"))
    monkeypatch.setattr("dashboard.views.warm_up_in_background", lambda dataset: None)
    monkeypatch.setattr(dashboard.app, "create_app", App)
    arguments = argparse.Namespace(host="127.0.0.1", port=1, data=None, debug=False, workers=0)
    for manager, expected in ((object(), []), (None, ["chromium"])):
        started.clear()
        monkeypatch.setattr(queue, "manager", manager)
        assert serve_command.run_serve(arguments) == 0
        assert started == expected
