"""Figure builders of the programme pages (bars, steps, composition) on small inline TEST frames.

The numbers below are test data shaped like the real readings; they are not the dataset.
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard.figures.bars import grouped_bars
from dashboard.figures.common import TEMPLATE_NAME, plotly_figure
from dashboard.figures.composition import parts_beside_total
from dashboard.figures.readings import (
    READING_COLUMNS,
    hover_text,
    reading_records,
    value_axis,
    wrap_label,
)
from dashboard.figures.steps import MAX_ANNOTATIONS, series_over_years
from dashboard.map_boundaries import browser_figure

AREA_NAMES = {
    "zh": {"540000": "西藏自治区", "540100": "拉萨市"},
    "en": {"540000": "Tibet Autonomous Region", "540100": "Lhasa"},
}


def reading(lang: str = "zh", **fields: object) -> dict[str, object]:
    """One labelled TEST reading; fields override the defaults."""
    row: dict[str, object] = {
        "value": 100.0,
        "unit": "人",
        "year": 2019,
        "area": "540000",
        "kind": "outcome",
        "source_label": "TEST publisher 2020-03-23",
        "note": "",
        "preferred": True,
        "decimals": None,
    }
    row.update(fields)
    row["area_name"] = AREA_NAMES[lang][str(row["area"])]
    return row


def frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def traces_by_meta(figure, **wanted):
    return [
        trace
        for trace in figure.data
        if isinstance(trace.meta, dict) and all(trace.meta.get(k) == v for k, v in wanted.items())
    ]


def all_hover(figure) -> str:
    return "\n".join(text for trace in figure.data for text in (trace.hovertext or ()))


# ------------------------------------------------------------------ bars


def found_returned(lang: str) -> pd.DataFrame:
    labels = {"zh": ("全部", "建档立卡"), "en": ("All", "Registered-poor")}[lang]
    series = {"zh": ("排查数", "劝返数"), "en": ("Found", "Returned")}[lang]
    return frame(
        [
            reading(lang, value=12062, label=labels[0], series=series[0]),
            reading(lang, value=11860, label=labels[0], series=series[1]),
            reading(lang, value=1542, label=labels[1], series=series[1]),
        ]
    )


def test_grouped_bars_plot_each_value_under_its_label_and_series():
    figure = grouped_bars(found_returned("zh"), lang="zh")
    found, returned = figure.data
    assert found.name == "排查数" and list(found.y) == [12062]
    assert list(returned.x) == ["全部", "建档立卡"] and list(returned.y) == [11860, 1542]
    assert figure.layout.barmode == "group"
    assert list(figure.layout.xaxis.categoryarray) == ["全部", "建档立卡"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", ["12,062人", "年份：2019年", "地区：西藏自治区", "来源：TEST publisher 2020-03-23"]),
        ("en", ["12,062 people", "Year: 2019", "Area: Tibet Autonomous Region", "Source: TEST"]),
    ],
)
def test_bar_hover_gives_value_with_unit_year_area_and_source_in_the_language(lang, expected):
    hover = grouped_bars(found_returned(lang), lang=lang).data[0].hovertext[0]
    for text in expected:
        assert text in hover


def test_bars_carry_the_area_code_for_cross_filtering():
    rows = frame(
        [
            reading(value=56513, label="西藏自治区", series="在职教职工"),
            reading(value=11000, area="540100", label="拉萨市", series="在职教职工"),
        ]
    )
    figure = grouped_bars(rows, lang="zh")
    assert list(figure.data[0].customdata) == ["540000", "540100"]


def test_target_bars_are_hollow_hatched_and_named_as_targets():
    rows = frame(
        [
            reading(
                value=1500,
                unit="元/人/月",
                kind="target",
                year=2016,
                label="四类区",
                series="2016年",
            ),
            reading(value=1500, unit="元/人/月", kind="standard", label="四类区", series="2019年"),
        ]
    )
    figure = grouped_bars(rows, lang="zh")
    target, standard = figure.data
    assert target.name == "2016年（目标）" and standard.name == "2019年"
    assert target.marker.pattern.shape == "/" and target.marker.color == "rgba(255,255,255,0)"
    assert standard.marker.pattern.shape is None
    assert "目标（计划或预期，不是实际结果）" in target.hovertext[0]
    english = grouped_bars(rows.assign(series=["2016", "2019"]), lang="en")
    assert english.data[0].name == "2016 (Target)"


def test_a_reading_not_chosen_is_named_in_the_chosen_bar_hover_not_drawn():
    rows = frame(
        [
            reading(value=12062, label="全部", series="排查数"),
            reading(
                value=12000,
                label="全部",
                series="排查数",
                preferred=False,
                source_label="Other paper 2019-12-12",
            ),
        ]
    )
    figure = grouped_bars(rows, lang="zh")
    assert len(figure.data) == 1 and list(figure.data[0].y) == [12062]
    assert "另有读数：12,000人（Other paper 2019-12-12）" in figure.data[0].hovertext[0]


def test_a_reading_not_chosen_without_a_chosen_one_is_drawn_hollow():
    rows = frame([reading(value=5620, label="2024", series="三包", preferred=False)])
    bar = grouped_bars(rows, lang="zh").data[0]
    assert bar.marker.color == "rgba(255,255,255,0)"
    assert "未采用的读数" in bar.name and "未采用的读数（见备注）" in bar.hovertext[0]


def test_one_bar_per_label_is_centred_rather_than_grouped():
    rows = frame(
        [
            reading(value=380, label="学前 · 农村", series="农村"),
            reading(value=3600, label="学前 · 城镇", series="城镇"),
            reading(value=260, label="小学", series="城乡统一"),
        ]
    )
    assert grouped_bars(rows, lang="zh", horizontal=True).layout.barmode == "overlay"


def test_long_english_labels_are_wrapped_on_the_axis():
    rows = frame(
        [
            reading(lang="en", label="Children from registered-poor households", series="Found"),
            reading(lang="en", label="All", series="Found", value=5),
        ]
    )
    figure = grouped_bars(rows, lang="en")
    assert "Children from<br>registered-poor<br>households" in figure.layout.xaxis.categoryarray


def test_vertical_bar_labels_fit_their_share_of_a_phone_plot():
    """At 390 px two categories have ~150 px each: labels wrap to fit instead of running
    into each other; many categories keep a readable minimum and let Plotly angle them."""
    from dashboard.figures.bars import CHAR_PX, MIN_LABEL_CHARS, PHONE_PLOT_PX

    label = "义务教育阶段建档立卡贫困家庭学生劝返复学人数"
    two = grouped_bars(
        frame([reading(label=label, series="a"), reading(label="小学", series="a", value=5)]),
        lang="zh",
    )
    lines = two.layout.xaxis.categoryarray[0].split("<br>")
    assert len(lines) > 1 and all(len(line) * CHAR_PX["zh"] <= PHONE_PLOT_PX / 2 for line in lines)
    assert two.layout.xaxis.tickangle == 0
    many = grouped_bars(
        frame([reading(label=f"{label}{i}", series="a", value=i + 1) for i in range(12)]),
        lang="zh",
    )
    first = many.layout.xaxis.categoryarray[0].split("<br>")
    assert min(len(line) for line in first[:-1]) == MIN_LABEL_CHARS["zh"]
    assert many.layout.xaxis.tickangle == "auto"


def test_the_longest_horizontal_bar_carries_its_value_inside():
    rows = frame(
        [
            reading(value=380, label="学前 · 农村", series="农村"),
            reading(value=3600, label="学前 · 城镇", series="城镇"),
        ]
    )
    figure = grouped_bars(rows, lang="zh", horizontal=True)
    positions = {trace.y[0]: trace.textposition for trace in figure.data}
    assert positions == {"学前 · 农村": ("outside",), "学前 · 城镇": ("inside",)}


def test_bar_hover_never_renders_markup_from_the_data():
    rows = frame([reading(label="x", series="y", note="<script>alert(1)</script>")])
    hover = grouped_bars(rows, lang="zh").data[0].hovertext[0]
    assert "<script>" not in hover and "&lt;script&gt;" in hover


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_bars_say_so_in_words(lang):
    figure = grouped_bars(frame([]), lang=lang, empty_message="TEST: nothing for 2020")
    assert figure.layout.meta["empty"] is True
    assert "TEST: nothing for 2020" in figure.layout.annotations[0].text
    assert not figure.data


def test_bars_refuse_a_frame_without_the_reading_columns():
    with pytest.raises(ValueError, match="source_label"):
        grouped_bars(pd.DataFrame({"value": [1], "label": ["a"], "series": ["b"]}), lang="zh")


# ------------------------------------------------------------------ steps


def sanbao(lang: str = "zh") -> pd.DataFrame:
    series = "全区标准" if lang == "zh" else "Region-wide standard"
    unit = "元/生/年"
    return frame(
        [
            reading(lang, value=3240, unit=unit, kind="standard", year=2016, series=series),
            reading(lang, value=3720, unit=unit, kind="standard", year=2019, series=series),
            reading(lang, value=4200, unit=unit, kind="standard", year=2020, series=series),
            reading(
                lang,
                value=3720,
                unit=unit,
                kind="standard",
                year=2020,
                series=series,
                preferred=False,
                source_label="Stale paper 2021-06-21",
                note="probably stale",
            ),
        ]
    )


def test_steps_are_solid_a_year_apart_and_dotted_across_gaps():
    figure = series_over_years(sanbao(), lang="zh", step=True)
    (solid,) = traces_by_meta(figure, role="line")
    (gap,) = traces_by_meta(figure, role="gap")
    assert list(solid.x) == [2019, 2020, 2020, None] and list(solid.y) == [3720, 3720, 4200, None]
    assert list(gap.x) == [2016, 2019, 2019, None] and list(gap.y) == [3240, 3240, 3720, None]
    assert gap.line.dash == "dot"
    assert traces_by_meta(figure, role="gap-legend")[0].name == "虚线：其间年份无读数"


def test_a_plain_line_joins_points_directly():
    (solid,) = traces_by_meta(series_over_years(sanbao(), lang="zh", step=False), role="line")
    assert list(solid.x) == [2019, 2020, None]


def test_a_conflicting_reading_is_a_hollow_marker_with_a_visible_note():
    figure = series_over_years(sanbao(), lang="zh", step=True)
    (rejected,) = traces_by_meta(figure, role="not-preferred")
    assert list(rejected.y) == [3720] and rejected.marker.symbol == "circle-open"
    assert "probably stale" in rejected.hovertext[0]
    assert any(note.text == "另有读数 3,720" for note in figure.layout.annotations)
    (chosen,) = traces_by_meta(figure, role="readings")
    assert "另有读数：3,720元/生/年（Stale paper 2021-06-21）" in chosen.hovertext[2]


def test_an_agreeing_reading_is_named_in_the_hover_but_not_drawn_twice():
    rows = sanbao().astype({"value": float})
    rows.loc[3, "value"] = 4200.0000000001  # the same figure after a unit conversion
    figure = series_over_years(rows, lang="zh", step=True)
    assert not traces_by_meta(figure, role="not-preferred")
    assert "4,200元/生/年，同值" in all_hover(figure)


def test_series_hover_in_english_formats_the_unit():
    hover = all_hover(series_over_years(sanbao("en"), lang="en", step=True))
    assert "CNY 3,720 per student per year" in hover and "Year: 2019" in hover
    assert "Kind: Standard (a policy rate" in hover


def test_targets_are_hollow_diamonds_apart_from_the_line():
    rows = frame(
        [
            reading(value=95, unit="%", year=2020, series="巩固率"),
            reading(value=96, unit="%", year=2021, series="巩固率"),
            reading(value=98, unit="%", year=2022, kind="target", series="巩固率"),
        ]
    )
    figure = series_over_years(rows, lang="zh", step=False)
    (target,) = traces_by_meta(figure, role="target")
    assert target.marker.symbol == "diamond-open" and target.name == "巩固率（目标）"
    (solid,) = traces_by_meta(figure, role="line")
    assert 2022 not in list(solid.x)


def test_the_selected_year_is_marked():
    figure = series_over_years(sanbao(), lang="en", step=True, highlight_year=2019)
    assert any(shape.x0 == 2019 for shape in figure.layout.shapes)
    assert any(note.text == "Selected: 2019" for note in figure.layout.annotations)


def year_label(figure):
    return next(note for note in figure.layout.annotations if note.text.startswith("Selected"))


def test_the_year_axis_reaches_half_a_year_beyond_the_readings_whatever_year_is_selected():
    # sanbao() has readings in 2016, 2019 and 2020.
    for year in (None, 2016, 2019, 2023, 1990):
        figure = series_over_years(sanbao(), lang="en", step=True, highlight_year=year)
        assert list(figure.layout.xaxis.range) == [2015.5, 2020.5]
    # A year the readings reach is marked, its label in the plot: right of the line in the
    # range's first half, else left of it.
    inside = series_over_years(sanbao(), lang="en", step=True, highlight_year=2019)
    assert year_label(inside).opacity == 1 and year_label(inside).xanchor == "right"
    early = series_over_years(sanbao(), lang="en", step=True, highlight_year=2016)
    assert year_label(early).opacity == 1 and year_label(early).xanchor == "left"
    # None selected, or one the readings do not reach: the marker is there, transparent and
    # wordless (a year change then only moves it or changes its opacity and words).
    for year in (None, 2023, 1990):
        figure = series_over_years(sanbao(), lang="en", step=True, highlight_year=year)
        assert [shape.opacity for shape in figure.layout.shapes] == [0]
        (label,) = [
            note for note in figure.layout.annotations if note.xref == "x" and not note.showarrow
        ]
        assert label.opacity == 0 and label.text.strip() == ""


def test_a_readings_note_hangs_inside_the_given_year_range():
    """The year axis's range is given (not widened by plotly.js to fit a note's text): a
    note near the range's end hangs to the left of its point, near its start to the right."""
    figure = series_over_years(generated_conflicts(1, range(2000, 2012)), lang="en", step=True)
    anchors = {note.x: note.xanchor for note in arrows(figure)}  # range 1999.5-2011.5
    assert anchors[2000] == "left" and anchors[2011] == "right"
    assert {anchors[year] for year in range(2002, 2010)} == {"center"}


