"""The Overview page's charts: a small trend for each indicator with three or more years."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.figures.common import summarise_trend
from dashboard.figures.trend import trend_chart
from dashboard.i18n import format_years, join_list, t
from dashboard.views import Chart, View, register_view
from dashboard.views.changes import basis_name, split_by_basis
from dashboard.views.kpis import selection_rows
from dashboard.views.programs_common import plain_strings

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

MIN_YEARS = 3  # fewer points than this is not a trend
MAX_TRENDS = 12


def trend_name(indicator: str) -> str:
    """The chart name of an indicator's trend: "trend-<indicator-id-in-kebab-case>"."""
    return "trend-" + indicator.replace("_", "-")


def build_overview_view(dataset: Dataset, state: FilterState) -> View:
    rows = selection_rows(dataset, state)
    charts: list[Chart] = []
    if not rows.empty:
        order = {
            indicator: rank for rank, indicator in enumerate(dataset.catalogue.indicators.index)
        }
        # Years per indicator counted at once; only the charted indicators' rows are taken.
        years = rows.groupby("indicator", observed=True, sort=False)["year"].nunique()
        series = [str(indicator) for indicator, count in years.items() if count >= MIN_YEARS]
        series.sort(key=lambda indicator: order.get(indicator, len(order)))
        indicators = rows["indicator"].to_numpy()
        for indicator_id in series[:MAX_TRENDS]:
            frame = rows[indicators == indicator_id]
            charts.append(_trend(dataset, state, indicator_id, frame))
    return View(page="overview", title=t("overview.title", state.lang), charts=charts)


def _trend(dataset: Dataset, state: FilterState, indicator_id: str, frame) -> Chart:
    lang = state.lang
    indicator = dataset.indicator(indicator_id)
    name = indicator.name(lang)
    # The builder reads four columns: hand it those, as plain values, not all eighteen.
    years = frame["year"].to_numpy().astype(int)
    values = frame["value"].to_numpy(dtype=float)
    area_codes = plain_strings(frame["area"]).to_numpy()
    slim = pd.DataFrame(
        {
            "year": years,
            "value": values,
            "kind": plain_strings(frame["kind"]).to_numpy(),
            "area": area_codes,
            "basis": plain_strings(frame["basis"]).to_numpy(),
        }
    )
    figure = trend_chart(
        slim,
        name=name,
        unit=indicator.unit,
        lang=lang,
        decimals=indicator.decimals,
        area_name=lambda code: dataset.area_name(code, lang),
        basis_name=lambda basis: basis_name(basis, lang),
    )
    areas = list(dict.fromkeys(area_codes.tolist()))
    area_names = join_list([dataset.area_name(area, lang) for area in areas], lang)
    subtitle = f"{area_names} · {format_years(years.tolist(), lang, limit=3)}"
    basis_note = split_by_basis(slim.assign(series=name), lang).note
    if basis_note:  # why one indicator is drawn as two lines
        subtitle += " · " + basis_note
    first = np.flatnonzero(area_codes == areas[0])
    first = first[np.argsort(years[first], kind="quicksort")]  # as sort_values("year")
    first_name = dataset.area_name(areas[0], lang)
    summary = summarise_trend(
        f"{name}（{first_name}）" if lang == "zh" else f"{name} ({first_name})",
        years[first].tolist(),
        values[first].tolist(),
        indicator.unit,
        lang,
    )
    return Chart(
        name=trend_name(indicator.id),
        title=name,
        subtitle=subtitle,
        figure=figure,
        summary=summary,
        frame=frame,
        sources=[str(source) for source in pd.unique(frame["source"])],
    )


register_view("overview", build_overview_view)
