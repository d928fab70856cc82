"""Any programme's page: each chart spec (declared or derived) rendered by one recipe.

The recipe, done once here for every chart: select the rows (area and year rules and caps of
`programs_common`), say what is missing when there is nothing, label the rows, build the
figure with its finishing as builder options (footnote, region-wide fallback mark), then
write the subtitle, the text summary, the rows shown and their sources.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from dashboard import config
from dashboard.figures.bars import grouped_bars
from dashboard.figures.common import OKABE_ITO
from dashboard.figures.composition import parts_beside_total
from dashboard.figures.readings import bracketed
from dashboard.figures.steps import series_over_years
from dashboard.i18n import format_value, format_year, has, join_list, t, unit_label
from dashboard.views import Chart, View, register_view
from dashboard.views.changes import split_by_basis
from dashboard.views.chart_specs import ChartSpec, program_specs
from dashboard.views.programs_common import (
    MAX_BAR_YEARS,
    Selection,
    area_names,
    bars_summary,
    category_name,
    empty_chart,
    labelled,
    latest_years,
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

REGION = config.REGION_CODE
# The pages that had their own module keep their names (links, exports, benchmarks).
PAGE_PROGRAMS = {"dropout": "dropout_control", "aid": "student_aid", "teachers": "teachers"}
# series=setting: a school type "<level>_rural" / "<level>_urban" is drawn as <level> in the
# rural / urban series; the others are the same in town and country.
SETTINGS = ("rural", "urban", "all")
SETTING_COLOURS = {"rural": OKABE_ITO[2], "urban": OKABE_ITO[0], "all": "#4d5b6a"}


def build_programme_view(dataset: Dataset, state: FilterState) -> View:
    """The page of the state's programme (the first programme when none is chosen)."""
    from dashboard.views.chart_specs import programs_with_pages

    program = state.program or next(iter(programs_with_pages(dataset)), "")
    return programme_view(dataset, state, program)


def programme_view(dataset: Dataset, state: FilterState, program: str, page: str = "") -> View:
    lang = state.lang
    title = program_title(dataset, program, lang)
    charts = [render_chart(dataset, state, spec) for spec in program_specs(dataset, program)]
    return View(page=page or f"program/{program}", title=title, charts=charts)


def program_title(dataset: Dataset, program: str, lang: str) -> str:
    page = next((key for key, value in PAGE_PROGRAMS.items() if value == program), None)
    if page is not None:
        return t(f"{page}.title", lang)
    programs = dataset.catalogue.programs
    if program in programs.index:
        return str(programs.at[program, "name_zh" if lang == "zh" else "name_en"])
    return program


def program_intro(program: str, lang: str) -> str:
    page = next((key for key, value in PAGE_PROGRAMS.items() if value == program), None)
    key = f"{page}.intro" if page else f"programme.intro.{program}"
    return t(key, lang) if has(key) else t("programme.intro.default", lang)


def render_chart(dataset: Dataset, state: FilterState, spec: ChartSpec) -> Chart:
    """One chart spec for the state: the recipe every programme chart goes through."""
    title = spec.title(state.lang) or _default_title(dataset, spec, state.lang)
    spec = replace(spec, title_zh=title, title_en=title)
    if spec.kind == "map":
        return _map(dataset, state, spec)
    if spec.kind == "composition":
        return _composition(dataset, state, spec)
    if spec.kind in ("trend", "steps"):
        return _lines(dataset, state, spec)
    return _bars(dataset, state, spec)


def _default_title(dataset: Dataset, spec: ChartSpec, lang: str) -> str:
    return join_list([dataset.indicator(i).name(lang) for i in spec.indicators[:2]], lang)


def _fallback_note(dataset: Dataset, state: FilterState, selection: Selection) -> str:
    if not selection.region_fallback:
        return ""
    return t(
        "programs.region_fallback_banner",
        state.lang,
        areas=area_names(dataset, state.areas, state.lang),
    )


