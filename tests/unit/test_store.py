"""Dataset.query returns exactly the rows a plain pandas filter would, in the same order."""

from __future__ import annotations

import itertools
from pathlib import Path

import dash
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard import config
from dashboard.data import store
from dashboard.data.contract import (
    CATEGORICAL_COLUMNS,
    KEY,
    OBSERVATION_COLUMNS,
    finalise_observations,
)
from dashboard.data.store import TEXT_COLUMNS, Dataset


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.load(config.DATA_FILE)


def plain_filter(
    frame: pd.DataFrame, indicators, areas, years, program, preferred_only, totals_only=False
):
    mask = pd.Series(True, index=frame.index)
    if totals_only:
        mask &= (frame["dimension"].astype(str) == "") & (frame["category"].astype(str) == "")
    if indicators is not None:
        mask &= frame["indicator"].astype(str).isin(indicators)
    if areas is not None:
        mask &= frame["area"].astype(str).isin(areas)
    if years is not None:
        mask &= frame["year"].isin(years)
    if program is not None:
        mask &= frame["program"].astype(str) == program
    if preferred_only:
        mask &= frame["preferred"]
    return frame[mask]


@pytest.mark.parametrize(
    ("indicators", "areas", "years", "program", "preferred_only", "totals_only"),
    list(
        itertools.product(
            [None, ["sanbao_standard"], ["compulsory_retention_rate", "no_such_indicator"]],
            [None, ["540000"], ["540100", "540200"], []],
            [None, [2019], [2013, 2022], []],
            [None, "student_aid", "no_such_program"],
            [True, False],
            [False, True],
        )
    ),
)
def test_query_matches_a_plain_pandas_filter(
    dataset: Dataset, indicators, areas, years, program, preferred_only, totals_only
) -> None:
    expected = plain_filter(
        dataset.observations, indicators, areas, years, program, preferred_only, totals_only
    )
    got = dataset.query(
        indicators=indicators,
        areas=areas,
        years=years,
        program=program,
        preferred_only=preferred_only,
        totals_only=totals_only,
    )
    assert sorted(got["obs_id"]) == sorted(expected["obs_id"])


def test_totals_only_leaves_out_every_breakdown_and_keeps_every_total(dataset: Dataset) -> None:
    every = dataset.query(areas=["540000"], preferred_only=False)
    totals = dataset.query(areas=["540000"], preferred_only=False, totals_only=True)
    is_total = (every["dimension"].astype(str) == "") & (every["category"].astype(str) == "")
    assert 0 < len(totals) < len(every)  # the embedded data has both at the region
    assert list(totals["obs_id"]) == list(every.loc[is_total, "obs_id"])


def test_descendants_include_a_prefectures_counties(dataset: Dataset) -> None:
    rows = dataset.query(areas=["540500"], include_descendants=True)
    assert "540522" in set(rows["area"].astype(str))


def test_year_range_is_inclusive(dataset: Dataset) -> None:
    rows = dataset.query(indicators=["sanbao_standard"], year_range=(2013, 2015))
    assert set(rows["year"]) == {2013, 2014, 2015}


# ------------------------------------------------------------------ free text as categories


def test_quote_and_note_load_as_categories_holding_the_files_texts(dataset: Dataset) -> None:
    on_disk = pq.read_table(config.DATA_FILE, columns=["obs_id", *TEXT_COLUMNS]).to_pandas()
    loaded = dataset.observations.set_index("obs_id").loc[on_disk["obs_id"]]
    for column in TEXT_COLUMNS:
        text = loaded[column]
        assert isinstance(text.dtype, pd.CategoricalDtype)
        assert not text.isna().any()
        assert list(text.astype(str)) == list(on_disk[column].fillna("").astype(str))
        # one category per distinct text, not a copy per row
        assert len(text.cat.categories) == on_disk[column].nunique()
    # what views and exports do with the text still works on every row
    assert dataset.observations["note"].fillna("").astype(str).str.len().sum() >= 0
    assert all(isinstance(str(row["quote"] or ""), str) for _, row in loaded.head(5).iterrows())


def test_a_missing_quote_or_note_loads_as_no_text(tmp_path: Path) -> None:
    """GENERATED: the embedded table with some texts removed (null in the file)."""
    table = pq.read_table(config.DATA_FILE)
    for column in TEXT_COLUMNS:
        texts = table.column(column).to_pylist()
        texts[::3] = [None] * len(texts[::3])
        position = table.schema.get_field_index(column)
        table = table.set_column(position, column, pa.array(texts, pa.large_string()))
    path = tmp_path / "generated-null-texts.parquet"
    pq.write_table(table, path)
    observations = Dataset.load(path).observations.sort_values("obs_id")
    for column in TEXT_COLUMNS:
        assert isinstance(observations[column].dtype, pd.CategoricalDtype)
        assert not observations[column].isna().any()
        assert (observations[column].astype(str).iloc[::3] == "").all()
        assert observations[column].fillna("").astype(str).tolist()[::3] == [""] * len(
            observations.iloc[::3]
        )


