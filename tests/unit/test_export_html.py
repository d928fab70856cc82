"""The offline page is one self-contained file: plotly.js inline, nothing fetched from elsewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import plotly.graph_objects as go
import pytest
from test_export_context import build_export_dataset, make_context

from dashboard.data.store import Dataset
from dashboard.export.offline_html import offline_page


@pytest.fixture(scope="session")
def export_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return build_export_dataset(tmp_path_factory)


class ResourceFinder(HTMLParser):
    """Collects every URL a browser would fetch for scripts, styles, frames and images."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            if values.get("src"):
                self.fetched.append(values["src"] or "")
            else:
                self.inline_scripts += 1
        if tag == "link":
            self.fetched.append(values.get("href") or "")
        if tag in ("img", "iframe", "embed", "source") and values.get("src"):
            self.fetched.append(values["src"] or "")


def test_offline_page_loads_nothing_from_the_network(export_dataset: Dataset) -> None:
    page = offline_page(make_context(export_dataset, "zh"))
    finder = ResourceFinder()
    finder.feed(page)
    assert finder.fetched == []
    assert finder.inline_scripts >= 2  # plotly.js and the charts
    styles = "".join(re.findall(r"<style[^>]*>(.*?)</style>", page, flags=re.S))
    assert "@import" not in styles and "url(" not in styles


def test_offline_page_inlines_plotly_js(export_dataset: Dataset) -> None:
    page = offline_page(make_context(export_dataset, "en"))
    assert len(page) > 1_000_000
    assert "Plotly.newPlot" in page


def test_offline_page_has_titles_summaries_sources_and_quotes(export_dataset: Dataset) -> None:
    page = offline_page(make_context(export_dataset, "zh"))
    assert '<html lang="zh-CN">' in page
    assert "<h1>控辍保学</h1>" in page
    assert "<h2>已劝返人数</h2>" in page
    assert "条形图：已劝返人数，2019年最高。" in page
    assert "减贫研究数据库" in page and '<a href="https://example.org/cpad">' in page
    assert "“劝返率达到98.33%”" in page
    assert "当前：西藏自治区；各指标最新数据" in page


def test_offline_page_escapes_text_from_the_data(export_dataset: Dataset) -> None:
    context = make_context(export_dataset, "en")
    chart = context.view.charts[0]
    chart.title = "<script>alert(1)</script>"
    chart.figure = go.Figure(layout={"title": {"text": "</script><script>alert(2)</script>"}})
    page = offline_page(context)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "</script><script>alert(2)" not in page