def _empty(dataset: Dataset, state: FilterState, spec: ChartSpec, indicators=None) -> Chart:
    lines = no_data_lines(dataset, state, list(indicators or spec.indicators))
    return empty_chart(spec.chart, spec.title(state.lang), lines, state)


def _chart(spec, state, selection, figure, summary, frame, dataset, note="") -> Chart:  # noqa: ANN001
    text = subtitle(dataset, selection, state, kind_note=spec.caption(state.lang))
    return Chart(
        name=spec.chart,
        title=spec.title(state.lang),
        subtitle=text + (" · " + note if note else ""),
        figure=figure,
        summary=summary,
        frame=observations(frame),
        sources=sources_of(frame),
    )


# ---------------------------------------------------------------- selection


def _in_year(selection: Selection, state: FilterState) -> Selection:
    """Bars of a few years show only the selected year when one is chosen."""
    if state.year is None:
        return latest_years(selection, MAX_BAR_YEARS)
    rows = selection.rows[selection.rows["year"] == state.year]
    return replace(selection, rows=rows, year=state.year)


def _select(dataset: Dataset, state: FilterState, spec: ChartSpec, indicators, **kwargs):  # noqa: ANN001, ANN003
    if spec.option("years") == "latest":
        return _in_year(select(dataset, state, list(indicators), snapshot=False), state)
    return select(dataset, state, list(indicators), snapshot=True, **kwargs)


def _note_rows(
    dataset: Dataset, state: FilterState, spec: ChartSpec, shown: Selection, areas
) -> pd.DataFrame:  # noqa: ANN001
    """The preferred readings of the note's indicators for the chart's year(s) and areas."""
    names = spec.listed("note")
    if not names:
        return shown.rows.iloc[0:0]
    if spec.option("years") == "latest":
        rows = _select(dataset, state, spec, names).rows
    else:
        everything = select(dataset, state, names, snapshot=False).rows
        rows = (
            everything[everything["year"] == shown.year] if shown.year is not None else everything
        )
    return rows[rows["preferred"] & rows["area"].isin(list(areas))]


# ---------------------------------------------------------------- labels and order


def _category_rank(dataset: Dataset, spec: ChartSpec) -> dict[tuple[str, str], int]:
    """Rank of a (dimension, category): as the spec's `categories` option lists them, else
    the catalogue's order of the spec's dimensions; the total ("", "") last unless listed."""
    listed = spec.listed("categories")
    if listed:
        keys = [_key(item) for item in listed]
    else:
        frame = dataset.catalogue.dimensions
        keys = [
            (str(d), str(c))
            for dimension in spec.dimensions
            for d, c in zip(frame["dimension"], frame["category"], strict=True)
            if d == dimension
        ]
        keys.append(("", ""))
    return {key: rank for rank, key in enumerate(dict.fromkeys(keys))}


def _key(item: str) -> tuple[str, str]:
    if item in (".", ""):
        return ("", "")
    dimension, _, category = item.partition(".")
    return (dimension, category)


def _total_label(spec: ChartSpec, lang: str) -> str:
    return spec.option(f"total_{lang}")


def _category_labels(rows: pd.DataFrame, spec: ChartSpec, lang: str) -> pd.Series:
    total = _total_label(spec, lang)
    names = rows["category_name"].where(
        rows["category_name"] != "", total or rows["indicator_name"]
    )
    return names


def _bar_labels(rows: pd.DataFrame, spec: ChartSpec, lang: str) -> pd.Series:
    label = spec.option("label", "category" if spec.dimensions else "indicator")
    if label == "area":
        return rows["area_name"]
    if label == "indicator":
        return with_area(rows["indicator_name"], rows)
    if label == "indicator_category":
        labels = [
            bracketed(name, category, lang)
            for name, category in zip(rows["indicator_name"], rows["category_name"], strict=True)
        ]
        return with_area(pd.Series(labels, index=rows.index, dtype=object), rows)
    return with_area(_category_labels(rows, spec, lang), rows)


