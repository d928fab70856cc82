"""Curators' notes in the reader's language: `note` (English, or the only note) and note_zh.

TEST DATA: tests/fixtures/userdata/test_served_dataset with made-up notes added here
("EN-NOTE-n", "中文备注n"): every other row has a Chinese note, the rest only the English one.
"""

from __future__ import annotations

import base64
import io
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard import config
from dashboard.data.build import build
from dashboard.data.store import Dataset, notes_in_language
from dashboard.export.context import ExportContext
from dashboard.export.workbook import data_csv, data_table
from dashboard.state import FilterState
from dashboard.userdata import session
from dashboard.userdata import upload as uploads
from dashboard.views import build_view
from dashboard.views.data import display_table, grid_block

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "userdata"
EVERY_ROW = {"within": True, "all_years": True}
# The dropout page's chart shows both return-rate readings of 2019 (rows 0 and 1 of the
# fixture's observations): one with a Chinese note, one with only the English note.
WITH_CHINESE, ENGLISH_ONLY = 0, 1


def english(row: int) -> str:
    return f"EN-NOTE-{row}: basis and caveats"


def chinese(row: int) -> str:
    return f"中文备注{row}：口径与说明"


def raw_folder(folder: Path, *, with_chinese: bool = True) -> Path:
    shutil.copytree(FIXTURES / "test_served_dataset", folder)
    file = folder / "observations.csv"
    rows = pd.read_csv(file, dtype=str, keep_default_na=False)
    rows["note"] = [english(row) for row in range(len(rows))]
    if with_chinese:
        rows["note_zh"] = [chinese(row) if row % 2 == 0 else "" for row in range(len(rows))]
    rows.to_csv(file, index=False)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("notes")
    out = folder / "indicators.parquet"
    assert build(raw_folder(folder / "raw"), out) == []
    return out


@pytest.fixture(scope="module")
def dataset(built: Path) -> Dataset:
    return Dataset.load(built)


def texts(view) -> str:  # noqa: ANN001
    """Everything the view's figures say (hover texts included)."""
    return " ".join(str(chart.figure.to_dict()) for chart in view.charts)


# ---------------------------------------------------------------- the data


def test_the_built_table_keeps_both_notes(dataset: Dataset) -> None:
    rows = dataset.observations
    assert set(rows["note"].astype(str)) == {english(row) for row in range(8)}
    assert set(rows["note_zh"].astype(str)) == {"", *(chinese(row) for row in (0, 2, 4, 6))}


def test_a_dataset_without_note_zh_builds_and_reads_the_english_note(tmp_path: Path) -> None:
    out = tmp_path / "indicators.parquet"
    assert build(raw_folder(tmp_path / "raw", with_chinese=False), out) == []
    plain = Dataset.load(out)
    assert set(plain.observations["note_zh"].astype(str)) == {""}
    assert plain.in_language("zh") is plain  # nothing to choose: the dataset itself
    view = build_view("dropout", plain, FilterState(lang="zh"))
    assert english(WITH_CHINESE) in texts(view)


def test_a_file_built_before_note_zh_existed_loads(built: Path, tmp_path: Path) -> None:
    table = pq.read_table(built)
    old = tmp_path / "old.parquet"
    pq.write_table(table.drop_columns(["note_zh"]), old)
    loaded = Dataset.load(old)
    assert set(loaded.observations["note_zh"].astype(str)) == {""}
    assert set(loaded.in_language("zh").observations["note"].astype(str)) == {
        english(row) for row in range(8)
    }


def test_the_chinese_view_has_chinese_notes_else_the_english_one(dataset: Dataset) -> None:
    zh = dataset.in_language("zh")
    assert zh is not dataset and zh is dataset.in_language("zh")  # made once
    assert zh.in_language("zh") is zh and zh.in_language("en") is dataset.in_language("en")
    by_row = dict(
        zip(dataset.observations["note"].astype(str), zh.observations["note"], strict=True)
    )
    assert by_row[english(0)] == chinese(0)
    assert by_row[english(1)] == english(1)  # no Chinese note: the English one, kept
    # The English view is the dataset: every row has its English note.
    assert dataset.in_language("en") is dataset
    # The rows are the same rows: only the note differs.
    same = [c for c in dataset.observations.columns if c != "note"]
    pd.testing.assert_frame_equal(zh.observations[same], dataset.observations[same])


def test_a_row_with_only_a_chinese_note_shows_it_in_english_too() -> None:
    rows = pd.DataFrame({"note": ["", "EN"], "note_zh": ["只有中文", "中文"]})
    assert list(notes_in_language(rows, "en")) == ["只有中文", "EN"]
    assert list(notes_in_language(rows, "zh")) == ["只有中文", "中文"]
    assert notes_in_language(rows.assign(note_zh=""), "zh") is None


# ---------------------------------------------------------------- what readers see


