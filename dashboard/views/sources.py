"""The Sources page: every source document, the sentences quoted from it and what they support."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from dashboard.figures.coverage import plain_table
from dashboard.i18n import format_value, format_year, t
from dashboard.views import Chart, View, register_view
from dashboard.views.data import Names

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState

LIST_CHART = "sources-list"


@dataclass(frozen=True)
class SupportedValue:
    """One observation a quote supports, in words: "指标 · 地区 · 2019年：98.33%"."""

    obs_id: int
    text: str
    preferred: bool


@dataclass
class QuoteEntry:
    quote: str  # "" when the data records no sentence
    values: list[SupportedValue] = field(default_factory=list)


@dataclass
class SourceEntry:
    id: str
    title: str
    publisher: str
    date: str
    url: str
    via_url: str  # where the copy was read ("" when it is the original address)
    quotes: list[QuoteEntry] = field(default_factory=list)

    @property
    def value_count(self) -> int:
        return sum(len(quote.values) for quote in self.quotes)


def source_entries(dataset: Dataset, lang: str) -> list[SourceEntry]:
    """Every source in the catalogue, newest first, each with its quotes and the values they
    support (every reading; the ones not chosen are marked)."""
    columns = ["obs_id", "indicator", "area", "year", "dimension", "category", "value"]
    columns += ["source", "quote", "preferred"]
    describe = ValueWriter(dataset, lang)
    quotes_of: dict[str, dict[str, QuoteEntry]] = {}
    for row in dataset.observations.loc[:, columns].to_dict("records"):
        quote = str(row["quote"] or "").strip()
        quotes = quotes_of.setdefault(str(row["source"]), {})
        quotes.setdefault(quote, QuoteEntry(quote=quote)).values.append(
            SupportedValue(
                obs_id=int(row["obs_id"]), text=describe(row), preferred=bool(row["preferred"])
            )
        )
    entries = []
    for source_id in dataset.catalogue.sources.index.astype(str):
        record = dataset.source(source_id)
        url = str(record.get("url") or "")
        via = str(record.get("via_url") or "")
        entries.append(
            SourceEntry(
                id=source_id,
                title=str(record.get("title") or source_id),
                publisher=str(record.get("publisher") or ""),
                date=str(record.get("date") or ""),
                url=url,
                via_url="" if via == url else via,
                quotes=list(quotes_of.get(source_id, {}).values()),
            )
        )
    entries.sort(key=lambda entry: entry.id)
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries


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
