"""Figure builders of the programme pages (bars, steps, composition) on small inline TEST frames.

The numbers below are test data shaped like the real readings; they are not the dataset.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures.bars import grouped_bars
from dashboard.figures.composition import parts_beside_total
from dashboard.figures.readings import hover_text, wrap_label
from dashboard.figures.steps import series_over_years

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
    assert "Children from registered-<br>poor households" in figure.layout.xaxis.categoryarray


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
    assert list(national.y) == ["其中：国培计划"] and national.text[0] == "5,100万元<br>占67.1%"
    assert regional.x[0] == pytest.approx(1000)  # axis in 万元
    assert figure.layout.xaxis.title.text == "万元"


def test_the_total_hover_gives_the_listed_parts_sum_as_a_computed_share():
    hover = parts_beside_total(training(), lang="zh").data[0].hovertext[0]
    assert "所列各项合计：6,100万元，占总额80.3%（计算值" in hover
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
