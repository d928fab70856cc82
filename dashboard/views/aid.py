"""The Student aid page's charts: free-education subsidy by school type, the 三包 standard since
1985, how the aid total divides into the parts the sources list, and students covered."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.figures.bars import grouped_bars
from dashboard.figures.common import OKABE_ITO
from dashboard.figures.composition import parts_beside_total
from dashboard.figures.readings import bracketed
from dashboard.figures.steps import series_over_years
from dashboard.i18n import format_value, t, unit_label
from dashboard.views import Chart, View, register_view
from dashboard.views.changes import split_by_basis
from dashboard.views.programs_common import (
    REGION,
    Selection,
    bars_summary,
    category_name,
    empty_chart,
    footnote,
    labelled,
    mark_region_fallback,
    no_data_lines,
    note_lines,
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

FREE_EDUCATION_STANDARD = "free_education_subsidy_standard"
SANBAO_STANDARD = "sanbao_standard"
AID_TOTAL = "student_aid_funds"
AID_PARTS = ("sanbao_funds", "free_education_funds", "university_aid_registered_poor_funds")
RECIPIENTS = (
    "student_aid_recipients",
    "sanbao_recipients",
    "university_aid_registered_poor_students",
    "sanbao_raise_beneficiaries_expected",
)
RECIPIENTS_CUMULATIVE = ("student_aid_recipients_cumulative", "sanbao_recipients_cumulative")

FREE_EDUCATION_CHART = "aid-free-education"
SANBAO_CHART = "aid-sanbao-standard"
PARTS_CHART = "aid-funds-parts"
RECIPIENTS_CHART = "aid-recipients"

# The free-education subsidy: (school level, setting) for each school_type category.
SCHOOL_LEVEL = {"preschool_rural": "preschool", "preschool_urban": "preschool"}
SETTING = {"preschool_rural": "rural", "preschool_urban": "urban"}
SCHOOL_ORDER = (
    "preschool",
    "primary",
    "junior_secondary",
    "senior_key",
    "senior_other",
    "vocational",
)
SETTING_ORDER = ("rural", "urban", "all")

# The 三包 standard: series order and look. Region-wide (average) standard first, in black.
SANBAO_SERIES = (
    ("", ""),
    ("school_type", "primary"),
    ("school_type", "secondary"),
    ("school_type", "junior_secondary"),
    ("school_type", "compulsory"),
    ("school_type", "preschool"),
    ("school_type", "special_education"),
    ("border_school_type", "primary"),
    ("border_school_type", "secondary"),
    ("border_school_type", "junior_secondary"),
    ("hardship_area", "class2"),
    ("hardship_area", "class3"),
    ("hardship_area", "class4"),
    ("hardship_area", "class4_or_border"),
)
SANBAO_COLOUR = {
    ("", ""): "#000000",
    ("school_type", "primary"): OKABE_ITO[0],
    ("school_type", "secondary"): OKABE_ITO[3],
    ("school_type", "junior_secondary"): OKABE_ITO[1],
    ("school_type", "compulsory"): OKABE_ITO[2],
    ("school_type", "preschool"): OKABE_ITO[4],
    ("school_type", "special_education"): OKABE_ITO[5],
    ("border_school_type", "primary"): OKABE_ITO[0],
    ("border_school_type", "secondary"): OKABE_ITO[3],
    ("border_school_type", "junior_secondary"): OKABE_ITO[1],
    ("hardship_area", "class2"): "#7f7f7f",
    ("hardship_area", "class3"): "#555555",
    ("hardship_area", "class4"): "#2b2b2b",
    ("hardship_area", "class4_or_border"): "#2b2b2b",
}
SANBAO_SYMBOL = {"border_school_type": "triangle-up", "hardship_area": "square"}


def build_aid_view(dataset: Dataset, state: FilterState) -> View:
    return View(
        page="aid",
        title=t("aid.title", state.lang),
        charts=[
            free_education_chart(dataset, state),
            funds_parts_chart(dataset, state),
            sanbao_standard_chart(dataset, state),
            recipients_chart(dataset, state),
        ],
    )


def free_education_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    title = t("aid.free_education.title", lang)
    selection = select(dataset, state, [FREE_EDUCATION_STANDARD], snapshot=True)
    if selection.empty:
        return empty_chart(
            FREE_EDUCATION_CHART,
            title,
            no_data_lines(dataset, state, [FREE_EDUCATION_STANDARD]),
            state,
        )
    rows = labelled(selection.rows, dataset, lang)
    level = [SCHOOL_LEVEL.get(category, category) for category in rows["category"]]
    setting = [SETTING.get(category, "all") for category in rows["category"]]
    rows["series"] = [t(f"aid.setting.{value}", lang) for value in setting]
    rows["label"] = [
        category_name(dataset, "school_type", value, lang)
        + ("" if where == "all" else " · " + name)
        for value, where, name in zip(level, setting, rows["series"], strict=True)
    ]
    rows["label"] = with_area(rows["label"], rows)
    rows["order"] = [
        _rank(SCHOOL_ORDER, value) * 10 + _rank(SETTING_ORDER, where)
        for value, where in zip(level, setting, strict=True)
    ]
    rows = rows.sort_values(["area", "order"], kind="stable")
    figure = grouped_bars(
        rows,
        lang=lang,
        horizontal=True,
        height=380,
        series_order=[t(f"aid.setting.{value}", lang) for value in SETTING_ORDER],
        colours={
            t("aid.setting.rural", lang): OKABE_ITO[2],
            t("aid.setting.urban", lang): OKABE_ITO[0],
            t("aid.setting.all", lang): "#4d5b6a",
        },
    )
    mark_region_fallback(figure, dataset, state, selection)
    return Chart(
        name=FREE_EDUCATION_CHART,
        title=title,
        subtitle=subtitle(dataset, selection, state, kind_note=t("kind.standard", lang)),
        figure=figure,
        summary=bars_summary(title, rows, lang),
        frame=observations(selection.rows),
        sources=sources_of(selection.rows),
    )


def sanbao_standard_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    title = t("aid.sanbao.title", lang)
    selection = select(dataset, state, [SANBAO_STANDARD], snapshot=False)
    if selection.empty:
        return empty_chart(
            SANBAO_CHART, title, no_data_lines(dataset, state, [SANBAO_STANDARD]), state
        )
    rows = labelled(selection.rows, dataset, lang)
    keys = list(zip(rows["dimension"], rows["category"], strict=True))
    rows["series"] = [
        _sanbao_series(key, name, lang)
        for key, name in zip(keys, rows["category_name"], strict=True)
    ]
    several_areas = rows["area"].nunique() > 1
    if several_areas:
        rows["series"] = rows["area_name"] + " · " + rows["series"]
    names = {key: series for key, series in zip(keys, rows["series"], strict=True)}
    ordered = [names[key] for key in SANBAO_SERIES if key in names]
    if several_areas:
        # The region's standards first, then the selected areas', each in the standards'
        # order: what a capped chart keeps (the one-area order above names the last area's).
        area_rank = {area: rank for rank, area in enumerate(dict.fromkeys((REGION, *state.areas)))}
        standard_rank = {key: rank for rank, key in enumerate(SANBAO_SERIES)}
        ranked = sorted(
            dict.fromkeys(zip(rows["area"], keys, rows["series"], strict=True)),
            key=lambda item: (
                area_rank.get(item[0], len(area_rank)),
                item[0],
                standard_rank.get(item[1], len(standard_rank)),
            ),
        )
        ordered = list(dict.fromkeys(series for _, _, series in ranked))
    rows, selection = within_series_cap(rows, selection, ordered)
    split = split_by_basis(rows, lang)  # a line never joins readings of two bases
    rows = split.frame
    figure = series_over_years(
        rows,
        lang=lang,
        step=True,
        height=560,
        series_order=ordered,
        highlight_year=state.year,
        colours={names[key]: SANBAO_COLOUR[key] for key in names if key in SANBAO_COLOUR},
        symbols={names[key]: SANBAO_SYMBOL[key[0]] for key in names if key[0] in SANBAO_SYMBOL},
    )
    mark_region_fallback(figure, dataset, state, selection)
    return Chart(
        name=SANBAO_CHART,
        title=title,
        subtitle=subtitle(dataset, selection, state, kind_note=t("aid.sanbao.note", lang))
        + (" · " + split.note if split.note else ""),
        figure=figure,
        summary=trend_summary(title, rows, lang),
        frame=observations(selection.rows),
        sources=sources_of(selection.rows),
    )


def _sanbao_series(key: tuple[str, str], category_name: str, lang: str) -> str:
    if key == ("", ""):
        return t("aid.sanbao.region_standard", lang)
    return category_name


def _parts_year(rows: pd.DataFrame) -> int | None:
    """The latest year that has the total and at least one part; else the latest year."""
    if rows.empty:
        return None
    totals = set(rows.loc[rows["indicator"] == AID_TOTAL, "year"].astype(int))
    parts = set(rows.loc[rows["indicator"].isin(AID_PARTS), "year"].astype(int))
    both = totals & parts
    return max(both) if both else int(rows["year"].max())


def funds_parts_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    title = t("aid.parts.title", lang)
    indicators = [AID_TOTAL, *AID_PARTS]
    selection = select(dataset, state, indicators, snapshot=True, year_from=_parts_year)
    chosen = selection.rows[
        selection.rows["preferred"] & (selection.rows["dimension"].astype(str) == "")
    ]
    if chosen.empty:
        return empty_chart(PARTS_CHART, title, no_data_lines(dataset, state, indicators), state)
    # A composition is of one area: the first selected area that has data (region first).
    areas = [str(area) for area in dict.fromkeys(chosen["area"].astype(str))]
    first = next((area for area in state.areas if area in areas), areas[0])
    return _parts_figure(dataset, state, selection, chosen[chosen["area"] == first], title)


def _parts_figure(
    dataset: Dataset, state: FilterState, selection: Selection, group: pd.DataFrame, title: str
) -> Chart:
    lang = state.lang
    rows = labelled(group, dataset, lang)
    rows["role"] = [
        "total" if indicator == AID_TOTAL else "part" for indicator in rows["indicator"]
    ]
    rows["label"] = rows["indicator_name"]
    figure = parts_beside_total(rows, lang=lang, height=300)
    if not (rows["role"] == "total").any():
        footnote(figure, t("aid.parts.no_total", lang), lang)
    elif not (rows["role"] == "part").any():
        footnote(figure, t("aid.parts.no_parts", lang), lang)
    else:
        footnote(figure, t("aid.parts.not_all_parts", lang), lang)
    mark_region_fallback(figure, dataset, state, selection)
    shown = replace(selection, rows=group)
    rows["series"] = ""
    return Chart(
        name=PARTS_CHART,
        title=title,
        subtitle=subtitle(dataset, shown, state),
        figure=figure,
        summary=bars_summary(title, rows, lang),
        frame=observations(group),
        sources=sources_of(group),
    )


def recipients_chart(dataset: Dataset, state: FilterState) -> Chart:
    lang = state.lang
    title = t("aid.recipients.title", lang)
    selection = select(dataset, state, list(RECIPIENTS), snapshot=False)
    if selection.empty:
        return empty_chart(
            RECIPIENTS_CHART, title, no_data_lines(dataset, state, list(RECIPIENTS)), state
        )
    rows = labelled(selection.rows, dataset, lang)
    rows["series"] = [
        _with_unit(name, unit, lang)
        for name, unit in zip(rows["indicator_name"], rows["unit"], strict=True)
    ]
    if rows["area"].nunique() > 1:
        rows["series"] = rows["area_name"] + " · " + rows["series"]
    order = [
        _with_unit(dataset.indicator(i).name(lang), dataset.indicator(i).unit, lang)
        for i in RECIPIENTS
    ]
    rows, selection = within_series_cap(rows, selection, order)
    split = split_by_basis(rows, lang)  # a line never joins readings of two bases
    rows = split.frame
    figure = series_over_years(
        rows, lang=lang, step=False, height=400, highlight_year=state.year, series_order=order
    )
    cumulative = select(dataset, state, list(RECIPIENTS_CUMULATIVE), snapshot=False)
    cumulative_rows = labelled(cumulative.rows[cumulative.rows["preferred"]], dataset, lang)
    note = _cumulative_note(cumulative_rows, lang)
    footnote(figure, note, lang)
    mark_region_fallback(figure, dataset, state, selection)
    plotted = pd.concat([selection.rows, cumulative.rows[cumulative.rows["preferred"]]])
    return Chart(
        name=RECIPIENTS_CHART,
        title=title,
        subtitle=subtitle(dataset, selection, state) + (" · " + split.note if split.note else ""),
        figure=figure,
        summary=trend_summary(title, rows, lang)
        + (" " + note.replace("<br>", " ") if note else ""),
        frame=observations(plotted),
        sources=sources_of(plotted),
    )


def _with_unit(name: str, unit: str, lang: str) -> str:
    """The series name with its unit, since people and person-times share the axis."""
    label = unit_label(unit, lang)
    return name if label in name else bracketed(name, label, lang)


def _cumulative_note(rows: pd.DataFrame, lang: str) -> str:
    """Multi-year totals named as such under the chart, never drawn as a year's value."""
    if rows.empty:
        return ""
    items = note_lines(
        rows,
        lambda row: (
            f"{row['indicator_name']}{t('programs.colon', lang)}"
            + bracketed(format_value(row["value"], row["unit"], lang), row["category_name"], lang)
        ),
        lang,
    )
    return "<br>".join([t("programs.cumulative_note", lang), *items])


def _rank(order: tuple[str, ...], value: str) -> int:
    return order.index(value) if value in order else len(order)


register_view("aid", build_aid_view)
