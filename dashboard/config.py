"""Paths and settings, each overridable by an environment variable; imports no Dash."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _path(env: str, default: Path) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser().resolve() if value else default


RAW_DIR = _path("DASHBOARD_RAW", REPO_ROOT / "data" / "raw")
DATA_FILE = _path("DASHBOARD_DATA", REPO_ROOT / "data" / "indicators.parquet")
VERSIONS_DIR = _path("DASHBOARD_VERSIONS", REPO_ROOT / "data" / "versions")
UPLOAD_DIR = _path("DASHBOARD_UPLOADS", REPO_ROOT / "data" / "uploads")
UPLOAD_MAX_AGE_SECONDS = int(os.environ.get("DASHBOARD_UPLOAD_MAX_AGE", "86400"))
ASSETS_DIR = REPO_ROOT / "assets"
MAPS_DIR = ASSETS_DIR / "maps"

HOST = os.environ.get("DASHBOARD_HOST", "127.0.0.1")
PORT = int(os.environ.get("DASHBOARD_PORT", "8050"))

LANGUAGES = ("zh", "en")
DEFAULT_LANG = "zh"
REGION_CODE = "540000"

# Plausible years for an observation: the 三包 policy starts in 1985; allow older history
# back to 1950 and plans a few years ahead.
MIN_YEAR = 1950
MAX_YEAR = 2035

# Built views kept per dataset (see views.build_view); 0 turns the cache off.
VIEW_CACHE_SIZE = int(os.environ.get("DASHBOARD_VIEW_CACHE_SIZE", "128"))
# Views shared by every process and machine (dashboard/cache.py): a Redis URL such as
# redis://10.0.0.5:6379/0. Unset: each process keeps its own views only.
REDIS_URL = os.environ.get("DASHBOARD_REDIS_URL", "").strip()
REDIS_VIEW_TTL = int(os.environ.get("DASHBOARD_REDIS_VIEW_TTL", str(24 * 3600)))  # seconds
REDIS_RETRY_SECONDS = float(os.environ.get("DASHBOARD_REDIS_RETRY", "30"))  # after a failure
REDIS_SOCKET_TIMEOUT = float(os.environ.get("DASHBOARD_REDIS_TIMEOUT", "0.5"))  # per call
# "celery": slide decks and images are made by Celery workers over REDIS_URL (start them:
# docs/SERVING.md); unset: in the web worker that got the click.
EXPORT_QUEUE = os.environ.get("DASHBOARD_EXPORT_QUEUE", "").strip().lower()
MAX_UPLOAD_BYTES = int(os.environ.get("DASHBOARD_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))

# The CJK font named in exported figures so that Chromium picks Simplified Chinese shapes.
CJK_FONT_FAMILY = "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
CHROMIUM_PATH = os.environ.get("DASHBOARD_CHROMIUM", "/usr/bin/chromium")
# How the browser tests, screenshots and benchmarks start it (headless, as root, offline).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
