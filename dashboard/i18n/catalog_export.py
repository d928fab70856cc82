"""Strings of the exports: image captions, decks, workbooks, offline pages, download notices."""

from __future__ import annotations

STRINGS: list[tuple[str, str, str]] = [
    # ---------------------------------------------------------------- captions on every export
    (
        "export.caption.source",
        "{publisher}《{title}》（{date}）",
        "{publisher}, “{title}” ({date})",
    ),
    ("export.caption.source_untitled", "{publisher}（{date}）", "{publisher} ({date})"),
    ("export.caption.data_years", "数据年份：{years}", "Data for {years}"),
    (
        "export.caption.no_years",
        "数据年份：所选条件下无数据",
        "Data for: no reading for these filters",
    ),
    ("export.caption.exported_on", "导出日期：{date}", "Exported {date}"),
    ("export.caption.dashboard", "西藏教育脱贫数据看板", "Tibet education dashboard"),
    # ---------------------------------------------------------------- page-level menu items
    ("export.csv", "本页数据（CSV）", "Data of this page (CSV)"),
    ("export.html", "离线网页（HTML）", "Offline page (HTML)"),
    # ---------------------------------------------------------------- slide deck
    ("export.deck.date", "导出日期：{date}", "Exported on {date}"),
    ("export.deck.chart_count", "本页共 {count} 张图表", "{count} charts on this page"),
    (
        "export.deck.sources_in_notes",
        "等 {count} 个来源，见演讲者备注",
        "and {more} more in the speaker notes",
    ),
    ("export.deck.empty_chart", "所选范围内没有数据", "No data for this selection"),
    ("export.notes.summary", "摘要：{summary}", "Summary: {summary}"),
    ("export.notes.key_numbers", "关键数字与原文：", "Key numbers and their quotes:"),
    ("export.notes.row", "{label}：{value}", "{label}: {value}"),
    ("export.notes.quote", "原文：“{quote}”（{source}）", "Quote: “{quote}” ({source})"),
    (
        "export.notes.more",
        "另有 {count} 个数字，见数据导出。",
        "{count} more numbers: see the data export.",
    ),
    ("export.notes.sources", "本图全部来源：", "All sources of this chart:"),
    ("export.notes.none", "本图没有数据。", "This chart has no data."),
    # ---------------------------------------------------------------- workbook and CSV
    ("export.sheet.data", "数据", "data"),
    ("export.sheet.indicators", "指标说明", "indicators"),
    ("export.sheet.sources", "来源与原文", "sources"),
    ("export.sheet.filters", "筛选条件", "filters"),
    ("export.sheet.citation", "引用方式", "how to cite"),
    ("export.column.obs_id", "记录编号", "record id"),
    ("export.column.indicator", "指标代码", "indicator id"),
    ("export.column.indicator_name", "指标", "indicator"),
    ("export.column.program", "项目", "programme"),
    ("export.column.area", "地区代码", "area code"),
    ("export.column.area_name", "地区", "area"),
    ("export.column.year", "年份", "year"),
    ("export.column.breakdown", "分类", "breakdown"),
    ("export.column.value", "数值", "value"),
    ("export.column.unit", "单位", "unit"),
    ("export.column.kind", "数值类型", "kind of value"),
    ("export.column.source", "来源代码", "source id"),
    ("export.column.publisher", "发布者", "publisher"),
    ("export.column.source_title", "来源标题", "source title"),
    ("export.column.source_date", "发布日期", "published"),
    ("export.column.url", "网址", "URL"),
    ("export.column.via_url", "读取副本的网址", "copy read at"),
    ("export.column.quote", "原文", "quote"),
    ("export.column.note", "英文说明", "note (English)"),
    ("export.column.note_zh", "中文说明", "note (Chinese)"),
    ("export.column.description", "定义", "definition"),
    ("export.column.decimals", "小数位", "decimals"),
    ("export.column.setting", "项", "setting"),
    ("export.column.setting_value", "值", "value"),
    ("export.column.charts", "所在图表", "charts"),
    ("export.column.preferred", "首选读数", "preferred reading"),
    ("export.value.yes", "是", "yes"),
    ("export.value.no", "否（另一来源的读数）", "no (another source's reading)"),
    ("export.filter.page", "页面", "page"),
    ("export.filter.filters", "筛选条件", "filters"),
    ("export.filter.language", "语言", "language"),
    ("export.filter.rows", "导出行数", "rows exported"),
    ("export.filter.exported_on", "导出日期", "exported on"),
    ("export.filter.dataset", "数据文件", "data file"),
    ("export.filter.link", "链接参数", "link query"),
    ("export.filter.charts", "图表", "charts"),
    (
        "export.rows_note",
        "共 {rows} 行，即本页图表所显示（已筛选）的全部记录。",
        "{rows} rows: exactly the (filtered) records the page's charts show.",
    ),
    (
        "export.citation.intro",
        "请引用原始来源（见“来源与原文”表），并注明数据经由本看板整理：",
        "Please cite the original sources (see the sources sheet) and note that the data "
        "were compiled by this dashboard:",
    ),
    (
        "export.citation.text",
        "西藏教育脱贫数据看板，{page}，{filters}。导出于{date}。",
        "Tibet education poverty-alleviation dashboard, {page}, {filters}. Exported {date}.",
    ),
    (
        "export.citation.quotes",
        "每个数字的原文见“数据”表的“原文”列；不同来源的冲突读数按书面规则择一，其余读数仍在来源中。",
        "Each number's quote is in the data sheet's quote column; where sources disagree one "
        "reading is preferred by a written rule and the others remain in their sources.",
    ),
    (
        "export.citation.formulas",
        "以 = + - @ 开头的文字单元格前加了 '，以免被电子表格当作公式执行。",
        "Text cells starting with = + - @ are prefixed with ' so that a spreadsheet does not "
        "run them as formulas.",
    ),
    # ---------------------------------------------------------------- offline page
    (
        "export.html.offline_note",
        "离线网页：无需联网即可查看，导出于{date}。",
        "Offline page: works without a network; exported {date}.",
    ),
    ("export.html.summary", "摘要", "Summary"),
    ("export.html.sources", "来源", "Sources"),
    # ---------------------------------------------------------------- download notices
    ("export.status.ready", "已生成：{filename}", "Ready: {filename}"),
    (
        "export.status.ready_rows",
        "已生成：{filename}（{rows} 行数据）",
        "Ready: {filename} ({rows} rows)",
    ),
    (
        "export.status.busy",
        "导出服务繁忙，请稍后再试。",
        "The exporter is busy; please try again shortly.",
    ),
    ("export.status.failed", "导出失败：{reason}", "Export failed: {reason}"),
    ("export.status.unknown_chart", "本页没有图表“{chart}”。", "This page has no chart “{chart}”."),
    ("export.status.no_page", "此页面没有可导出的图表。", "This page has no charts to export."),
    ("export.status.working", "正在生成导出文件…", "Preparing the export…"),
]