def test_a_trend_chart_names_the_same_data_whatever_year_is_selected():
    """A year change moves the marker only: the browser may redraw just that (datarevision),
    and plotly.js need not find the axis ranges again (the year axis's is given)."""
    sent = {
        year: browser_figure(series_over_years(sanbao(), lang="en", step=True, highlight_year=year))
        for year in (None, 2016, 2019, 2020, 2023)
    }
    assert len({figure["layout"]["datarevision"] for figure in sent.values()}) == 1
    other = browser_figure(
        series_over_years(sanbao().iloc[:2], lang="en", step=True, highlight_year=2019)
    )
    assert other["layout"]["datarevision"] != sent[2019]["layout"]["datarevision"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_series_say_so_in_words(lang):
    figure = series_over_years(frame([]), lang=lang, step=True, empty_message="TEST message")
    assert (
        figure.layout.meta["empty"] is True and "TEST message" in figure.layout.annotations[0].text
    )


# ------------------------------------------------------------------ composition


def training(lang: str = "zh", total: float = 7.6e7) -> pd.DataFrame:
    names = {
        "zh": ("教师培训经费", "国培计划", "区培计划"),
        "en": ("Training funds", "National plan", "Regional plan"),
    }[lang]
    return frame(
        [
            reading(lang, value=total, unit="元", label=names[0], role="total", decimals=2),
            reading(lang, value=5.1e7, unit="元", label=names[1], role="part", decimals=2),
            reading(lang, value=1.0e7, unit="元", label=names[2], role="part", decimals=2),
        ]
    )


def test_parts_are_drawn_beside_the_total_with_their_share():
    figure = parts_beside_total(training(), lang="zh")
    total, national, regional = figure.data
    assert total.meta["role"] == "total" and list(total.y) == ["教师培训经费"]
    assert list(national.y) == ["其中：国培计划"] and national.text[0] == "5100万元<br>占67.1%"
    assert regional.x[0] == pytest.approx(1000)  # axis in 万元
    assert figure.layout.xaxis.title.text == "万元"


def test_the_total_hover_gives_the_listed_parts_sum_as_a_computed_share():
    hover = parts_beside_total(training(), lang="zh").data[0].hovertext[0]
    assert "所列各项合计：6100万元，占总额80.3%（计算值" in hover
    english = parts_beside_total(training("en"), lang="en").data[0].hovertext[0]
    assert "Listed parts together: CNY 61 million, 80.3% of the total (computed" in english


def test_parts_that_add_up_say_so():
    hover = parts_beside_total(training(total=6.1e7), lang="zh").data[0].hovertext[0]
    assert "与总额一致" in hover


def test_a_remainder_is_drawn_only_when_asked_and_labelled_derived():
    assert len(parts_beside_total(training(), lang="zh").data) == 3
    figure = parts_beside_total(training(), lang="zh", derived_remainder=True)
    remainder = figure.data[-1]
    assert remainder.meta["role"] == "derived" and remainder.x[0] == pytest.approx(1500)
    assert "推算" in remainder.text[0] and "不是来源中的数字" in remainder.hovertext[0]


def test_parts_without_a_total_have_no_share():
    rows = training()[lambda rows: rows["role"] == "part"]
    figure = parts_beside_total(rows, lang="zh")
    assert all("占" not in trace.text[0] for trace in figure.data)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_composition_says_so(lang):
    figure = parts_beside_total(frame([]), lang=lang)
    assert figure.layout.meta["empty"] is True and figure.layout.annotations


# ------------------------------------------------------------------ readings


def test_hover_of_a_reading_not_chosen_says_so_and_shows_the_note():
    row = reading(preferred=False, note="PROBABLE TYPO for 4620")
    text = hover_text(row, "zh", label="三包")
    assert "未采用的读数（见备注）" in text and "PROBABLE TYPO for 4620" in text


def test_wrap_label_leaves_short_labels_alone_and_breaks_long_ones():
    assert wrap_label("小学", "zh") == "小学"
    assert wrap_label("建档立卡贫困家庭适龄儿童少年", "zh") == "建档立卡贫困家庭适龄儿童<br>少年"


def test_reading_records_hold_only_what_a_reading_shows():
    rows = frame([reading(label="x", series="y")]).assign(quote="TEST quote", obs_id=7)
    (record,) = reading_records(rows, ["label"])
    assert set(record) == {*READING_COLUMNS, "label", "decimals"}
    assert record["year"] == 2019 and type(record["year"]) is int
    assert record["preferred"] is True and record["value"] == 100.0


def test_value_axis_scales_by_the_largest_magnitude_and_names_each_unit():
    rows = frame([reading(value=-3.2e8, unit="元"), reading(value=12, unit="元")])
    assert value_axis(rows, "zh") == (1e8, "亿元")
    mixed = frame([reading(value=3.2e8, unit="元"), reading(value=95, unit="%")])
    assert value_axis(mixed, "en") == (1e6, "CNY million / %")


# ------------------------------------------------------------------ at scale (GENERATED frames)


def generated_conflicts(series_count: int, years: range = range(2000, 2020)) -> pd.DataFrame:
    """GENERATED readings, not data: every series has a chosen reading each year and a
    differing reading that was not chosen (as a generated benchmark table has by the hundred)."""
    rows = []
    for number in range(series_count):
        for year in years:
            value = 1000.0 + 100 * number + 10 * (year - years[0])
            fields = {"unit": "元/生/年", "kind": "standard", "year": year}
            rows.append(reading(value=value, series=f"GENERATED {number}", **fields))
            rows.append(
                reading(value=value * 1.5, series=f"GENERATED {number}", preferred=False, **fields)
            )
    return frame(rows)


def arrows(figure) -> list:
    return [note for note in figure.layout.annotations if note.showarrow]


def unlabelled_note(figure):
    return [note for note in figure.layout.annotations if note.name == "unlabelled-readings"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "另有48个未采用的读数未标注"), ("en", "Readings not used, not labelled: 48 more")],
)
def test_at_most_a_dozen_readings_are_labelled_and_the_rest_counted_in_words(lang, expected):
    figure = series_over_years(generated_conflicts(3), lang=lang, step=True)
    assert len(arrows(figure)) == MAX_ANNOTATIONS == 12
    (note,) = unlabelled_note(figure)
    assert expected in note.text and "12" in note.text
    # Every reading that was not chosen is still drawn (hollow) and named in its hover.
    drawn = traces_by_meta(figure, role="not-preferred")
    assert sum(len(trace.x) for trace in drawn) == 60
    # Under the plot, as one of its lines of text: a view's footnote goes below it.
    assert note.yref == "paper" and note.y == 0 and note.yanchor == "top"
    assert figure.layout.meta["bottom_lines"] == 2
    assert figure.layout.margin.b == 22 + 17 * 2


