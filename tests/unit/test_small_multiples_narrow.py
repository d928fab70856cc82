"""Small multiples on a phone (dashboard/figures/trend.py, drawn by assets/grid_fit.js): the
figure carries a narrow layout of NARROW_COLUMNS panels a row and the wide one it was drawn
with, as relayout edits of the same keys."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard.figures.common import NARROW_GRAPH_PX
from dashboard.figures.trend import NARROW_COLUMNS, Panel, small_multiples


def panels(count: int, title: str) -> list[Panel]:
    years = np.arange(2010, 2020)
    return [
        Panel.of(f"{title} {index}", "%", years, np.linspace(10, 90, 10) + index, ["outcome"] * 10)
        for index in range(count)
    ]


def placed(edits: dict, count: int) -> list[dict]:
    """Each panel's x and y domain and title position, from flat relayout edits."""
    cells = []
    for index in range(count):
        suffix = "" if index == 0 else str(index + 1)
        cells.append(
            {
                "x": edits[f"xaxis{suffix}.domain"],
                "y": edits[f"yaxis{suffix}.domain"],
                "title": (edits[f"annotations[{index}].x"], edits[f"annotations[{index}].y"]),
                "text": edits[f"annotations[{index}].text"],
            }
        )
    return cells


def overlaps(a: list[float], b: list[float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@pytest.mark.parametrize(
    "lang, title",
    [("en", "Junior secondary gross enrolment rate"), ("zh", "初中阶段毛入学率初中阶段毛入学率")],
)
@pytest.mark.parametrize("count", [1, 2, 3, 5, 8])
def test_the_narrow_layout_has_two_panels_a_row_that_do_not_overlap(lang, title, count):
    figure = small_multiples(panels(count, title), lang=lang)
    meta = figure.layout.meta
    assert meta["narrow_px"] == NARROW_GRAPH_PX
    wide, narrow = meta["wide_layout"], meta["narrow_layout"]
    assert set(wide) == set(narrow)
    cells = placed(narrow, count)
    columns = sorted({tuple(cell["x"]) for cell in cells})
    assert len(columns) == min(NARROW_COLUMNS, count)
    rows = -(-count // NARROW_COLUMNS)
    assert len({tuple(cell["y"]) for cell in cells}) == rows
    for i, cell in enumerate(cells):
        assert 0 <= cell["x"][0] < cell["x"][1] <= 1 and 0 <= cell["y"][0] < cell["y"][1] <= 1
        # The title is centred over its panel, on its top edge.
        assert cell["title"][0] == pytest.approx(sum(cell["x"]) / 2, abs=1e-5)
        assert cell["title"][1] == pytest.approx(cell["y"][1], abs=1e-5)
        for other in cells[i + 1 :]:
            assert not (overlaps(cell["x"], other["x"]) and overlaps(cell["y"], other["y"]))
    # Shorter title lines than on a laptop, the same words.
    for narrow_cell, wide_cell in zip(cells, placed(wide, count), strict=True):
        narrow_lines = narrow_cell["text"].split("<br><sup>")[0].split("<br>")
        wide_lines = wide_cell["text"].split("<br><sup>")[0].split("<br>")
        assert max(map(len, narrow_lines)) <= max(map(len, wide_lines))
        joiner = "" if lang == "zh" else " "
        assert joiner.join(narrow_lines) == joiner.join(wide_lines)
    if rows > 1:
        assert narrow["height"] > wide["height"]


def test_the_wide_layout_is_the_figure_as_drawn():
    figure = small_multiples(panels(5, "Preschool gross enrolment rate"), lang="en")
    layout = figure.layout
    wide = layout.meta["wide_layout"]
    assert wide["height"] == layout.height
    for index in range(5):
        suffix = "" if index == 0 else str(index + 1)
        assert wide[f"xaxis{suffix}.domain"] == list(layout[f"xaxis{suffix}"].domain)
        assert wide[f"yaxis{suffix}.domain"] == list(layout[f"yaxis{suffix}"].domain)
        note = layout.annotations[index]
        assert (note.x, note.y, note.text) == (
            wide[f"annotations[{index}].x"],
            wide[f"annotations[{index}].y"],
            wide[f"annotations[{index}].text"],
        )
    assert len({layout[f"xaxis{s}"].domain for s in ["", "2", "3", "4"]}) == 4


@pytest.mark.parametrize("first", [2012, 2015, 2017])
def test_a_grid_of_a_few_years_ticks_every_year_wide_and_fewer_on_a_phone(first):
    """dtick 1 (every year) wins over nticks, so the narrow layout sets its own dtick: with
    all eight years of 2012-2019 under a ~150 px panel the labels ran into the titles below."""
    from dashboard.figures.trend import NARROW_YEAR_TICKS

    years = np.arange(first, 2020)
    grid = [
        Panel.of(f"P{i}", "%", years, years * 0.0 + i, ["outcome"] * len(years)) for i in (1, 2, 3)
    ]
    layout = small_multiples(grid, lang="en").layout
    wide, narrow = layout.meta["wide_layout"], layout.meta["narrow_layout"]
    for suffix in ("", "2", "3"):
        assert layout[f"xaxis{suffix}"].dtick == wide[f"xaxis{suffix}.dtick"] == 1
        step = narrow[f"xaxis{suffix}.dtick"]
        assert isinstance(step, int) and step >= 1  # whole years
        labelled = [year for year in years if year % step == 0]  # plotly's ticks from 0
        assert 1 <= len(labelled) <= NARROW_YEAR_TICKS


def test_a_grid_of_many_years_leaves_the_ticks_to_nticks():
    years = np.arange(2000, 2020)
    grid = [Panel.of("P", "%", years, years * 0.0, ["outcome"] * len(years))]
    layout = small_multiples(grid, lang="en").layout
    assert layout.xaxis.dtick is None
    assert "xaxis.dtick" not in layout.meta["narrow_layout"]
    assert layout.meta["narrow_layout"]["xaxis.nticks"] == 4


# The grid is kept as its plain dict (DeferredFigure) until something asks for a go.Figure.


def test_a_deferred_grid_is_sent_as_the_built_figure_would_be_and_builds_only_when_asked():
    from dashboard.figures.common import DeferredFigure, figure_from_dict, figure_height
    from dashboard.map_boundaries import browser_figure

    figure = small_multiples(panels(5, "Preschool gross enrolment rate"), lang="en")
    assert isinstance(figure, DeferredFigure)
    built = figure_from_dict({"data": figure._data, "layout": figure._layout})
    assert browser_figure(figure) == browser_figure(built)
    assert figure_height(figure) == built.layout.height
    assert figure._built is None  # what a page sends and sizes never built it
    assert go.Figure(figure.to_dict()).to_dict() == figure.to_dict()  # valid plotly, built now
    assert figure._built is not None


def test_an_edit_to_a_deferred_grid_is_what_is_sent_and_what_is_kept():
    import pickle

    from dashboard.figures.common import plotly_figure
    from dashboard.map_boundaries import browser_figure

    figure = small_multiples(panels(3, "Returned"), lang="en")
    figure.update_layout(height=777)  # through the built figure: validated
    assert browser_figure(figure)["layout"]["height"] == 777
    assert isinstance(plotly_figure(figure), go.Figure)
    again = pickle.loads(pickle.dumps(figure))  # the view cache pickles views
    assert browser_figure(again) == browser_figure(figure)
    with pytest.raises(ValueError):
        figure.update_layout(height=3)  # below plotly's minimum height


def test_restyling_a_deferred_figure_leaves_the_shared_dict_as_it_was():
    """The map's coverage chart is one dict per dataset and language, wrapped anew for each
    view (views.map.availability_chart): an export restyling its copy must not change it."""
    import copy

    from dashboard.figures.common import DeferredFigure, plotly_figure

    spec = small_multiples(panels(3, "Returned"), lang="zh")
    spec = {"data": spec._data, "layout": spec._layout}
    before = copy.deepcopy(spec)
    restyled = go.Figure(plotly_figure(DeferredFigure(spec)))
    restyled.update_layout(height=900, title_text="TEST")
    restyled.update_traces(x=[1, 2])
    own = DeferredFigure(spec)
    own.update_layout(height=901)
    own.layout.annotations[0].text = "TEST"
    assert spec == before
