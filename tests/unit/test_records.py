"""Frames read as plain records and as codes: the same values as the slow pandas ways."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.data.records import records, text_codes

FRAME = pd.DataFrame(
    {
        "area": pd.Categorical(["540100", "540600", None, "540100"]),
        "note": pd.Series(["a", "", "b", "a"], dtype="str"),
        "year": np.array([2019, 2018, 2019, 2020], dtype=np.int16),
        "value": [1.5, np.nan, 3.0, 4.25],
    }
)


def test_records_are_what_to_dict_gives() -> None:
    expected = FRAME.to_dict("records")
    got = records(FRAME)
    assert [list(row) for row in got] == [list(row) for row in expected]
    for mine, theirs in zip(got, expected, strict=True):
        for key in theirs:
            same = (mine[key] == theirs[key]) or (pd.isna(mine[key]) and pd.isna(theirs[key]))
            assert same and type(mine[key]) is type(theirs[key]), (key, mine[key], theirs[key])


def test_records_of_some_columns_skip_those_the_frame_lacks() -> None:
    assert records(FRAME.iloc[:1], ["year", "nope", "area"]) == [{"year": 2019, "area": "540100"}]


@pytest.mark.parametrize("column", ["area", "note", "year"])
def test_text_codes_number_texts_in_order_of_first_appearance(column: str) -> None:
    shuffled = FRAME[column].iloc[[3, 1, 2, 0, 1]]
    texts = ["" if pd.isna(value) else f"text {value}" for value in shuffled]  # missing: a text
    expected = [list(dict.fromkeys(texts)).index(text) for text in texts]
    assert text_codes(shuffled).tolist() == expected
    assert text_codes(shuffled).dtype == np.int64