# ------------------------------------------------------------------ queries as slices


def test_every_query_shape_returns_rows_in_table_order(dataset: Dataset) -> None:
    """Whole table and one indicator are read as slices, several indicators as positions."""
    one = dataset.indicators()[0]
    two = dataset.indicators()[:2]
    for indicators in (None, [one], two, [], ["no_such_indicator"]):
        rows = dataset.query(indicators=indicators, preferred_only=False)
        expected = plain_filter(dataset.observations, indicators, None, None, None, False)
        assert rows["obs_id"].tolist() == expected["obs_id"].tolist()
        assert rows.index.tolist() == expected.index.tolist()
    rows = dataset.query(indicators=[one], areas=["540000"], include_descendants=True)
    assert set(rows["indicator"].astype(str)) == {one}


# ------------------------------------------------------------------ a user's upload merged over


def _old_merge(dataset: Dataset, upload: pd.DataFrame) -> pd.DataFrame:
    """The straightforward merge merged_with must equal: every cell as a Python object."""
    base = dataset.observations
    upload_keys = pd.MultiIndex.from_frame(upload[KEY].astype(str))
    base_keys = pd.MultiIndex.from_frame(base[KEY].astype(str))
    base = base.copy()
    base.loc[base_keys.isin(upload_keys), "preferred"] = False
    combined = pd.concat([base.astype(object), upload.astype(object)], ignore_index=True)
    return finalise_observations(combined)


def _generated_upload(dataset: Dataset) -> pd.DataFrame:
    """GENERATED: served rows with other values (same keys), rows of new keys and a new source."""
    # an upload's own readings are its chosen ones, also where a served key had a rival
    rows = dataset.observations.iloc[::9].astype(object).assign(preferred=True)
    same = rows.assign(value=rows["value"] + 1, origin="upload")
    new = rows.assign(year=1950, quote="生成的引文 generated quote", note=None, origin="upload")
    new = new.drop_duplicates(["indicator", "area", "year", "dimension", "category"])
    upload = pd.concat([same, new], ignore_index=True)
    upload.loc[:2, "source"] = "zz_generated_source"
    return finalise_observations(upload)


def test_merged_with_equals_the_object_merge_of_both_tables(dataset: Dataset) -> None:
    upload = _generated_upload(dataset)
    expected = _old_merge(dataset, upload)
    got = dataset.merged_with(upload, dataset.catalogue).observations
    assert list(got.columns) == OBSERVATION_COLUMNS
    for column in OBSERVATION_COLUMNS:
        if column in TEXT_COLUMNS:
            assert isinstance(got[column].dtype, pd.CategoricalDtype)
            assert got[column].tolist() == expected[column].fillna("").tolist()
        elif column in CATEGORICAL_COLUMNS:
            assert list(got[column].cat.categories) == list(expected[column].cat.categories)
            assert got[column].cat.codes.tolist() == expected[column].cat.codes.tolist()
        else:
            assert got[column].dtype == expected[column].dtype
            assert got[column].tolist() == expected[column].tolist()
    # the upload's readings are the preferred ones of their keys
    merged = dataset.merged_with(upload, dataset.catalogue)
    preferred = merged.query(preferred_only=True)
    assert not preferred.duplicated(KEY).any()
    assert len(preferred[preferred["origin"].astype(str) == "upload"]) == len(upload)


def test_merged_with_an_empty_upload_is_the_served_table(dataset: Dataset) -> None:
    upload = finalise_observations(dataset.observations.iloc[:0].astype(object))
    merged = dataset.merged_with(upload, dataset.catalogue).observations
    served = dataset.observations
    for column in OBSERVATION_COLUMNS:
        assert merged[column].astype(str).tolist() == served[column].astype(str).tolist()


def test_keys_too_wide_for_one_integer_fall_back_to_the_same_order() -> None:
    """GENERATED codes with 2**40 possible values each: no single int64 key fits."""
    rng = np.random.default_rng(7)
    parts = [(rng.integers(0, 4, 200).astype(np.int64), 2**40) for _ in range(3)]
    assert store._mixed_radix(parts) is None
    order = store._stable_order(parts)
    expected = np.lexsort([codes for codes, _ in reversed(parts)])
    assert order.tolist() == expected.tolist()
    small = [(codes, 4) for codes, _ in parts]
    assert store._stable_order(small).tolist() == expected.tolist()
    wide = store._rows_with_key_in(parts, 150)
    narrow = store._rows_with_key_in(small, 150)
    assert wide.tolist() == narrow.tolist()
    assert narrow.any()


