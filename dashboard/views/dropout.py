"""The Dropout control page's charts: children found and returned, return rates, retention,
and the prefecture-level checks of suspected out-of-school children."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from dashboard import config
from dashboard.figures.bars import grouped_bars
from dashboard.figures.steps import series_over_years
from dashboard.i18n import format_value, join_list, t
from dashboard.views import Chart, View, register_view
from dashboard.views.changes import split_by_basis
from dashboard.views.programs_common import (
    bars_summary,
    empty_chart,
    footnote,
    labelled,
    mark_region_fallback,
    no_data_lines,
    observations,
    select,
    sources_of,
    subtitle,
    trend_summary,
    with_area,
    within_series_cap,
)

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

FOUND = "out_of_school_children_identified"
RETURNED = "out_of_school_children_returned"
RETURN_RATE = "out_of_school_return_rate"
RETENTION = "compulsory_retention_rate"
CHECK_FOUND_ENROLLED = "suspected_out_of_school_found_enrolled"
CHECK_SHARE = "suspected_out_of_school_found_enrolled_share"
CHECK_HOME_VISITS = "suspected_out_of_school_home_visit_rate"
CHILD_GROUPS = ("all", "registered_poor")
REGION = config.REGION_CODE

FOUND_RETURNED_CHART = "dropout-found-returned"
RETURN_RATE_CHART = "dropout-return-rate"
RETENTION_CHART = "dropout-retention"
CHECK_CHART = "dropout-area-check"


def build_dropout_view(dataset: Dataset, state: FilterState) -> View:
    return View(
        page="dropout",
        title=t("dropout.title", state.lang),
        charts=[
            found_returned_chart(dataset, state),
            return_rate_chart(dataset, state),
            retention_chart(dataset, state),
            area_check_chart(dataset, state),
        ],
    )


def _child_group_label(frame: pd.DataFrame) -> pd.Series:
    """The category axis: the child group, with a prefecture's name when it is not the region."""
    names = frame["category_name"].where(frame["category_name"] != "", frame["indicator_name"])
    return with_area(names, frame)


def _group_order(frame: pd.DataFrame) -> list[str]:
    ranked = frame.assign(rank=frame["category"].map({g: i for i, g in enumerate(CHILD_GROUPS)}))
    return list(dict.fromkeys(ranked.sort_values(["area", "rank"])["label"]))


def found_returned_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    title = t("dropout.found_returned.title", lang)
    indicators = [FOUND, RETURNED]
    selection = select(dataset, state, indicators, snapshot=True)
    if selection.empty:
        return empty_chart(
            FOUND_RETURNED_CHART, title, no_data_lines(dataset, state, indicators), state
        )
    rows = labelled(selection.rows, dataset, lang)
    rows["label"] = _child_group_label(rows)
    rows["series"] = rows["indicator_name"]
    figure = grouped_bars(
        rows,
        lang=lang,
        category_order=_group_order(rows),
        series_order=[dataset.indicator(i).name(lang) for i in indicators],
    )
    mark_region_fallback(figure, dataset, state, selection)
    return Chart(
        name=FOUND_RETURNED_CHART,
        title=title,
        subtitle=subtitle(dataset, selection, state, kind_note=t("dropout.subgroup_note", lang)),
        figure=figure,
        summary=bars_summary(title, rows, lang),
        frame=observations(selection.rows),
        sources=sources_of(selection.rows),
    )


def return_rate_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    title = t("dropout.return_rate.title", lang)
    selection = select(dataset, state, [RETURN_RATE], snapshot=True)
    if selection.empty:
        return empty_chart(
            RETURN_RATE_CHART, title, no_data_lines(dataset, state, [RETURN_RATE]), state
        )
    rows = labelled(selection.rows, dataset, lang)
    rows["label"] = _child_group_label(rows)
    rows["series"] = rows["indicator_name"]
    figure = grouped_bars(rows, lang=lang, category_order=_group_order(rows), value_range=(0, 109))
    mark_region_fallback(figure, dataset, state, selection)
    return Chart(
        name=RETURN_RATE_CHART,
        title=title,
        subtitle=subtitle(dataset, selection, state),
        figure=figure,
        summary=bars_summary(title, rows, lang),
        frame=observations(selection.rows),
        sources=sources_of(selection.rows),
    )


