"""build_view keeps the recent views of each dataset: a state asked for again is not rebuilt,
another state or another dataset (a replaced file, an upload) is, and the memory is bounded."""

from __future__ import annotations

import pytest

from dashboard import config
from dashboard.data.store import Dataset
from dashboard.state import FilterState
from dashboard.views import UNCACHED_PAGES, VIEWS, Recent, build_view, load_all_views


@pytest.fixture()
def dataset() -> Dataset:
    if not config.DATA_FILE.exists():
        pytest.skip(f"{config.DATA_FILE} is not built: run `python -m dashboard build`")
    return Dataset.load(config.DATA_FILE)  # a fresh dataset: a fresh cache


@pytest.fixture()
def counted(monkeypatch):
    """The dropout view's builder, counting its calls."""
    load_all_views()
    calls: list[FilterState] = []
    real = VIEWS["dropout"]

    def counting(dataset, state):
        calls.append(state)
        return real(dataset, state)

    monkeypatch.setitem(VIEWS, "dropout", counting)
    return calls


def test_the_same_state_is_answered_from_the_cache(dataset, counted):
    first = build_view("dropout", dataset, FilterState(lang="en", areas=("540100",)))
    again = build_view("dropout", dataset, FilterState(lang="en", areas=("540100",)))
    assert again is first
    assert len(counted) == 1


def test_another_state_language_or_dataset_is_built(dataset, counted):
    build_view("dropout", dataset, FilterState(lang="en"))
    build_view("dropout", dataset, FilterState(lang="zh"))
    build_view("dropout", dataset, FilterState(lang="en", year=2019))
    build_view("dropout", Dataset.load(config.DATA_FILE), FilterState(lang="en"))
    assert len(counted) == 4
    english = build_view("dropout", dataset, FilterState(lang="en"))
    assert english.title == "Dropout control"
    assert len(counted) == 4


def test_size_zero_turns_the_cache_off(dataset, counted, monkeypatch):
    monkeypatch.setattr(config, "VIEW_CACHE_SIZE", 0)
    build_view("dropout", dataset, FilterState(lang="en"))
    build_view("dropout", dataset, FilterState(lang="en"))
    assert len(counted) == 2


def test_the_least_recently_used_view_is_dropped_first():
    recent = Recent(2)
    built: list[str] = []

    def build(name):
        def make():
            built.append(name)
            return name

        return make

    recent.get_or_build("a", build("a"))
    recent.get_or_build("b", build("b"))
    recent.get_or_build("a", build("a"))  # a is now the most recent
    recent.get_or_build("c", build("c"))  # drops b
    assert len(recent) == 2
    recent.get_or_build("a", build("a"))
    recent.get_or_build("b", build("b"))
    assert built == ["a", "b", "c", "b"]


def test_warm_up_builds_every_landing_view_once(dataset, counted):
    from dashboard.views import warm_up

    built = warm_up(dataset)
    assert built == len(set(VIEWS) - UNCACHED_PAGES) * len(config.LANGUAGES)
    assert counted == [FilterState(lang=lang) for lang in config.LANGUAGES]
    build_view("dropout", dataset, FilterState(lang="zh"))  # what a first visitor opens
    assert len(counted) == 2
    assert warm_up(dataset) == built and len(counted) == 2  # nothing is built twice


def test_a_failing_view_is_logged_and_the_others_still_warm(dataset, monkeypatch, caplog):
    from dashboard.views import warm_up

    load_all_views()

    def broken(dataset, state):
        raise RuntimeError("generated failure")

    monkeypatch.setitem(VIEWS, "aid", broken)
    with caplog.at_level("ERROR", logger="dashboard.views"):
        built = warm_up(dataset)
    assert built == (len(set(VIEWS) - UNCACHED_PAGES) - 1) * len(config.LANGUAGES)
    assert "warm-up of the aid view" in caplog.text
    assert "generated failure" in caplog.text


def test_the_data_view_with_every_matching_row_is_not_kept(dataset):
    first = build_view("data", dataset, FilterState(lang="en"))
    again = build_view("data", dataset, FilterState(lang="en"))
    assert again is not first
    assert len(again.charts) == len(first.charts)


@pytest.fixture()
def unfrozen():
    """Gives back to the collector what a test froze and its thresholds, so later tests'
    garbage is collected as before."""
    import gc

    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_after_the_warm_up_the_start_up_objects_are_out_of_the_collectors_walks(
    dataset, capsys, unfrozen
):
    import gc

    from dashboard.views import WARM_UP_DONE, warm_up_in_background

    made_at_start = {"a dict": ["the collector tracks"]}
    assert any(found is made_at_start for found in gc.get_objects())
    warm_up_in_background(dataset).join(timeout=120)
    assert WARM_UP_DONE in capsys.readouterr().out
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == config.GC_YOUNG_THRESHOLD
    assert not any(found is made_at_start for found in gc.get_objects())
    landing = build_view("dropout", dataset, FilterState(lang="zh"))  # built by the warm-up
    assert not any(found is landing for found in gc.get_objects())
    made_later = {"a dict": ["made by a request"]}
    assert any(found is made_later for found in gc.get_objects())  # walked as before
