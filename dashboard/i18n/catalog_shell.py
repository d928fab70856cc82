"""Strings of the shell: navigation, filters, notices, search, chart and KPI cards, formats."""

from __future__ import annotations

STRINGS: list[tuple[str, str, str]] = [
    # ---------------------------------------------------------------- the app
    ("app.title", "西藏教育脱贫数据看板", "Tibet Education Poverty Alleviation Dashboard"),
    ("app.title_short", "西藏教育脱贫", "Tibet education"),
    ("app.brand", "西藏教育脱贫数据看板", "Tibet Education Dashboard"),
    ("app.document_title", "{page} · 西藏教育脱贫数据看板", "{page} · Tibet education dashboard"),
    (
        "app.footer",
        "每个数字都注明出处与原文；缺失的数据留空，不做插补。",
        "Every number shows its source and the sentence it came from; gaps stay gaps.",
    ),
    ("app.skip_to_main", "跳到主要内容", "Skip to main content"),
    ("app.loading", "正在加载…", "Loading…"),
    # ---------------------------------------------------------------- pages (nav labels, search)
    ("page.overview.name", "总览", "Overview"),
    ("page.dropout.name", "控辍保学", "Dropout control"),
    ("page.aid.name", "学生资助", "Student aid"),
    ("page.teachers.name", "乡村教师", "Teachers"),
    ("page.map.name", "地图", "Map"),
    ("page.data.name", "数据", "Data"),
    ("page.sources.name", "来源", "Sources"),
    ("page.upload.name", "上传", "Upload"),
    ("page.not_found.name", "未找到页面", "Page not found"),
    (
        "page.not_found.text",
        "没有这个页面。请从上方导航选择页面，或使用搜索。",
        "There is no such page. Choose a page in the navigation above, or search.",
    ),
    ("page.not_found.home", "返回总览", "Back to the overview"),
    (
        "page.overview.keywords",
        "总览 概况 首页 主要指标",
        "overview summary home headline figures",
    ),
    (
        "page.dropout.keywords",
        "控辍保学 辍学 失学 劝返 返校 复学 巩固率 义务教育 建档立卡",
        "dropout drop out out of school return returned retention compulsory education",
    ),
    (
        "page.aid.keywords",
        "学生资助 资助 三包 包吃 包住 包学习费用 免费教育 十五年免费教育 补助 助学金 大学生",
        "student aid subsidy three guarantees board lodging fees free education grant",
    ),
    (
        "page.teachers.keywords",
        "乡村教师 教师 生活补助 补助 津贴 艰苦边远 二类区 三类区 四类区 培训 国培 区培 编制",
        "teachers teacher rural allowance hardship area class training posts",
    ),
    (
        "page.map.keywords",
        "地图 地市 县区 分布 地理",
        "map prefectures counties geography",
    ),
    ("page.data.keywords", "数据 表格 下载 明细", "data table download rows"),
    ("page.sources.keywords", "来源 出处 原文 文件 报道", "sources documents quotes references"),
    ("page.upload.keywords", "上传 导入 自己的数据 模板", "upload import your data template"),
    # ---------------------------------------------------------------- navigation
    ("nav.label", "主导航", "Main navigation"),
    ("nav.toggle", "展开或收起导航", "Show or hide navigation"),
    ("nav.language", "语言", "Language"),
    ("nav.lang.zh", "中文", "中文"),
    ("nav.lang.en", "English", "English"),
    ("nav.lang.zh_hint", "切换到中文", "Show in Chinese"),
    ("nav.lang.en_hint", "Show in English", "Show in English"),
    # ---------------------------------------------------------------- filters
    ("filter.bar_label", "筛选条件", "Filters"),
    ("filter.area.label", "地区", "Area"),
    ("filter.area.placeholder", "西藏全区", "Whole region"),
    ("filter.year.label", "年份", "Year"),
    ("filter.year.latest", "最新数据（各指标最新一年）", "Latest (each indicator's latest year)"),
    ("filter.year.all", "全部年份", "Every year"),
    ("filter.within.label", "包括下辖地区", "Include the areas within"),
    (
        "filter.within.hint",
        "勾选后，所选地区下辖的地市和县区的数据也一并列出",
        "When ticked, the prefectures and counties inside the chosen areas are listed too",
    ),
    (
        "filter.years_note.trend",
        "年份：“年份”决定条形图、地图和数字卡片（最新数据 = 各指标最新一年）；"
        "“年份范围”决定趋势图。",
        "Years: “Year” sets the bar charts, map and figure cards (Latest = each indicator's "
        "latest year); “Years” sets the trend charts.",
    ),
    (
        "filter.years_note.table",
        "年份：最新数据 = 每个指标、每个地区最新一年的数据；全部年份 = 年份范围内的每一年。",
        "Years: Latest = each indicator's latest year in each area; Every year = every year "
        "in the year range.",
    ),
    (
        "filter.years_note.latest",
        "年份：最新数据 = 各指标最新一年的数据。",
        "Years: Latest = each indicator's latest year.",
    ),
    ("filter.help", "筛选规则", "How the filters work"),
    (
        "filter.area_rule",
        "地区：默认为西藏自治区全区；选择地市或县区即替换全区，只显示所选地区的数据；"
        "所选地区某项无数据时会注明，全区数字只在标明“全区”时显示。",
        "Areas: the whole region by default; choosing prefectures or counties replaces it and "
        "shows those areas only; where a chosen area has no reading the page says so, and "
        "region figures appear only where labelled as region figures.",
    ),
    # The area rule's one wording of a missing reading (every page and export).
    ("area_rule.missing_year", "{area}：{year}无此项数据", "{area}: no reading for {year}"),
    ("area_rule.missing", "{area}：无此项数据", "{area}: no reading"),
    ("area_rule.region_label", "（全区数字）", " (region figure)"),
    ("filter.year_range.label", "年份范围", "Years"),
    ("filter.year_range.from", "起始年份", "From year"),
    ("filter.year_range.to", "截止年份", "To year"),
    ("filter.indicator.label", "指标", "Indicator"),
    ("filter.indicator.placeholder", "全部指标", "All indicators"),
    ("filter.program.label", "项目", "Programme"),
    ("filter.program.placeholder", "全部项目", "All programmes"),
    ("filter.clear", "清除选择", "Clear selection"),
    ("filter.clear_hint", "恢复为全区、最新年份", "Back to the whole region and latest year"),
    (
        "filter.crossfilter_hint",
        "提示：点击图中的地区可按地区筛选，按住 Shift 或 Ctrl 点击可添加地区。",
        "Tip: click an area in a chart to filter by it; hold Shift or Ctrl to add it.",
    ),
    ("filter.summary", "当前：{areas}；{years}", "Showing: {areas}; {years}"),
    ("filter.summary.latest", "各指标最新数据", "latest reading of each indicator"),
    # The one-line filter bar of a phone: the choices in short, and the button to change them.
    ("filter.toggle", "筛选", "Filters"),
    ("filter.compact.label", "当前筛选条件", "Current filters"),
    ("filter.compact.latest", "最新数据", "Latest"),
    ("filter.compact.more_areas", "{first}等{count}个地区", "{first} +{more} areas"),
    # ---------------------------------------------------------------- notices (dropped URL values)
    (
        "notice.dropped.title",
        "链接中的部分设置无法使用，已忽略：",
        "Some settings in the link could not be used and were ignored:",
    ),
    ("notice.dropped.item", "{param} = “{value}”：{reason}", "{param} = “{value}”: {reason}"),
    ("notice.dismiss", "关闭提示", "Dismiss"),
    ("notice.reason.unknown_parameter", "不认识的参数", "unknown setting"),
    ("notice.reason.repeated", "参数重复，只用第一个", "given more than once; the first was used"),
    (
        "notice.reason.unknown_language",
        "不支持的语言（可用 zh 或 en）",
        "unknown language (use zh or en)",
    ),
    ("notice.reason.not_an_area_code", "不是地区代码", "not an area code"),
    ("notice.reason.unknown_area", "数据中没有这个地区", "no such area in the data"),
    (
        "notice.reason.too_many_areas",
        "地区太多，只保留前 {limit} 个",
        "too many areas; kept the first {limit}",
    ),
    ("notice.reason.not_a_year", "不是年份", "not a year"),
    ("notice.reason.year_out_of_range", "年份超出范围", "year out of range"),
    ("notice.reason.no_data_for_year", "该年份没有数据", "no data for that year"),
    ("notice.reason.unknown_indicator", "没有这个指标", "no such indicator"),
    ("notice.reason.unknown_program", "没有这个项目", "no such programme"),
    (
        "notice.reason.too_many_parameters",
        "参数太多，其余已忽略",
        "too many settings; the rest were ignored",
    ),
    ("notice.reason.not_text", "格式不对", "wrong format"),
    ("notice.reason.not_a_switch", "应为 1 或 0", "should be 1 or 0"),
    ("notice.reason.not_a_table_sort", "不是表格排序", "not a table sort"),
    ("notice.reason.not_a_table_filter", "不是表格筛选条件", "not a table filter"),
    (
        "notice.reason.upload_ended",
        "只存在于已结束的预览上传中",
        "it belonged to a preview upload that is no longer active",
    ),
    # ---------------------------------------------------------------- search
    ("search.label", "搜索", "Search"),
    (
        "search.placeholder",
        "搜索：劝返、三包、那曲…",
        "Search: dropout, Nagqu…",
    ),
    ("search.suggested", "试试：", "Try:"),
    (
        "search.suggestions",
        "劝返|三包|教师生活补助|那曲|巩固率",
        "dropout|allowance|three guarantees|Nagqu|retention",
    ),
    ("search.none", "没有找到“{query}”", "Nothing found for “{query}”"),
    ("search.results_label", "搜索结果", "Search results"),
    ("search.kind.page", "页面", "Page"),
    ("search.kind.chart", "图表", "Chart"),
    ("search.kind.indicator", "指标", "Indicator"),
    ("search.kind.program", "项目", "Programme"),
    ("search.kind.area", "地区", "Area"),
    ("search.kind.source", "来源", "Source"),
    ("search.on_page", "在{page}", "on {page}"),
    # ---------------------------------------------------------------- exports (placeholders)
    ("export.menu", "导出", "Export"),
    ("export.deck", "本页幻灯片（PPTX）", "Slides of this page (PPTX)"),
    ("export.data", "本页数据（XLSX）", "Data of this page (XLSX)"),
    ("export.present", "演示模式（Esc 退出）", "Present this page (Esc to leave)"),
    ("export.column.value_shown", "页面显示的数值", "value as shown"),
    ("export.column.unit_name", "单位名称", "unit name"),
    ("export.filter.units", "单位", "units"),
    (
        "export.units_note",
        "“数值”为规范单位（见“单位”列）下的原值；“页面显示的数值”为页面上的写法（含万、亿等）。",
        "“value” is in the canonical unit (column “unit”); “value as shown” is as the page "
        "writes it (with thousands, millions and the unit).",
    ),
    ("export.filter.missing", "无数据的地区", "areas without a reading"),
    ("export.filter.table", "表格筛选与排序", "table filters and sort"),
    ("filter.summary.within", "包括下辖地区", "areas within included"),
    ("export.chart_group", "导出图表：{title}", "Export chart: {title}"),
    ("export.chart_button", "下载 {format}：{title}", "Download {format}: {title}"),
    # ---------------------------------------------------------------- kinds of value
    ("kind.outcome", "实际值", "Outcome"),
    ("kind.standard", "标准", "Standard"),
    ("kind.target", "目标", "Target"),
    ("kind.cumulative", "累计", "Cumulative"),
    ("kind.outcome.hint", "当年实际达到的数值", "what was achieved in that year"),
    (
        "kind.standard.hint",
        "政策规定的标准（如每生每年补助额）",
        "a policy rate, e.g. per student per year",
    ),
    ("kind.target.hint", "计划或预期，不是实际结果", "a plan or expectation, not an outcome"),
    (
        "kind.cumulative.hint",
        "多年累计总数，不是当年数值",
        "a total over several years, not one year's value",
    ),
    # ---------------------------------------------------------------- formats
    ("value.missing", "—", "—"),
    ("format.year", "{year}年", "{year}"),
    ("format.year_list", "{years}年", "{years}"),
    ("format.year_range", "{start}—{end}年", "{start}–{end}"),
    ("format.list_separator", "、", ", "),
    ("format.percentage_points", "{value}个百分点", "{value} percentage points"),
    ("format.date_unknown", "日期不详", "date unknown"),
    # ---------------------------------------------------------------- chart cards
    ("chart.source_label", "来源：", "Source: "),
    ("chart.source_more", "等 {count} 个来源", "and {count} more"),
    ("chart.empty", "所选范围内没有数据", "No data for this selection"),
    ("chart.empty_hint", "试试其他年份或地区", "Try another year or area"),
    ("chart.hover.year", "年份", "Year"),
    ("chart.hover.value", "数值", "Value"),
    ("chart.hover.area", "地区", "Area"),
    ("chart.hover.kind", "类型", "Kind"),
    ("chart.hover.source", "来源", "Source"),
    (
        "summary.trend",
        "折线图：{title}，{start}—{end}年，共{count}个数据点；"
        "最新为{last_year}年的{last}，最高为{max_year}年的{max}。",
        "Line chart: {title}, {start}–{end}, {count} points; "
        "latest {last} in {last_year}, highest {max} in {max_year}.",
    ),
    (
        "summary.bars",
        "条形图：{title}，共{count}项；最高为{max_label}的{max}，最低为{min_label}的{min}。",
        "Bar chart: {title}, {count} bars; "
        "highest {max} in {max_label}, lowest {min} in {min_label}.",
    ),
    ("summary.empty", "{title}：所选范围内没有数据。", "{title}: no data for this selection."),
    # ---------------------------------------------------------------- KPI cards
    ("kpi.change", "较{year}年{delta}", "{delta} since {year}"),
    ("kpi.unchanged", "与{year}年持平", "unchanged since {year}"),
    ("kpi.no_previous", "无更早数据可比较", "no earlier reading to compare"),
    ("kpi.source", "来源：{publisher}，{date}", "Source: {publisher}, {date}"),
    (
        "kpi.quote_elsewhere",
        "原句见来源页",
        "The sentence it was read from (in Chinese) is on the Sources page.",
    ),
    ("kpi.where_when", "{area} · {year}", "{area} · {year}"),
    ("kpi.kind_label", "数值类型：{kind}", "Kind of value: {kind}"),
    (
        "kpi.other_readings",
        "另有{count}个不同来源的读数",
        "{count} other reading(s) from other sources",
    ),
    # ---------------------------------------------------------------- no data
    ("no_data.title", "所选地区和年份没有数据", "No data for the selected area and year"),
    ("no_data.nearest_years", "相近的有数据年份：{years}", "Nearest years with data: {years}"),
    ("no_data.areas", "{year}有数据的地区：{areas}", "Areas with data in {year}: {areas}"),
    ("no_data.no_area_data", "数据中还没有{area}的数据", "The data has nothing for {area} yet"),
    (
        "no_data.region_not_prefecture",
        "全区数据不能当作某一地市的数据；请选择“西藏自治区”查看。",
        "Region-wide figures are not a prefecture's; choose the whole region to see them.",
    ),
]