def _bar_series(rows: pd.DataFrame, spec: ChartSpec, lang: str) -> pd.Series:
    series = spec.option("series", "indicator")
    if series == "area":
        return rows["area_name"]
    if series == "year":
        return pd.Series([format_year(y, lang) for y in rows["year"]], index=rows.index)
    if series == "category":
        return _category_labels(rows, spec, lang)
    if series == "indicator_year":
        return pd.Series(
            [
                f"{name} · {format_year(year, lang)}"
                for name, year in zip(rows["indicator_name"], rows["year"], strict=True)
            ],
            index=rows.index,
        )
    if series == "indicator_unit":
        return pd.Series(
            [
                _with_unit(n, u, lang)
                for n, u in zip(rows["indicator_name"], rows["unit"], strict=True)
            ],
            index=rows.index,
        )
    return rows["indicator_name"]


def _with_unit(name: str, unit: str, lang: str) -> str:
    """The series name with its unit, when units differ on one axis (people, person-times)."""
    label = unit_label(unit, lang)
    return name if label in name else bracketed(name, label, lang)


# ---------------------------------------------------------------- bars


def _bars(dataset: Dataset, state: FilterState, spec: ChartSpec) -> Chart:
    lang = state.lang
    selection = _select(dataset, state, spec, spec.indicators)
    if selection.empty:
        return _empty(dataset, state, spec)
    rows = labelled(selection.rows, dataset, lang)
    if spec.option("series") == "year":
        rows = rows.sort_values("year", kind="stable")
    if spec.option("series") == "indicator_year":
        rank = {indicator: index for index, indicator in enumerate(spec.indicators)}
        rows = rows.assign(rank=rows["indicator"].map(rank)).sort_values(["rank", "year"])
    options: dict = {}
    if spec.option("series") == "setting":
        rows, options = _by_setting(dataset, rows, spec, lang)
    else:
        rows["label"] = _bar_labels(rows, spec, lang)
        rows["series"] = _bar_series(rows, spec, lang)
        if spec.option("label", "category" if spec.dimensions else "indicator") == "category":
            options["category_order"] = _label_order(dataset, rows, spec)
    if spec.kind == "paired":
        options["series_order"] = [dataset.indicator(i).name(lang) for i in spec.indicators]
    notes = _note_rows(dataset, state, spec, selection, rows["area"].unique())
    note = _note_text(notes, dataset, spec, lang)
    figure = grouped_bars(
        rows,
        lang=lang,
        horizontal=spec.flag("horizontal"),
        height=int(spec.option("height", "360")),
        value_range=_value_range(spec, rows),
        footnote=note,
        fallback_note=_fallback_note(dataset, state, selection),
        **options,
    )
    summary = bars_summary(spec.title(lang), rows, lang)
    if note and spec.option("note_style") == "by_area":
        summary += " " + note
    frame = pd.concat([selection.rows, notes]) if not notes.empty else selection.rows
    if spec.option("years") != "latest" and not notes.empty:
        frame = pd.concat([selection.rows, notes[~notes.index.isin(selection.rows.index)]])
    return _chart(spec, state, selection, figure, summary, frame, dataset)


def _label_order(dataset: Dataset, rows: pd.DataFrame, spec: ChartSpec) -> list[str]:
    rank = _category_rank(dataset, spec)
    keys = list(zip(rows["dimension"], rows["category"], strict=True))
    ranked = rows.assign(rank=[rank.get(key, len(rank)) for key in keys])
    return list(dict.fromkeys(ranked.sort_values(["area", "rank"])["label"]))


