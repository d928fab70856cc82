"""Export context: the words every export carries, and the test data the export tests share.

The dataset here is TEST DATA (built from inline CSV text in a temporary folder); it holds a
formula-like quote and note on purpose, and a view frame turns one value negative. The
other test_export_* modules build it with `build_export_dataset` and use `make_context`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.data.build import build
from dashboard.data.store import Dataset
from dashboard.export.context import (
    ExportContext,
    caption_lines,
    exported_rows,
    filters_in_words,
    source_entry,
    source_line,
)
from dashboard.state import FilterState
from dashboard.views import Chart, View

TEST_PROGRAMS = "program,name_zh,name_en\ndropout_control,控辍保学,Dropout control\n"
TEST_INDICATORS = (
    "indicator,program,name_zh,name_en,unit,kind,max\n"
    "dropouts_returned,dropout_control,已劝返人数,Children returned,人,outcome,\n"
    "return_rate,dropout_control,劝返率,Return rate,%,outcome,\n"
    "rate_change,dropout_control,测试变化率,Test change,%,outcome,\n"
)
TEST_SOURCES = (
    "source,title,publisher,date,url\n"
    "cpad,西藏教育脱贫取得显著成效,减贫研究数据库,2020-03-23,https://example.org/cpad\n"
    "later,Later report,新华社,2021-01-01,https://example.org/a\n"
)
TEST_DIMENSIONS = (
    "dimension,category,name_zh,name_en\nchild_group,registered_poor,建档立卡,Registered poor\n"
)
FORMULA_QUOTE = '=HYPERLINK("http://example.org","click")'
TEST_OBSERVATIONS = (
    "indicator,area,year,value,unit,dimension,category,source,quote,note\n"
    "dropouts_returned,540000,2019,11860,,,,cpad,全区12062人失学辍学适龄儿童少年已返学11860人,\n"
    "dropouts_returned,540000,2018,9000,,,,later,test quote 2018,\n"
    "return_rate,540000,2019,98.33,%,,,cpad,劝返率达到98.33%,\n"
    "return_rate,540000,2019,100,%,child_group,registered_poor,cpad,"
    "其中建档立卡1542人全部劝回，劝返率达到100%,\n"
    f'rate_change,540000,2019,1.5,%,,,later,"{FORMULA_QUOTE.replace(chr(34), chr(34) * 2)}",'
    "@note that looks like a formula\n"
)
EXPORT_DATE = dt.date(2024, 5, 6)
NEGATIVE_VALUE = -1.5


_built: list[Dataset] = []


def build_export_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The TEST dataset, built once per test session."""
    if _built:
        return _built[0]
    folder = tmp_path_factory.mktemp("export-raw")
    for name, text in {
        "programs": TEST_PROGRAMS,
        "indicators": TEST_INDICATORS,
        "sources": TEST_SOURCES,
        "dimensions": TEST_DIMENSIONS,
        "observations": TEST_OBSERVATIONS,
    }.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    out = folder / "test.parquet"
    problems = build(folder, out)
    assert not problems, problems
    _built.append(Dataset.load(out))
    return _built[0]


@pytest.fixture(scope="session")
def export_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build_export_dataset(tmp_path_factory)


def bar_figure(frame: pd.DataFrame, title: str) -> go.Figure:
    figure = go.Figure(go.Bar(x=frame["year"].astype(str), y=frame["value"]))
    figure.update_layout(title=title, legend={"orientation": "h", "y": -0.2})
    return figure


def make_view(dataset: Dataset, lang: str) -> View:
    """A hand-made View: two charts over TEST DATA, and one empty chart."""
    returned = dataset.query(indicators=["dropouts_returned"])
    rates = dataset.query(indicators=["return_rate", "rate_change"]).copy()
    # The contract refuses negative values in the data; a view may still show one (a change),
    # so this TEST frame turns the test change into -1.5.
    rates.loc[rates["indicator"] == "rate_change", "value"] = NEGATIVE_VALUE
    zh = lang == "zh"
    charts = [
        Chart(
            name="returned-by-year",
            title="已劝返人数" if zh else "Children returned",
            subtitle="西藏自治区 · 2018—2019年" if zh else "Tibet · 2018–2019",
            figure=bar_figure(returned, "已劝返人数"),
            summary="条形图：已劝返人数，2019年最高。" if zh else "Bar chart: highest in 2019.",
            frame=returned,
            sources=["cpad", "later"],
        ),
        Chart(
            name="rates",
            title="劝返率" if zh else "Return rates",
            subtitle="西藏自治区 · 2019年" if zh else "Tibet · 2019",
            figure=bar_figure(rates, "劝返率"),
            summary="劝返率。" if zh else "Return rates.",
            frame=rates,
            sources=[],  # taken from the rows
        ),
        Chart(
            name="nothing",
            title="无数据" if zh else "Nothing",
            subtitle="",
            figure=go.Figure(),
            summary="",
            frame=dataset.query(indicators=["no_such_indicator"]),
            empty=True,
        ),
    ]
    return View(page="dropout", title="控辍保学" if zh else "Dropout control", charts=charts)


