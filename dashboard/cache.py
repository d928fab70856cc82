"""Built views shared by every process and machine through Redis, when DASHBOARD_REDIS_URL is set.

`views.build_view` keeps each dataset's recent views in the process (views.Recent); on a miss
there it asks this module's shared cache before building, and stores what it built. The
shared cache is flask-caching's RedisCache over a redis-py client, so a view built by one
gunicorn worker (or one machine) is answered by all the others.

A key names everything a view depends on: the dataset's content (a hash of its columns and
catalogue, so a preview upload merged with the data, a rebuilt file or another machine's copy
of the same file each get the right one), the dashboard's code (a deploy never serves views
built by older code), the page and the filter state.

Values are pickled, with each plotly figure reduced to its plain dict and rebuilt without
re-validation on load (`figures.common.figure_from_dict`): plotly's own pickling validates
every property again, ~15 ms a figure. What the loading process already holds is named, not
written: a map's boundaries as its areas' codes, a chart's categorical columns as the
dataset's column names (`dumps`/`loads` with the dataset).

When Redis is configured but cannot be reached, views are built and kept in the process as
without Redis; one line says so in the log, and Redis is tried again after
config.REDIS_RETRY_SECONDS (one more line when it is back).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import pickle
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import config

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

logger = logging.getLogger(__name__)

KEY_PREFIX = "tibet-dashboard:"
# Bump when the pickled shape of a View changes in a way the code fingerprint cannot see.
FORMAT_VERSION = "1"


# ---------------------------------------------------------------- keys


def _code_fingerprint() -> str:
    """A hash of the dashboard package's source: views built by other code are not reused."""
    digest = hashlib.blake2b(digest_size=8)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


_CODE = _code_fingerprint()


def dataset_signature(dataset: Dataset) -> str:
    """A hash of the dataset's content (Dataset.signature): equal on every machine that serves
    the same table."""
    return dataset.signature()


def view_key(dataset: Dataset, page: str, state: FilterState) -> str:
    fields = json.dumps(asdict(state), sort_keys=True, default=list, ensure_ascii=False)
    state_hash = hashlib.blake2b(fields.encode(), digest_size=12).hexdigest()
    return f"view:{FORMAT_VERSION}:{_CODE}:{dataset_signature(dataset)}:{page}:{state_hash}"


# ---------------------------------------------------------------- (de)serialising views


class _ViewPickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, dataset: Dataset | None) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._dataset_dtypes = _categorical_columns(dataset)
        # id(dtype) -> (the dtype, its column or None); holding the dtype keeps its id from
        # being reused by another object while the dump runs.
        self._seen: dict[int, tuple[pd.CategoricalDtype, str | None]] = {}

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, go.Figure):
            return _figure, (_figure_spec(obj),)
        return NotImplemented

    def persistent_id(self, obj: Any) -> Any:
        # A chart's rows come from the dataset: their categorical columns have its categories
        # (every quote and note of the table), which would be most of a view's pickle.
        if type(obj) is not pd.CategoricalDtype:
            return None
        if id(obj) not in self._seen:
            column = next(
                (column for column, dtype in self._dataset_dtypes.items() if _same(obj, dtype)),
                None,
            )
            self._seen[id(obj)] = (obj, column)
        column = self._seen[id(obj)][1]
        return None if column is None else ("categories", column)


def _same(dtype: pd.CategoricalDtype, other: pd.CategoricalDtype) -> bool:
    if dtype is other:
        return True
    return (
        dtype.ordered == other.ordered
        and len(dtype.categories) == len(other.categories)
        and dtype.categories.equals(other.categories)
    )


class _ViewUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, dataset: Dataset | None) -> None:
        super().__init__(file)
        self._dataset_dtypes = _categorical_columns(dataset)

    def persistent_load(self, pid: Any) -> Any:
        kind, column = pid
        if kind == "categories" and column in self._dataset_dtypes:
            return self._dataset_dtypes[column]
        raise pickle.UnpicklingError(f"no categorical column {column!r} in this dataset")


def _categorical_columns(dataset: Dataset | None) -> dict[str, pd.CategoricalDtype]:
    if dataset is None:
        return {}
    dtypes = dataset.observations.dtypes
    return {
        str(column): dtype
        for column, dtype in dtypes.items()
        if isinstance(dtype, pd.CategoricalDtype)
    }


def _figure_spec(figure: go.Figure) -> dict:
    """The figure as a plain dict, read from the figure's own dicts (`to_dict` deep-copies
    them first, a map's boundaries too), with each map trace's boundaries, when they are
    areas of the committed boundary files, as those areas' codes (_Boundaries)."""
    return {
        "data": [_trace_spec(trace) for trace in figure._data],
        "layout": figure._layout,
    }


def _trace_spec(trace: dict) -> dict:
    codes = _boundary_codes(trace.get("geojson"))
    return trace if codes is None else {**trace, "geojson": _Boundaries(codes)}