def test_with_the_legend_under_the_plot_the_count_sits_inside_the_plot():
    figure = series_over_years(generated_conflicts(7, range(2000, 2003)), lang="zh", step=False)
    assert figure.layout.legend.y == -0.12  # many series: the legend is under the plot
    (note,) = unlabelled_note(figure)
    assert (note.y, note.yanchor, note.xanchor) == (0.01, "bottom", "left")
    assert figure.layout.meta["bottom_lines"] == 1
    assert "9个" in note.text  # 21 readings not chosen, 12 labelled


def test_a_dozen_readings_or_fewer_are_all_labelled_without_a_count():
    figure = series_over_years(generated_conflicts(1, range(2000, 2012)), lang="en", step=True)
    assert len(arrows(figure)) == 12 and not unlabelled_note(figure)
    assert figure.layout.meta["bottom_lines"] == 1 and figure.layout.margin.b is None
    no_labels = series_over_years(
        generated_conflicts(3), lang="en", step=True, annotate_alternates=False
    )
    # only the selected year's label, transparent and wordless: no year is selected
    assert [(note.opacity, note.text) for note in no_labels.layout.annotations] == [(0, " ")]


def test_the_selected_year_is_marked_as_add_vline_would_mark_it():
    figure = series_over_years(sanbao(), lang="en", step=True, highlight_year=2019)
    expected = go.Figure()
    expected.add_vline(
        x=2019,
        line={"color": "#6c757d", "width": 1, "dash": "dot"},
        opacity=1,
        annotation_position="top left",
        annotation={
            "text": "Selected: 2019",
            "font": {"size": 11, "color": "#6c757d"},
            "opacity": 1,
            "yshift": 0,  # given: a region-wide note may lower it (readings._below_the_note)
            "name": "selected-year",
        },
    )
    assert figure.layout.shapes == expected.layout.shapes
    assert figure.layout.annotations[-1] == expected.layout.annotations[0]


