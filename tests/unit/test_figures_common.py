"""Shared figure helpers and the trend chart: template, empty figure, hover, kinds of value."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard.figures.common import (
    OKABE_ITO,
    TEMPLATE_NAME,
    base_layout,
    empty_figure,
    figure_from_dict,
    hover_line,
    hover_texts,
    hovertemplate,
    new_figure,
    plotly_config,
    register_template,
    source_note,
    summarise_bars,
    summarise_trend,
    template_layout,
)
from dashboard.figures.trend import trend_chart

# TEST DATA: three-row style inline frames, not real figures.
STANDARD_AND_TARGET = pd.DataFrame(
    {
        "year": [2015, 2017, 2019, 2021],
        "value": [2400.0, 3000.0, 3720.0, 4200.0],
        "kind": ["standard", "standard", "standard", "target"],
        "area": ["540000"] * 4,
    }
)
CUMULATIVE_MONEY = pd.DataFrame(
    {
        "year": [2013, 2015, 2019],
        "value": [1.0e10, 1.5e10, 2.3e10],
        "kind": ["cumulative"] * 3,
        "area": ["540000"] * 3,
    }
)


def test_template_is_registered_once_with_the_okabe_ito_palette():
    assert register_template() == TEMPLATE_NAME
    assert register_template() == TEMPLATE_NAME
    template = pio.templates[TEMPLATE_NAME]
    assert list(template.layout.colorway) == list(OKABE_ITO)
    assert "WenQuanYi" in template.layout.font.family
    assert new_figure().layout.template.layout.colorway == template.layout.colorway


def test_empty_figure_says_so_in_words_and_hides_the_axes():
    figure = empty_figure("所选范围内没有数据", "zh", height=200)
    assert "所选范围内没有数据" in figure.layout.annotations[0].text
    assert "试试其他年份或地区" in figure.layout.annotations[0].text
    assert figure.layout.xaxis.visible is False and figure.layout.yaxis.visible is False
    assert figure.layout.meta == {"empty": True}
    assert figure.layout.height == 200
    assert "Try another year" in empty_figure("No data", "en").layout.annotations[0].text


def test_source_note_names_publishers_and_counts_the_rest():
    sources = [
        {"source": "a", "publisher": "新华社", "date": "2020-03-23"},
        {"source": "b", "publisher": "人民网", "date": "2021"},
        {"source": "c", "publisher": "中国西藏网", "date": ""},
    ]
    assert source_note(sources, "zh") == "来源：新华社 2020-03-23、人民网 2021 等 1 个来源"
    assert source_note(sources[:1], "en") == "Source: 新华社 2020-03-23"
    assert source_note([], "en") == ""


def test_hover_helpers_format_per_language():
    assert hover_texts([322_500_000, None], "元", "zh") == ["3.23亿元", "—"]
    assert hover_texts([322_500_000], "元", "en") == ["CNY 322.5 million"]
    assert hover_line("chart.hover.year", "%{x}", "zh") == "年份：%{x}"
    assert hover_line("chart.hover.year", "%{x}", "en") == "Year: %{x}"
    assert hovertemplate("a", "b") == "a<br>b<extra></extra>"


def test_text_summaries_name_the_extremes_with_units():
    assert summarise_bars("Allowance", ["Class II", "Class IV"], [500, 1500], "元/人/月", "en") == (
        "Bar chart: Allowance, 2 bars; highest CNY 1,500 per person per month in Class IV, "
        "lowest CNY 500 per person per month in Class II."
    )
    text = summarise_trend("三包", [2019, 2015, 2017], [3720, 2400, 3000], "元/生/年", "zh")
    assert text.startswith("折线图：三包，2015—2019年，共3个数据点")
    assert "最新为2019年的3,720元/生/年" in text
    assert summarise_trend("X", [], [], "人", "en") == "X: no data for this selection."


def test_plotly_config_sets_locale_and_download_name():
    config = plotly_config("dropout-by-year", "zh")
    assert config["locale"] == "zh-CN"
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"]["filename"] == "dropout-by-year"
    assert plotly_config("x", "en")["locale"] == "en"


def test_standards_are_steps_and_targets_hollow_and_dashed():
    figure = trend_chart(STANDARD_AND_TARGET, name="三包", unit="元/生/年", lang="zh")
    by_kind = {trace.meta["kind"]: trace for trace in figure.data}
    assert by_kind["standard"].line.shape == "hv"
    assert list(by_kind["standard"].x) == [2015, 2017, 2019]
    assert by_kind["target"].line.dash == "dash"
    assert by_kind["target"].marker.symbol == "circle-open"
    assert list(by_kind["target"].x) == [2021]
    assert by_kind["standard"].name == "标准" and by_kind["target"].name == "目标"
    assert figure.layout.showlegend is True


def test_cumulative_totals_are_never_joined_as_a_yearly_line():
    figure = trend_chart(CUMULATIVE_MONEY, name="累计", unit="元", lang="zh")
    (trace,) = figure.data
    assert trace.mode == "markers"
    assert trace.marker.symbol == "diamond"


def test_large_money_is_plotted_in_yi_with_hover_in_words():
    chinese = trend_chart(CUMULATIVE_MONEY, name="累计", unit="元", lang="zh")
    assert list(chinese.data[0].y) == [100.0, 150.0, 230.0]
    assert chinese.layout.yaxis.title.text == "亿元"
    assert chinese.data[0].customdata[0] == "100亿元"
    assert "数值：%{customdata}" in chinese.data[0].hovertemplate
    english = trend_chart(CUMULATIVE_MONEY, name="Cumulative", unit="元", lang="en")
    assert english.layout.yaxis.title.text == "CNY billion"
    assert english.data[0].customdata[2] == "CNY 23 billion"
    assert "Value: %{customdata}" in english.data[0].hovertemplate


def test_a_trend_hover_names_area_kind_and_basis_once_in_its_template():
    rows = pd.DataFrame(
        {
            "year": [2018, 2019, 2019],
            "value": [90.0, 95.5, 97.0],
            "kind": ["outcome", "outcome", "outcome"],
            "area": ["540100", "540100", "540100"],
            "basis": ["survey", "survey", "register"],
        }
    )
    figure = trend_chart(
        rows,
        name="Retention",
        unit="%",
        lang="en",
        area_name=lambda code: "Lhasa & environs",
        basis_name=lambda basis: {"survey": "Survey", "register": "Register"}[basis],
    )
    survey = next(trace for trace in figure.data if trace.meta["basis"] == "survey")
    assert list(survey.customdata) == ["90%", "95.5%"]  # the value of each point, only
    assert survey.name == "Outcome (Survey)"
    assert survey.hovertemplate.startswith("<b>Lhasa &amp; environs</b>")
    assert "Kind: Outcome (Survey)" in survey.hovertemplate
    assert "Value: %{customdata}" in survey.hovertemplate


def test_several_areas_get_one_trace_each_with_their_names():
    frame = pd.concat(
        [STANDARD_AND_TARGET.iloc[:3], STANDARD_AND_TARGET.iloc[:3].assign(area="540100")]
    )
    names = {"540000": "Tibet", "540100": "Lhasa"}
    figure = trend_chart(frame, name="x", unit="元/生/年", lang="en", area_name=names.get)
    assert [trace.name for trace in figure.data] == ["Tibet · Standard", "Lhasa · Standard"]
    assert figure.data[0].line.color != figure.data[1].line.color


def test_empty_frame_gives_the_no_data_figure():
    figure = trend_chart(STANDARD_AND_TARGET.iloc[0:0], name="x", unit="人", lang="en")
    assert figure.layout.meta == {"empty": True}
    assert "No data for this selection" in figure.layout.annotations[0].text


def test_trend_figures_built_without_validation_are_valid_plotly():
    import plotly.graph_objects as go

    for frame in (STANDARD_AND_TARGET, CUMULATIVE_MONEY):
        figure = trend_chart(frame, name="x", unit="元", lang="en")
        go.Figure(figure.to_dict())  # raises on any invalid property


def test_new_and_empty_figures_serialise_as_validated_ones_with_the_whole_template():
    full = pio.templates[TEMPLATE_NAME].to_plotly_json()
    validated = go.Figure(layout={"template": TEMPLATE_NAME, "height": 300})
    assert new_figure(height=300).to_dict() == validated.to_dict()
    assert new_figure().to_dict() == {"data": [], "layout": {"template": full}}
    empty = empty_figure("TEST message", "en", height=200)
    spec = empty.to_dict()
    assert spec["layout"]["template"] == full
    assert go.Figure(spec).to_dict() == spec
    assert isinstance(empty, go.Figure) and not empty.data


def test_figures_from_dicts_validate_later_edits():
    """coverage and choropleth add traces to new_figure(); views add footnotes to any figure."""
    figure = new_figure(height=300)
    figure.add_trace(go.Bar(x=[1], y=[2]))
    figure.update_xaxes(title_text="TEST")
    assert figure.data[0].type == "bar" and figure.layout.xaxis.title.text == "TEST"
    with pytest.raises(ValueError):
        figure.update_layout(height=3)  # below plotly's minimum height
    with pytest.raises(ValueError, match="not_a_property"):
        figure_from_dict({"data": [{"type": "scatter", "x": [1]}], "layout": {}}).update_traces(
            not_a_property=1
        )


def test_template_layout_is_built_once_and_follows_a_new_registration():
    assert template_layout() is template_layout()
    assert base_layout(height=240, showlegend=False) == {
        "template": template_layout(),
        "height": 240,
        "showlegend": False,
    }
    registered = pio.templates[TEMPLATE_NAME]
    pio.templates[TEMPLATE_NAME] = go.layout.Template(layout={"colorway": ["#000000"]})
    try:
        assert template_layout() == {"layout": {"colorway": ["#000000"]}}
        assert new_figure().to_dict()["layout"]["template"] == template_layout()
    finally:
        pio.templates[TEMPLATE_NAME] = registered
    assert template_layout() == registered.to_plotly_json()


def test_trend_traces_per_area_and_kind_keep_the_rows_order_when_rows_interleave():
    frame = pd.DataFrame(
        {
            "year": [2019, 2015, 2019, 2015, 2021, 2017],
            "value": [3.0, 1.0, 30.0, 10.0, 40.0, 2.0],
            "kind": ["standard", "standard", "standard", "standard", "target", "unknown"],
            "area": ["540100", "540000", "540000", "540100", "540100", "540000"],
        }
    )
    figure = trend_chart(frame, name="x", unit="元/生/年", lang="en")
    assert [(trace.meta["area"], trace.meta["kind"]) for trace in figure.data] == [
        ("540000", "standard"),
        ("540100", "standard"),
        ("540100", "target"),
    ]
    assert list(figure.data[0].x) == [2015, 2019] and list(figure.data[0].y) == [1.0, 30.0]
    assert list(figure.data[1].x) == [2015, 2019] and list(figure.data[1].y) == [10.0, 3.0]
    assert figure.layout.template.layout.colorway == pio.templates[TEMPLATE_NAME].layout.colorway


def test_wrapped_lines_never_cut_a_number_or_a_word():
    from dashboard.figures.common import wrap_lines

    chinese = (
        "按年度标准记录，是因为2011年4月的一篇报道给出2011年全区标准为2000元，"
        "且2012年标准为每年2500。"
    )
    lines = wrap_lines(chinese, 20)
    assert "".join(lines) == chinese
    assert all(len(line) <= 21 for line in lines)
    assert any("2000元" in line for line in lines)
    assert not any(line.startswith(("，", "。")) for line in lines)
    years = "所选地区有数据的年份：2016、2019年"  # a break before 年 left it alone on a line
    assert wrap_lines(years, 20) == ["所选地区有数据的年份：2016、", "2019年"]
    areas = "有此项数据的地区：西藏自治区、琼结县、拉萨市"  # was cut into 拉 / 萨市
    assert wrap_lines(areas, 20) == ["有此项数据的地区：西藏自治区、琼结县、", "拉萨市"]
    english = "PROBABLE TYPO for 4620: the 2025 source gives 4700 after an 80-yuan raise."
    assert " ".join(wrap_lines(english, 16)) == english
    assert "80-yuan" in " ".join(wrap_lines(english, 16)).split()
