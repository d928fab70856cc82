"""The Sources page: every source document, the sentences quoted from it and what they support."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.coverage import plain_table
from dashboard.i18n import format_value, format_year, t
from dashboard.views import Chart, View, register_view, source_names
from dashboard.views.data import Names

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

LIST_CHART = "sources-list"
# Values written out under one quote; the others are counted in QuoteEntry.more. A quote of
# the real data supports a handful of values; a generated or uploaded table may give one
# sentence to a million rows, which no page can list.
MAX_VALUES_SHOWN = 50


@dataclass(frozen=True)
class SupportedValue:
    """One observation a quote supports, in words: "指标 · 地区 · 2019年：98.33%"."""

    obs_id: int
    text: str
    preferred: bool


@dataclass
class QuoteEntry:
    quote: str  # "" when the data records no sentence
    values: list[SupportedValue] = field(default_factory=list)  # the first MAX_VALUES_SHOWN
    more: int = 0  # further values the quote supports, not written out ("and N more")

    @property
    def value_count(self) -> int:
        return len(self.values) + self.more


@dataclass
class SourceEntry:
    id: str
    title: str  # in the page's language (title_en in English)
    publisher: str  # in the page's language
    date: str
    url: str
    via_url: str  # where the copy was read ("" when it is the original address)
    quotes: list[QuoteEntry] = field(default_factory=list)
    original_title: str = ""  # the title as published, when it differs from `title`

    @property
    def value_count(self) -> int:
        return sum(quote.value_count for quote in self.quotes)


def source_entries(dataset: Dataset, lang: str) -> list[SourceEntry]:
    """Every source in the catalogue, newest first, each with its quotes and the values they
    support (every reading; the ones not chosen are marked), in table order: the first
    MAX_VALUES_SHOWN of each quote written out, the rest counted.

    Built once per dataset and language; treat the entries as read-only.
    """
    entries = dataset.cached(f"sources.entries:{lang}", lambda data: _source_entries(data, lang))
    return list(entries)


def _source_entries(dataset: Dataset, lang: str) -> list[SourceEntry]:
    quotes_of = _quotes_by_source(dataset, lang)
    entries = []
    for source_id in dataset.catalogue.sources.index.astype(str):
        record = dataset.source(source_id)
        url = str(record.get("url") or "")
        via = str(record.get("via_url") or "")
        entries.append(
            SourceEntry(
                id=source_id,
                title=source_names.title(record, lang),
                original_title=source_names.original_title(record, lang),
                publisher=source_names.publisher(record, lang),
                date=str(record.get("date") or ""),
                url=url,
                via_url="" if via == url else via,
                quotes=quotes_of.get(source_id, []),
            )
        )
    entries.sort(key=lambda entry: entry.id)
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries


def _quotes_by_source(dataset: Dataset, lang: str) -> dict[str, list[QuoteEntry]]:
    """Each source's quotes in order of first use, with the values each supports.

    Groups rows by (source, quote) on integer codes and writes out only the rows shown, so
    a million rows cost a sort, not a million sentences.
    """
    observations = dataset.observations
    if observations.empty:
        return {}
    source = observations["source"].astype("category")
    source_codes = source.cat.codes.to_numpy().astype(np.int64)
    source_names = [str(name) for name in source.cat.categories]
    raw_codes, raw_quotes = pd.factorize(observations["quote"], use_na_sentinel=False)
    texts = [str(quote or "").strip() for quote in raw_quotes]
    text_codes, quote_texts = pd.factorize(pd.Series(texts, dtype=object))
    quote_codes = text_codes[raw_codes].astype(np.int64)
    keys = source_codes * len(quote_texts) + quote_codes
    order = np.argsort(keys, kind="stable")  # rows of one (source, quote) together, in order
    group_keys, starts, counts = np.unique(keys[order], return_index=True, return_counts=True)
    shown = [
        order[start : start + min(count, MAX_VALUES_SHOWN)]
        for start, count in zip(starts, counts, strict=True)
    ]
    columns = ["obs_id", "indicator", "area", "year", "dimension", "category", "value"]
    columns += ["preferred"]
    rows = observations.iloc[np.concatenate(shown)].loc[:, columns].to_dict("records")
    describe = ValueWriter(dataset, lang)
    values = [
        SupportedValue(
            obs_id=int(row["obs_id"]), text=describe(row), preferred=bool(row["preferred"])
        )
        for row in rows
    ]
    quotes_of: dict[str, list[QuoteEntry]] = {}
    first_rows = order[starts]
    taken = 0
    groups = []
    for key, count, rows_shown in zip(group_keys, counts, shown, strict=True):
        groups.append((key, int(count), values[taken : taken + len(rows_shown)]))
        taken += len(rows_shown)
    for position in np.argsort(first_rows, kind="stable"):  # quotes in order of first use
        key, count, listed = groups[position]
        source_id = source_names[int(key) // len(quote_texts)]
        quote = str(quote_texts[int(key) % len(quote_texts)])
        quotes_of.setdefault(source_id, []).append(
            QuoteEntry(quote=quote, values=listed, more=count - len(listed))
        )
    return quotes_of


class ValueWriter:
    """Writes an observation in words: "指标 · 地区 · 2019年：98.33%"."""

    def __init__(self, dataset: Dataset, lang: str) -> None:
        self.names = Names(dataset, lang)
        self.lang = lang

    def __call__(self, row: dict[str, Any]) -> str:
        lang = self.lang
        indicator = self.names.indicator(str(row["indicator"]))
        category = self.names.category(str(row["dimension"]), str(row["category"]))
        breakdown = ""
        if category:
            breakdown = f"（{category}）" if lang == "zh" else f" ({category})"
        return t(
            "sources.value_line",
            lang,
            indicator=indicator.name(lang),
            area=self.names.area(str(row["area"])),
            year=format_year(row["year"], lang),
            breakdown=breakdown,
            value=format_value(row["value"], indicator.unit, lang, indicator.decimals),
        )


def build_sources_view(dataset: Dataset, state: FilterState) -> View:
    lang = state.lang
    entries = source_entries(dataset, lang)
    values = sum(entry.value_count for entry in entries)
    return View(
        page="sources",
        title=t("sources.title", lang),
        charts=[
            Chart(
                name=LIST_CHART,
                title=t("sources.table_title", lang),
                subtitle=t(
                    "sources.count",
                    lang,
                    count=len(entries),
                    quotes=sum(len(entry.quotes) for entry in entries),
                ),
                figure=sources_table(entries, lang),
                summary=t("sources.summary", lang, count=len(entries), values=values),
                frame=dataset.observations,
                sources=[entry.id for entry in entries],
                empty=not entries,
            )
        ],
    )


def sources_table(entries: list[SourceEntry], lang: str) -> go.Figure:
    """The list of sources as a table figure, for image and slide exports of the page."""
    columns = [
        (t("sources.publisher", lang), [entry.publisher for entry in entries]),
        (t("sources.title_label", lang), [entry.title for entry in entries]),
        (
            t("sources.date", lang),
            [entry.date or t("format.date_unknown", lang) for entry in entries],
        ),
        (t("sources.values", lang), [str(entry.value_count) for entry in entries]),
    ]
    return plain_table(columns, widths=[2, 4, 1, 1], lang=lang)


register_view("sources", build_sources_view)
