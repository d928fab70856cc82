"""The dataset a user's session sees: the served data, or it merged with their preview upload."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from dashboard.data.store import Dataset, get_dataset
from dashboard.userdata import upload as uploads

LOGGER = logging.getLogger(__name__)
CACHE_SIZE = 16  # merged datasets kept per process (each about the size of the served data)

_lock = threading.Lock()
# (token, id(served)) -> (served, merged). Holding `served` keeps its id from being reused by
# the next served dataset after the file changes.
_cache: OrderedDict[tuple[str, int], tuple[Dataset, Dataset]] = OrderedDict()


def session_dataset(upload: dict | None = None) -> Dataset:
    """Pages call this with the upload store's data (None when the user uploaded nothing).

    With a valid, unexpired upload token: the served dataset with the upload merged over it
    (its rows have origin "upload" and are the preferred readings of their keys). Anything
    else (no upload, a forged or expired token, a file that no longer validates against the
    served data) gives the served dataset.
    """
    served = get_dataset()
    token = upload.get("token") if isinstance(upload, dict) else None
    if not isinstance(token, str):
        return served
    key = (token, id(served))  # get_dataset returns a new object when the file changes
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached[1]
    merged = _merge(token, served)
    if merged is None:
        return served
    with _lock:
        _cache[key] = (served, merged)
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return merged


def upload_info(upload: dict | None) -> dict | None:
    """{"filename", "rows"} of a live upload, or None when there is none (or it expired)."""
    token = upload.get("token") if isinstance(upload, dict) else None
    stored = uploads.load_upload(token)
    if stored is None:
        return None
    _, meta = stored
    return {"filename": str(meta.get("filename", "")), "rows": int(meta.get("rows", 0))}


def forget(token: object) -> None:
    """Drop an upload from this process's cache and from the upload directory."""
    with _lock:
        for key in [key for key in _cache if key[0] == token]:
            del _cache[key]
    uploads.delete_upload(token)


def _merge(token: str, served: Dataset) -> Dataset | None:
    stored = uploads.load_upload(token)
    if stored is None:
        return None
    data, meta = stored
    report, validated = uploads.validate_bytes(data, str(meta.get("filename", "upload")), served)
    if not report.ok:
        # Valid when uploaded; the served data has changed since (an import or rebuild).
        LOGGER.warning("upload %s no longer validates: %s", token[:8], report.problems[:3])
        return None
    return served.merged_with(validated.observations, validated.catalogue)
