"""Exports on a Celery queue over Redis, so that web workers stay free while Chromium works.

Off by default: the export callback runs in the web worker's thread, as on one machine.
With DASHBOARD_REDIS_URL set and DASHBOARD_EXPORT_QUEUE=celery, the export callback
(dashboard/export/ui.py) is a Dash background callback on Dash's CeleryManager: the web
worker puts the job on the queue and answers at once; the browser polls until a Celery
worker has made the file (it keeps its Chromium open between jobs). Run the workers with

    DASHBOARD_REDIS_URL=redis://HOST:6379/0 DASHBOARD_EXPORT_QUEUE=celery \
        celery -A dashboard.export.queue worker --pool solo --concurrency 1

(one process per core for exports; each has one Chromium). A worker reads the same data file
and uploads directory as the web servers (docs/SERVING.md).

Opt-in rather than implied by Redis: a queue with no worker would leave every export
waiting, so the web servers only use it when told that workers run.

A worker lowers its own CPU priority when it starts (nice DASHBOARD_EXPORT_NICE, 10 by
default; its Chromium inherits it and, run as root, may not raise it back): on a machine it
shares with web workers, a filter change goes before a slide deck, which is waited for in
seconds anyway, and the deck still gets its share of the CPU. On a machine of its own the
priority changes nothing.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from dashboard import config

logger = logging.getLogger(__name__)

RESULT_SECONDS = 600  # how long a finished export waits in Redis for its browser

celery_app: Any = None
manager: Any = None


def _make() -> tuple[Any, Any]:
    if config.EXPORT_QUEUE != "celery":
        return None, None
    if not config.REDIS_URL:
        logger.warning(
            "DASHBOARD_EXPORT_QUEUE=celery needs DASHBOARD_REDIS_URL; "
            "exports run in the web workers"
        )
        return None, None
    from celery import Celery
    from dash import CeleryManager

    app = Celery(
        "dashboard-exports",
        broker=config.REDIS_URL,
        backend=config.REDIS_URL,
        # The worker registers the export callback's task by importing the module that
        # defines it (the task name is derived from the callback's source).
        include=["dashboard.export.ui"],
    )
    app.conf.update(
        result_expires=RESULT_SECONDS,
        worker_prefetch_multiplier=1,  # one export at a time per worker process
        task_acks_late=True,
        broker_connection_retry_on_startup=True,
    )
    from celery.signals import worker_init

    worker_init.connect(lower_priority, weak=False)
    return app, CeleryManager(app, expire=RESULT_SECONDS)


def lower_priority(**_signal: Any) -> int:
    """Make this process (an export worker) yield the CPU to web workers; its new niceness.

    Niceness alone does not hold for Chromium run as root (as in a container): it gives its
    display and IO threads nice -8 and its renderers 0 or 5. So the worker also drops
    CAP_SYS_NICE from its capability bounding set, which every program it starts after
    inherits: Chromium's threads then stay at the worker's niceness (they may only go up).
    Not the idle scheduling class: a process in it runs only when no other wants the core,
    so any steady load (fifty users, a neighbour on a shared host) starves exports for good,
    where nice 10 still gives them about a tenth of a busy core.
    Not where nice is 0 (DASHBOARD_EXPORT_NICE=0).
    """
    if config.EXPORT_NICE <= 0:
        return os.nice(0)
    try:
        niceness = os.nice(config.EXPORT_NICE)
    except OSError as error:  # not allowed here: exports still run, at the same priority
        logger.warning("the export worker could not lower its priority: %s", error)
        return os.nice(0)
    held = _drop_raising_priority()
    logger.info(
        "export worker: CPU priority lowered (nice %d%s)",
        niceness,
        "" if held else "; its Chromium may raise some of its threads back",
    )
    return niceness


PR_CAPBSET_DROP = 24  # prctl option (linux/prctl.h)
CAP_SYS_NICE = 23  # capability number (linux/capability.h)


def _drop_raising_priority() -> bool:
    """Drop CAP_SYS_NICE from this process's bounding set, so that the programs it starts
    cannot lower their niceness; True when no program it starts can (also when it never had
    the capability, as an ordinary user)."""
    if os.geteuid() != 0:
        return True  # without root, no program started here may lower its niceness anyway
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_CAPBSET_DROP, CAP_SYS_NICE, 0, 0, 0) == 0
    except (OSError, AttributeError):  # not Linux, or no prctl
        return False


celery_app, manager = _make()


def callback_options() -> dict[str, Any]:
    """Extra arguments of the export callback: a background callback on the queue, or none."""
    if manager is None:
        return {}
    return {"background": True, "manager": manager}
