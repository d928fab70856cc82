"""What every export of a page needs: the View as the user sees it, its words and its rows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.i18n import check_lang, format_years, join_list, t
from dashboard.views import source_names

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState
    from dashboard.views import Chart, View
    from dashboard.views.briefing import Briefing

SOURCES_SHOWN = 3  # on a caption; the rest are counted ("and 2 more")

# Words that only make sense on the web page (a pointer to hover, click or drag). Exports are
# read on paper, a projector or a PC without the page: `print_text` leaves such clauses out.
WEB_ONLY = re.compile(
    r"悬停|点击|单击|双击|拖动|拖拽|鼠标|轻触|\bhover|\bclick|\bdrag|\btap\b|\bmouse",
    re.IGNORECASE,
)
_PLAIN = r"[^，；;,（）()·]"  # a clause's characters: no separator, bracket or middle dot
_WEB_CLAUSE = rf"{_PLAIN}*?(?:{WEB_ONLY.pattern}){_PLAIN}*"
_WEB_CLAUSES = [
    # "…，悬停查看来源" / "…; hover for the source" / "（每图…；见悬停提示或数据表）"
    re.compile(rf"\s*(?:[，；;,]|\s·)\s*{_WEB_CLAUSE}", re.IGNORECASE),
    # "（悬停查看）" / " (hover for details)": a bracket that holds only the web clause
    re.compile(rf"\s*[（(]\s*{_WEB_CLAUSE}\s*[）)]", re.IGNORECASE),
    # "点击地区可筛选，…": the first clause
    re.compile(rf"^\s*{_WEB_CLAUSE}(?:[，；;,]|\s·)\s*", re.IGNORECASE),
]


@dataclass(frozen=True)
class ExportContext:
    """One page's charts for one user's filters, frozen at the moment of export."""

    view: View
    dataset: Dataset
    lang: str
    filters: str  # the active filters in words, in lang
    query: str = ""  # the URL query that reproduces the view ("?lang=en&area=540100")
    exported_on: dt.date = field(default_factory=dt.date.today)
    state: FilterState | None = None  # the filters exported (the briefing needs its year)

    @classmethod
    def for_page(cls, page: str, dataset: Dataset, state: FilterState) -> ExportContext:
        """Build the page's View for a FilterState, exactly as the page shows it."""
        from dashboard import state as state_module
        from dashboard.views import build_view

        view = build_view(page, dataset, state)
        lang = check_lang(state.lang)
        return cls(
            view=view,
            dataset=dataset,
            lang=lang,
            filters=filters_in_words(dataset, state, lang),
            query=state_module.to_query(state),
            state=state,
        )

    @property
    def page_title(self) -> str:
        return self.view.title

    def chart(self, name: str) -> Chart:
        for chart in self.view.charts:
            if chart.name == name:
                return chart
        raise KeyError(name)

    def filename(self, extension: str, chart: str | None = None) -> str:
        """ASCII file name: page[-chart]-lang-date.ext (chart names are kebab-case ids)."""
        parts = [self.view.page, chart, self.lang, self.exported_on.isoformat()]
        stem = "-".join(safe_name(part) for part in parts if part)
        return f"{stem}.{extension}"


def export_briefing(context: ExportContext) -> Briefing | None:
    """The Overview's briefing (headline figures and captions) for the exported filters;
    None for other pages. The same computation as the page, so the numbers agree."""
    if context.view.page != "overview" or context.state is None:
        return None
    from dashboard.views.briefing import build_briefing

    briefing = build_briefing(context.dataset, context.state)
    return briefing if briefing.programs else None


def print_text(text: str) -> str:
    """The text without its clauses that point at the web page ("悬停查看来源", "hover for the
    source"); the rest of the sentence stays. A text that is nothing but such a clause is ""."""
    if not text or not WEB_ONLY.search(text):
        return text
    for pattern in _WEB_CLAUSES:
        text = pattern.sub("", text)
    return "" if WEB_ONLY.search(text) else text.strip()


def safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "export"


def filters_in_words(dataset: Dataset, state: FilterState, lang: str) -> str:
    """ "当前：拉萨市、那曲市；2019年" - the state's filters as the filter bar states them."""
    areas = [dataset.area_name(code, lang) for code in state.areas]
    year, year_range = state.year, state.year_range
    if year:
        years = format_years([year], lang)
    elif state.all_years:
        years = t("filter.year.all", lang)
        if year_range:
            years += " " + t("format.year_range", lang, start=year_range[0], end=year_range[1])
    elif year_range:
        years = t("format.year_range", lang, start=year_range[0], end=year_range[1])
    else:
        years = t("filter.summary.latest", lang)
    text = t("filter.summary", lang, areas=join_list(areas, lang), years=years)
    separator = "；" if lang == "zh" else "; "
    if state.within:
        text += separator + t("filter.summary.within", lang)
    if state.program:
        text += separator + dataset.program_name(state.program, lang)
    if state.indicator:
        text += separator + dataset.indicator(state.indicator).name(lang)
    return text


