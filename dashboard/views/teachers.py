"""The Teachers page's charts: the rural teacher allowance by hardship area class (targets
drawn as targets), teachers added, training funds by plan, and headcounts."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.figures.bars import grouped_bars
from dashboard.figures.composition import parts_beside_total
from dashboard.figures.readings import bracketed
from dashboard.i18n import format_value, format_year, t
from dashboard.views import Chart, View, register_view
from dashboard.views.programs_common import (
    Selection,
    bars_summary,
    empty_chart,
    footnote,
    labelled,
    latest_years,
    mark_region_fallback,
    no_data_lines,
    note_lines,
    observations,
    select,
    sources_of,
    subtitle,
    with_area,
)

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

ALLOWANCE = "rural_teacher_allowance"
ALLOWANCE_TARGET = "rural_teacher_allowance_target"
ALLOWANCE_FUNDS = "rural_teacher_allowance_funds"
ADDED = ("teachers_added_understaffed_counties", "preschool_teachers_added")
ADDED_CUMULATIVE = "teachers_added_cumulative"
UNDERSTAFFED_COUNTIES = "understaffed_counties"
TRAINING_FUNDS = "teacher_training_funds"
TRAINED = "teachers_trained"
HEADCOUNTS = ("full_time_teachers", "teaching_staff")
AREA_CLASSES = ("class2", "class3", "class4", "")

ALLOWANCE_CHART = "teachers-allowance"
ADDED_CHART = "teachers-added"
TRAINING_CHART = "teachers-training-funds"
HEADCOUNT_CHART = "teachers-headcount"


def build_teachers_view(dataset: Dataset, state: FilterState) -> View:
    return View(
        page="teachers",
        title=t("teachers.title", state.lang),
        charts=[
            allowance_chart(dataset, state),
            added_chart(dataset, state),
            training_chart(dataset, state),
            headcount_chart(dataset, state),
        ],
    )


def _in_year(selection: Selection, state: FilterState) -> Selection:
    """A chart of a few years' bars shows only the selected year when one is chosen."""
    if state.year is None:
        return latest_years(selection)
    rows = selection.rows[selection.rows["year"] == state.year]
    return replace(selection, rows=rows, year=state.year)


def _empty(name: str, title: str, dataset: Dataset, state: FilterState, indicators) -> Chart:
    return empty_chart(name, title, no_data_lines(dataset, state, list(indicators)), state)


def allowance_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    title = t("teachers.allowance.title", lang)
    indicators = [ALLOWANCE, ALLOWANCE_TARGET]
    selection = _in_year(select(dataset, state, indicators, snapshot=False), state)
    if selection.empty:
        return _empty(ALLOWANCE_CHART, title, dataset, state, indicators)
    rows = labelled(selection.rows, dataset, lang).sort_values("year", kind="stable")
    rows["label"] = [
        name or t("teachers.allowance.average", lang) for name in rows["category_name"]
    ]
    rows["label"] = with_area(rows["label"], rows)
    rows["series"] = [format_year(year, lang) for year in rows["year"]]
    rank = {category: index for index, category in enumerate(AREA_CLASSES)}
    ordered = rows.assign(rank=rows["category"].map(rank)).sort_values(["area", "rank"])
    figure = grouped_bars(rows, lang=lang, category_order=list(dict.fromkeys(ordered["label"])))
    funds = _in_year(select(dataset, state, [ALLOWANCE_FUNDS], snapshot=False), state).rows
    funds = funds[funds["preferred"] & funds["area"].isin(selection.rows["area"])]
    footnote(figure, _values_note(labelled(funds, dataset, lang), lang), lang)
    mark_region_fallback(figure, dataset, state, selection)
    plotted = pd.concat([selection.rows, funds])
    return Chart(
        name=ALLOWANCE_CHART,
        title=title,
        subtitle=subtitle(dataset, selection, state, kind_note=t("teachers.allowance.kinds", lang)),
        figure=figure,
        summary=bars_summary(title, rows, lang),
        frame=observations(plotted),
        sources=sources_of(plotted),
    )


