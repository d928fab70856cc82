"""The briefing: headline readings of one year, captions built from the data, gaps in trends.

The datasets here are made up for the tests (GENERATED, not published figures).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.data.build import build
from dashboard.data.store import Dataset
from dashboard.figures.trend import MAX_GAP, Panel, small_multiples
from dashboard.i18n import format_year
from dashboard.state import FilterState
from dashboard.views.briefing import CaptionNumber, build_briefing, default_year

PROGRAMS = (
    "program,name_zh,name_en\n"
    "dropout_control,控辍保学,Dropout control\n"
    "student_aid,学生资助,Student aid\n"
    "made_up,虚构专题,Made-up programme\n"
)
INDICATORS = (
    "indicator,program,name_zh,name_en,unit,kind,decimals,direction\n"
    "out_of_school_children_identified,dropout_control,排查数,Identified,人,outcome,0,none\n"
    "out_of_school_children_returned,dropout_control,劝返数,Returned,人,outcome,0,up\n"
    "out_of_school_return_rate,dropout_control,劝返率,Return rate,%,outcome,2,up\n"
    "sanbao_standard,student_aid,三包标准,Three Guarantees standard,元/生/年,standard,0,up\n"
    "made_up_count,made_up,虚构数,Made-up count,所,outcome,0,down\n"
    "made_up_plan,made_up,虚构计划,Made-up plan,所,target,0,\n"
)
DIMENSIONS = (
    "dimension,category,name_zh,name_en\n"
    "child_group,all,全部,All children\n"
    "child_group,registered_poor,建档立卡,Registered poor\n"
)
SOURCES = "source,title,publisher,date,url\ngen,Generated,Test fixture,2020-01-01,\n"
HEADLINES = (
    "program,indicator,dimension,category,order\n"
    "dropout_control,out_of_school_children_identified,child_group,all,1\n"
    "dropout_control,out_of_school_children_returned,child_group,all,2\n"
    "dropout_control,out_of_school_return_rate,child_group,all,3\n"
    "dropout_control,out_of_school_children_identified,child_group,registered_poor,4\n"
    "dropout_control,out_of_school_return_rate,child_group,registered_poor,5\n"
    "student_aid,sanbao_standard,,,1\n"
)
OBSERVATIONS = (
    "indicator,area,year,value,unit,dimension,category,source,quote\n"
    "out_of_school_children_identified,540000,2019,23456,人,child_group,all,gen,found 23456\n"
    "out_of_school_children_returned,540000,2019,23001,人,child_group,all,gen,returned 23001\n"
    "out_of_school_return_rate,540000,2019,98.06,%,child_group,all,gen,rate 98.06%\n"
    "out_of_school_children_identified,540000,2019,777,人,child_group,registered_poor,gen,p 777\n"
    "out_of_school_return_rate,540000,2019,100,%,child_group,registered_poor,gen,all 100%\n"
    "out_of_school_return_rate,540000,2018,97.5,%,child_group,all,gen,rate 97.5%\n"
    "sanbao_standard,540000,2015,3111,元/生/年,,,gen,standard 3111\n"
    "sanbao_standard,540000,2019,3333,元/生/年,,,gen,standard 3333\n"
    "made_up_count,540000,2019,41,所,,,gen,41 schools\n"
    "made_up_count,540000,2017,45,所,,,gen,45 schools\n"
    "made_up_plan,540000,2019,60,所,,,gen,60 planned\n"
)


def made_up_dataset(folder: Path, observations: str = OBSERVATIONS) -> Dataset:
    raw = folder / "raw"
    raw.mkdir(parents=True)
    for name, text in {
        "programs": PROGRAMS,
        "indicators": INDICATORS,
        "dimensions": DIMENSIONS,
        "sources": SOURCES,
        "headlines": HEADLINES,
        "observations": observations,
    }.items():
        (raw / f"{name}.csv").write_text(text, encoding="utf-8")
    assert build(raw, folder / "data.parquet") == []
    return Dataset.load(folder / "data.parquet")


NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?\s*(万|亿|million|billion)?")
SCALES = {None: 1, "万": 1e4, "亿": 1e8, "million": 1e6, "billion": 1e9}


def numbers_in(text: str) -> list[float]:
    return [float(number.replace(",", "")) for number in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def shows(text: str, value: float) -> bool:
    """Whether a displayed number ("12,062人", "60.06万人", "CNY 3.24 billion") is the value,
    to the precision it is shown with; and it is the text's only number."""
    found = NUMBER.findall(text)
    if len(found) != 1:
        return False
    whole, fraction, scale = found[0]
    scale = SCALES[scale or None]
    shown = float(whole.replace(",", "") + ("." + fraction if fraction else "")) * scale
    return abs(shown - value) <= 0.5 * 10 ** -len(fraction) * scale + 1e-9