def retention_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    title = t("dropout.retention.title", lang)
    selection = select(dataset, state, [RETENTION], snapshot=False)
    if selection.empty:
        return empty_chart(
            RETENTION_CHART, title, no_data_lines(dataset, state, [RETENTION]), state
        )
    rows = labelled(selection.rows, dataset, lang)
    rows["series"] = [  # a breakdown (an upload's, say) is its own line, not a zig-zag
        f"{area} · {category}" if category else area
        for area, category in zip(rows["area_name"], rows["category_name"], strict=True)
    ]
    order = [dataset.area_name(area, lang) for area in (REGION, *state.areas)]
    rows, selection = within_series_cap(rows, selection, order)
    low = float(rows["value"].min())
    split = split_by_basis(rows, lang)  # a line never joins readings of two bases
    rows = split.frame
    figure = series_over_years(
        rows,
        lang=lang,
        step=False,
        series_order=order,
        highlight_year=state.year,
        value_range=(max(0.0, 5 * (low // 5) - 5), 100.5),
    )
    mark_region_fallback(figure, dataset, state, selection)
    return Chart(
        name=RETENTION_CHART,
        title=title,
        subtitle=subtitle(dataset, selection, state, kind_note=t("dropout.retention.basis", lang))
        + (" · " + split.note if split.note else ""),
        figure=figure,
        summary=trend_summary(title, rows, lang),
        frame=observations(selection.rows),
        sources=sources_of(selection.rows),
    )


def area_check_chart(dataset: Dataset, state: FilterState) -> Chart:
    """A prefecture's own check of suspected out-of-school children (Lhasa, 2019)."""
    lang = state.lang
    title = t("dropout.check.title", lang)
    indicators = [CHECK_FOUND_ENROLLED, CHECK_SHARE, CHECK_HOME_VISITS]
    selection = select(dataset, state, indicators, snapshot=True)
    counts = selection.rows[selection.rows["indicator"] == CHECK_FOUND_ENROLLED]
    if counts.empty:
        return empty_chart(
            CHECK_CHART, title, no_data_lines(dataset, state, [CHECK_FOUND_ENROLLED]), state
        )
    rows = labelled(counts, dataset, lang)
    rows["label"] = rows["area_name"]
    rows["series"] = rows["category_name"]
    figure = grouped_bars(rows, lang=lang)
    rates = labelled(
        selection.rows[selection.rows["indicator"] != CHECK_FOUND_ENROLLED], dataset, lang
    )
    note = _rates_note(rates, lang)
    footnote(figure, note, lang)
    mark_region_fallback(figure, dataset, state, selection)
    return Chart(
        name=CHECK_CHART,
        title=title,
        subtitle=subtitle(dataset, selection, state, kind_note=t("dropout.check.level", lang)),
        figure=figure,
        summary=bars_summary(title, rows, lang) + " " + note,
        frame=observations(selection.rows),
        sources=sources_of(selection.rows),
    )


def _rates_note(rates: pd.DataFrame, lang: str) -> str:
    """ "拉萨市：查明在校就读占疑似失学儿童 74.83%；走访核查入户率 100%" under the bars."""
    chosen = rates[rates["preferred"]]
    if chosen.empty:
        return ""
    lines = []
    for area, group in chosen.groupby("area_name", sort=False):
        items = [
            f"{row['indicator_name']} {format_value(row['value'], row['unit'], lang)}"
            for row in group.to_dict("records")
        ]
        lines.append(f"{area}{t('programs.colon', lang)}{join_list(items, lang)}")
    return "<br>".join(lines)


register_view("dropout", build_dropout_view)
