"""serve: run the dashboard on the built data (debug off and loopback-only unless asked)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dashboard import config
from dashboard.data.store import DataLoadError, get_dataset


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="serve the dashboard")
    parser.add_argument("--host", default=config.HOST)
    parser.add_argument("--port", type=int, default=config.PORT)
    parser.add_argument("--data", type=Path, default=None, help="built Parquet file to serve")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode and dev tools")
    parser.add_argument("--workers", type=int, default=0, help="serve with gunicorn, N processes")
    parser.set_defaults(handler=run_serve)


def run_serve(arguments: argparse.Namespace) -> int:
    if arguments.data is not None:
        os.environ["DASHBOARD_DATA"] = str(arguments.data.resolve())
        config.DATA_FILE = arguments.data.resolve()
    try:
        get_dataset(config.DATA_FILE)
    except DataLoadError as error:
        print(f"cannot serve: {error}", file=sys.stderr)
        return 2
    if arguments.workers > 0:
        from dashboard.serving import run_gunicorn

        return run_gunicorn(arguments.host, arguments.port, arguments.workers)
    from dashboard.app import create_app
    from dashboard.export import queue
    from dashboard.export.kaleido_server import warm_up_in_background
    from dashboard.views import warm_up_in_background as warm_views_in_background

    app = create_app()
    if queue.manager is None:
        # Start Chromium for image exports now, so the first user's export does not wait for
        # it; not when exports run on the queue's workers (an idle Chromium still takes CPU).
        warm_up_in_background()
    # Compute the landing views and the facts they share while the first page loads.
    warm_views_in_background(get_dataset(config.DATA_FILE))
    print(f"serving on http://{arguments.host}:{arguments.port}/", flush=True)
    app.run(host=arguments.host, port=arguments.port, debug=arguments.debug)
    return 0
