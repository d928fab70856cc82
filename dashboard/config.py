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
EXPORT_NICE = int(os.environ.get("DASHBOARD_EXPORT_NICE", "10"))  # export workers' CPU priority
MAX_UPLOAD_BYTES = int(os.environ.get("DASHBOARD_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
# A server's garbage collector, once started (dashboard/heap.py): a young collection after
# this many more container objects made than freed (CPython's default: 700).
GC_YOUNG_THRESHOLD = int(os.environ.get("DASHBOARD_GC_YOUNG_THRESHOLD", "10000"))


def _int(env: str, default: int) -> int:
    return int(os.environ.get(env, str(default)))


# Limits on users' files (uploads, validate, import), checked while a file is read, before
# the work they bound; docs/USER_DATA.md ("Limits") lists them with their variables.
# A file read from disk by the command line (uploads are bounded by MAX_UPLOAD_BYTES).
MAX_FILE_BYTES = _int("DASHBOARD_MAX_FILE_BYTES", 200 * 1024 * 1024)
# What an XLSX (a zip) may unpack to, and its shared-strings part alone.
MAX_UNPACKED_BYTES = _int("DASHBOARD_MAX_UNPACKED_BYTES", 10 * MAX_UPLOAD_BYTES)
MAX_SHARED_STRINGS_BYTES = _int("DASHBOARD_MAX_SHARED_STRINGS_BYTES", 50 * 1024 * 1024)
# Data rows per table (counted while reading), and rows a sheet may hold with empty ones.
MAX_ROWS = _int("DASHBOARD_MAX_ROWS", 50_000)
MAX_SCANNED_ROWS = _int("DASHBOARD_MAX_SCANNED_ROWS", 2 * MAX_ROWS)
# Columns per table (the widest table of the format has 11), and cells read per sheet,
# empty ones included (a row formatted out to column XFD holds 16,384).
MAX_COLUMNS = _int("DASHBOARD_MAX_COLUMNS", 100)
MAX_SCANNED_CELLS = _int("DASHBOARD_MAX_SCANNED_CELLS", 40 * MAX_ROWS)
# Characters in one cell (a quote is a sentence or two), and in all the cells of a file: a
# shared string is stored once but read once per cell that points at it.
MAX_CELL_CHARS = _int("DASHBOARD_MAX_CELL_CHARS", 5_000)
MAX_TOTAL_CHARS = _int("DASHBOARD_MAX_TOTAL_CHARS", 50_000_000)
# Problems reported per file before the check stops, and "did you mean" lookups per file.
MAX_PROBLEMS = _int("DASHBOARD_MAX_PROBLEMS", 1_000)
MAX_SUGGESTIONS = _int("DASHBOARD_MAX_SUGGESTIONS", 200)
# Largest magnitude of a value, in its indicator's canonical unit, unless the indicator's
# min/max say otherwise (1e15 yuan is a hundred times China's GDP).
MAX_ABS_VALUE = float(os.environ.get("DASHBOARD_MAX_ABS_VALUE", "1e15"))
# Preview uploads kept on disk: in all (the oldest are removed first) and in number.
MAX_UPLOAD_STORAGE_BYTES = _int("DASHBOARD_MAX_UPLOAD_STORAGE", 512 * 1024 * 1024)
MAX_STORED_UPLOADS = _int("DASHBOARD_MAX_STORED_UPLOADS", 500)

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