def test_hollow_bars_are_exactly_the_keys_without_a_chosen_reading():
    """GENERATED bars: 30 labels, a chosen and a second reading for even ones, only a reading
    not chosen for odd ones."""
    rows = []
    for number in range(30):
        label = f"GENERATED {number:02d}"
        if number % 2 == 0:
            rows.append(reading(value=number + 10, label=label, series="s"))
        rows.append(reading(value=number + 1, label=label, series="s", preferred=False))
    figure = grouped_bars(frame(rows), lang="en")
    (chosen,) = traces_by_meta(figure, preferred=True)
    (hollow,) = traces_by_meta(figure, preferred=False)
    unwrapped = [label.replace("<br>", " ") for label in chosen.x]  # 30 labels: wrapped
    assert unwrapped == [f"GENERATED {n:02d}" for n in range(0, 30, 2)]
    unwrapped = [label.replace("<br>", " ") for label in hollow.x]
    assert unwrapped == [f"GENERATED {n:02d}" for n in range(1, 30, 2)]
    assert "Other reading(s): 1 person (TEST publisher" in chosen.hovertext[0]


def test_bar_traces_follow_the_series_order_then_first_appearance():
    rows = frame(
        [
            reading(value=1, label="a", series="s1"),
            reading(value=2, label="a", series="s2", kind="target"),
            reading(value=3, label="b", series="s2"),
            reading(value=4, label="b", series="s1", kind="target"),
        ]
    )
    figure = grouped_bars(rows, lang="zh", series_order=["s2", "s1"])
    assert [(trace.meta["series"], trace.meta["kind"]) for trace in figure.data] == [
        ("s2", "target"),
        ("s2", "outcome"),
        ("s1", "outcome"),
        ("s1", "target"),
    ]
    assert [trace.marker.line.color for trace in figure.data][::2] == ["#0072B2", "#E69F00"]


