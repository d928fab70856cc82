"""What each page shows, computed without Dash: dataset + filter state -> charts.

Pages render these; exports (images, decks, workbooks, offline HTML), the command line and
the benchmarks call the same functions, so a chart looks and counts the same everywhere.
A page module registers its view with `register_view("dropout", build_dropout_view)`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from dashboard import config

logger = logging.getLogger(__name__)
T = TypeVar("T")

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

    from dashboard.data.store import Dataset
    from dashboard.figures.common import DeferredFigure
    from dashboard.state import FilterState


@dataclass
class Chart:
    """One chart as shown: its figure, words about it, and the rows and sources behind it."""

    name: str  # stable id within the page, kebab-case: "dropout-found-returned"
    title: str  # in the state's language
    subtitle: str  # the active filters, in words
    figure: go.Figure | DeferredFigure  # deferred: plotly_figure() makes it a go.Figure
    summary: str  # accessible text summary of what the chart shows
    frame: pd.DataFrame  # the observations plotted (rows of the built table)
    sources: list[str] = field(default_factory=list)  # source ids, in order of use
    empty: bool = False  # True when the selection has no data (figure says so in words)


@dataclass
class View:
    page: str  # page name: overview, dropout, aid, teachers, map, data, sources
    title: str
    charts: list[Chart]
    # Programmes whose charts the view leaves out (more than one screen holds), in order:
    # the page names them and links to their own pages.
    more: tuple[str, ...] = ()


WARM_UP_DONE = "warm-up:"  # the line serve prints when the landing views are built

# Views not kept: the data view holds every matching row (all of them for the whole region),
# which at millions of rows would hold gigabytes; its page keeps its own row cache.
UNCACHED_PAGES = frozenset({"data"})

ViewBuilder = Callable[["Dataset", "FilterState"], View]
VIEWS: dict[str, ViewBuilder] = {}


def register_view(page: str, builder: ViewBuilder) -> ViewBuilder:
    if page in VIEWS and VIEWS[page] is not builder:
        raise ValueError(f"a view for page '{page}' is already registered")
    VIEWS[page] = builder
    return builder


def build_view(page: str, dataset: Dataset, state: FilterState) -> View:
    """The charts of a page for a state; imports the view modules on first use.

    A view depends on nothing but the dataset and the state, so the last
    config.VIEW_CACHE_SIZE views of each dataset are kept and a state asked for again (back
    and forward, a shared link, fifty people on the same page) is answered without
    rebuilding. With DASHBOARD_REDIS_URL set, a view missing here is looked up in Redis
    before it is built, and what is built is put there, for every other process and machine.
    Callers must treat the View as read-only (copy a figure before restyling it, as the
    exports do). Views are built from the dataset as read in the state's language
    (Dataset.in_language: the curators' notes in that language), and kept with it.
    """
    dataset = dataset.in_language(state.lang)
    load_all_views()
    if page not in VIEWS:
        raise KeyError(f"unknown page '{page}'; known: {', '.join(sorted(VIEWS))}")
    if page in UNCACHED_PAGES:
        return VIEWS[page](dataset, state)
    return kept(page, dataset, state, VIEWS[page])


def kept(name: str, dataset: Dataset, state: FilterState, build: Callable[..., T]) -> T:
    """build(dataset, state), kept like a view: in the process's recent results of the
    dataset and, with DASHBOARD_REDIS_URL set, in Redis under `name` for every process and
    machine. For what a page computes per state besides its view (the overview's headline
    readings and briefing), so that a state another process has seen costs no rebuilding."""
    if config.VIEW_CACHE_SIZE <= 0:
        return build(dataset, state)
    views = recent(dataset, "views", config.VIEW_CACHE_SIZE)
    return views.get_or_build((name, state), lambda: shared_or_built(name, dataset, state, build))


def shared_or_built(name: str, dataset: Dataset, state: FilterState, build: Callable[..., T]) -> T:
    """With DASHBOARD_REDIS_URL set: the result from Redis if any process built it, else built
    here and shared (dashboard/cache.py); without it, or while Redis is down: built here."""
    from dashboard.cache import shared_views, view_key

    shared = shared_views()
    if shared is None:
        return build(dataset, state)
    key = view_key(dataset, name, state)
    value = shared.get(key, dataset)
    if value is None:
        value = build(dataset, state)
        shared.set(key, value, dataset)
    return value


def recent(dataset: Dataset, name: str, size: int) -> Recent:
    """The dataset's Recent map called `name` (made on first use): it lives and dies with the
    dataset, so a replaced file or an upload never sees another version's results."""
    return dataset.cached(f"recent:{name}", lambda _: Recent(size))


class Recent:
    """A bounded, thread-safe map of the most recently used results of one dataset (views,
    the data page's row positions and coverage). Concurrent requests for one missing key
    compute it once (the second waits for the first); other keys never wait.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get_or_build(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            key_lock = self._computing.setdefault(key, threading.Lock())
        try:
            with key_lock:
                with self._lock:
                    if key in self._items:
                        self._items.move_to_end(key)
                        return self._items[key]
                value = build()
                with self._lock:
                    self._items[key] = value
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
                return value
        finally:
            with self._lock:
                if self._computing.get(key) is key_lock:
                    del self._computing[key]

    def __len__(self) -> int:
        return len(self._items)


def load_all_views() -> None:
    import importlib
    import pkgutil

    import dashboard.views as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"dashboard.views.{module.name}")


def warm_up(dataset: Dataset) -> int:
    """Build every page's landing view (whole region, latest year) in both languages (those
    that the cache keeps).

    This computes the per-dataset facts the views share (years, the map's availability, the
    sources list) and fills the view cache with the states most people open first, so the
    first visitor after a start does not wait for them. Returns the number of views built;
    a view that fails is logged and skipped (a warm-up never stops the server).
    """
    from dashboard.state import FilterState

    load_all_views()
    dataset.token()  # the content hash pages compare what they drew with (~1 s at 10M rows)
    built = 0
    for page in sorted(set(VIEWS) - UNCACHED_PAGES):
        for lang in config.LANGUAGES:
            try:
                build_view(page, dataset, FilterState(lang=lang))
            except Exception:  # noqa: BLE001 - reported, and the page will say it when asked
                logger.exception("warm-up of the %s view (%s) failed", page, lang)
                continue
            built += 1
    return built


def warm_up_in_background(dataset: Dataset) -> threading.Thread:
    """warm_up in a daemon thread, so that the server answers while it runs, then the start-up
    objects frozen (dashboard/heap.py); says on stdout when it is done ("warm-up: 12 views in
    1.4 s"), which the benchmarks wait for."""

    def run() -> None:
        from dashboard.heap import settle_for_serving

        started = time.perf_counter()
        built = warm_up(dataset)
        settle_for_serving()
        print(f"{WARM_UP_DONE} {built} views in {time.perf_counter() - started:.1f} s", flush=True)

    thread = threading.Thread(target=run, name="views-warm-up", daemon=True)
    thread.start()
    return thread
