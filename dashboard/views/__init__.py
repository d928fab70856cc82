"""What each page shows, computed without Dash: dataset + filter state -> charts.

Pages render these; exports (images, decks, workbooks, offline HTML), the command line and
the benchmarks call the same functions, so a chart looks and counts the same everywhere.
A page module registers its view with `register_view("dropout", build_dropout_view)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

    from dashboard.data.store import Dataset
    from dashboard.state import FilterState


@dataclass
class Chart:
    """One chart as shown: its figure, words about it, and the rows and sources behind it."""

    name: str  # stable id within the page, kebab-case: "dropout-found-returned"
    title: str  # in the state's language
    subtitle: str  # the active filters, in words
    figure: go.Figure
    summary: str  # accessible text summary of what the chart shows
    frame: pd.DataFrame  # the observations plotted (rows of the built table)
    sources: list[str] = field(default_factory=list)  # source ids, in order of use
    empty: bool = False  # True when the selection has no data (figure says so in words)


@dataclass
class View:
    page: str  # page name: overview, dropout, aid, teachers, map, data, sources
    title: str
    charts: list[Chart]


ViewBuilder = Callable[["Dataset", "FilterState"], View]
VIEWS: dict[str, ViewBuilder] = {}


def register_view(page: str, builder: ViewBuilder) -> ViewBuilder:
    if page in VIEWS and VIEWS[page] is not builder:
        raise ValueError(f"a view for page '{page}' is already registered")
    VIEWS[page] = builder
    return builder


def build_view(page: str, dataset: Dataset, state: FilterState) -> View:
    """The charts of a page for a state; imports the view modules on first use."""
    load_all_views()
    if page not in VIEWS:
        raise KeyError(f"unknown page '{page}'; known: {', '.join(sorted(VIEWS))}")
    return VIEWS[page](dataset, state)


def load_all_views() -> None:
    import importlib
    import pkgutil

    import dashboard.views as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"dashboard.views.{module.name}")
