"""Views of the Map, Data and Sources pages, computed on the dataset built from data/raw."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard import config, ids
from dashboard.data.build import build
from dashboard.data.store import Dataset
from dashboard.state import FilterState
from dashboard.views import build_view
from dashboard.views.data import build_data_view, data_rows, display_table, markdown_text
from dashboard.views.map import (
    area_availability,
    area_rows,
    map_frame,
    map_indicators,
    map_selection,
    map_years,
)
from dashboard.views.sources import source_entries


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    out = tmp_path_factory.mktemp("built") / "indicators.parquet"
    problems = build(config.RAW_DIR, out)
    assert problems == [], problems
    return Dataset.load(out)


@pytest.fixture(scope="module")
def region_only(dataset: Dataset) -> Dataset:
    """The same data without any prefecture or county rows: what the map does with nothing."""
    observations = dataset.observations
    return Dataset(observations[observations["area_level"] == "region"], dataset.catalogue)


@pytest.fixture(scope="module")
def first_combination(dataset: Dataset) -> tuple[str, int]:
    table = area_availability(dataset)
    if table.empty:
        pytest.skip("the built data has no prefecture or county figures")
    row = table.iloc[0]
    return str(row["indicator"]), int(row["year"])


# ---------------------------------------------------------------- map


def test_map_offers_only_indicators_and_years_with_area_figures(dataset: Dataset) -> None:
    rows = area_rows(dataset)
    assert set(rows["area_level"].astype(str)) <= {"prefecture", "county"}
    indicators = map_indicators(dataset)
    assert set(indicators) == set(rows["indicator"].astype(str))
    for indicator in indicators:
        expected = sorted(set(rows.loc[rows["indicator"] == indicator, "year"].astype(int)))
        assert map_years(dataset, indicator) == expected
    region_only_indicators = set(dataset.indicators()) - set(indicators)
    assert region_only_indicators, "some indicators are region-wide only and must not be offered"


def test_map_uses_the_state_indicator_and_year_when_they_have_area_data(
    dataset: Dataset, first_combination: tuple[str, int]
) -> None:
    indicator, year = first_combination
    assert map_selection(dataset, FilterState(indicator=indicator, year=year)) == (indicator, year)
    latest = map_years(dataset, indicator)[-1]
    assert map_selection(dataset, FilterState(indicator=indicator, year=1950)) == (
        indicator,
        latest,
    )


def test_map_view_plots_the_area_rows_of_the_selection(
    dataset: Dataset, first_combination: tuple[str, int]
) -> None:
    indicator, year = first_combination
    for lang in ("zh", "en"):
        state = FilterState(lang=lang, indicator=indicator, year=year)
        view = build_view("map", dataset, state)
        chart = view.charts[0]
        assert chart.name == "map-choropleth" and not chart.empty
        assert set(chart.frame["indicator"].astype(str)) == {indicator}
        assert set(chart.frame["year"].astype(int)) == {year}
        assert set(chart.frame["area_level"].astype(str)) <= {"prefecture", "county"}
        assert chart.sources == list(dict.fromkeys(chart.frame["source"].astype(str)))
        assert dataset.indicator(indicator).name(lang) in chart.title
        drawn = {
            code
            for trace in chart.figure.data
            if trace.type == "choroplethmap"
            for code in trace.locations
        }
        assert set(chart.frame["area"].astype(str)) <= drawn


def test_map_hover_names_area_value_year_and_source(
    dataset: Dataset, first_combination: tuple[str, int]
) -> None:
    indicator, year = first_combination
    frame = map_frame(dataset, indicator, year, "en")
    row = frame.iloc[0]
    publisher = dataset.source(row["sources"][0])["publisher"]
    assert publisher in row["source_label"]
    assert row["year_text"] == str(year)
    assert row["value_text"] or row["detail"]


def test_map_of_data_without_area_figures_says_so(region_only: Dataset) -> None:
    view = build_view("map", region_only, FilterState(lang="en"))
    chart = view.charts[0]
    assert chart.empty and chart.frame.empty
    assert "no prefecture or county figures" in chart.subtitle
    assert view.charts[1].empty


# ---------------------------------------------------------------- data


def test_data_table_follows_area_year_and_readings(dataset: Dataset) -> None:
    state = FilterState(areas=("540100",), year=2019)
    rows = data_rows(dataset, state)
    assert len(rows) > 0
    assert set(rows["year"].astype(int)) == {2019}
    assert set(rows["prefecture"].astype(str)) == {"540100"}
    assert rows["preferred"].all()
    everything = data_rows(dataset, FilterState(), all_readings=True)
    assert len(everything) == len(dataset.observations)
    assert (~everything["preferred"]).sum() == (~dataset.observations["preferred"]).sum()


def test_data_view_frame_is_the_displayed_rows(dataset: Dataset) -> None:
    state = FilterState(lang="en", areas=("540100",))
    view = build_data_view(dataset, state)
    table, coverage = view.charts
    assert table.name == "data-table" and coverage.name == "data-coverage"
    assert list(table.frame["obs_id"]) == list(display_table(dataset, table.frame, state)["obs_id"])
    assert table.subtitle == f"{len(table.frame)} row(s)"


def test_display_table_is_in_the_language_with_links_to_sources(dataset: Dataset) -> None:
    rows = data_rows(dataset, FilterState())
    for lang in ("zh", "en"):
        state = FilterState(lang=lang)
        table = display_table(dataset, rows.head(5), state)
        first = rows.iloc[0]
        assert table.iloc[0]["indicator_name"] == dataset.indicator(str(first["indicator"])).name(
            lang
        )
        assert table.iloc[0]["area_name"] == dataset.area_name(str(first["area"]), lang)
        link = table.iloc[0]["source_link"]
        target = link[link.rindex("(") + 1 : -1]
        parsed = urlparse(target)
        assert parsed.path == "/sources"
        assert parse_qs(parsed.query)["source"] == [str(first["source"])]
        assert parsed.fragment == ids.source_anchor(str(first["source"]))
        assert ("lang=en" in target) == (lang == "en")


def test_markdown_text_keeps_link_text_literal() -> None:
    assert markdown_text("[x](javascript:alert(1)) *b*") == (
        r"\[x\]\(javascript:alert\(1\)\) \*b\*"
    )


def test_data_view_of_an_empty_selection(dataset: Dataset) -> None:
    view = build_data_view(dataset, FilterState(year=1951))
    assert view.charts[0].empty and view.charts[0].frame.empty
    assert view.charts[0].summary == "表格：所选范围内没有观测值。"


def test_coverage_lists_every_indicator_with_data_for_the_filters(dataset: Dataset) -> None:
    view = build_data_view(dataset, FilterState(lang="en"))
    coverage = view.charts[1]
    heatmap = coverage.figure.data[0]
    assert len(heatmap.y) == len(set(dataset.observations["indicator"].astype(str)))
    years = dataset.observations["year"].astype(int)
    assert list(heatmap.x) == list(range(years.min(), years.max() + 1))


# ---------------------------------------------------------------- sources


def test_sources_list_every_source_with_its_quotes_and_values(dataset: Dataset) -> None:
    entries = source_entries(dataset, "en")
    assert {entry.id for entry in entries} == set(dataset.catalogue.sources.index.astype(str))
    assert sum(entry.value_count for entry in entries) == len(dataset.observations)
    cited = next(entry for entry in entries if entry.quotes)
    rows = dataset.observations[dataset.observations["source"] == cited.id]
    assert {quote.quote for quote in cited.quotes} == {
        str(quote).strip() for quote in rows["quote"]
    }
    dates = [entry.date for entry in entries]
    assert dates == sorted(dates, reverse=True)


def test_mirror_address_is_kept_apart_from_the_original(dataset: Dataset) -> None:
    entries = {entry.id: entry for entry in source_entries(dataset, "zh")}
    for source_id, row in dataset.catalogue.sources.iterrows():
        entry = entries[str(source_id)]
        via = str(row.get("via_url", "") or "")
        assert entry.via_url == ("" if via == str(row["url"]) else via)


def test_alternative_readings_are_marked_on_the_sources_page(dataset: Dataset) -> None:
    alternatives = dataset.observations[~dataset.observations["preferred"]]
    if alternatives.empty:
        pytest.skip("no alternative readings")
    entries = source_entries(dataset, "zh")
    marked = {
        value.obs_id for e in entries for q in e.quotes for value in q.values if not value.preferred
    }
    assert marked == set(alternatives["obs_id"].astype(int))


def test_sources_view_is_registered(dataset: Dataset) -> None:
    view = build_view("sources", dataset, FilterState(lang="en"))
    assert view.page == "sources" and view.charts[0].name == "sources-list"
    assert view.charts[0].sources == [e.id for e in source_entries(dataset, "en")]


def test_views_are_pure_functions_of_dataset_and_state(tmp_path: Path, dataset: Dataset) -> None:
    before = dataset.observations.copy()
    for page in ("map", "data", "sources"):
        build_view(page, dataset, FilterState(lang="en", areas=("540100",)))
    assert dataset.observations.equals(before)
