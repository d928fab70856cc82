"""The shell's filter model: the area rule's one wording, upload links, and the data page's
exports holding exactly the grid's rows in the grid's order."""

from __future__ import annotations

import base64
import csv
import io
from pathlib import Path

import openpyxl
import pytest

from dashboard import config
from dashboard.data.build import build
from dashboard.data.store import Dataset
from dashboard.export.context import ExportContext
from dashboard.export.workbook import data_csv, data_xlsx
from dashboard.shell.area_rule import page_missing_notes
from dashboard.shell.callbacks import read_url
from dashboard.shell.links import page_query
from dashboard.state import FilterState, from_store, parse_query, to_query, to_store
from dashboard.userdata import session
from dashboard.userdata import upload as uploads
from dashboard.views.data import grid_block, table_selection

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "userdata"
NAGQU = "540600"


@pytest.fixture(scope="module")
def embedded() -> Dataset:
    return Dataset.load(config.DATA_FILE)


# ---------------------------------------------------------------- the area rule


@pytest.mark.parametrize(
    ("lang", "text"), [("zh", "那曲市：2019年无此项数据"), ("en", "Nagqu: no reading for 2019")]
)
def test_a_chosen_area_without_readings_is_named_in_one_wording(embedded, lang, text):
    state = FilterState(lang=lang, areas=(NAGQU,), year=2019)
    # Nagqu has 2019 readings of poverty exits (the county layer), none of these programmes.
    assert page_missing_notes(embedded, state) == []
    for programme in ("dropout_control", "student_aid", "teachers"):
        assert page_missing_notes(embedded, state, programs=[programme]) == [text]


def test_the_region_alone_is_not_reported_missing_where_it_has_readings(embedded):
    assert page_missing_notes(embedded, FilterState(year=2019)) == []


def test_the_data_export_names_the_area_without_readings(embedded):
    state = FilterState(lang="en", areas=(NAGQU,), year=2005)
    context = ExportContext.for_page("data", embedded, state)
    book = openpyxl.load_workbook(io.BytesIO(data_xlsx(context)[0]))
    settings = [tuple(row) for row in book.worksheets[3].iter_rows(values_only=True)]
    assert ("areas without a reading", "Nagqu: no reading for 2005") in settings


# ---------------------------------------------------------------- links


def test_links_carry_only_the_parameters_the_target_page_uses():
    state = FilterState(lang="en", areas=("540100",), year=2019, indicator="x", within=True)
    assert page_query(state, {"filters": ("area", "year")}) == "?lang=en&area=540100&year=2019"
    assert page_query(state, {"filters": ("area",), "state_fields": ("area", "indicator")}) == (
        "?lang=en&area=540100&indicator=x"
    )


def test_the_store_holds_one_canonical_encoding():
    state = FilterState(areas=(NAGQU,), year=2019, table_sort=(("year", "desc"),))
    assert to_store(state) == {"query": to_query(state), "lang": state.lang}
    assert from_store(to_store(state)) == state


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dataset:
    out = tmp_path / "served" / "indicators.parquet"
    assert build(FIXTURES / "test_served_dataset", out) == []
    monkeypatch.setattr(config, "DATA_FILE", out)
    monkeypatch.setattr(uploads, "UPLOAD_DIR", tmp_path / "uploads")
    session._cache.clear()
    return Dataset.load(out)


def test_an_upload_link_reloads_while_active_and_names_what_it_dropped_after(served):
    contents = (FIXTURES / "test_upload_new_programme.xlsx").read_bytes()
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    data_url = f"data:{mime};base64,{base64.b64encode(contents).decode('ascii')}"
    upload = uploads.check_upload(data_url, "new.xlsx").store_data()
    merged = session.session_dataset(upload)
    programme = next(
        str(p) for p in merged.catalogue.programs.index if p not in served.catalogue.programs.index
    )
    link = f"?program={programme}"
    state, dropped = read_url(link, merged, upload)
    assert state.program == programme and dropped == []

    session.forget(upload["token"])  # the upload ends (cleared, or expired)
    before = state
    state, dropped = read_url(link, session.session_dataset(upload), upload)
    assert state.program is None
    assert [(item.param, item.value, item.reason) for item in dropped] == [
        ("program", programme, "upload_ended")
    ]
    # Cleared now (the store holds no token): the state read with the upload held it.
    cleared_now = read_url(link, session.session_dataset(None), None, before=before)[1]
    assert [item.reason for item in cleared_now] == ["upload_ended"]
    # Without an upload before, an unknown programme is just unknown.
    plain = read_url(link, session.session_dataset(None), None, before=FilterState())[1]
    assert [item.reason for item in plain] == ["unknown_program"]
    assert [item.reason for item in read_url(link, served, None)[1]] == ["unknown_program"]


# ---------------------------------------------------------------- what you see is what you export


def grid_rows(dataset: Dataset, state: FilterState) -> list[int]:
    """obs_ids as the grid shows them, block by block, for the state's sort and filters."""
    request = {
        "startRow": 0,
        "endRow": 500,
        "sortModel": [{"colId": c, "sort": w} for c, w in state.table_sort],
        "filterModel": state.table_filter_model,
    }
    answer = grid_block(dataset, state, request)
    assert answer["rowCount"] == len(answer["rowData"])
    return [row["obs_id"] for row in answer["rowData"]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_filtered_sorted_grid_exports_exactly_its_rows_in_its_order(embedded, lang):
    query = (
        f"?lang={lang}&within=1&year=all&sort=value.desc,year.asc"
        '&filter={"year":{"filterType":"number","type":"greaterThanOrEqual","filter":2019}}'
    )
    state, dropped = parse_query(query)
    assert dropped == [] and state.table_filter and state.table_sort
    shown = grid_rows(embedded, state)
    unfiltered = table_selection(embedded, FilterState(lang=lang, within=True, all_years=True))
    assert 0 < len(shown) < unfiltered.count
    assert table_selection(embedded, state).count == len(shown)  # the row count label

    context = ExportContext.for_page("data", embedded, state)
    content, rows = data_csv(context)
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == len(shown) and [int(line[0]) for line in table[1:]] == shown
    book = openpyxl.load_workbook(io.BytesIO(data_xlsx(context)[0]))
    sheet = book.worksheets[0]
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]]
    assert ids == shown


def test_exports_carry_the_unit_and_the_value_as_shown_beside_the_number(embedded):
    state = FilterState(lang="zh", year=2019)
    context = ExportContext.for_page("data", embedded, state)
    content, _ = data_csv(context)
    table = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert table and {"数值", "单位", "页面显示的数值", "单位名称"} <= set(table[0])
    money = next(row for row in table if row["单位"] == "元" and float(row["数值"]) >= 1e8)
    assert "亿元" in money["页面显示的数值"]
    assert all(float(row["数值"]) == float(f"{float(row['数值']):.12g}") for row in table)
