"""Hovers, legends, axes and tables of every page's figures speak the page's language (issue 13).

The browser test (tests/browser/test_language_parity_in_browser.py) reads what a page shows;
hovering every point there would take minutes, so the hover text is checked here, on the figures
build_view returns for every page and programme in both languages, by the same rule
(tests/unit/language_rules.py).

Allowed, because they are verbatim by design: the quotes read from the sources (a hover shows
the sentence in its original language). Allowed for now: curators' notes, until they are
bilingual (a `note_zh` column); the allowance switches itself off when the column exists.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import numpy as np
import pytest
from language_rules import offending_text

from dashboard import config
from dashboard.data.store import Dataset
from dashboard.state import FilterState
from dashboard.views import VIEWS, build_view, load_all_views
from dashboard.views.chart_specs import programs_with_pages

PREFIX = 24  # characters of a quote or note that identify it in a shortened hover
SPACE = re.compile(r"\s+")
PLACEHOLDER = re.compile(r"%\{[^}]*\}|<[^>]+>")
TEXT_KEYS = ("hovertemplate", "text", "hovertext", "texttemplate")
CUSTOMDATA_FIELD = re.compile(r"%\{customdata(?:\[(\d+)\])?")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    if not config.DATA_FILE.exists():
        pytest.skip(f"{config.DATA_FILE} is not built")
    return Dataset.load(config.DATA_FILE)


def verbatim_texts(dataset: Dataset) -> list[str]:
    """Texts shown in their original language on purpose: quotes, and curators' notes while
    notes exist in one language only (remove the notes once `note_zh` exists: it does so
    itself)."""
    observations = dataset.observations
    texts = list(observations["quote"].dropna().astype(str))
    texts += list(dataset.catalogue.events.get("quote", []))
    texts += list(dataset.catalogue.sources["title"].astype(str))  # original titles
    if "note_zh" not in observations.columns:  # CURATOR_NOTES_PENDING: notes not yet bilingual
        texts += list(observations["note"].dropna().astype(str))
    compact = {SPACE.sub("", text) for text in texts}
    return sorted({text for text in compact if len(text) > 3}, key=len, reverse=True)


def strings(value) -> Iterator[str]:
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple | np.ndarray):
        for item in value:
            yield from strings(item)


def shown_customdata(trace: dict) -> Iterator[str]:
    """The customdata fields the hover template shows (others are ids for click handlers)."""
    fields = CUSTOMDATA_FIELD.findall(" ".join(strings(trace.get("hovertemplate"))))
    customdata = trace.get("customdata")
    if not fields or customdata is None:
        return
    rows = np.asarray(customdata, dtype=object)
    if rows.ndim == 1 or "" in fields:
        yield from strings(list(rows.ravel()))
        return
    for field in sorted({int(field) for field in fields}):
        if field < rows.shape[1]:
            yield from strings(list(rows[:, field]))


def figure_texts(figure) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a reader can see or hover in a figure."""
    data = figure.to_plotly_json()
    for number, trace in enumerate(data.get("data", [])):
        kind = trace.get("type", "")
        for key in TEXT_KEYS:
            for text in strings(trace.get(key)):
                yield f"trace {number} {kind}.{key}", text
        if trace.get("showlegend") is not False:  # a legend entry names the trace
            for text in strings(trace.get("name")):
                yield f"trace {number} {kind}.name", text
        for text in shown_customdata(trace):  # only what a hover template writes out
            yield f"trace {number} {kind}.customdata", text
        for key in ("header", "cells"):  # tables
            for text in strings((trace.get(key) or {}).get("values")):
                yield f"trace {number} table.{key}", text
    layout = data.get("layout", {})
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis", "coloraxis")) or key in ("title", "legend"):
            for text in strings((value or {}).get("title")):
                yield f"layout.{key}.title", text
            for text in strings((value or {}).get("ticktext")):
                yield f"layout.{key}.ticktext", text
    for number, annotation in enumerate(layout.get("annotations", [])):
        yield f"layout.annotations[{number}]", str(annotation.get("text", ""))


def cases(dataset: Dataset) -> Iterator[tuple[str, FilterState]]:
    load_all_views()
    for lang in ("en", "zh"):
        for page in sorted(VIEWS):
            if page == "programme":
                for program in programs_with_pages(dataset):
                    yield page, FilterState(lang=lang, program=program)
            else:
                yield page, FilterState(lang=lang)


def without_verbatim(compact: str, allowed: list[str]) -> tuple[str, int]:
    """`compact` with every allowed text taken out, also where a hover shortened it ("…")."""
    hits = 0
    for verbatim in allowed:
        start = compact.find(verbatim[:PREFIX])
        while start >= 0:
            length = 0
            while (
                length < len(verbatim)
                and start + length < len(compact)
                and compact[start + length] == verbatim[length]
            ):
                length += 1
            shortened = compact[start + length : start + length + 1] == "…"
            if length < len(verbatim) and not shortened:  # another text with the same start
                start = compact.find(verbatim[:PREFIX], start + 1)
                continue
            compact = compact[:start] + " " + compact[start + length + shortened :]
            hits += 1
            start = compact.find(verbatim[:PREFIX])
    return compact, hits


def offences(dataset: Dataset) -> dict[str, list[str]]:
    allowed = verbatim_texts(dataset)
    found: dict[str, list[str]] = {}
    for page, state in cases(dataset):
        key = f"{state.lang} {page}" + (f" {state.program}" if state.program else "")
        for chart in build_view(page, dataset, state).charts:
            for where, text in figure_texts(chart.figure):
                shown = html.unescape(PLACEHOLDER.sub(" ", text))
                # quotes and notes may be wrapped over lines: compared without white space
                compact = SPACE.sub("", shown)
                compact, hits = without_verbatim(compact, allowed)
                if hits:
                    shown = compact
                bad = offending_text(shown, state.lang)
                if bad:
                    found.setdefault(key, []).append(
                        f"{chart.name} {where}: {bad!r} in {text[:100]!r}"
                    )
    return {key: list(dict.fromkeys(items)) for key, items in found.items()}


def test_every_figure_speaks_the_page_language(dataset: Dataset) -> None:
    found = offences(dataset)
    counts = {key: len(items) for key, items in found.items()}
    assert found == {}, f"offending figure texts per page {counts}\n" + "\n".join(
        f"{key}: {len(items)}\n  " + "\n  ".join(items[:25]) for key, items in found.items()
    )
