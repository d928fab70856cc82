"""Strings of the Overview page."""

from __future__ import annotations

STRINGS: list[tuple[str, str, str]] = [
    ("overview.title", "西藏教育脱贫总览", "Tibet education poverty alleviation at a glance"),
    (
        "overview.intro",
        "所选地区与年份的主要数字，每个数字都附来源；下方为有多年数据的指标走势。",
        "Headline figures for the selected area and year, each with its source; below, the "
        "indicators that have several years of data.",
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
    ("overview.more_on_page", "更多见“{page}”", "More on {page}"),
    ("overview.more_count", "另有{count}项", "{count} more"),
    ("overview.program_other", "其他", "Other"),
    (
        "template.column.direction",
        "变化方向（可选）：up（越高越好）、down（越低越好）、none（无所谓好坏）。",
        "Direction (optional): up (higher is better), down (lower is better), none (neither).",
    ),
]
