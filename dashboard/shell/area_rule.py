"""The area and year rule that every page, export and the command line follow (no Dash here).

Areas: the region (540000) is the default; choosing prefectures or counties replaces it
(`state.with_areas`); rows of the areas inside a chosen one appear only when "include the
areas within" is chosen (`FilterState.within`, URL `within=1`). When a chosen area has no
reading, the page says so in one wording, `missing_text` ("那曲市：2019年无此项数据" /
"Nagqu: no reading for 2019"); region figures are shown for it only where labelled as such.

Years: no year chosen means each indicator's latest reading ("latest"); `year=2019` that
year; `year=all` (the data page) every year; `from`/`to` narrow the years considered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dashboard.i18n import format_year, t

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState


def area_query(state: FilterState) -> dict[str, Any]:
    """The `dataset.query` arguments that pick the state's areas by the rule."""
    return {"areas": list(state.areas), "include_descendants": state.within}


def latest_only(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of each (indicator, area)'s latest year in frame: what "latest" means."""
    if frame.empty:
        return frame
    keys = [frame["indicator"].astype(str).to_numpy(), frame["area"].astype(str).to_numpy()]
    year = frame["year"].to_numpy()
    latest = pd.Series(year).groupby(keys, sort=False).transform("max").to_numpy()
    return frame[year == latest]


def missing_text(area_name: str, year: int | None, lang: str) -> str:
    """The one wording of "this area has no reading" (for year, or at all when None)."""
    if year is None:
        return t("area_rule.missing", lang, area=area_name)
    return t("area_rule.missing_year", lang, area=area_name, year=format_year(year, lang))


def missing_areas(state: FilterState, shown_areas: Iterable[str]) -> list[str]:
    """The chosen areas with no row among shown_areas (in the order chosen)."""
    shown = {str(area) for area in shown_areas}
    return [area for area in state.areas if area not in shown]


def missing_notes(
    dataset: Dataset, state: FilterState, frame: pd.DataFrame, *, within: bool | None = None
) -> list[str]:
    """One missing_text per chosen area that has no row in frame (a query by area_query).

    With "include the areas within", an area counts as present when a row lies inside it.
    """
    lang = state.lang
    if frame.empty:
        present: set[str] = set()
    else:
        columns: Sequence[str] = ("area",)
        if state.within if within is None else within:
            columns = [c for c in ("area", "prefecture", "region") if c in frame]
        present = set()
        for column in columns:
            present |= {str(code) for code in pd.unique(np.asarray(frame[column]))}
    return [
        missing_text(dataset.area_name(area, lang), state.year, lang)
        for area in missing_areas(state, present)
    ]


def page_missing_notes(
    dataset: Dataset,
    state: FilterState,
    *,
    programs: Iterable[str] | None = None,
    indicator: str | None = None,
) -> list[str]:
    """missing_text for each chosen area with no reading on a page: of its programmes (all
    when None) or of one indicator, in the chosen year (any year for "latest")."""
    frame = dataset.query(
        indicators=[indicator] if indicator else None,
        years=[state.year] if state.year is not None else None,
        year_range=state.year_range,
        **area_query(state),
    )
    wanted = set(programs) if programs else None
    if wanted is not None and not frame.empty:
        frame = frame[frame["program"].astype(str).isin(wanted)]
    return missing_notes(dataset, state, frame)
