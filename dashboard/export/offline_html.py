"""One self-contained HTML file of a page's charts: plotly.js inlined, no network needed.

Nothing is loaded from elsewhere: no <script src>, no <link rel=stylesheet>, no @import and
no url() in styles. Links to the sources are plain <a href>, followed only when clicked.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import plotly.io as pio
from plotly.offline import get_plotlyjs

from dashboard import config
from dashboard.export.context import (
    ExportContext,
    chart_source_ids,
    data_years_line,
    export_briefing,
    source_entry,
)
from dashboard.i18n import t

if TYPE_CHECKING:
    from dashboard.views import Chart

STYLE = """
body { font-family: %(font)s; color: #212529; margin: 0; background: #f8f9fa; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
header h1 { font-size: 1.8rem; margin: 8px 0; }
.meta { color: #5c636a; font-size: 0.95rem; margin: 2px 0; }
section.chart { background: #fff; border: 1px solid #dee2e6; border-radius: 6px;
  padding: 16px 20px; margin: 18px 0; }
section.chart h2 { font-size: 1.3rem; margin: 0 0 4px; }
.summary { margin: 10px 0; }
.sources { font-size: 0.9rem; color: #5c636a; }
.sources li { margin: 4px 0; }
blockquote { margin: 4px 0 4px 12px; color: #495057; }
section.briefing h2 { font-size: 1.4rem; margin: 8px 0; }
.program h3 { font-size: 1.05rem; margin: 14px 0 4px; }
.caption { line-height: 1.6; margin: 4px 0 8px; }
.caption abbr { font-weight: 600; text-decoration: underline dotted; cursor: help; }
.figures { display: flex; flex-wrap: wrap; gap: 8px; padding: 0; margin: 0; list-style: none; }
.figures li { background: #fff; border-left: 3px solid #0072b2; padding: 6px 10px;
  min-width: 180px; flex: 1 1 180px; max-width: 260px; }
.figures .label { font-size: 0.8rem; color: #495057; }
.figures .value { font-size: 1.2rem; font-weight: 700; }
"""
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["toImage"]}


def offline_page(context: ExportContext) -> str:
    lang = context.lang
    escape = html.escape
    date = context.exported_on.isoformat()
    charts = "\n".join(_chart_section(chart, context) for chart in context.view.charts)
    charts = briefing_section(context) + charts
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(context.page_title)} · {escape(t("app.title", lang))}</title>
<style>{STYLE % {"font": config.CJK_FONT_FAMILY}}</style>
<script type="text/javascript">{get_plotlyjs()}</script>
</head>
<body>
<header>
<p class="meta">{escape(t("app.title", lang))}</p>
<h1>{escape(context.page_title)}</h1>
<p class="meta">{escape(context.filters)}</p>
<p class="meta">{escape(t("export.html.offline_note", lang, date=date))}</p>
</header>
<main>
{charts}
</main>
<footer><p class="meta">{escape(t("app.footer", lang))}</p></footer>
</body>
</html>
"""


def _chart_section(chart: Chart, context: ExportContext) -> str:
    lang = context.lang
    escape = html.escape
    figure = chart.figure.to_dict()
    figure.setdefault("layout", {}).setdefault("font", {})["family"] = config.CJK_FONT_FAMILY
    plot = pio.to_html(
        figure,
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        config=PLOT_CONFIG,
        default_width="100%",
        default_height="460px",
    )
    return f"""<section class="chart" id="chart-{escape(chart.name)}">
<h2>{escape(chart.title)}</h2>
<p class="meta">{escape(chart.subtitle)}</p>
{plot}
<p class="summary"><strong>{escape(t("export.html.summary", lang))}</strong>
{escape(chart.summary)}</p>
<p class="meta">{escape(data_years_line(chart, lang))}</p>
{_sources_list(chart, context)}
</section>"""


def _sources_list(chart: Chart, context: ExportContext) -> str:
    lang = context.lang
    escape = html.escape
    items = []
    frame = chart.frame
    for source_id in chart_source_ids(chart):
        source = context.dataset.source(source_id)
        publisher = source.get("publisher") or source_id
        title = source.get("title") or ""
        date = source.get("date") or t("format.date_unknown", lang)
        url = source.get("url") or source.get("via_url") or ""
        title_html = escape(title)
        if url.startswith(("http://", "https://")):
            title_html = f'<a href="{escape(url, quote=True)}">{title_html or escape(url)}</a>'
        quotes = []
        if frame is not None and not frame.empty and "quote" in frame:
            used = frame[frame["source"].astype(str) == source_id]["quote"]
            quotes = [str(quote) for quote in dict.fromkeys(used) if str(quote).strip()]
        quote_html = "".join(f"<blockquote>“{escape(quote)}”</blockquote>" for quote in quotes)
        items.append(f"<li>{escape(publisher)} · {title_html} · {escape(date)}{quote_html}</li>")
    if not items:
        return ""
    heading = escape(t("export.html.sources", lang))
    return f'<div class="sources"><strong>{heading}</strong><ul>{"".join(items)}</ul></div>'


def briefing_section(context: ExportContext) -> str:
    """The Overview's briefing first: captions whose numbers show their source and quote on
    hover (an <abbr> title), then each figure as text."""
    briefing = export_briefing(context)
    if briefing is None:
        return ""
    from dashboard.views.briefing import CaptionNumber

    lang = context.lang
    escape = html.escape
    heading = t("export.html.briefing", lang, year=briefing.year, area=briefing.area_name)
    parts = ['<section class="briefing">', f"<h2>{escape(heading)}</h2>"]
    for program in briefing.programs:
        caption = []
        for part in program.caption:
            if isinstance(part, CaptionNumber):
                reading = part.reading
                where = source_entry(context.dataset, reading.source, lang)
                title = f"{where} “{reading.quote}”" if reading.quote else where
                caption.append(
                    f'<abbr title="{escape(title, quote=True)}">{escape(part.text)}</abbr>'
                )
            else:
                caption.append(escape(part))
        figures = "".join(
            f'<li><div class="label">{escape(reading.label)}</div>'
            f'<div class="value">{escape(reading.text)}</div>'
            f'<div class="meta">{escape(str(reading.year))} · '
            f"{escape(source_entry(context.dataset, reading.source, lang))}</div></li>"
            for reading in program.readings
        )
        parts.append(
            f'<div class="program"><h3>{escape(program.name)}</h3>'
            f'<p class="caption">{"".join(caption)}</p><ul class="figures">{figures}</ul></div>'
        )
    parts.append("</section>")
    return "\n".join(parts) + "\n"