def programme_figures():
    return {
        "bars": grouped_bars(found_returned("zh"), lang="zh"),
        "hollow bars": grouped_bars(
            frame([reading(value=5, label="x", series="y", preferred=False)]),
            lang="en",
            horizontal=True,
            show_values=False,
        ),
        "steps": series_over_years(sanbao(), lang="zh", step=True, highlight_year=2019),
        "steps at scale": series_over_years(generated_conflicts(7), lang="en", step=False),
        "targets": series_over_years(
            frame(
                [
                    reading(value=95, unit="%", year=2020, series="s"),
                    reading(value=98, unit="%", year=2022, kind="target", series="s"),
                    reading(value=99, unit="%", year=2023, kind="target", series="s"),
                ]
            ),
            lang="en",
            step=False,
            value_range=(0, 100),
        ),
        "composition": parts_beside_total(training(), lang="zh", derived_remainder=True),
        "empty": grouped_bars(frame([]), lang="en"),
    }


@pytest.mark.parametrize("name", list(programme_figures()))
def test_figures_built_as_dicts_are_valid_plotly_with_the_whole_template(name):
    built = plotly_figure(programme_figures()[name])  # a deferred figure is built here
    spec = built.to_dict()
    assert isinstance(built, go.Figure)
    # Validating the same dict changes nothing: what is served is what plotly would build.
    assert go.Figure(spec).to_dict() == spec
    assert spec["layout"]["template"] == pio.templates[TEMPLATE_NAME].to_plotly_json()
    assert json.loads(built.to_json()) == json.loads(go.Figure(spec).to_json())
    # What the page sends from the figure never built is that same figure.
    # (its layout naming its data for plotly.js, common.with_data_revision)
    sent = json.loads(json.dumps(browser_figure(programme_figures()[name]), cls=PlotlyJSONEncoder))
    assert sent["layout"].pop("datarevision")
    assert sent == json.loads(built.to_json())