def test_hovers_speak_the_reader_language(dataset: Dataset) -> None:
    zh = texts(build_view("dropout", dataset, FilterState(lang="zh")))
    en = texts(build_view("dropout", dataset, FilterState(lang="en")))
    assert chinese(WITH_CHINESE) in zh and english(WITH_CHINESE) not in zh
    assert english(ENGLISH_ONLY) in zh  # the fallback is shown, not dropped
    assert english(WITH_CHINESE) in en and english(ENGLISH_ONLY) in en
    assert "中文备注" not in en


def test_grid_rows_show_the_note_as_read_and_say_its_language(dataset: Dataset) -> None:
    request = {"startRow": 0, "endRow": 100, "sortModel": [], "filterModel": {}}
    for lang in ("zh", "en"):
        rows = grid_block(dataset, FilterState(lang=lang, **EVERY_ROW), request)["rowData"]
        assert len(rows) == 8
        notes = {row["note"]: row["note_lang"] for row in rows}
        if lang == "zh":
            assert notes[chinese(0)] == "zh" and notes[english(1)] == "en"
            assert english(0) not in notes
        else:
            assert set(notes.values()) == {"en"} and chinese(0) not in notes


def test_the_page_grid_draws_the_note_in_its_language(dataset: Dataset) -> None:
    from dashboard.app import create_app

    create_app(dataset)  # the pages register with an app
    from dashboard.pages.data_table import column_defs

    note_column = next(c for c in column_defs("zh") if c["field"] == "note")
    assert note_column["cellRenderer"] == "NoteCell"
    script = (config.ASSETS_DIR / "grid_cells.js").read_text(encoding="utf-8")
    assert "components.NoteCell" in script and "note_lang" in script


def test_rows_of_the_dataset_itself_are_displayed_in_the_reader_language(
    dataset: Dataset,
) -> None:
    rows = dataset.observations  # not the language's view: display_table still chooses
    table = display_table(dataset, rows, FilterState(lang="zh"))
    assert chinese(0) in set(table["note"]) and english(0) not in set(table["note"])


def test_the_grid_filters_the_notes_it_shows(dataset: Dataset) -> None:
    contains = {"filterType": "text", "type": "contains", "filter": "中文备注"}
    request = {"startRow": 0, "endRow": 100, "sortModel": [], "filterModel": {"note": contains}}
    zh = grid_block(dataset, FilterState(lang="zh", **EVERY_ROW), request)
    en = grid_block(dataset, FilterState(lang="en", **EVERY_ROW), request)
    assert zh["rowCount"] == 4 and en["rowCount"] == 0


def test_exports_carry_both_notes_in_every_language(dataset: Dataset) -> None:
    for lang in ("zh", "en"):
        context = ExportContext.for_page("data", dataset, FilterState(lang=lang, **EVERY_ROW))
        table = data_table(context)
        assert set(table["note"]) == {english(row) for row in range(8)}
        assert set(table["note_zh"]) == {"", *(chinese(row) for row in (0, 2, 4, 6))}
        written, _ = data_csv(context)
        csv = pd.read_csv(io.BytesIO(written), encoding="utf-8-sig", dtype=str)
        assert chinese(0) in set(csv.iloc[:, list(table.columns).index("note_zh")])
    # A chart's rows carry the note as the page reads it: the export still writes both.
    context = ExportContext.for_page("dropout", dataset, FilterState(lang="zh", **EVERY_ROW))
    table = data_table(context)
    assert table[["note", "note_zh"]].values.tolist() == [
        [english(WITH_CHINESE), chinese(WITH_CHINESE)],
        [english(ENGLISH_ONLY), ""],
    ]


# ---------------------------------------------------------------- uploads


@pytest.fixture
def served(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dataset:
    monkeypatch.setattr(config, "DATA_FILE", built)
    monkeypatch.setattr(uploads, "UPLOAD_DIR", tmp_path / "uploads")
    session._cache.clear()
    return Dataset.load(built)


def upload_url(text: str) -> str:
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"data:text/csv;base64,{encoded}"


@pytest.mark.parametrize("header", ["note_zh", "中文备注"])
def test_an_upload_with_a_chinese_note_keeps_it(served: Dataset, header: str) -> None:
    upload = (
        f"indicator,area,year,value,source,quote,note,{header}\n"
        "students_enrolled,540600,2020,91200,test_source_2021_report,"
        "测试数据：那曲在校生,Uploaded English note,上传的中文备注\n"
    )
    report = uploads.check_upload(upload_url(upload), "notes.csv")
    assert report.ok, report.problems
    merged = session.session_dataset(report.store_data())
    rows = merged.query(indicators=["students_enrolled"], areas=["540600"], years=[2020])
    notes = rows[["note", "note_zh"]].values.tolist()
    assert notes == [["Uploaded English note", "上传的中文备注"]]
    zh = build_view("data", merged, FilterState(lang="zh", **EVERY_ROW))
    assert "上传的中文备注" in set(zh.charts[0].frame["note"].astype(str))
    comparison = uploads.compare_with_served(served, merged)
    assert comparison["note_zh"].tolist() == ["上传的中文备注"]