# ------------------------------------------------------------------ sources and dates


def source_entry(dataset: Dataset, source_id: str, lang: str) -> str:
    """ "减贫研究数据库《西藏教育脱贫取得显著成效》（2020-03-23）" for one source id."""
    return entry_text(*source_parts(dataset, source_id, lang), lang)


def source_parts(dataset: Dataset, source_id: str, lang: str) -> tuple[str, str, str]:
    """A source's (publisher, title, date) as an export names it, in `lang` as the pages name
    it (views.source_names); "" for no title."""
    source = dataset.source(source_id)
    publisher = source_names.publisher(source, lang) or source_id
    date = source_names.date(source) or t("format.date_unknown", lang)
    return publisher, source_names.title(source, lang, or_id=False), date


def entry_text(publisher: str, title: str, date: str, lang: str) -> str:
    """source_entry's words for these parts (a caller may have shortened one of them)."""
    if title:
        return t("export.caption.source", lang, publisher=publisher, title=title, date=date)
    return t("export.caption.source_untitled", lang, publisher=publisher, date=date)


def chart_source_ids(chart: Chart) -> list[str]:
    """The chart's sources in order of use; from its rows when the view listed none."""
    if chart.sources:
        return list(dict.fromkeys(chart.sources))
    if chart.frame is None or chart.frame.empty or "source" not in chart.frame:
        return []
    return list(dict.fromkeys(str(source) for source in chart.frame["source"]))


def source_line(chart: Chart, dataset: Dataset, lang: str, limit: int = SOURCES_SHOWN) -> str:
    """ "来源：A；B；C等 2 个来源" - the caption under a chart."""
    ids = chart_source_ids(chart)
    if not ids:
        return ""
    shown = [source_entry(dataset, source_id, lang) for source_id in ids[:limit]]
    separator = "；" if lang == "zh" else "; "
    text = t("chart.source_label", lang) + separator.join(shown)
    if len(ids) > limit:
        text += (" " if lang == "en" else "") + t("chart.source_more", lang, count=len(ids) - limit)
    return text


def data_years_line(chart: Chart, lang: str) -> str:
    """ "数据年份：2017—2024年" from the rows plotted."""
    frame = chart.frame
    if frame is None or frame.empty or "year" not in frame:
        return t("export.caption.no_years", lang)
    years = sorted({int(year) for year in frame["year"]})
    if len(years) > 3:
        text = t("format.year_range", lang, start=years[0], end=years[-1])
    else:
        text = format_years(years, lang)
    return t("export.caption.data_years", lang, years=text)


def caption_lines(chart: Chart, context: ExportContext) -> list[str]:
    """Source line, then data years and export date: what an image says about itself."""
    lang = context.lang
    dates = "  ·  ".join(
        [
            data_years_line(chart, lang),
            t("export.caption.exported_on", lang, date=context.exported_on.isoformat()),
            t("export.caption.dashboard", lang),
        ]
    )
    line = source_line(chart, context.dataset, lang)
    return [line, dates] if line else [dates]


# ------------------------------------------------------------------ rows


def exported_rows(context: ExportContext) -> pd.DataFrame:
    """Exactly the rows the page's charts show: each observation once, in table order."""
    frames = [
        chart.frame for chart in context.view.charts if chart.frame is not None and len(chart.frame)
    ]
    if not frames:
        columns = context.dataset.observations.columns
        return pd.DataFrame(columns=columns)
    combined = pd.concat([frame.astype(object) for frame in frames], ignore_index=True)
    if "obs_id" in combined:
        combined = combined.drop_duplicates(subset="obs_id").sort_values("obs_id", kind="stable")
    return combined.reset_index(drop=True)


def charts_of_rows(context: ExportContext) -> dict[int, list[str]]:
    """obs_id -> titles of the charts that show it (for the workbook's data sheet)."""
    shown: dict[int, list[str]] = {}
    for chart in context.view.charts:
        if chart.frame is None or chart.frame.empty or "obs_id" not in chart.frame:
            continue
        for obs_id in chart.frame["obs_id"]:
            shown.setdefault(int(obs_id), []).append(chart.title)
    return shown