def added_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    title = t("teachers.added.title", lang)
    indicators = [*ADDED, ADDED_CUMULATIVE, UNDERSTAFFED_COUNTIES]
    selection = select(dataset, state, indicators, snapshot=True)
    people = selection.rows[selection.rows["indicator"] != UNDERSTAFFED_COUNTIES]
    if people.empty:
        return _empty(ADDED_CHART, title, dataset, state, [*ADDED, ADDED_CUMULATIVE])
    rows = labelled(people, dataset, lang)
    rows["label"] = [
        bracketed(name, category, lang)
        for name, category in zip(rows["indicator_name"], rows["category_name"], strict=True)
    ]
    rows["label"] = with_area(rows["label"], rows)
    rows["series"] = rows["area_name"]
    figure = grouped_bars(rows, lang=lang, horizontal=True, height=300)
    counties = labelled(
        selection.rows[
            (selection.rows["indicator"] == UNDERSTAFFED_COUNTIES) & selection.rows["preferred"]
        ],
        dataset,
        lang,
    )
    footnote(figure, _values_note(counties, lang), lang)
    mark_region_fallback(figure, dataset, state, selection)
    return Chart(
        name=ADDED_CHART,
        title=title,
        subtitle=subtitle(dataset, selection, state),
        figure=figure,
        summary=bars_summary(title, rows, lang),
        frame=observations(selection.rows),
        sources=sources_of(selection.rows),
    )


def training_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    title = t("teachers.training.title", lang)
    selection = select(dataset, state, [TRAINING_FUNDS, TRAINED], snapshot=True)
    funds = selection.rows[
        (selection.rows["indicator"] == TRAINING_FUNDS) & selection.rows["preferred"]
    ]
    if funds.empty:
        return _empty(TRAINING_CHART, title, dataset, state, [TRAINING_FUNDS])
    areas = list(dict.fromkeys(funds["area"].astype(str)))
    first = next((area for area in state.areas if area in areas), areas[0])
    funds = funds[funds["area"] == first]
    rows = labelled(funds, dataset, lang)
    rows["role"] = ["total" if not category else "part" for category in rows["category"]]
    rows["label"] = [
        category or name
        for category, name in zip(rows["category_name"], rows["indicator_name"], strict=True)
    ]
    figure = parts_beside_total(rows, lang=lang, height=280)
    trained = selection.rows[
        (selection.rows["indicator"] == TRAINED)
        & selection.rows["preferred"]
        & (selection.rows["area"] == first)
    ]
    trained_rows = labelled(trained, dataset, lang)
    trained_rows["indicator_name"] = [
        bracketed(name, category, lang)
        for name, category in zip(
            trained_rows["indicator_name"], trained_rows["category_name"], strict=True
        )
    ]
    footnote(figure, _values_note(trained_rows, lang), lang)
    mark_region_fallback(figure, dataset, state, selection)
    shown = pd.concat([funds, trained])
    rows["series"] = ""
    return Chart(
        name=TRAINING_CHART,
        title=title,
        subtitle=subtitle(
            dataset,
            replace(selection, rows=shown),
            state,
        ),
        figure=figure,
        summary=bars_summary(title, rows, lang),
        frame=observations(shown),
        sources=sources_of(shown),
    )


def headcount_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    title = t("teachers.headcount.title", lang)
    selection = _in_year(select(dataset, state, list(HEADCOUNTS), snapshot=False), state)
    if selection.empty:
        return _empty(HEADCOUNT_CHART, title, dataset, state, HEADCOUNTS)
    rows = labelled(selection.rows, dataset, lang)
    rank = {indicator: index for index, indicator in enumerate(HEADCOUNTS)}
    rows = rows.assign(rank=rows["indicator"].map(rank)).sort_values(["rank", "year"])
    rows["label"] = rows["area_name"]
    rows["series"] = [
        f"{name} · {format_year(year, lang)}"
        for name, year in zip(rows["indicator_name"], rows["year"], strict=True)
    ]
    figure = grouped_bars(rows, lang=lang)
    mark_region_fallback(figure, dataset, state, selection)
    return Chart(
        name=HEADCOUNT_CHART,
        title=title,
        subtitle=subtitle(dataset, selection, state),
        figure=figure,
        summary=bars_summary(title, rows, lang),
        frame=observations(selection.rows),
        sources=sources_of(selection.rows),
    )


def _values_note(rows: pd.DataFrame, lang: str) -> str:
    """ "2019年 乡村教师补助落实资金：1.81亿元" lines under a chart for related single figures."""
    items = note_lines(
        rows,
        lambda row: (
            f"{format_year(row['year'], lang)} {row['indicator_name']}"
            f"{t('programs.colon', lang)}"
            f"{format_value(row['value'], row['unit'], lang, row.get('decimals'))}"
        ),
        lang,
    )
    return "<br>".join(items)


register_view("teachers", build_teachers_view)
