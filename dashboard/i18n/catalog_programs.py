"""Strings of the programme pages (dropout control, student aid, teachers) and their charts."""

from __future__ import annotations

STRINGS: list[tuple[str, str, str]] = [
    # ---------------------------------------------------------------- shared by the three pages
    ("programs.colon", "：", ": "),
    ("programs.semicolon", "；", "; "),
    ("programs.hover.not_preferred", "未采用的读数（见备注）", "Reading not used (see note)"),
    ("programs.hover.other_readings", "另有读数", "Other reading(s)"),
    ("programs.hover.same_value", "{value}，同值", "{value}, the same"),
    ("programs.hover.note", "备注", "Note"),
    ("programs.hover.share", "占总额", "Share of the total"),
    ("programs.hover.parts_sum", "所列各项合计", "Listed parts together"),
    (
        "programs.parts_add_up",
        "{sum}，与总额一致（计算值）",
        "{sum}, equal to the total (computed)",
    ),
    (
        "programs.parts_partial",
        "{sum}，占总额{share}（计算值；来源未列出其余部分）",
        "{sum}, {share} of the total (computed; the sources do not list the rest)",
    ),
    ("programs.share_of_total", "占{share}", "{share} of total"),
    ("programs.part_prefix", "其中：", "of which: "),
    ("programs.remainder", "其他（总额减去所列各项）", "Other (total minus listed parts)"),
    (
        "programs.remainder_hint",
        "推算值：由总额减去所列各项得出，不是来源中的数字。",
        "Derived: the total minus the listed parts, not a figure from any source.",
    ),
    ("programs.derived", "推算", "derived"),
    ("programs.legend.not_preferred", "未采用的读数", "Reading not used"),
    ("programs.legend.gap", "虚线：其间年份无读数", "Dotted: no reading in between"),
    ("programs.selected_year", "所选：{year}", "Selected: {year}"),
    ("programs.annotation.other_reading", "另有读数 {value}", "other reading {value}"),
    ("programs.annotation.unused", "未采用 {value}", "not used: {value}"),
    (
        "programs.annotation.more",
        "另有{count}个未采用的读数未标注（每图最多标注{shown}个；见悬停提示或数据表）",
        "Readings not used, not labelled: {count} more (at most {shown} labels a chart; "
        "see the hover or the data table)",
    ),
    (
        "programs.region_fallback",
        "{areas}没有此项数据，以下为全区数据",
        "no data for {areas}; region-wide figures shown",
    ),
    (
        "programs.region_fallback_banner",
        "全区数据，不是{areas}的数据（所选地区没有此项数据）",
        "Region-wide figures, not {areas}'s (the selected area has no such data)",
    ),
    ("programs.missing_areas", "{areas}没有此项数据", "no such data for {areas}"),
    ("programs.more_items", "……另有{count}项，见数据表", "… and {count} more (see the data table)"),
    (
        "programs.hidden_series",
        "另有{count}条线未画出（每图最多{shown}条；选择地区或年份可缩小范围，全部数据见数据表）",
        "{count} more lines not drawn (at most {shown} a chart; pick an area or a year to "
        "narrow it, or open the data table for all)",
    ),
    (
        "programs.hidden_years",
        "较早的{count}个年份（{years}）未画出（每图最多{shown}个年份；选择年份可看该年）",
        "{count} earlier years ({years}) not drawn (at most {shown} years a chart; pick a "
        "year to see it)",
    ),
    (
        "programs.hidden_areas",
        "另有{count}个地区的数据未画出（每图最多{shown}个地区；选择地市可看其区县，全部数据见数据表）",
        "{count} more areas with data not drawn (at most {shown} areas a chart; pick a "
        "prefecture to see its counties, or open the data table for all)",
    ),
    ("programs.no_data", "{areas}没有此项数据。", "No such data for {areas}."),
    (
        "programs.no_data.in_year",
        "{areas}{year}年没有此项数据。",
        "No such data for {areas} in {year}.",
    ),
    (
        "programs.no_data.in_years",
        "{areas}{start}—{end}年没有此项数据。",
        "No such data for {areas} in {start}–{end}.",
    ),
    (
        "programs.no_data.years",
        "所选地区有数据的年份：{years}",
        "Years with data for this area: {years}",
    ),
    ("programs.no_data.areas", "有此项数据的地区：{areas}", "Areas with this data: {areas}"),
    ("programs.summary.bars", "条形图：{title}。{items}。", "Bar chart: {title}. {items}."),
    (
        "programs.summary.not_preferred",
        "另有未采用的读数：{items}。",
        "Other readings not used: {items}.",
    ),
    (
        "programs.cumulative_note",
        "多年累计（不是年度值）：",
        "Multi-year totals (not yearly values):",
    ),
    (
        "programme.intro.default",
        "本专项的指标图表。图表由数据中的图表目录声明；未声明时按指标的类型和单位自动生成。",
        "Charts of this programme's indicators, as the dataset's chart catalogue (the charts "
        "table) declares them, or derived from the indicators' kinds and units.",
    ),
    ("programme.nav.menu", "专项", "Programmes"),
    ("programme.nav.all", "全部专项", "All programmes"),
    ("programme.nav.uploaded", "上传的数据", "Your upload"),
    ("programme.nav.group.access", "入学与资助", "Access and aid"),
    ("programme.nav.group.teachers", "教师与教学", "Teachers and teaching"),
    ("programme.nav.group.resources", "投入与建设", "Funding and building"),
    ("programme.nav.group.poverty", "脱贫与背景", "Poverty exits and context"),
    ("programme.nav.group.other", "其他专项", "Other programmes"),
    ("programme.not_found", "没有这个专项：{program}", "No such programme: {program}"),
    ("programme.not_found_choose", "请从以下专项中选择：", "Choose one of these programmes:"),
    ("programme.no_charts", "这个专项没有可画的数据。", "This programme has no data to chart."),
    # ---------------------------------------------------------------- the template's charts sheet
    (
        "template.column.charts.chart",
        "图表编号：小写字母、数字、_ 和 -，如 nutrition-beneficiaries。同一编号再次声明即替换。",
        "Chart id: lower-case letters, digits, _ and -, e.g. nutrition-beneficiaries. "
        "Declaring an id again replaces that chart.",
    ),
    (
        "template.column.charts.program",
        "图表所属专项（programs 表或 list_programs 中的编号）。",
        "The programme whose page shows the chart (an id of programs or list_programs).",
    ),
    (
        "template.column.charts.kind",
        "图表类型：trend、steps、bars、paired、composition、map（见 list_chart_kinds）。",
        "Chart kind: trend, steps, bars, paired, composition, map (see list_chart_kinds).",
    ),
    (
        "template.column.charts.indicators",
        "所画的指标编号，多个用 | 分隔。",
        "Indicator ids drawn, |-separated.",
    ),
    (
        "template.column.charts.dimension",
        "分组维度（可选，多个用 | 分隔），如 school_type。",
        "Breakdown dimension (optional, |-separated), e.g. school_type.",
    ),
    ("template.column.title_zh", "中文标题（可选）。", "Title in Chinese (optional)."),
    ("template.column.title_en", "英文标题（可选）。", "Title in English (optional)."),
    (
        "template.column.subtitle_zh",
        "副标题中的说明（可选），如口径。",
        "A note in the subtitle (optional), e.g. the basis.",
    ),
    (
        "template.column.subtitle_en",
        "英文副标题说明（可选）。",
        "The subtitle note in English (optional).",
    ),
    ("template.column.order", "在页面上的次序（数字）。", "Position on the page (a number)."),
    (
        "template.column.options",
        "选项（可选）：key=value; key=value，如 label=indicator; series=year"
        "（见 list_chart_options）。",
        "Options (optional): key=value; key=value, e.g. label=indicator; series=year "
        "(see list_chart_options).",
    ),
    # ---------------------------------------------------------------- dropout control
    ("dropout.title", "控辍保学", "Dropout control"),
    (
        "dropout.intro",
        "排查出的失学辍学儿童、劝返复学情况和义务教育巩固率。建档立卡儿童是全部儿童中的一部分，"
        "两组并列显示，不相加。",
        "Out-of-school children found and brought back to school, and the compulsory-education "
        "retention rate. Registered-poor children are part of all children: the two groups are "
        "shown side by side, not added.",
    ),
    (
        "dropout.found_returned.title",
        "失学辍学儿童：排查数与劝返数",
        "Out-of-school children: found and returned",
    ),
    (
        "dropout.subgroup_note",
        "建档立卡儿童包含在全部儿童之中",
        "registered-poor children are included in all children",
    ),
    ("dropout.return_rate.title", "劝返率", "Return-to-school rate"),
    ("dropout.retention.title", "九年义务教育巩固率", "Compulsory education retention rate"),
    (
        "dropout.retention.basis",
        "各来源口径可能不同，悬停查看来源",
        "bases differ between sources; hover for the source",
    ),
    (
        "dropout.check.title",
        "疑似失学儿童核查结果（地市数据）",
        "Check of suspected out-of-school children (prefecture data)",
    ),
    (
        "dropout.check.level",
        "地市自行核查的数字，不是全区数字",
        "a prefecture's own check, not region-wide figures",
    ),
    # ---------------------------------------------------------------- student aid
    ("aid.title", "学生资助", "Student aid and subsidies"),
    (
        "aid.intro",
        "15年免费教育补助标准、教育“三包”标准的历次调整、资助资金的构成和受助学生。"
        "标准是政策规定的金额，不是实际支出。",
        "The 15-year free-education subsidy, the Three Guarantees (food, lodging and study "
        "costs) standard over the years, what the aid total is made of, and the students "
        "covered. Standards are policy rates, "
        "not spending.",
    ),
    (
        "aid.free_education.title",
        "15年免费教育：各学段年生均补助标准",
        "Free education: subsidy per student per year by school type",
    ),
    ("programs.setting.rural", "农村", "Rural"),
    ("programs.setting.urban", "城镇", "Urban"),
    ("programs.setting.all", "城乡统一", "Rural and urban"),
    (
        "aid.sanbao.title",
        "教育“三包”年生均标准（1985年以来）",
        "Three Guarantees (food, lodging, study costs) standard per student per year since 1985",
    ),
    (
        "aid.sanbao.note",
        "阶梯线：标准自公布之年起执行；空心圆为未采用的读数",
        "steps: a standard applies from the year it is announced; hollow circles are readings "
        "not used",
    ),
    ("aid.sanbao.region_standard", "全区标准（平均）", "Region-wide standard (average)"),
    ("aid.parts.title", "学生资助资金及其组成", "Student aid funds and their parts"),
    (
        "programs.parts.not_all_parts",
        "来源只列出部分组成项，未列出的部分不作推算。",
        "The sources list only some parts; the rest is not estimated.",
    ),
    (
        "programs.parts.no_total",
        "该年没有资助资金总额，只显示已有的分项。",
        "No aid total for this year; only the parts that exist are shown.",
    ),
    (
        "programs.parts.no_parts",
        "该年没有分项数据，只显示总额。",
        "No parts for this year; only the total is shown.",
    ),
    ("aid.recipients.title", "受助学生人数与人次", "Students and person-times covered"),
    # ---------------------------------------------------------------- teachers
    ("teachers.title", "乡村教师", "Rural teachers"),
    (
        "teachers.intro",
        "乡村教师生活补助（按海拔划分的艰苦地区类别）、新补充教师、培训经费和教师人数。"
        "规划目标以空心斜线柱表示，不是实际发放的标准。",
        "The rural teacher allowance by hardship (altitude) area class, teachers added, training "
        "funds and headcounts. Planned targets are hollow hatched bars, not the rates paid.",
    ),
    (
        "teachers.allowance.title",
        "乡村教师生活补助：每人每月标准",
        "Rural teacher allowance per teacher per month",
    ),
    ("teachers.allowance.average", "月人均", "Average per teacher"),
    (
        "teachers.allowance.kinds",
        "斜线空心柱为规划目标，实心柱为执行标准",
        "hatched hollow bars are planned targets, solid bars the rates in force",
    ),
    ("teachers.added.title", "新补充教师", "Teachers added"),
    ("teachers.training.title", "教师培训经费及其组成", "Teacher training funds by plan"),
    ("teachers.headcount.title", "教师与教职工人数", "Teachers and school staff"),
]