def test_a_table_not_grouped_by_indicator_is_grouped_at_load_and_queries_stay_right():
    """A built file is sorted by indicator; one written by other tools may not be."""
    if not config.DATA_FILE.exists():
        pytest.skip("data/indicators.parquet is not built")
    dataset = Dataset.load(config.DATA_FILE)
    shuffled = dataset.observations.sample(frac=1.0, random_state=5).reset_index(drop=True)
    mixed = Dataset(shuffled, dataset.catalogue)
    for indicator in ("sanbao_standard", "out_of_school_children_identified"):
        expected = set(dataset.query(indicators=[indicator], preferred_only=False)["obs_id"])
        got = mixed.query(indicators=[indicator], preferred_only=False)
        assert set(got["obs_id"]) == expected
        assert (got["indicator"] == indicator).all()
    assert len(mixed.query()) == len(dataset.query())


@pytest.mark.parametrize("include_descendants", [False, True])
@pytest.mark.parametrize("preferred_only", [False, True])
def test_area_queries_over_every_indicator_match_the_scan_of_every_row(
    include_descendants, preferred_only
):
    """Queries of every indicator for some areas start from a per-column index of rows by
    area; they must give the same rows, in the same order, as filtering each indicator's rows."""
    if not config.DATA_FILE.exists():
        pytest.skip("data/indicators.parquet is not built")
    dataset = Dataset.load(config.DATA_FILE)
    in_table_order = list(dataset._slices)
    cases = [
        ["540100"],
        ["540000"],
        ["542500", "540100"],
        ["540522"],
        ["540100", "no-such-area"],
        ["no-such-area"],
    ]
    for areas in cases:
        for extra in ({}, {"years": [2019]}, {"year_range": (2015, 2020)}):
            options = dict(
                areas=areas,
                preferred_only=preferred_only,
                include_descendants=include_descendants,
                **extra,
            )
            indexed = dataset.query(**options)
            scanned = dataset.query(indicators=in_table_order, **options)
            assert indexed.index.equals(scanned.index), options
            if areas == ["540100"] and not extra:
                assert len(indexed) > 0


@pytest.mark.parametrize("preferred_only", [True, False])
def test_some_areas_of_many_indicators_come_grouped_in_the_indicators_order(
    dataset: Dataset, preferred_only: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Areas with few rows are read from the area index also when indicators are named (a
    reading's other sources at 10M rows scanned every row of ~1,000 indicators); the rows
    come as from the indicators' slices: by indicator in the order asked, then table order."""
    named = list(reversed(dataset.indicators()))[:40] + ["no_such_indicator", "sanbao_standard"]
    indexed = []
    real = Dataset._of_indicators
    monkeypatch.setattr(
        Dataset, "_of_indicators", lambda self, *a: indexed.append(1) or real(self, *a)
    )
    for areas in (["540100"], ["542500", "540600"], ["540000"]):
        got = dataset.query(indicators=named, areas=areas, preferred_only=preferred_only)
        frame = dataset.observations
        expected = [
            index
            for indicator in dict.fromkeys(named)
            for index in plain_filter(
                frame, [indicator], areas, None, None, preferred_only
            ).index.tolist()
        ]
        assert got.index.tolist() == expected, areas
    assert len(got) > 0
    assert len(indexed) >= 2  # the prefectures' rows were found through the area index


def test_the_token_names_the_content_so_another_worker_keeps_what_one_drew(
    tmp_path_factory,
) -> None:
    """Two processes (gunicorn workers, machines) load the same file: the same token, so the
    Sources list and the shell drawn from one are not redrawn when the other answers."""
    from shell_dataset import cached_test_dataset, shell_app

    from dashboard.state import FilterState, to_store

    shell_app(cached_test_dataset(tmp_path_factory))  # the process's app: the pages registered
    from dashboard.pages.sources import update_sources

    first, second = Dataset.load(config.DATA_FILE), Dataset.load(config.DATA_FILE)
    assert first is not second and first.token() == second.token()
    fewer = Dataset(first.observations.iloc[:-1].copy(), first.catalogue)
    assert fewer.token() != first.token()

    store_data = to_store(FilterState(lang="en", year=2019))
    drawn_by_another_worker = f"en {second.token()}"
    assert update_sources(store_data, None, None, drawn_by_another_worker) == (
        dash.no_update,
        dash.no_update,
        dash.no_update,
    )
    children, _count, frame = update_sources(store_data, None, None, f"en {fewer.token()}")
    assert children and frame == drawn_by_another_worker


def test_a_sources_entry_is_the_catalogues_row_as_text_and_a_copy(dataset: Dataset) -> None:
    source_id = str(dataset.catalogue.sources.index[0])
    row = dataset.catalogue.sources.loc[source_id]
    entry = dataset.source(source_id)
    assert entry == {"source": source_id, **{key: str(value) for key, value in row.items()}}
    entry["title"] = "changed by a caller"
    assert dataset.source(source_id)["title"] == str(row["title"])
    assert dataset.source("no-such-source") == {
        "source": "no-such-source",
        "title": "",
        "publisher": "",
        "date": "",
        "url": "",
    }
