"""The dataset a user's session sees: the served data, or it merged with their preview upload."""

from __future__ import annotations

from dashboard.data.store import Dataset, get_dataset


def session_dataset(upload: dict | None = None) -> Dataset:
    """Pages call this with the upload store's data (None when the user uploaded nothing)."""
    return get_dataset()