def make_context(dataset: Dataset, lang: str = "zh") -> ExportContext:
    state = FilterState(lang=lang)
    return ExportContext(
        view=make_view(dataset, lang),
        dataset=dataset,
        lang=lang,
        filters=filters_in_words(dataset, state, lang),
        query="?lang=en" if lang == "en" else "",
        exported_on=EXPORT_DATE,
    )


# ------------------------------------------------------------------ tests


def test_exported_rows_are_each_displayed_observation_once(export_dataset: Dataset) -> None:
    context = make_context(export_dataset)
    rows = exported_rows(context)
    shown = pd.concat([chart.frame for chart in context.view.charts])
    assert sorted(rows["obs_id"].astype(int)) == sorted(set(shown["obs_id"].astype(int)))
    assert len(rows) == 5


def test_source_line_names_publisher_title_and_date_in_the_language(
    export_dataset: Dataset,
) -> None:
    chart = make_context(export_dataset).view.charts[0]
    line = source_line(chart, export_dataset, "zh")
    assert line.startswith("来源：")
    assert "减贫研究数据库《西藏教育脱贫取得显著成效》（2020-03-23）" in line
    assert "新华社" in line
    english = source_line(chart, export_dataset, "en")
    assert english.startswith("Source: ")
    assert "(2020-03-23)" in english


def test_source_line_counts_sources_beyond_the_limit(export_dataset: Dataset) -> None:
    chart = make_context(export_dataset).view.charts[0]
    line = source_line(chart, export_dataset, "zh", limit=1)
    assert "新华社" not in line
    assert "等 1 个来源" in line


def test_chart_without_listed_sources_takes_them_from_its_rows(export_dataset: Dataset) -> None:
    chart = make_context(export_dataset).view.charts[1]
    line = source_line(chart, export_dataset, "en")
    assert "减贫研究数据库" in line and "新华社" in line


def test_caption_states_data_years_and_export_date(export_dataset: Dataset) -> None:
    context = make_context(export_dataset, "en")
    lines = caption_lines(context.view.charts[0], context)
    assert "Data for 2018, 2019" in lines[-1]
    assert "Exported 2024-05-06" in lines[-1]
    empty = caption_lines(context.view.charts[2], context)
    assert empty == [empty[0]] and "no reading for these filters" in empty[0]


def test_filters_in_words_name_areas_and_year(export_dataset: Dataset) -> None:
    state = FilterState(lang="zh", areas=("540000",), year=2019)
    assert filters_in_words(export_dataset, state, "zh") == "当前：西藏自治区；2019年"
    latest = filters_in_words(export_dataset, FilterState(lang="en"), "en")
    assert latest == "Showing: Tibet Autonomous Region; latest reading of each indicator"


def test_file_names_are_ascii_and_name_page_chart_language_date(export_dataset: Dataset) -> None:
    context = make_context(export_dataset, "en")
    assert context.filename("png", chart="rates") == "dropout-rates-en-2024-05-06.png"
    assert context.filename("pptx") == "dropout-en-2024-05-06.pptx"
    assert Path(context.filename("csv")).name.isascii()


def test_exports_name_every_real_source_as_the_pages_do_in_english() -> None:
    """An English slide or caption names the outlet and document in English, as the Sources
    page does; the Chinese export keeps the original names."""
    from dashboard import config
    from dashboard.views import source_names

    dataset = Dataset.load(config.DATA_FILE)
    for source_id in dataset.catalogue.sources.index:
        record = dataset.source(source_id)
        english = source_entry(dataset, source_id, "en")
        assert not source_names.has_cjk(english), english
        assert source_names.publisher(record, "en") in english
        chinese = source_entry(dataset, source_id, "zh")
        assert source_names.publisher(record, "zh") in chinese
        assert "nan" not in (english + chinese).split()