def test_edits_after_building_are_validated_as_on_any_figure():
    figure = series_over_years(sanbao(), lang="zh", step=True)
    with pytest.raises(ValueError, match="not_a_property"):
        figure.update_layout(not_a_property=1)
    with pytest.raises(ValueError):
        figure.data[0].update(mode="not a mode")
    figure.update_layout(margin={"b": 80})  # what views' footnotes do
    assert figure.layout.margin.b == 80


def test_horizontal_bars_grow_taller_with_many_categories_and_keep_few_as_asked():
    from dashboard.figures.bars import BAR_PX

    few = frame([reading("en", value=100 + n, label=f"Category {n}", series="A") for n in range(3)])
    assert grouped_bars(few, lang="en", horizontal=True, height=300).layout.height == 300

    # Sixty generated categories, two series each: every bar needs its own pixels.
    many = frame(
        [
            reading("en", value=100 + n, label=f"Generated category {n}", series=series)
            for n in range(60)
            for series in ("A", "B")
        ]
    )
    figure = grouped_bars(many, lang="en", horizontal=True, height=300)
    assert figure.layout.height >= 300 + BAR_PX * 120
    vertical = grouped_bars(many, lang="en", height=300)
    assert vertical.layout.height == 300  # columns share the width instead


def test_another_reading_beside_an_axis_in_wan_carries_its_scale():
    from dashboard.figures.steps import _reading_label

    assert _reading_label({"value": 746000, "unit": "人"}, "zh") == "74.6万人"
    assert _reading_label({"value": 3720, "unit": "元/生/年"}, "zh") == "3,720"
    assert _reading_label({"value": 746000, "unit": "人"}, "en") == "746,000"