def _by_setting(
    dataset: Dataset, rows: pd.DataFrame, spec: ChartSpec, lang: str
) -> tuple[pd.DataFrame, dict]:
    """Bars by school level, one colour per setting (rural, urban, the same for both)."""
    level, setting = [], []
    for category in rows["category"]:
        base, _, where = str(category).rpartition("_")
        if where in ("rural", "urban") and base:
            level.append(base)
            setting.append(where)
        else:
            level.append(str(category))
            setting.append("all")
    dimension = spec.dimensions[0] if spec.dimensions else ""
    rows["series"] = [t(f"programs.setting.{value}", lang) for value in setting]
    rows["label"] = [
        category_name(dataset, dimension, value, lang) + ("" if where == "all" else " · " + name)
        for value, where, name in zip(level, setting, rows["series"], strict=True)
    ]
    rows["label"] = with_area(rows["label"], rows)
    rank = _category_rank(dataset, spec)
    rows["order"] = [
        rank.get((dimension, value), len(rank)) * 10 + SETTINGS.index(where)
        for value, where in zip(level, setting, strict=True)
    ]
    rows = rows.sort_values(["area", "order"], kind="stable")
    options = {
        "series_order": [t(f"programs.setting.{value}", lang) for value in SETTINGS],
        "colours": {t(f"programs.setting.{k}", lang): v for k, v in SETTING_COLOURS.items()},
    }
    return rows, options


