"""The map's coverage in words, areas without data never coloured, and a complete county layer.

The county datasets here are generated for the tests (each county's exit year is assigned by
its position in the gazetteer, not read from a source); the real layer is in data/raw.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data.build import build
from dashboard.data.gazetteer import builtin_gazetteer
from dashboard.data.store import Dataset
from dashboard.state import FilterState
from dashboard.views import build_view, load_all_views
from dashboard.views.map import (
    area_availability,
    coverage_line,
    coverage_words,
    map_selection,
    region_only_line,
)

COUNTIES = [area.code for area in builtin_gazetteer().by_level("county")]
BATCHES = (2016, 2017, 2018, 2019)


def write_dataset(folder: Path, observations: list[str]) -> Path:
    folder.mkdir(parents=True)
    (folder / "programs.csv").write_text(
        "program,name_zh,name_en\npoverty_exit,脱贫摘帽,Poverty exit\n", encoding="utf-8"
    )
    (folder / "indicators.csv").write_text(
        "indicator,program,name_zh,name_en,unit,kind\n"
        "county_exit_year,poverty_exit,摘帽年份,Exit year,年,outcome\n"
        "schools,poverty_exit,学校数,Schools,所,outcome\n"
        "retention,poverty_exit,巩固率,Retention,%,outcome\n",
        encoding="utf-8",
    )
    (folder / "sources.csv").write_text(
        "source,title,publisher,date,url\ngenerated_list,Generated list,测试来源,2020-01-01,\n",
        encoding="utf-8",
    )
    header = "indicator,area,year,value,unit,source,quote\n"
    (folder / "observations.csv").write_text(header + "\n".join(observations) + "\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Dataset:
    rows = [
        f"county_exit_year,{code},{year},{year},年,generated_list,generated"
        for index, code in enumerate(COUNTIES)
        for year in [BATCHES[index % len(BATCHES)]]
    ]
    rows += [
        f"schools,{code},2019,{10 + index},所,generated_list,g"
        for index, code in enumerate(COUNTIES[:3])
    ]
    rows += [
        "retention,540000,2019,95,%,generated_list,g",
        "retention,540000,2020,96,%,generated_list,g",
    ]
    folder = write_dataset(tmp_path_factory.mktemp("generated") / "raw", rows)
    out = folder.parent / "generated.parquet"
    assert build(folder, out) == []
    load_all_views()
    return Dataset.load(out)


def map_chart(dataset: Dataset, state: FilterState):
    return next(c for c in build_view("map", dataset, state).charts if c.name == "map-choropleth")


def choropleths(chart) -> list:
    return [
        trace
        for trace in chart.figure.data
        if trace.type == "choropleth" and trace.hoverinfo != "skip"  # not the outlines
    ]


def test_gazetteer_has_the_74_counties() -> None:
    assert len(COUNTIES) == 74


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_exit_layer_colours_all_74_counties_with_their_source(
    generated: Dataset, lang: str
) -> None:
    state = FilterState(lang=lang, indicator="county_exit_year")
    assert map_selection(generated, state) == ("county_exit_year", 2019)
    chart = map_chart(generated, state)
    coloured = [t for t in choropleths(chart) if (t.meta or {}).get("value")]
    located = [code for trace in coloured for code in trace.locations]
    assert sorted(located) == sorted(COUNTIES)
    assert [len(t.locations) for t in coloured] == [19, 19, 18, 18]  # 74 by position, mod 4
    assert all("测试来源" in text for trace in coloured for text in trace.hovertext)
    legend = [trace.name for trace in coloured]
    assert legend[0] == ("2016年（19个）" if lang == "zh" else "2016 (19)")
    assert not any(t.name == ("无数据" if lang == "zh" else "No data") for t in choropleths(chart))
    assert ("74" in chart.subtitle) and (
        "74个县区中74个" in chart.subtitle or "74 of 74" in chart.subtitle
    )


def test_an_earlier_year_of_the_exit_layer_greys_the_counties_not_yet_listed(
    generated: Dataset,
) -> None:
    chart = map_chart(generated, FilterState(lang="en", indicator="county_exit_year", year=2017))
    coloured = {c for t in choropleths(chart) if (t.meta or {}).get("value") for c in t.locations}
    (grey,) = [t for t in choropleths(chart) if t.name == "No data"]
    assert len(coloured) == 38 and len(grey.locations) == 74 - 38
    assert not coloured & set(grey.locations)
    assert all("No data" in text for text in grey.hovertext)
    counts = area_availability(generated).set_index(["indicator", "year"])["count"]
    assert counts[("county_exit_year", 2017)] == 38


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "74个县区中3个有数值"), ("en", "3 of 74 counties have a reading")],
)
def test_coverage_says_how_many_counties_have_a_reading(
    generated: Dataset, lang: str, expected: str
) -> None:
    assert expected in coverage_line(generated, "schools", 2019, lang)
    chart = map_chart(generated, FilterState(lang=lang, indicator="schools"))
    assert expected in chart.subtitle


def test_counties_without_a_reading_are_grey_never_zero(generated: Dataset) -> None:
    chart = map_chart(generated, FilterState(lang="en", indicator="schools"))
    traces = choropleths(chart)
    (grey,) = [t for t in traces if t.name == "No data"]
    valued = [t for t in traces if t.name != "No data"]
    assert len(grey.locations) == 71 and set(grey.colorscale[0][1:]) == {"#d9d9d9"}
    assert sorted(c for t in valued for c in t.locations) == sorted(COUNTIES[:3])
    assert all(value >= 10 for t in valued for value in t.z)


def test_a_region_only_indicator_says_so_for_a_prefecture(generated: Dataset) -> None:
    line = region_only_line(generated, ("540100",), "retention", 2019, "en")
    assert line == "Retention 2019 is published region-wide only: there is no figure for Lhasa"
    assert region_only_line(generated, ("540000",), "retention", 2019, "en") == ""
    assert "只有全区数值" in coverage_line(generated, "retention", 2019, "zh")
    words = coverage_words(
        generated, FilterState(lang="en", indicator="retention", areas=("540100",))
    )
    assert "region-wide only" in words and "Lhasa" in words
    chart = map_chart(generated, FilterState(lang="en", indicator="retention", areas=("540100",)))
    assert "Retention is published region-wide only; the map shows" in chart.subtitle


@pytest.fixture(scope="module")
def embedded() -> Dataset:
    from dashboard import config

    dataset = Dataset.load(config.DATA_FILE)
    if not dataset.has_indicator("county_exit_year"):
        pytest.skip("the embedded data has no county exit layer yet (issue 15's data)")
    load_all_views()
    return dataset


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_embedded_exit_layer_colours_all_74_counties(embedded: Dataset, lang: str) -> None:
    state = FilterState(lang=lang, indicator="county_exit_year", year=2019)
    chart = map_chart(embedded, state)
    coloured = [t for t in choropleths(chart) if (t.meta or {}).get("value")]
    assert sorted(c for t in coloured for c in t.locations) == sorted(COUNTIES)
    assert [len(t.locations) for t in coloured] == [5, 25, 25, 19]
    assert all(text.count("<br>") >= 2 for t in coloured for text in t.hovertext)  # + source


def test_the_embedded_region_counts_are_5_25_25_19_reaching_74(embedded: Dataset) -> None:
    yearly = embedded.query(indicators=["poverty_counties_exited"], areas=["540000"])
    yearly = yearly[yearly["dimension"].astype(str) == ""]
    assert dict(zip(yearly["year"].astype(int), yearly["value"], strict=True)) == {
        2016: 5,
        2017: 25,
        2018: 25,
        2019: 19,
    }
    total = embedded.query(
        indicators=["poverty_counties_exited_total"], areas=["540000"], years=[2019]
    )
    assert total["value"].tolist() == [74]