def _boundary_codes(geojson: object) -> list[str] | None:
    if not isinstance(geojson, dict) or not isinstance(geojson.get("features"), list):
        return None
    from dashboard.views.map import map_geometry

    shared = map_geometry().features
    codes = [str(feature.get("id")) for feature in geojson["features"]]
    features = geojson["features"]
    if all(shared.get(c) is f for c, f in zip(codes, features, strict=True)):
        return codes
    return None  # boundaries from elsewhere: pickled as they are


class _Boundaries:
    """Stands for map_geometry().collection(codes) in a pickle: ~170 KB less a map view, and
    loading shares the process's own boundary features instead of building copies."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes

    def __reduce__(self) -> tuple:
        return _boundaries, (self.codes,)


def _boundaries(codes: list[str]) -> dict:
    from dashboard.views.map import map_geometry

    return map_geometry().collection(codes)


def _figure(spec: dict) -> go.Figure:
    from dashboard.figures.common import figure_from_dict

    return figure_from_dict(spec)  # a map's geometry is not copied again


def dumps(value: Any, dataset: Dataset | None = None) -> bytes:
    """The value pickled; with the dataset it was built from, its frames' categories are
    written as the dataset's column names (loads needs a dataset of the same content: the
    key's signature says so)."""
    buffer = io.BytesIO()
    _ViewPickler(buffer, dataset).dump(value)
    return buffer.getvalue()


def loads(data: bytes, dataset: Dataset | None = None) -> Any:
    # Our own Redis, written only by this code (noqa: S301).
    return _ViewUnpickler(io.BytesIO(data), dataset).load()  # noqa: S301


# ---------------------------------------------------------------- the shared cache


class SharedViews:
    """Views in Redis through flask-caching, with a fall-back when Redis is down.

    `get` returns None on a miss and while Redis is unreachable; `set` does nothing while it
    is unreachable. Counts what happened (hits, misses, sets, errors) for tests and benches.
    """

    def __init__(self, url: str, *, timeout: int, retry_seconds: float) -> None:
        import redis
        from flask_caching.backends.rediscache import RedisCache

        self.url = url
        self.retry_seconds = retry_seconds
        client = redis.Redis.from_url(
            url, socket_timeout=config.REDIS_SOCKET_TIMEOUT, socket_connect_timeout=1.0
        )
        self._errors = (redis.exceptions.RedisError, OSError)
        self.backend = RedisCache(host=client, key_prefix=KEY_PREFIX, default_timeout=timeout)
        self._lock = threading.Lock()
        self._down_until = 0.0  # monotonic time before which Redis is not asked
        self._down = False
        self.counts = {"hits": 0, "misses": 0, "sets": 0, "errors": 0}

    def get(self, key: str, dataset: Dataset | None = None) -> Any | None:
        if not self._available():
            return None
        try:
            data = self.backend.get(key)
        except self._errors as error:
            self._failed(error)
            return None
        self._worked()
        if not isinstance(data, bytes):
            self.counts["misses"] += 1
            return None
        try:
            value = loads(data, dataset)
        except Exception:  # noqa: BLE001 - a damaged or foreign entry is a miss
            logger.warning("view cache: entry %s could not be read; rebuilding it", key)
            self.counts["misses"] += 1
            return None
        self.counts["hits"] += 1
        return value

    def set(self, key: str, value: Any, dataset: Dataset | None = None) -> None:
        if not self._available():
            return
        try:
            data = dumps(value, dataset)
        except Exception:  # noqa: BLE001 - a view that does not pickle stays in the process
            logger.exception("view cache: a view could not be serialised; not shared")
            return
        try:
            self.backend.set(key, data)
        except self._errors as error:
            self._failed(error)
            return
        self._worked()
        self.counts["sets"] += 1

    def clear(self) -> None:
        self.backend.clear()

    def _available(self) -> bool:
        return not self._down or time.monotonic() >= self._down_until

    def _failed(self, error: Exception) -> None:
        self.counts["errors"] += 1
        with self._lock:
            self._down_until = time.monotonic() + self.retry_seconds
            if self._down:
                return
            self._down = True
        logger.warning(
            "view cache: Redis at %s is unreachable (%s); serving views from this process's "
            "own cache and trying Redis again every %.0f s",
            _without_password(self.url),
            error,
            self.retry_seconds,
        )

    def _worked(self) -> None:
        if self._down:
            with self._lock:
                if not self._down:
                    return
                self._down = False
            logger.warning(
                "view cache: Redis at %s is back; views are shared again",
                _without_password(self.url),
            )


def _without_password(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit(parts._replace(netloc=user + host))


_shared: SharedViews | None = None
_shared_url: str | None = None
_shared_lock = threading.Lock()


def shared_views() -> SharedViews | None:
    """The process's shared view cache, or None when DASHBOARD_REDIS_URL is not set."""
    global _shared, _shared_url
    url = config.REDIS_URL
    if not url:
        return None
    if _shared is not None and _shared_url == url:
        return _shared
    with _shared_lock:
        if _shared is None or _shared_url != url:
            _shared = SharedViews(
                url, timeout=config.REDIS_VIEW_TTL, retry_seconds=config.REDIS_RETRY_SECONDS
            )
            _shared_url = url
        return _shared
