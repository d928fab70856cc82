"""Views of the Map, Data and Sources pages, computed on the dataset built from data/raw."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

from dashboard import config, ids
from dashboard.data.build import build
from dashboard.data.store import Dataset
from dashboard.figures.coverage import MAX_INDICATORS, coverage_cells
from dashboard.state import FilterState
from dashboard.views import build_view, source_names
from dashboard.views.data import (
    BLOCK_ROWS,
    FIGURE_ROWS,
    build_data_view,
    coverage_chart,
    coverage_rows,
    data_rows,
    display_table,
    grid_block,
    table_rows,
)
from dashboard.views.map import (
    area_availability,
    area_rows,
    coverage_frame,
    map_frame,
    map_indicators,
    map_selection,
    map_years,
)
from dashboard.views.sources import source_entries

# The area rule shows the chosen areas only, and "latest" each indicator's latest year:
# every row of the table takes "include the areas within" and "every year".
EVERY_ROW = {"within": True, "all_years": True}


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
            if trace.type == "choropleth"
            for code in trace.locations
        }
        assert set(chart.frame["area"].astype(str)) <= drawn


def test_map_hover_names_area_value_year_and_source(
    dataset: Dataset, first_combination: tuple[str, int]
) -> None:
    indicator, year = first_combination
    frame = map_frame(dataset, indicator, year, "en")
    row = frame.iloc[0]
    publisher = dataset.source(row["sources"][0])["publisher_en"]  # the English name
    assert publisher in row["source_label"]
    assert row["year_text"] == str(year)
    assert row["value_text"] or row["detail"]


def test_a_change_of_areas_draws_the_map_from_the_rows_made_for_its_indicator_and_year(
    dataset: Dataset, first_combination: tuple[str, int]
) -> None:
    """The rows and hover texts of one indicator, year and language are made once per
    dataset: picking other areas highlights them on the same map (issue 14)."""
    indicator, year = first_combination
    whole = build_view("map", dataset, FilterState(lang="en", indicator=indicator, year=year))
    codes = sorted(set(whole.charts[0].frame["area"].astype(str)))
    picked = FilterState(lang="en", indicator=indicator, year=year, areas=(codes[0],))
    again = build_view("map", dataset, picked)
    assert again.charts[0].frame is whole.charts[0].frame
    assert map_frame(dataset, indicator, year, "en") is map_frame(dataset, indicator, year, "en")
    chinese = map_frame(dataset, indicator, year, "zh")
    assert chinese is not map_frame(dataset, indicator, year, "en")
    assert list(chinese["area"]) == list(map_frame(dataset, indicator, year, "en")["area"])


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
    # The area rule: the region alone by default; every row needs "within" and every year.
    everything = data_rows(dataset, FilterState(within=True, all_years=True), all_readings=True)
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
        target = table.iloc[0]["source_link"]  # a path on this site (SourceCell)
        record = dataset.source(str(first["source"]))
        assert table.iloc[0]["source_name"] == source_names.publisher(record, lang) != ""
        parsed = urlparse(target)
        assert parsed.path == "/sources"
        assert parse_qs(parsed.query)["source"] == [str(first["source"])]
        assert parsed.fragment == ids.source_anchor(str(first["source"]))
        assert ("lang=en" in target) == (lang == "en")


def test_data_view_of_an_empty_selection(dataset: Dataset) -> None:
    view = build_data_view(dataset, FilterState(year=1951))
    assert view.charts[0].empty and view.charts[0].frame.empty
    assert view.charts[0].summary == "表格：所选范围内没有观测值。"


def test_coverage_lists_every_indicator_with_data_for_the_filters(dataset: Dataset) -> None:
    view = build_data_view(dataset, FilterState(lang="en", **EVERY_ROW))
    coverage = view.charts[1]
    heatmap = coverage.figure.data[0]
    indicators = len(set(dataset.observations["indicator"].astype(str)))
    assert len(heatmap.y) == min(indicators, MAX_INDICATORS)
    years = dataset.observations["year"].astype(int)
    assert list(heatmap.x) == list(range(years.min(), years.max() + 1))


def test_data_rows_keep_the_table_order(dataset: Dataset) -> None:
    """Indicator, area, year, breakdown, then the chosen reading first: as sort_values does."""
    for state, everything in [
        (FilterState(within=True, all_years=True), True),
        (FilterState(within=True, all_years=True), False),
        (FilterState(areas=("540100",), year=2019, within=True), False),
    ]:
        rows = data_rows(dataset, state, all_readings=everything)
        expected = dataset.query(
            areas=state.areas,
            years=[state.year] if state.year else None,
            preferred_only=not everything,
            include_descendants=True,
        ).sort_values(
            ["indicator", "area", "year", "dimension", "category", "preferred"],
            ascending=[True, True, True, True, True, False],
            kind="stable",
        )
        assert rows.equals(expected) and list(rows.index) == list(expected.index)


def test_rows_of_one_dataset_are_never_served_for_another(
    dataset: Dataset, region_only: Dataset
) -> None:
    state = FilterState(within=True, all_years=True)
    assert table_rows(dataset, state).count == int(dataset.observations["preferred"].sum())
    only = region_only.observations
    assert table_rows(region_only, state).count == int(only["preferred"].sum())
    assert len(data_rows(region_only, state)) == int(only["preferred"].sum())


def request(start: int, end: int, sort=None, filters=None) -> dict:
    return {"startRow": start, "endRow": end, "sortModel": sort or [], "filterModel": filters or {}}


def test_grid_block_sends_only_the_rows_asked_for(dataset: Dataset) -> None:
    state = FilterState(lang="en")
    rows = data_rows(dataset, state)
    answer = grid_block(dataset, state, request(0, 100))
    assert answer["rowCount"] == len(rows)
    assert [row["obs_id"] for row in answer["rowData"]] == list(rows["obs_id"][:100])
    assert answer["rowData"] == display_table(dataset, rows.iloc[:100], state).to_dict("records")
    rest = grid_block(dataset, state, request(200, 300))
    assert [row["obs_id"] for row in rest["rowData"]] == list(rows["obs_id"][200:300])
    assert grid_block(dataset, state, request(len(rows) + 5, len(rows) + 50))["rowData"] == []


def test_grid_block_sorts_and_filters_every_row_on_the_server(dataset: Dataset) -> None:
    state = FilterState(lang="en", **EVERY_ROW)
    rows = data_rows(dataset, state)
    by_value = grid_block(dataset, state, request(0, 5, sort=[{"colId": "value", "sort": "desc"}]))
    assert [row["value"] for row in by_value["rowData"]] == sorted(rows["value"], reverse=True)[:5]
    by_name = grid_block(
        dataset,
        state,
        request(
            0, 1000, sort=[{"colId": "area_name", "sort": "asc"}, {"colId": "year", "sort": "desc"}]
        ),
    )
    keys = [(row["area_name"], -row["year"]) for row in by_name["rowData"]]
    assert keys == sorted(keys) and len(keys) == len(rows)
    lhasa = grid_block(
        dataset,
        state,
        request(
            0,
            1000,
            filters={"area_name": {"filterType": "text", "type": "contains", "filter": "LHASA"}},
        ),
    )
    expected = int((rows["area"].astype(str) == "540100").sum())
    assert lhasa["rowCount"] == expected and {r["area_name"] for r in lhasa["rowData"]} == {"Lhasa"}
    either = {
        "filterType": "number",
        "operator": "OR",
        "conditions": [
            {"filterType": "number", "type": "equals", "filter": 2018},
            {"filterType": "number", "type": "greaterThanOrEqual", "filter": 2020},
        ],
    }
    years = grid_block(dataset, state, request(0, 1000, filters={"year": either}))
    expected = int(((rows["year"] == 2018) | (rows["year"] >= 2020)).sum())
    assert years["rowCount"] == expected
    assert all(r["year"] == 2018 or r["year"] >= 2020 for r in years["rowData"])
    chinese = grid_block(
        dataset,
        FilterState(**EVERY_ROW),
        request(
            0,
            1000,
            filters={"area_name": {"filterType": "text", "type": "equals", "filter": "拉萨市"}},
        ),
    )
    assert chinese["rowCount"] == int((rows["area"].astype(str) == "540100").sum())
    # A model the server does not know (a column that is not in the table) changes nothing.
    unknown = grid_block(dataset, state, request(0, 10, sort=[{"colId": "nope", "sort": "asc"}]))
    assert [r["obs_id"] for r in unknown["rowData"]] == list(rows["obs_id"][:10])


@pytest.mark.parametrize(
    "bad",
    [
        {"startRow": "x", "endRow": None, "sortModel": "year", "filterModel": [1]},
        {"startRow": -5, "endRow": -1},
        {"sortModel": [{"colId": "year", "sort": "sideways"}, 3]},
        {"filterModel": {"year": {"filterType": "number", "type": "equals", "filter": "two"}}},
        {"filterModel": {"note": {"operator": "OR", "conditions": "x"}}},
        {"filterModel": {"note": {"conditions": [{"conditions": [{"type": "contains"}]}]}}},
        {"filterModel": {"area_name": {"type": "regex", "filter": ".*"}}},
    ],
)
def test_grid_block_answers_malformed_requests_without_failing(dataset: Dataset, bad) -> None:
    answer = grid_block(dataset, FilterState(lang="en", **EVERY_ROW), bad)
    assert 0 <= len(answer["rowData"]) <= BLOCK_ROWS
    assert answer["rowCount"] == int(dataset.observations["preferred"].sum())


@pytest.fixture(scope="module")
def generated(dataset: Dataset) -> Dataset:
    """GENERATED data (the embedded rows repeated 12 times with new ids, not real data): more
    rows than the table figure lists."""
    copies = []
    for copy in range(12):
        rows = dataset.observations.copy()
        rows["obs_id"] = rows["obs_id"] + copy * 100_000
        copies.append(rows)
    observations = pd.concat(copies, ignore_index=True)
    observations = observations.sort_values("indicator", kind="stable").reset_index(drop=True)
    return Dataset(observations, dataset.catalogue)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_figure_lists_the_first_rows_and_says_so(generated: Dataset, lang: str) -> None:
    state = FilterState(lang=lang, **EVERY_ROW)
    table = build_data_view(generated, state).charts[0]
    count = int(generated.observations["preferred"].sum())
    assert count > FIGURE_ROWS
    assert len(table.frame) == count, "exports write every row"
    cells = table.figure.data[0].cells.values
    assert len(cells[0]) == FIGURE_ROWS
    note = table.figure.layout.annotations[0].text
    if lang == "zh":
        assert f"前{FIGURE_ROWS:,}行，共{count:,}行" in note and "CSV" in note
    else:
        assert f"first {FIGURE_ROWS:,} of {count:,} rows" in note and "CSV" in note
    assert note in table.summary


def test_grid_blocks_are_bounded(generated: Dataset) -> None:
    state = FilterState(lang="en", **EVERY_ROW)
    rows = data_rows(generated, state)
    answer = grid_block(generated, state, request(1000, 1000 + 10 * BLOCK_ROWS))
    assert answer["rowCount"] == len(rows)
    assert len(answer["rowData"]) == BLOCK_ROWS
    assert [r["obs_id"] for r in answer["rowData"]] == list(
        rows["obs_id"][1000 : 1000 + BLOCK_ROWS]
    )


def test_embedded_table_figure_lists_every_row(dataset: Dataset) -> None:
    table = build_data_view(dataset, FilterState(lang="en")).charts[0]
    assert len(table.figure.data[0].cells.values[0]) == len(table.frame)
    assert not table.figure.layout.annotations


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_coverage_rows_count_like_the_map_coverage_frame(dataset: Dataset, lang: str) -> None:
    for areas in (None, ["540100"]):
        rows = dataset.query(areas=areas, include_descendants=True, preferred_only=False)
        expected = coverage_cells(coverage_frame(dataset, rows, lang))
        pd.testing.assert_frame_equal(
            coverage_cells(coverage_rows(dataset, rows, lang)), expected, check_dtype=False
        )


def test_page_coverage_is_the_exported_coverage_without_the_rows(dataset: Dataset) -> None:
    state = FilterState(lang="en", areas=("540100",))
    exported = build_data_view(dataset, state).charts[1]
    shown = coverage_chart(dataset, state, with_rows=False)
    assert shown.figure.to_json() == exported.figure.to_json()
    assert (shown.summary, shown.sources, shown.empty) == (
        exported.summary,
        exported.sources,
        exported.empty,
    )
    assert shown.frame.empty and len(exported.frame) > 0


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
