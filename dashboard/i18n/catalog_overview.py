"""Strings of the Overview page."""

from __future__ import annotations

STRINGS: list[tuple[str, str, str]] = [
    ("overview.title", "西藏教育脱贫总览", "Tibet education poverty alleviation at a glance"),
    (
        "overview.intro",
        "所选地区一年的简报：各专题的主要数字与说明，每个数字都附来源；下方为走势与全部指标。",
        "A briefing for the selected area and year: each programme's headline figures and what "
        "they say, every number with its source; below, trends and every indicator.",
    ),
    ("overview.headline", "主要数字", "Headline figures"),
    ("overview.headline_year", "{year}的主要数字", "Headline figures for {year}"),
    ("overview.headline_latest", "各指标的最新数字", "Latest reading of each indicator"),
    ("overview.trends", "走势", "Trends"),
    (
        "overview.trends_none",
        "所选地区没有三年以上数据的指标。",
        "No indicator has three or more years of data for this area.",
    ),
    (
        "overview.trends_more",
        "另有{count}个项目的走势见其页面：",
        "Trends of {count} more programmes are on their pages: ",
    ),
    ("overview.more_on_page", "更多见“{page}”", "More on {page}"),
    ("overview.more_count", "另有{count}项", "{count} more"),
    ("overview.program_other", "其他", "Other"),
    (
        "template.column.direction",
        "变化方向（可选）：up（越高越好）、down（越低越好）、none（无所谓好坏）。",
        "Direction (optional): up (higher is better), down (lower is better), none (neither).",
    ),
    # The briefing (views/briefing.py): caption templates; a clause is dropped when one of
    # its readings is missing. Numbers carry their unit ("12,062人", "CNY 3,720 per ...").
    ("briefing.caption.lead", "{year}，{area}", "In {year} in {area}, "),
    ("briefing.caption.dropout_control.lead", "{year}，{area}", "In {year}, {area} "),
    ("briefing.caption.separator", "；", "; "),
    ("briefing.caption.end", "。", "."),
    ("briefing.caption.generic", "{name}{value}", "{name}: {value}"),
    ("briefing.caption.list_item", "{category}{value}", "{value} ({category})"),
    (
        "briefing.caption.dropout_control.found",
        "排查出失学辍学适龄儿童少年{found}",
        "found {found} children out of school",
    ),
    (
        "briefing.caption.dropout_control.returned_rate",
        "已劝返复学{returned}，劝返率{rate}",
        "returned {returned} of them to school ({rate})",
    ),
    (
        "briefing.caption.dropout_control.returned",
        "已劝返复学{returned}",
        "returned {returned} of them to school",
    ),
    (
        "briefing.caption.dropout_control.rate",
        "失学辍学儿童劝返率{rate}",
        "the return-to-school rate was {rate}",
    ),
    (
        "briefing.caption.dropout_control.poor",
        "其中建档立卡贫困家庭适龄儿童少年{found}，劝返率{rate}",
        "{found} of them from registered-poor households, with a return rate of {rate}",
    ),
    (
        "briefing.caption.dropout_control.poor_rate",
        "建档立卡贫困家庭适龄儿童少年劝返率{rate}",
        "the return rate of children from registered-poor households was {rate}",
    ),
    (
        "briefing.caption.dropout_control.retention",
        "九年义务教育巩固率{rate}",
        "the compulsory-education retention rate was {rate}",
    ),
    (
        "briefing.caption.student_aid.sanbao_covered",
        "教育“三包”年生均标准{standard}，覆盖学生{covered}",
        "the Three Guarantees standard was {standard}, covering {covered} students",
    ),
    (
        "briefing.caption.student_aid.sanbao",
        "教育“三包”年生均标准{standard}",
        "the Three Guarantees standard was {standard}",
    ),
    (
        "briefing.caption.student_aid.free_funds",
        "落实免费教育资金{funds}",
        "free-education funds of {funds} were disbursed",
    ),
    (
        "briefing.caption.student_aid.aid_funds_aided",
        "各类学生资助资金{funds}，受助学生{aided}",
        "student aid totalled {funds} for {aided}",
    ),
    (
        "briefing.caption.student_aid.aid_funds",
        "各类学生资助资金{funds}",
        "student aid totalled {funds}",
    ),
    ("briefing.caption.student_aid.aided", "受助学生{aided}", "{aided} of student aid"),
    (
        "briefing.caption.teachers.allowance",
        "乡村教师生活补助达到{items}",
        "the rural teacher allowance reached {items}",
    ),
    (
        "briefing.caption.teachers.added",
        "向师资未达标县新补充教师{added}",
        "under-staffed counties received {added} new teachers",
    ),
    (
        "briefing.caption.teachers.preschool",
        "调剂编制补充学前教育教师{added}",
        "{added} preschool teachers were added through reallocated posts",
    ),
    ("briefing.heading_year", "{year}简报 · {area}", "Briefing for {year} · {area}"),
    (
        "briefing.heading_latest",
        "各指标最新数字 · {area}",
        "Latest reading of each indicator · {area}",
    ),
    ("briefing.mode.label", "显示", "Show"),
    ("briefing.mode.year", "同一年份", "One year"),
    ("briefing.mode.latest", "各指标的最新数字", "Each indicator's latest"),
    ("briefing.card.other_year", "{year}数据", "{year} figure"),
    ("briefing.card.stale", "较旧", "Stale"),
    (
        "briefing.card.stale_hint",
        "比所示最新数字早五年以上",
        "More than five years older than the newest figure shown",
    ),
    (
        "briefing.missing_year",
        "{year}无主要数字的专题：{programs}",
        "No {year} figures for: {programs}",
    ),
    ("briefing.missing", "无主要数字的专题：{programs}", "No headline figures for: {programs}"),
    (
        "briefing.none",
        "所选地区和年份没有主要数字。",
        "No headline figures for this area and year.",
    ),
    (
        "briefing.caption_hint",
        "数字可点击查看来源与原文",
        "Each number links to its source and quote",
    ),
    ("overview.all_indicators", "全部指标（{count}项）", "All indicators ({count})"),
    ("chart.gap", "{start}—{end}年无数据", "No data {start}–{end}"),
    ("chart.events", "政策事件", "Policy events"),
    ("export.deck.briefing_year", "简报年份：{year}年", "Briefing year: {year}"),
    ("export.deck.briefing_title", "{year}年主要数字", "Headline figures, {year}"),
    ("export.sheet.headlines", "主要数字", "headlines"),
    ("export.column.caption", "说明", "caption"),
    ("export.html.briefing", "{year}年简报 · {area}", "Briefing for {year} · {area}"),
]