def check_caption_numbers(briefing, dataset: Dataset) -> None:
    """Every number in every caption is a reading of the year shown, with the same value."""
    rows = dataset.query(years=[briefing.year])
    values = set(rows["value"].astype(float).round(6))
    for program in briefing.programs:
        # Words may hold the year and the numbers of a category's name (an altitude band).
        named = {n for r in program.readings for n in numbers_in(r.category_name)}
        for part in program.caption:
            if isinstance(part, CaptionNumber):
                assert round(part.reading.value, 6) in values
                assert shows(part.text, part.reading.value), part.text
                assert part.reading.year == briefing.year
                assert part.reading in program.readings  # the same value as on its card
            else:
                assert set(numbers_in(part)) <= {float(briefing.year)} | named, part


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_captions_hold_only_numbers_read_from_the_data(tmp_path, lang):
    dataset = made_up_dataset(tmp_path)
    briefing = build_briefing(dataset, FilterState(lang=lang, year=2019))
    check_caption_numbers(briefing, dataset)
    dropout = briefing.programs[0]
    assert dropout.program == "dropout_control"
    text = dropout.caption_text
    assert format_year(2019, lang) in text
    expected = ["23,456", "23,001", "98.06%", "777", "100%"]
    positions = [text.index(number) for number in expected]
    assert positions == sorted(positions)
    assert text.endswith("。" if lang == "zh" else ".")
    # A programme without templates of its own gets the generic caption from its headlines:
    # its outcome indicator leads (no declaration), the plan (a target) is not a headline.
    made_up = next(p for p in briefing.programs if p.program == "made_up")
    assert [r.indicator for r in made_up.readings] == ["made_up_count"]
    assert "41" in made_up.caption_text and "60" not in made_up.caption_text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_missing_reading_drops_its_clause(tmp_path, lang):
    without_returned = "\n".join(
        line for line in OBSERVATIONS.splitlines() if "returned,540000,2019" not in line
    )
    dataset = made_up_dataset(tmp_path, without_returned + "\n")
    briefing = build_briefing(dataset, FilterState(lang=lang, year=2019))
    check_caption_numbers(briefing, dataset)
    text = briefing.programs[0].caption_text
    assert "23,001" not in text
    assert "23,456" in text and "98.06%" in text  # the rate stands alone, nothing invented
    assert [r.indicator for r in briefing.programs[0].readings].count(
        "out_of_school_children_returned"
    ) == 0


def test_changes_are_coloured_by_direction_and_compare_like_with_like(tmp_path):
    dataset = made_up_dataset(tmp_path)
    briefing = build_briefing(dataset, FilterState(lang="en", year=2019))
    readings = {(r.indicator, r.category): r for r in briefing.readings}
    rate = readings["out_of_school_return_rate", "all"]
    assert (rate.previous_year, rate.change_tone) == (2018, "good")
    assert readings["out_of_school_return_rate", "registered_poor"].previous_year is None
    fewer = next(r for r in briefing.readings if r.indicator == "made_up_count")
    assert fewer.change == -4 and fewer.change_tone == "good"  # direction down: fewer is better


def test_default_year_is_the_latest_with_most_headline_readings(tmp_path):
    dataset = made_up_dataset(tmp_path)
    assert default_year(dataset, "540000") == 2019
    assert build_briefing(dataset, FilterState()).year == 2019


def test_each_latest_mode_marks_other_years_and_stale_readings(tmp_path):
    observations = OBSERVATIONS + "sanbao_standard,540000,2026,3999,元/生/年,,,gen,3999\n"
    dataset = made_up_dataset(tmp_path, observations)
    briefing = build_briefing(dataset, FilterState(lang="en"), mode="latest")
    assert briefing.year == 2026
    standard = next(r for r in briefing.readings if r.indicator == "sanbao_standard")
    assert standard.year == 2026 and not standard.year_differs
    found = next(r for r in briefing.readings if r.indicator == "out_of_school_children_identified")
    assert found.year_differs and found.stale  # 2019 is more than five years before 2026


