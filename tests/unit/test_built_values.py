"""Built values carry no float artefacts: the embedded data and a scaled unit alike."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import config
from dashboard.data.build import without_float_noise
from dashboard.data.store import Dataset


@pytest.fixture(scope="module")
def embedded() -> Dataset:
    return Dataset.load(config.DATA_FILE)


def test_no_embedded_value_carries_a_float_artefact(embedded):
    values = embedded.observations["value"]
    noisy = [value for value in values if float(f"{value:.12g}") != value]
    assert noisy == []


def test_embedded_values_fit_their_declared_decimals(embedded):
    wrong = []
    for row in embedded.observations[["indicator", "value"]].itertuples(index=False):
        decimals = embedded.indicator(str(row.indicator)).decimals
        if decimals is not None and round(row.value, int(decimals)) != row.value:
            wrong.append((row.indicator, row.value, decimals))
    assert wrong == []


def test_scaling_noise_is_removed_and_published_digits_kept():
    values = pd.Series([807.4 * 1e7 - 1e-6, 169.83 * 1e4 + 2e-10, 0.0, -12.5, 97.85, 1e-7])
    assert without_float_noise(values).tolist() == [
        8074000000.0,
        1698300.0,
        0.0,
        -12.5,
        97.85,
        1e-7,
    ]