def test_readings_notes_that_would_lie_on_each_other_are_set_apart():
    """The standards chart in English: "other reading CNY 2,880 …" above its point at 2013
    and "other reading CNY 3,720 …" below its point at 2021, hanging left from near the
    axis's end over the first; a note with nothing near keeps its place."""
    fields = {"unit": "元/生/年", "kind": "standard", "series": "TEST standard"}
    chosen = {1985: 300, 2012: 2500, 2013: 2700, 2016: 3230, 2021: 4200, 2025: 4700}
    rows = [reading("en", value=value, year=year, **fields) for year, value in chosen.items()]
    rows += [
        reading("en", value=2880, year=2013, preferred=False, **fields),
        reading("en", value=3720, year=2021, preferred=False, **fields),
        reading("en", value=400, year=1985, preferred=False, **fields),
    ]
    figure = series_over_years(frame(rows), lang="en", step=True)
    notes = {note.x: note for note in arrows(figure)}
    assert notes[2013].ay == -28 and notes[1985].ay == -28  # above their points, as made
    assert notes[2021].xanchor == "right" and notes[2021].ay > 28  # further below its point


def test_the_selected_year_hangs_below_a_region_wide_note_in_the_plots_top_left():
    """ "Selected: 1985" hung from the plot's top, right of its line, under the note that the
    figures are region-wide (top left): it was hidden. On the right half it stays up."""
    from dashboard.figures.readings import finished

    for year, hidden_side in ((2016, True), (2020, False)):
        figure = series_over_years(sanbao("en"), lang="en", step=True, highlight_year=year)
        spec = plotly_figure(figure).to_plotly_json()
        noted = finished(
            {"data": spec["data"], "layout": spec["layout"]},
            lang="en",
            bottom_lines=1,
            fallback_note="Region-wide figures, not Nagqu's (the selected area has no such data)",
        )
        label = year_label(plotly_figure(noted))
        note = next(
            n for n in plotly_figure(noted).layout.annotations if n.name == "region-fallback"
        )
        lines = note.text.count("<br>") + 1
        if hidden_side:
            assert label.xanchor == "left" and label.yshift <= -(17 * lines)
        else:
            assert label.xanchor == "right" and label.yshift == 0