def test_embedded_briefing_for_2019_has_the_seed_figures():
    dataset = Dataset.load(Path(__file__).parents[2] / "data" / "indicators.parquet")
    zh = build_briefing(dataset, FilterState(year=2019))
    texts = [r.text for r in zh.readings]
    for shown in ("12,062人", "11,860人", "98.33%", "1,542人", "100%", "3,720元/生/年"):
        assert shown in texts
    allowance = [r for r in zh.readings if r.indicator == "rural_teacher_allowance"]
    assert [r.category_name for r in allowance][:3] == [
        "二类区(平均海拔4000米以下)",
        "三类区(平均海拔4000—4500米)",
        "四类区(平均海拔4500米以上)",
    ]
    caption = zh.programs[0].caption_text
    assert "12,062" in caption and "11,860" in caption
    en = build_briefing(dataset, FilterState(lang="en", year=2019))
    assert "12,062" in en.programs[0].caption_text and "11,860" in en.programs[0].caption_text
    check_caption_numbers(zh, dataset)
    check_caption_numbers(en, dataset)


def solid_segments(figure) -> list[tuple[float, float]]:
    """(x0, x1) of every solid line segment drawn in the figure."""
    segments = []
    for trace in figure.data:
        if "lines" not in (trace.mode or "") or (trace.line.dash not in (None, "solid")):
            continue
        xs = list(trace.x)
        pairs = zip(xs, xs[1:], strict=False)
        segments += [(a, b) for a, b in pairs if a is not None and b is not None]
    return segments


def test_no_trend_draws_a_solid_segment_across_a_gap():
    import pandas as pd

    frame = pd.DataFrame(
        {
            "year": [2012, 2013, 2016, 2019, 2020],
            "value": [1.0, 2.0, 3.0, 3.0, 4.0],
            "kind": ["standard"] * 5,
            "area": ["540000"] * 5,
        }
    )
    figure = small_multiples([Panel.from_frame("x", "元/生/年", frame)], lang="en")
    assert all(b - a <= MAX_GAP for a, b in solid_segments(figure))
    (dotted,) = [trace for trace in figure.data if trace.meta and "gaps" in trace.meta]
    assert dotted.meta["gaps"] == [[2013, 2016], [2016, 2019]]
    assert dotted.line.dash == "dot"
    assert list(dotted.x) == [2013, 2016, None, 2016, 2019]
    assert dotted.customdata[0] == "No data 2014–2015"


def test_embedded_overview_trends_have_no_solid_segment_across_a_gap():
    import plotly.graph_objects as go

    from dashboard.views.overview import build_overview_view

    dataset = Dataset.load(Path(__file__).parents[2] / "data" / "indicators.parquet")
    view = build_overview_view(dataset, FilterState())
    assert view.charts
    for chart in view.charts:
        assert all(b - a <= MAX_GAP for a, b in solid_segments(chart.figure)), chart.name
        go.Figure(chart.figure.to_dict())  # what the builder wrote unvalidated is valid
    aid = next(chart for chart in view.charts if chart.name == "trends-student-aid")
    events = [trace for trace in aid.figure.data if trace.meta and trace.meta.get("events")]
    assert events and "“三包”" in " ".join(str(c) for c in events[0].customdata)


def test_a_readings_previous_is_the_latest_earlier_of_its_own_series_first_listed():
    """GENERATED history: the previous reading is of the same indicator, breakdown, kind and
    basis, of the latest earlier year (the first listed of that year); none for a plan."""
    import pandas as pd

    from dashboard.views.briefing import _previous_readings

    def row(year, value, kind="outcome", basis="", category=""):
        return {
            "indicator": "i",
            "dimension": "d" if category else "",
            "category": category,
            "kind": kind,
            "basis": basis,
            "year": year,
            "value": value,
        }

    history = pd.DataFrame(
        [
            row(2015, 1.0),
            row(2017, 2.0),  # the latest earlier year: its first reading
            row(2017, 3.0),
            row(2018, 9.0, basis="survey"),  # another basis (the survey's latest earlier)
            row(2018, 8.0, category="girls"),  # another breakdown
            row(2019, 4.0),  # chosen
            row(2019, 5.0, kind="target"),  # chosen, but a plan is not compared
            row(2012, 6.0, basis="survey"),
            row(2019, 7.0, basis="survey"),  # chosen
            row(2010, 1.5, kind="target"),
        ],
        index=[40, 10, 30, 20, 50, 60, 70, 80, 90, 5],  # as the table's positions come
    ).astype({c: "category" for c in ("indicator", "dimension", "category", "kind", "basis")})
    chosen = history.loc[[60, 70, 90]]
    assert _previous_readings(history, chosen, has_basis=True) == [
        {"year": 2017, "value": 2.0},
        None,
        {"year": 2018, "value": 9.0},  # the survey's own, not the usual basis's
    ]
    assert _previous_readings(history, history.loc[[40]], has_basis=True) == [None]
