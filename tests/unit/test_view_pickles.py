"""Views pickled for Redis (dashboard/cache.py) name what the process already holds: a chart's
rows are written with their dataset's categories as column names, not the categories."""

from __future__ import annotations

import pickle

import pytest

from dashboard import cache, config
from dashboard.data.store import Dataset, get_dataset
from dashboard.state import FilterState
from dashboard.views import build_view

STATE = FilterState(lang="zh", year=2019)


@pytest.mark.parametrize("page", ["map", "dropout", "aid", "overview"])
def test_a_views_rows_come_back_equal_with_the_datasets_own_categories(page) -> None:
    dataset = get_dataset().in_language(STATE.lang)
    view = build_view(page, dataset, STATE)
    with_names = cache.dumps(view, dataset)
    whole = cache.dumps(view)
    assert len(with_names) < len(whole) / 2, "the categories are still written out"

    other_process = Dataset.load(config.DATA_FILE).in_language(STATE.lang)  # its own objects
    loaded = cache.loads(with_names, other_process)
    dtypes = other_process.observations.dtypes
    for before, after in zip(view.charts, loaded.charts, strict=True):
        assert after.frame.equals(before.frame)
        assert after.frame.dtypes.equals(before.frame.dtypes)
        for column, dtype in after.frame.dtypes.items():
            if column in dtypes and str(dtype) == "category":
                assert dtype is dtypes[column], column


def test_rows_pickled_with_names_do_not_load_without_a_dataset_that_has_them() -> None:
    dataset = get_dataset().in_language(STATE.lang)
    data = cache.dumps(build_view("dropout", dataset, STATE), dataset)
    with pytest.raises(pickle.UnpicklingError):
        cache.loads(data)