def _value_range(spec: ChartSpec, rows: pd.DataFrame) -> tuple[float, float] | None:
    text = spec.option("range")
    if not text:
        return None
    if text == "percent":
        low = float(rows["value"].min())
        return (max(0.0, 5 * (low // 5) - 5), 100.5)
    low, high = (float(part) for part in text.split(","))
    return (low, high)


def _note_text(rows: pd.DataFrame, dataset: Dataset, spec: ChartSpec, lang: str) -> str:
    """The note of the chart's `note` indicators (unlabelled rows; most charts have none)."""
    if rows.empty:
        return ""
    rows = labelled(rows, dataset, lang)
    if spec.option("note_style") == "by_area":
        return _by_area_note(rows, lang)
    if spec.kind == "composition":
        rows = rows.copy()
        rows["indicator_name"] = [
            bracketed(name, category, lang)
            for name, category in zip(rows["indicator_name"], rows["category_name"], strict=True)
        ]
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


def _by_area_note(rows: pd.DataFrame, lang: str) -> str:
    """ "拉萨市：查明在校就读占疑似失学儿童 74.83%；走访核查入户率 100%" under the bars."""
    lines = []
    for area, group in rows.groupby("area_name", sort=False):
        items = [
            f"{row['indicator_name']} {format_value(row['value'], row['unit'], lang)}"
            for row in group.to_dict("records")
        ]
        lines.append(f"{area}{t('programs.colon', lang)}{join_list(items, lang)}")
    return "<br>".join(lines)


# ---------------------------------------------------------------- lines over the years


def _lines(dataset: Dataset, state: FilterState, spec: ChartSpec) -> Chart:
    lang = state.lang
    selection = select(dataset, state, list(spec.indicators), snapshot=False)
    if selection.empty:
        return _empty(dataset, state, spec)
    rows = labelled(selection.rows, dataset, lang)
    rows, order, looks = _line_series(dataset, state, spec, rows)
    rows, selection = within_series_cap(rows, selection, order)
    split = split_by_basis(rows, lang)  # a line never joins readings of two bases
    rows = split.frame
    cumulative = _cumulative_rows(dataset, state, spec)
    note = _cumulative_note(cumulative, dataset, lang)
    options: dict = {}
    if "height" in spec.options:
        options["height"] = int(spec.option("height"))
    figure = series_over_years(
        rows,
        lang=lang,
        step=spec.kind == "steps",
        series_order=order,
        highlight_year=state.year,
        value_range=_value_range(spec, rows),
        footnote=note,
        fallback_note=_fallback_note(dataset, state, selection),
        **looks,
        **options,
    )
    summary = trend_summary(spec.title(lang), rows, lang)
    if note:
        summary += " " + note.replace("<br>", " ")
    frame = pd.concat([selection.rows, cumulative]) if not cumulative.empty else selection.rows
    return _chart(spec, state, selection, figure, summary, frame, dataset, split.note)


def _line_series(
    dataset: Dataset, state: FilterState, spec: ChartSpec, rows: pd.DataFrame
) -> tuple[pd.DataFrame, list[str], dict]:
    """Each row's line, the lines' order, and their colours and symbols when declared.

    By breakdown (a spec with dimensions): one line per category, the area named when several
    show. One indicator: one line per area (and category). Several: one per indicator."""
    lang = state.lang
    several_areas = rows["area"].nunique() > 1
    if spec.dimensions:
        return _category_lines(dataset, state, spec, rows, several_areas)
    if len(spec.indicators) == 1 and spec.option("series") not in ("indicator", "indicator_unit"):
        rows["series"] = [
            f"{area} · {category}" if category else area
            for area, category in zip(rows["area_name"], rows["category_name"], strict=True)
        ]
        order = [dataset.area_name(area, lang) for area in (REGION, *state.areas)]
        return rows, order, {}
    if spec.option("series") == "indicator_unit":
        rows["series"] = _bar_series(rows, spec, lang)
        order = [
            _with_unit(dataset.indicator(i).name(lang), dataset.indicator(i).unit, lang)
            for i in spec.indicators
        ]
    else:
        rows["series"] = [
            f"{name} · {category}" if category else name
            for name, category in zip(rows["indicator_name"], rows["category_name"], strict=True)
        ]
        order = [dataset.indicator(i).name(lang) for i in spec.indicators]
    if several_areas:
        rows["series"] = rows["area_name"] + " · " + rows["series"]
    return rows, order, {}


def _category_lines(
    dataset: Dataset, state: FilterState, spec: ChartSpec, rows: pd.DataFrame, several: bool
) -> tuple[pd.DataFrame, list[str], dict]:
    lang = state.lang
    keys = list(zip(rows["dimension"], rows["category"], strict=True))
    total = _total_label(spec, lang) or dataset.indicator(spec.indicators[0]).name(lang)
    rows["series"] = [
        total if key == ("", "") else name
        for key, name in zip(keys, rows["category_name"], strict=True)
    ]
    if several:
        rows["series"] = rows["area_name"] + " · " + rows["series"]
    names = {key: series for key, series in zip(keys, rows["series"], strict=True)}
    rank = _category_rank(dataset, spec)
    ordered = [names[key] for key in rank if key in names]
    if several:
        # The region's lines first, then the selected areas', each in the categories' order:
        # what a capped chart keeps.
        area_rank = {area: r for r, area in enumerate(dict.fromkeys((REGION, *state.areas)))}
        ranked = sorted(
            dict.fromkeys(zip(rows["area"], keys, rows["series"], strict=True)),
            key=lambda item: (
                area_rank.get(item[0], len(area_rank)),
                item[0],
                rank.get(item[1], len(rank)),
            ),
        )
        ordered = list(dict.fromkeys(series for _, _, series in ranked))
    colours = dict(_pairs(spec.option("colours")))
    symbols = dict(_pairs(spec.option("symbols")))
    looks = {}
    if colours:
        looks["colours"] = {
            names[key]: colours[_text_key(key)] for key in names if _text_key(key) in colours
        }
    if symbols:
        looks["symbols"] = {names[key]: symbols[key[0]] for key in names if key[0] in symbols}
    return rows, ordered, looks


def _text_key(key: tuple[str, str]) -> str:
    return "." if key == ("", "") else f"{key[0]}.{key[1]}"


def _pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for item in text.split("|"):
        name, _, value = item.strip().rpartition(":")
        if name:
            pairs.append((name, value))
    return pairs


def _cumulative_rows(dataset: Dataset, state: FilterState, spec: ChartSpec) -> pd.DataFrame:
    names = spec.listed("cumulative")
    if not names:
        return dataset.observations.iloc[0:0]
    rows = select(dataset, state, names, snapshot=False).rows
    return rows[rows["preferred"]]


def _cumulative_note(rows: pd.DataFrame, dataset: Dataset, lang: str) -> str:
    """Multi-year totals named as such under the chart, never drawn as a year's value."""
    if rows.empty:
        return ""
    rows = labelled(rows, dataset, lang)
    items = note_lines(
        rows,
        lambda row: (
            f"{row['indicator_name']}{t('programs.colon', lang)}"
            + bracketed(format_value(row["value"], row["unit"], lang), row["category_name"], lang)
        ),
        lang,
    )
    return "<br>".join([t("programs.cumulative_note", lang), *items])


# ---------------------------------------------------------------- a total and its parts


def _parts_year(total: str | None):  # noqa: ANN202
    def year_of(rows: pd.DataFrame) -> int | None:
        """The latest year with the total and at least one part; else the latest year."""
        if rows.empty:
            return None
        is_total = _is_total(rows, total)
        totals = set(rows.loc[is_total, "year"].astype(int))
        parts = set(rows.loc[~is_total, "year"].astype(int))
        both = totals & parts
        return max(both) if both else int(rows["year"].max())

    return year_of


def _is_total(rows: pd.DataFrame, total: str | None) -> pd.Series:
    if total:
        return rows["indicator"].astype(str) == total
    return rows["category"].astype(str) == ""


def _composition(dataset: Dataset, state: FilterState, spec: ChartSpec) -> Chart:
    lang = state.lang
    total = spec.option("total") or None
    selection = select(
        dataset, state, list(spec.indicators), snapshot=True, year_from=_parts_year(total)
    )
    rows = selection.rows
    dimensions = rows["dimension"].astype(str)
    wanted = dimensions.isin(list(spec.dimensions)) | (dimensions == "")
    chosen = rows[rows["preferred"] & wanted.to_numpy(bool)]
    if chosen.empty:
        return _empty(dataset, state, spec)
    # A composition is of one area: the first selected area that has data (region first).
    areas = [str(area) for area in dict.fromkeys(chosen["area"].astype(str))]
    first = next((area for area in state.areas if area in areas), areas[0])
    group = chosen[chosen["area"] == first]
    labels = labelled(group, dataset, lang)
    labels["role"] = ["total" if flag else "part" for flag in _is_total(labels, total)]
    labels["label"] = [
        category or name
        for category, name in zip(labels["category_name"], labels["indicator_name"], strict=True)
    ]
    shown = replace(selection, rows=group)
    notes = _note_rows(dataset, state, spec, shown, [first])
    note = _note_text(notes, dataset, spec, lang)
    if spec.flag("completeness"):
        note = _completeness(labels, lang)
    figure = parts_beside_total(
        labels,
        lang=lang,
        height=int(spec.option("height", "320")),
        footnote=note,
        fallback_note=_fallback_note(dataset, state, selection),
    )
    labels["series"] = ""
    frame = pd.concat([group, notes]) if not notes.empty else group
    return _chart(
        spec,
        state,
        replace(selection, rows=frame),
        figure,
        bars_summary(spec.title(lang), labels, lang),
        frame,
        dataset,
    )


def _completeness(rows: pd.DataFrame, lang: str) -> str:
    if not (rows["role"] == "total").any():
        return t("programs.parts.no_total", lang)
    if not (rows["role"] == "part").any():
        return t("programs.parts.no_parts", lang)
    return t("programs.parts.not_all_parts", lang)


# ---------------------------------------------------------------- map


def _map(dataset: Dataset, state: FilterState, spec: ChartSpec) -> Chart:
    """The areas on the map for the spec's first indicator (the map page's choropleth)."""
    from dashboard.views.map import map_chart

    chart = map_chart(dataset, replace(state, indicator=spec.indicators[0]))
    return replace(chart, name=spec.chart, title=chart.title or spec.title(state.lang))


# ---------------------------------------------------------------- registered views


def _page_view(page: str):  # noqa: ANN202
    def build(dataset: Dataset, state: FilterState) -> View:
        return programme_view(dataset, state, PAGE_PROGRAMS[page], page=page)

    return build


register_view("programme", build_programme_view)
for _page in PAGE_PROGRAMS:
    register_view(_page, _page_view(_page))
