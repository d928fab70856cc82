"""Issue 15 curation of data/raw: reading bases and reference dates, the audit's soft rows,
the 74-county poverty-exit layer and further facts from ../shared/data/more_facts.csv.

Run from the repository root: `python scripts/curate_issue15.py`. It rewrites the CSVs in
data/raw and can be run again: the rows it adds (the poverty-exit layer, rows whose note names
a more_facts row) are dropped and made again, and the fixes it applies are assignments. The
CSVs are the product; this script is the record of how they were made (see data/raw/README.md).
"""

# The tables below hold quotes, titles and addresses as published; a long one stays whole.
# ruff: noqa: E501

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SHARED = next(
    (p for p in (ROOT.parent / "shared" / "data", Path("/work/shared/data")) if p.exists()),
    ROOT.parent / "shared" / "data",
)

OBS_COLUMNS = [
    "indicator", "area", "year", "value", "unit", "dimension", "category", "basis",
    "reference", "source", "quote", "note", "preferred",
]  # fmt: skip
SOURCE_COLUMNS = [
    "source", "title", "publisher", "date", "url", "via_url", "title_en", "publisher_en",
]  # fmt: skip

LIST_SOURCE = "list_832_poverty_counties"
EXIT_INDICATORS = {"county_exit_year", "poverty_counties_exited", "poverty_counties_exited_total"}
PREFECTURES = {
    "540100": "拉萨市", "540200": "日喀则市", "540300": "昌都市", "540400": "林芝市",
    "540500": "山南市", "540600": "那曲市", "542500": "阿里地区",
}  # fmt: skip
FORMER_NAMES = {"540502": "乃东区", "540103": "堆龙德庆区", "540104": "达孜区", "540602": "色尼区"}


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(RAW / name, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write(name: str, columns: list[str], rows: list[dict[str, str]]) -> None:
    with open(RAW / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})


def upsert(rows: list[dict[str, str]], key: str, new: list[dict[str, str]]) -> None:
    index = {row[key]: i for i, row in enumerate(rows)}
    for row in new:
        if row[key] in index:
            rows[index[row[key]]].update(row)
        else:
            index[row[key]] = len(rows)
            rows.append(row)


# --------------------------------------------------------------------------- catalogue

PROGRAMS = [
    ("poverty_exit", "脱贫攻坚与贫困县摘帽", "Poverty alleviation and poverty-county exits"),
    ("context", "人口与经济背景", "Population and economic context"),
]

# indicator: program, name_zh, name_en, unit, kind, description_zh, description_en, min, max, dec
INDICATORS = {
    "county_exit_year": (
        "poverty_exit", "贫困县脱贫摘帽批次年份", "Poverty-county exit batch year", "年", "outcome",
        "国家级贫困县脱贫摘帽(退出)的批次年份,即该批考核评估所属年份;部分批次在次年才正式公布"
        "(如2017年批次于2018年10月17日公布,2018年批次于2019年初公布,2019年批次于2019年12月公布)。",
        "Year of the batch in which a national poverty county exited (摘帽): the batch's assessment "
        "year. Some batches were announced the following year (the 2017 batch on 2018-10-17, the "
        "2018 batch early in 2019, the 2019 batch in December 2019).",
        "2016", "2020", "0",
    ),
    "poverty_counties_exited": (
        "poverty_exit", "当年脱贫摘帽县区数", "Poverty counties exited in the year", "县", "outcome",
        "当年批次脱贫摘帽的国家级贫困县(区)数;年份为批次考核年份,部分批次次年公布。",
        "National poverty counties/districts exiting in the year's batch; the year is the batch's "
        "assessment year (some batches were announced the following year).",
        "0", "", "0",
    ),
    "poverty_counties_exited_total": (
        "poverty_exit", "累计脱贫摘帽县区数", "Poverty counties exited to date", "县", "outcome",
        "截至当年批次累计脱贫摘帽的国家级贫困县(区)数(年末存量)。",
        "National poverty counties/districts that had exited up to and including the year's batch "
        "(stock at year end).",
        "0", "", "0",
    ),
    "poverty_incidence": (
        "poverty_exit", "贫困发生率", "Poverty incidence", "%", "outcome",
        "贫困人口占(农村)人口的比例,时点见“参考时点”。",
        "Poor population as a share of the (rural) population, at the reference date given.",
        "0", "100", "2",
    ),
    "poor_population": (
        "poverty_exit", "贫困人口(时点数)", "Poor population (stock)", "人", "outcome",
        "某时点的(建档立卡)贫困人口数。", "Registered poor population at a point in time.",
        "0", "", "0",
    ),
    "poor_population_exited": (
        "poverty_exit", "当年脱贫(减贫)人口", "Population lifted out of poverty in the year", "人",
        "outcome", "当年实现脱贫或减少的贫困人口。",
        "People lifted out of poverty (or the reduction of the poor population) in the year.",
        "0", "", "0",
    ),
    "poor_population_exited_cumulative": (
        "poverty_exit", "累计脱贫(减贫)人口", "Population lifted out of poverty (cumulative)", "人",
        "cumulative", "一段时期内累计脱贫或减少的贫困人口,期间见“期间”维度。",
        "People lifted out of poverty over a period; the period is in the 'period' breakdown.",
        "0", "", "0",
    ),
    "poor_population_exit_plan": (
        "poverty_exit", "计划脱贫人口", "Planned exits from poverty", "人", "plan",
        "年度计划(确保)脱贫的贫困人口(计划,非实绩)。",
        "People the year's plan commits to lift out of poverty (a plan, not an outcome).",
        "0", "", "0",
    ),
    "registered_poor_identified": (
        "poverty_exit", "识别建档立卡贫困人口", "Registered poor population identified", "人",
        "cumulative", "一段时期内识别建档立卡的贫困人口总数,期间见“期间”维度。",
        "People identified and registered as poor over a period (period in the breakdown).",
        "0", "", "0",
    ),
    "registered_poor_share_of_region": (
        "poverty_exit", "建档立卡贫困人口占全区比重", "Share of the region's registered poor", "%",
        "outcome", "本地建档立卡贫困人口占全区建档立卡贫困人口的比例。",
        "The area's registered poor as a share of the region's registered poor.",
        "0", "100", "2",
    ),
    "poor_villages": (
        "poverty_exit", "贫困村数", "Poor villages", "个", "outcome", "贫困村数量(时点数)。",
        "Number of registered poor villages (point in time).", "0", "", "0",
    ),
    "poor_villages_exited": (
        "poverty_exit", "当年退出贫困村(居)数", "Poor villages exited in the year", "个", "outcome",
        "当年退出或达到退出标准的贫困村(居)数。",
        "Poor villages (and urban communities) that exited or met the exit standard in the year.",
        "0", "", "0",
    ),
    "poor_villages_exited_cumulative": (
        "poverty_exit", "累计退出贫困村数", "Poor villages exited (cumulative)", "个", "cumulative",
        "一段时期内累计退出的贫困村数,期间见“期间”维度。",
        "Poor villages exited over a period; the period is in the 'period' breakdown.",
        "0", "", "0",
    ),
    "poor_per_capita_net_income": (
        "poverty_exit", "贫困人口人均纯收入", "Per-capita net income of the poor", "元/人/年",
        "outcome", "贫困人口年人均纯收入。", "Annual per-capita net income of the poor population.",
        "0", "", "2",
    ),
    "poor_per_capita_disposable_income": (
        "poverty_exit", "贫困人口人均可支配收入", "Per-capita disposable income of the poor",
        "元/人/年", "outcome", "贫困人口年人均可支配收入(与人均纯收入口径不同)。",
        "Annual per-capita disposable income of the poor (a different basis from net income).",
        "0", "", "2",
    ),
    "poverty_alleviation_funds_cumulative": (
        "poverty_exit", "脱贫攻坚整合资金(累计)", "Integrated poverty-alleviation funds (cumulative)",
        "元", "cumulative", "一段时期内累计投入的脱贫攻坚整合资金,期间见“期间”维度。",
        "Integrated poverty-alleviation funds over a period; period in the breakdown.",
        "0", "", "2",
    ),
    "relocation_sites_completed": (
        "poverty_exit", "易地扶贫搬迁安置区(点)竣工数", "Poverty-relocation sites completed", "个",
        "outcome", "已竣工的易地扶贫搬迁安置区(点)数(截至所注时点)。",
        "Poverty-relocation resettlement sites completed (as of the reference date).",
        "0", "", "0",
    ),
    "relocated_population": (
        "poverty_exit", "易地扶贫搬迁已入住人口", "People relocated out of poverty", "人", "outcome",
        "已搬迁入住的易地扶贫搬迁人口(截至所注时点的累计存量)。",
        "People moved into poverty-relocation housing (stock as of the reference date).",
        "0", "", "0",
    ),
    "relocation_population_plan": (
        "poverty_exit", "规划易地扶贫搬迁人口", "Planned poverty relocation", "人", "plan",
        "规划期内计划易地扶贫搬迁的贫困人口(计划,非实绩)。",
        "Poor people planned to be relocated in the plan period (a plan, not an outcome).",
        "0", "", "0",
    ),
    "rural_per_capita_disposable_income": (
        "context", "农村居民人均可支配收入", "Rural per-capita disposable income", "元/人/年",
        "outcome", "农村居民全年人均可支配收入。", "Annual per-capita disposable income, rural residents.",
        "0", "", "2",
    ),
    "urban_per_capita_disposable_income": (
        "context", "城镇居民人均可支配收入", "Urban per-capita disposable income", "元/人/年",
        "outcome", "城镇居民全年人均可支配收入。", "Annual per-capita disposable income, urban residents.",
        "0", "", "2",
    ),
    "per_capita_disposable_income": (
        "context", "全体居民人均可支配收入", "Per-capita disposable income (all residents)", "元/人/年",
        "outcome", "全体居民全年人均可支配收入。", "Annual per-capita disposable income, all residents.",
        "0", "", "2",
    ),
    "gdp": (
        "context", "地区生产总值", "Gross domestic product", "元", "outcome", "全年地区生产总值。",
        "Gross domestic product of the area in the year.", "0", "", "2",
    ),
    "local_fiscal_revenue": (
        "context", "地方财政收入", "Local fiscal revenue", "元", "outcome", "全年地方财政收入。",
        "Local government fiscal revenue in the year.", "0", "", "2",
    ),
    "resident_population": (
        "context", "常住人口", "Resident population", "人", "outcome",
        "常住人口;口径(人口普查或年末常住)见“口径”。",
        "Resident population; the basis (census or year-end estimate) is given as the basis.",
        "0", "", "0",
    ),
    "registered_population": (
        "context", "户籍人口(年末)", "Registered (hukou) population, year end", "人", "outcome",
        "年末户籍人口。", "Population registered (hukou) at year end.", "0", "", "0",
    ),
    "education_attainment_per_100k": (
        "context", "每10万人口中各种受教育程度人数", "Educational attainment per 100,000 people",
        "人", "outcome", "人口普查:每10万人口中具有各种受教育程度的人数,按受教育程度分列。",
        "Census: people per 100,000 inhabitants having each level of education, by level.",
        "0", "100000", "0",
    ),
    "nutrition_improvement_standard": (
        "student_aid", "营养改善计划年生均标准", "Nutrition improvement subsidy per student per year",
        "元/生/年", "standard", "义务教育阶段学生营养改善计划的年生均标准。",
        "Annual per-student standard of the compulsory-education nutrition improvement plan.",
        "0", "", "0",
    ),
    "sanbao_funds_plan": (
        "student_aid", "教育“三包”资金(计划/预算)", "Three Guarantees funds (planned or allocated)",
        "元", "plan", "年初计划或安排的教育“三包”资金(计划/预算,非决算)。",
        "Three Guarantees funds planned or allocated for a year (a plan or budget, not spending).",
        "0", "", "2",
    ),
    "sanbao_average_received": (
        "student_aid", "教育“三包”生均年实际享受额(平均)",
        "Three Guarantees: average received per student per year", "元/生/年", "average",
        "报道的每名学生一年平均实际享受的“三包”补助(平均值,非政策标准)。",
        "Average Three Guarantees benefit a student actually receives in a year (an average, not "
        "the policy standard).",
        "0", "", "0",
    ),
    "rural_teacher_allowance_average_received": (
        "teachers", "乡村教师月人均实际领取补助", "Rural teacher allowance: average received per month",
        "元/人/月", "average", "报道的每名乡村教师每月平均实际领取的补助(平均值,非分类区标准)。",
        "Average monthly allowance a rural teacher actually receives (an average, not the "
        "area-class standard).",
        "0", "", "0",
    ),
    "teachers_unspecified": (
        "teachers", "教师(口径未载明)", "Teachers (basis not stated)", "人", "outcome",
        "报道称“教师”但未说明是否为专任教师或教职工的人数。",
        "People reported as 'teachers' where the source does not say whether full-time teachers "
        "or all staff are meant.",
        "0", "", "0",
    ),
    "new_entrants": (
        "schools", "招生数", "New entrants", "人", "outcome", "当年招生数,按学段分列。",
        "Students newly admitted in the year, by school type.", "0", "", "0",
    ),
    "graduates": (
        "schools", "毕业生数", "Graduates", "人", "outcome", "当年毕业生数,按学段分列。",
        "Students graduating in the year, by school type.", "0", "", "0",
    ),
}  # fmt: skip

DIMENSIONS = [
    ("period", "y2016_2017", "2016—2017年累计", "2016–2017"),
    ("period", "y2016_2018", "2016—2018年累计", "2016–2018"),
    ("period", "since_2016", "2016年(脱贫攻坚)以来累计", "Since 2016 (the poverty campaign)"),
    ("period", "y1959_2023", "1959—2023年累计", "1959–2023"),
    ("education_level", "university", "大学(大专及以上)", "University (college and above)"),
    ("education_level", "senior_secondary", "高中(含中专)", "Senior secondary (incl. technical)"),
    ("education_level", "junior_secondary", "初中", "Junior secondary"),
    ("education_level", "primary", "小学", "Primary"),
    ("school_type", "primary_rural", "农村普通小学", "Rural primary school"),
    ("school_type", "teaching_point", "教学点", "Teaching point (small school site)"),
    ("study_location", "in_region", "区内在校", "Studying in Tibet"),
    ("study_location", "outside_region", "区外(内地)在校", "Studying outside Tibet (inland)"),
]

# --------------------------------------------------------------------------- sources

NOT_NAMED = "原始发布机构未见于存档副本(转载)"
NOT_NAMED_EN = "Original outlet not named (read on a mirror)"
NO_TITLE = "原标题未见于存档副本"

# id: title, publisher, date, url, via_url, title_en, publisher_en
NEW_SOURCES = {
    LIST_SOURCE: (
        "全国832个国家级贫困县名单(含摘帽时间)", "GitHub 仓库 Clebeech/ds_project 所存电子表格(整理者未署名)",
        "", "", "https://github.com/Clebeech/ds_project",
        "List of the 832 national poverty counties (with exit year, column 摘帽时间)",
        "Spreadsheet in the GitHub repository Clebeech/ds_project (compiler not named)",
    ),
    "rmrb_2018_10_17_exit_2017_batch": (
        f"2017年贫困县退出名单公布(西藏25个;{NO_TITLE})", "人民日报", "2018-10-17", "",
        "http://duoerfu888.com/2018/1017/298059.html",
        "Announcement of the counties exiting poverty in the 2017 batch (Tibet: 25)",
        "People's Daily (人民日报)",
    ),
    "peoplecn_2019_12_26_tibet_exit": (
        f"西藏74个贫困县区全部摘帽({NO_TITLE})", "人民网", "2019-12-26", "",
        "http://chinalianzheng.com/shiji/20191226/6168.html",
        "All 74 poverty counties of Tibet exit poverty", "People's Daily Online (人民网)",
    ),
    "rmrb_2018_10_04_tibet_poverty": (
        f"西藏脱贫攻坚报道({NO_TITLE})", "人民日报", "2018-10-04", "",
        "http://www.taipyg.cn/tansuo/6919.html",
        "Report on Tibet's poverty alleviation (2016–2017)", "People's Daily (人民日报)",
    ),
    "mirror_2018_tibet_poverty_12_4": (
        f"西藏2016—2017年减贫报道({NO_TITLE})", NOT_NAMED, "", "", "http://014i.cn/news/163637.html",
        "Report on poverty reduction in Tibet, 2016–2017", NOT_NAMED_EN,
    ),
    "mirror_2017_04_25_tibet_2016_poverty": (
        f"西藏2016年脱贫成效报道({NO_TITLE})", NOT_NAMED, "2017-04-25", "",
        "http://www.yusrgfq.cn/c/2017-04-25/1502722.shtml",
        "Report on Tibet's poverty exits in 2016", NOT_NAMED_EN,
    ),
    "crntt_2019_tibet_poverty_2018": (
        f"西藏2018年减贫报道({NO_TITLE})", "中国评论通讯社(中评网)", "",
        "https://gb.crntt.com/doc/49_972_105333502_5_0214153240.html",
        "https://gb.crntt.com/doc/49_972_105333502_5_0214153240.html",
        "Report on Tibet's poverty reduction in 2018", "China Review News Agency (crntt.com)",
    ),
    "mirror_2020_10_17_tibet_poverty": (
        f"西藏脱贫攻坚成就报道({NO_TITLE})", NOT_NAMED, "2020-10-17", "",
        "http://m.jiangsulong.com/a/2020/1017/01470346.html",
        "Report on Tibet's poverty-alleviation results to end 2019", NOT_NAMED_EN,
    ),
    "mirror_2020_12_29_tibet_poverty_funds": (
        f"西藏脱贫攻坚整合资金报道({NO_TITLE})", NOT_NAMED, "2020-12-29", "",
        "http://shenyangwangzhanzhizuo.com/cn/news/zx/202012/t20201229_6928403.html",
        "Report on Tibet's integrated poverty-alleviation funds", NOT_NAMED_EN,
    ),
    "mirror_2020_11_09_relocation": (
        f"西藏易地扶贫搬迁安置点全部竣工({NO_TITLE})", NOT_NAMED, "2020-11-09", "",
        "http://m.9k8cc.com/cn/fp/202011/t20201109_6891165.html",
        "All poverty-relocation sites in Tibet completed", NOT_NAMED_EN,
    ),
    "mirror_2019_01_11_tibet_plan": (
        f"西藏2019年脱贫目标报道({NO_TITLE})", NOT_NAMED, "2019-01-11", "",
        "http://oliannews.com/cn/2019/01-11/261496.shtml",
        "Report on Tibet's poverty targets for 2019", NOT_NAMED_EN,
    ),
    "mirror_shigatse_poverty_2016_2018": (
        f"日喀则市脱贫攻坚报道({NO_TITLE})", NOT_NAMED, "", "",
        "http://zgcxxw.org/pro_news.php?id=5549",
        "Report on poverty alleviation in Shigatse, 2016–2018", NOT_NAMED_EN,
    ),
    "chinanews_2019_07_30_shigatse": (
        f"日喀则市2018年6个县区摘帽({NO_TITLE})", "中国新闻网", "2019-07-30", "",
        "http://m.1aqj.cn/news/gn/gnxw/201907/30/1784659.shtml",
        "Six counties of Shigatse exit poverty in 2018", "China News Service online (中新网)",
    ),
    "mirror_2020_11_03_shigatse": (
        f"日喀则市脱贫攻坚成就报道({NO_TITLE})", NOT_NAMED, "2020-11-03", "",
        "http://rachaelbriggsdesign.com/cn/fp/202011/t20201103_6886541.html",
        "Report on Shigatse's poverty-alleviation results", NOT_NAMED_EN,
    ),
    "mirror_2020_11_05_chamdo": (
        f"昌都市脱贫攻坚成就报道({NO_TITLE})", NOT_NAMED, "2020-11-05", "",
        "https://www.easyfundingllc.com/cn/fp/202011/t20201105_6888493.html",
        "Report on Chamdo's poverty-alleviation results", NOT_NAMED_EN,
    ),
    "mirror_2018_12_21_chamdo_relocation": (
        f"昌都市易地扶贫搬迁报道({NO_TITLE})", NOT_NAMED, "2018-12-21", "",
        "http://yinlong168.com/politics/2018-12/21/c_1123887718.htm",
        "Report on poverty relocation in Chamdo", NOT_NAMED_EN,
    ),
    "mirror_2020_11_28_nagqu": (
        f"那曲市脱贫攻坚五年报道({NO_TITLE})", NOT_NAMED, "2020-11-28", "",
        "https://pygbw.com/news/2020112881156.html",
        "Five years of poverty alleviation in Nagqu", NOT_NAMED_EN,
    ),
    "mirror_2019_04_ngari_poverty": (
        f"阿里地区脱贫攻坚报道({NO_TITLE})", NOT_NAMED, "2019-04", "",
        "http://m.his.wmxa.cn/gundong/201904/618115.html",
        "Report on poverty alleviation in Ngari (and Gê'gyai County)", NOT_NAMED_EN,
    ),
    "mirror_2020_12_01_shannan": (
        f"山南市“十三五”脱贫攻坚报道({NO_TITLE})", NOT_NAMED, "2020-12-01", "",
        "https://jmypl.com/zhuanti/2020-12/01/content_4370915.html",
        "Shannan's poverty alleviation in the 13th Five-Year Plan period", NOT_NAMED_EN,
    ),
    "linzhi_gov_2020_11_press": (
        f"林芝市脱贫攻坚新闻发布会({NO_TITLE})", "林芝市人民政府", "2020-11",
        "http://www.linzhi.gov.cn/linzhi/zwgk/202011/fac4af37b35c43798c17dbe28236f954.shtml",
        "http://www.linzhi.gov.cn/linzhi/zwgk/202011/fac4af37b35c43798c17dbe28236f954.shtml",
        "Nyingchi press conference on poverty alleviation (Nang and Zayü counties)",
        "Nyingchi Municipal People's Government",
    ),
    "mirror_2019_10_25_shuanghu": (
        f"双湖县概况报道({NO_TITLE})", NOT_NAMED, "2019-10-25", "",
        "http://shenyangwangzhanzhizuo.com/cn/news/tp/201910/t20191025_6698887.html",
        "Profile of Shuanghu County", NOT_NAMED_EN,
    ),
    "encyclopedia_coqen": (
        "措勤县(百科词条;第七次人口普查数据)", "网络百科词条(转载)", "", "",
        "http://9aivip.com/item/%E6%8E%AA%E5%8B%A4/7755902",
        "Coqên County (encyclopedia entry; 7th census figure)", "Online encyclopedia entry (mirror)",
    ),
    "xz_bulletin_2021": (
        f"西藏自治区2021年国民经济和社会发展统计公报(摘录;{NO_TITLE})", NOT_NAMED, "", "",
        "https://si12333.cn/policy/muifk.html",
        "Tibet 2021 statistical bulletin (excerpt)", NOT_NAMED_EN,
    ),
    "mirror_2022_02_11_rural_income": (
        f"西藏农村居民收入报道({NO_TITLE})", NOT_NAMED, "2022-02-11", "",
        "http://www.9k8cc.com/cn/Instant/domestic/202202/t20220211_7144146.html",
        "Report on rural incomes in Tibet", NOT_NAMED_EN,
    ),
    "mirror_2026_01_27_incomes_2025": (
        f"西藏2025年居民收入报道({NO_TITLE})", NOT_NAMED, "2026-01-27", "",
        "https://www.peoplecen.com/html/2026/difang_0127/25486.html",
        "Report on Tibet's household incomes in 2025", NOT_NAMED_EN,
    ),
    "rmzxb_2022_03_02_lhasa_incomes": (
        f"拉萨市2021年居民收入报道({NO_TITLE})", "人民政协网", "2022-03-02",
        "http://www.rmzxb.com.cn/c/2022-03-02/3061498.shtml",
        "http://www.rmzxb.com.cn/c/2022-03-02/3061498.shtml",
        "Lhasa's household incomes in 2021", "CPPCC Online (人民政协网)",
    ),
    "census7_xizang_bulletin": (
        "西藏自治区第七次全国人口普查主要数据公报(转载)", "西藏自治区统计局(转载)", "2021-05-24", "",
        "https://www.n6668.com/big5/news/data/hongguan/20210524/1645501458859_3.shtml",
        "Main data of the 7th national census, Tibet Autonomous Region",
        "Statistics Bureau of the Tibet Autonomous Region (read on a mirror)",
    ),
    "lhasa_bulletin_2014": (
        "拉萨市2014年国民经济和社会发展统计公报(转载)", "拉萨市统计局(转载)", "", "",
        "http://m.xiaomonv0755.com/tjgb/26xz/35284.html",
        "Lhasa 2014 statistical bulletin", "Lhasa Statistics Bureau (read on a mirror)",
    ),
    "lhasa_bulletin_2024": (
        "拉萨市2024年国民经济和社会发展统计公报(转载)", "拉萨市统计局(转载)", "", "",
        "http://www.ilynn.cn/document_detail/133527.html",
        "Lhasa 2024 statistical bulletin", "Lhasa Statistics Bureau (read on a mirror)",
    ),
    "csy_2006_table_21_32": (
        "中国统计年鉴2006 表21-32 各地区普通小学基本情况(2005年)", "国家统计局", "2006", "", "",
        "China Statistical Yearbook 2006, table 21-32: primary schools by region (2005)",
        "National Bureau of Statistics of China",
    ),
    "xinhua_2009_03_30_white_paper": (
        "Fifty Years of Democratic Reform in Tibet (white paper; Xinhua English text, archived)",
        "Xinhua (新华社)", "2009-03-30",
        "http://news.xinhuanet.com/english/2009-03/30/content_11098770_8.htm",
        "https://megalodon.jp/ref/2017-0227-0051-03/news.xinhuanet.com/english/2009-03/30/content_11098770_8.htm",
        "Fifty Years of Democratic Reform in Tibet (white paper, Xinhua English text)",
        "Xinhua News Agency",
    ),
    "chinanews_2013_10_22_white_paper": (
        "白皮书《西藏的发展与进步》(中国新闻网全文)", "中国新闻网(国务院新闻办公室白皮书)",
        "2013-10-22", "https://www.chinanews.com.cn/gn/2013/10-22/5408516.shtml",
        "https://www.chinanews.com.cn/gn/2013/10-22/5408516.shtml",
        "White paper 'Development and Progress of Tibet' (full text on China News online)",
        "China News online (State Council Information Office white paper)",
    ),
    "slides_education_by_region_primary": (
        "Educational Facilities, Personnel, and Student-Teacher Ratios by Region, 2006-2013 "
        "(slide deck, fig. 18; primary schools)",
        "幻灯片(作者未署名;据中国统计年鉴整理)", "", "",
        "https://pitchsend.com/slides/46f27319-1435-44e8-9967-9b93ce4df3df",
        "Educational facilities, personnel and student-teacher ratios by region (primary)",
        "Slide deck (author not named; compiled from China Statistical Yearbooks)",
    ),
    "slides_education_by_region_secondary": (
        "Educational Facilities, Personnel, and Student-Teacher Ratios by Region, 2006-2013 "
        "(slide deck; middle and secondary schools)",
        "幻灯片(作者未署名;据中国统计年鉴整理)", "", "",
        "https://pitchsend.com/slides/ccf2256d-296d-41a6-8e07-93a144f90555",
        "Educational facilities, personnel and student-teacher ratios by region (secondary)",
        "Slide deck (author not named; compiled from China Statistical Yearbooks)",
    ),
    "datasite_2019_primary": (
        "2019年西藏普通小学学校数、在校生数、专任教师数(数据网站)", "数据聚合网站(原始来源未注明)", "", "",
        "https://m.qy924.com/channel/distdata/666394.html",
        "Tibet primary schools, students and full-time teachers, 2019 (data website)",
        "Data aggregator website (original source not named)",
    ),
    "press_2024_04_17_xizang_education": (
        f"西藏自治区政府新闻发布会(教育;{NO_TITLE})", NOT_NAMED, "2024-04-17", "",
        "http://www.cornerstonecapitalfunds.com/zhuanti/xzzfxwfbh/2024-04/17/content_6129211.html",
        "Tibet regional government press conference on education", NOT_NAMED_EN,
    ),
    "mirror_2025_08_11_xizang_education": (
        "Xizang education 60 years (title not in the stored copy)", NOT_NAMED_EN, "2025-08-11", "",
        "http://www.ttav89.com/a/202508/11/WS68994241a310724b60020de0.html",
        "Xizang education over 60 years", NOT_NAMED_EN,
    ),
    "mirror_2011_04_12_sanbao": (
        f"西藏“三包”政策报道({NO_TITLE})", NOT_NAMED, "2011-04-12", "",
        "http://www.gootoo.com.cn/wenhua/whdt/201104/t20110412_4235397.html",
        "Report on Tibet's Three Guarantees policy", NOT_NAMED_EN,
    ),
    "lhasa_bulletin_2011": (
        "拉萨市2011年国民经济和社会发展统计公报(转载)", "拉萨市统计局(转载)", "2012-04", "",
        "https://web.xiaze.org/tjgb/201204/27936-2.html",
        "Lhasa 2011 statistical bulletin", "Lhasa Statistics Bureau (read on a mirror)",
    ),
    "chinatibetnews_2019_11_08_qonggyai": (
        "Preschool education in Qonggyai County (title not in the stored copy)",
        "China Tibet News (中国西藏新闻网, English)", "2019-11-08",
        "http://english.chinatibetnews.com/jy/News/201911/t20191108_2810465.html",
        "http://english.chinatibetnews.com/jy/News/201911/t20191108_2810465.html",
        "Preschool education in Qonggyai County", "China Tibet News (English edition)",
    ),
    "chinadaily_2021_05_08_preschool": (
        "Tibet preschool education (title not in the stored copy)", NOT_NAMED_EN, "2021-05-08", "",
        "http://www.qwxb.com.cn/a/202105/08/WS609649dfa31024ad0babcb76.html",
        "Preschool education in Tibet", NOT_NAMED_EN,
    ),
    "mirror_2018_tibet_five_years": (
        f"西藏过去5年减贫报道({NO_TITLE})", NOT_NAMED, "", "", "http://www.265xx.com/w399/2991.html",
        "Report on Tibet's poverty reduction over the past five years", NOT_NAMED_EN,
    ),
}  # fmt: skip

# English titles and publishers of the sources already in sources.csv.
EXISTING_EN = {
    "bjreview_2008_04_17_facts": ("", "Beijing Review"),
    "blog_2011_01_29_qamdo": ("", "triphobby (personal blog; weak source)"),
    "cgtn_2025_03_28_boarding_schools": ("", "CGTN"),
    "chinadaily_2014_01_04_subsidy": ("", "China Daily"),
    "chinadaily_2019_12_12_compulsory": ("", "China Daily (citing China Tibet News)"),
    "chinadaily_2021_06_17_education_high": ("", "China Daily"),
    "chinadaily_2022_08_15_headway": ("", "China Daily"),
    "chinadaily_2024_xizang_progress": ("", "China Daily"),
    "chinanews_2022_10_10_ten_years": (
        "Ten years of education in Tibet: student aid policies reach 40",
        "China News Service online (中国新闻网)",
    ),
    "chinanews_2022_11_01_ali": ("", "China News Service (中国新闻网)"),
    "chinanews_2023_11_10_white_paper": (
        "China News Service on the white paper 'The Communist Party of China's Policies on the "
        "Governance of Xizang in the New Era: Approach and Achievements'",
        "China News Service (中新社)",
    ),
    "cpad_2019_tibet_education": (
        "Tibet's education poverty alleviation achieves notable results",
        "China Poverty Alleviation Database (CPAD, 减贫研究数据库)",
    ),
    "gmrb_2013_02_26_subsidy": ("Tibet raises education subsidy standards again this year", "Guangming Daily (光明日报)"),
    "journal_2000_nyingchi_education": (
        "Education development in Nyingchi prefecture (Kang Yan, Chen Shunlin)",
        "Journal article (journal name not in the stored copy)",
    ),
    "journal_2021_balanced_inspection": (
        "National education inspection of Tibet's counties with basically balanced compulsory education",
        "Journal article (journal name not in the stored copy; abstract via scholarmate)",
    ),
    "jyb_2017_09_30_talent": ("Providing talent for Tibet's long-term development and stability", "China Education Daily (中国教育报)"),
    "lhasa_2019_02_out_of_school_check": (
        "Lhasa's check and return of suspected out-of-school children enters its final stage",
        NOT_NAMED_EN,
    ),
    "outlooknewera_2026_02_02_student_aid": ("", "Original outlet not named (read on outlooknewera.com)"),
    "people_xz_2021_01_12_education_data": (
        "People's Daily Online Tibet channel on education department data (2019 spending, "
        "enrolment rates; original title not in the stored copy)",
        "People's Daily Online, Tibet channel (人民网西藏频道)",
    ),
    "peopledaily_2009_06_01_enrolment": ("", "People's Daily Online (人民网)"),
    "peopledaily_2009_11_16_subsidy": ("", "People's Daily Online (人民网)"),
    "peopledaily_2011_02_21_subsidy": ("", "People's Daily Online (人民网)"),
    "rmrbhwb_2014_05_28_preschool": ("Tibet's preschool enrolment rate reaches 50%", "People's Daily Overseas Edition (人民日报海外版)"),
    "tibet3_2020_09_18_teachers": ("", "tibet3.com (English edition)"),
    "tibet3_2024_03_27_subsidy": ("", "tibet3.com (English edition)"),
    "tibetcn_2013_12_24_yearender": ("", "China Tibet Online (中国西藏网)"),
    "tibetcn_2015_sanbao_30_years": ("", "China Tibet Online (中国西藏网)"),
    "tibetcn_2019_04_16_lhasa_schools": ("", "China Tibet Online (中国西藏网)"),
    "tibetcn_2020_12_04_free_education": (
        "China's treasures in Tibet | Free education from age 3 to 18 benefits a million students",
        "China Tibet Online / Xinhua (中国西藏网 / 新华社)",
    ),
    "tibetol_2016_09_12_sanbao": ("", "China Tibetology Network (中国藏学网, English)"),
    "white_paper_2015_autonomy": ("", "State Council Information Office white paper, text carried by China Daily"),
    "xinhua_2012_07_lhasa_investment": ("", "Xinhua News Agency (新华社)"),
    "xinhua_2014_09_10_teacher_allowance": (
        "Tibet's rural teacher living allowance to reach 1,000 yuan a month the year after next",
        "Xinhua Net (新华网)",
    ),
    "xinhua_2016_04_22_teachers": ("", "Xinhua News Agency (新华社)"),
    "xinhua_2020_06_05_allowance": ("", "Xinhua News Agency (新华社)"),
    "xinhua_2021_05_22_modern_system": ("", "Xinhua News Agency (新华社)"),
    "xinhua_2022_10_11_ten_years_investment": (
        "Tibet invests 215.4 billion yuan in ten years to raise the level of education",
        "Xinhua News Agency (新华社)",
    ),
    "xinhua_2024_01_08_subsidy": ("", "Xinhua News Agency, carried by People's Daily Online"),
    "xzrb_2024_03_18_sanbao": ("Tibet raises the Three Guarantees subsidy again", "Tibet Daily / China News online (西藏日报 / 中国新闻网)"),
    "xzsb_2022_10_13_high_quality": (
        "Tibet's education enters a new stage of high-quality development together with the nation",
        "Tibet Commercial News (西藏商报)",
    ),
    "xzxw_2015_01_31_gonggar": ("", "China Tibet News (中国西藏新闻网)"),
    "xzxw_2015_03_21_sanbao_2005_raise": (
        "Photo report on the central primary school of Bianjiaolin township, Lhünzhub County "
        "(2005 raise of the Three Guarantees; original title not in the stored copy)",
        "China Tibet News (中国西藏新闻网)",
    ),
    "xzxw_2015_12_08_sanbao_30_years": ("", "China Tibet News (中国西藏新闻网)"),
    "xzxw_2021_06_21_sanbao": (
        "Report on the Three Guarantees policy (original title not in the stored copy; photo "
        "caption: No. 2 Complete Primary School, Nyainrong County, Nagqu)",
        "China Tibet News (中国西藏新闻网)",
    ),
}  # fmt: skip

# Sources already present that more_facts rows were read from (by the address read).
EXISTING_BY_URL = {
    "http://xz.people.com.cn/n2/2021/0112/c138901-34523709.html": "people_xz_2021_01_12_education_data",
    "https://www.wrsf.org.cn/en/article-detail/NKlOwgRW": "xinhua_2021_05_22_modern_system",
    "http://m.njpanjin.com/cn/news/zx/202210/t20221010_7286854.html": "chinanews_2022_10_10_ten_years",
    "http://www.njpanjin.com/cn/news/zx/202210/t20221011_7287611.html": "xinhua_2022_10_11_ten_years_investment",
    "http://awingyg.com/20/rPqNekwXD.htm": "chinanews_2023_11_10_white_paper",
    "http://www.tibetol.cn/html/2013/xizangyaowen_0226/19.html": "gmrb_2013_02_26_subsidy",
    "http://www.bensalempharmacy.com/wh/2015-03/21/content_1138384.html": "xzxw_2015_03_21_sanbao_2005_raise",
    "http://ltwysoft.com/xz/tpxw/20210621/t20210621_525517651.shtml": "xzxw_2021_06_21_sanbao",
    "http://buyu8116.com/2024-03/18/content_42728476.htm": "xzrb_2024_03_18_sanbao",
    "https://news.shi-fen.com/china/201902/50-183997.html": "lhasa_2019_02_out_of_school_check",
    "https://english.xzxw.com/jy/2015-01/31/content_1297511.html": "xzxw_2015_01_31_gonggar",
    "http://www.bjreview.com/special/tibet/txt/2008-04/17/content_110883.htm": "bjreview_2008_04_17_facts",
}  # fmt: skip
NEW_BY_URL = {spec[4]: sid for sid, spec in NEW_SOURCES.items() if spec[4]}
NEW_BY_URL["(pages corpus result with no stored address) 中国统计年鉴2006 表21-32"] = (
    "csy_2006_table_21_32"
)
NEW_BY_URL[
    "https://www.tellerreport.com/life/2022-11-01-tibet-ali--%22ten-years-of-change%22-in-frontier-education-china-news-video.HJgFJMoR4i.html"
] = "chinanews_2022_11_01_ali"
NEW_BY_URL["http://www.linzhi.gov.cn/linzhi/zwgk/202011/fac4af37b35c43798c17dbe28236f954.shtml"] = (
    "linzhi_gov_2020_11_press"
)

# --------------------------------------------------------------------------- more_facts


def M(indicator: str, **fields: str) -> dict[str, str]:  # noqa: N802 - a table row
    return {"indicator": indicator, **fields}


SKIP_HOUSEHOLDS = "households (户): the data contract has no household unit"
SKIP_RATIO = "student-teacher ratio: the data contract has no ratio unit"

# more_facts row number (the file's line number, header = 1) -> observation fields or a reason.
# Fields: indicator, area, year, value, unit, dimension, category, basis, reference, note,
# preferred. Missing ones come from the more_facts row. Rows that repeat a reading already in
# observations.csv (same key and value) are skipped by `add_more_facts` and counted there.
MORE_FACTS: dict[int, dict[str, str] | str] = {
    2: M("poverty_incidence", reference="end-2015", preferred="true",
         note="End 2015. Rival of 25.2% (人民日报 2018-10-04); preferred by rule 4 (later "
              "publication, 2019-12, and more precise)."),
    3: M("poverty_counties_exited", unit="县", preferred="false",
         note="Published count; agrees with the count derived from the 832-county list "
              "(preferred so that the series has one basis)."),
    4: M("poverty_counties_exited", unit="县", preferred="false",
         note="Published count; agrees with the derived count (preferred, one basis)."),
    5: M("poverty_counties_exited", unit="县", preferred="false",
         note="Published count; agrees with the derived count (preferred, one basis)."),
    6: M("poverty_counties_exited", unit="县", preferred="false",
         note="Published count; agrees with the derived count (preferred, one basis)."),
    7: M("poverty_incidence", reference="end-2015", preferred="false",
         note="End 2015 (2015年底), 人民日报 2018-10-04. Not preferred: 25.32% (人民网 2019-12) "
              "is later and more precise (rule 4)."),
    8: M("poverty_incidence", reference="end-2017", preferred="false",
         note="CONFLICT: 人民日报 (2018-10-04) gives 7.9% for end 2017; two other pages give "
              "12.4%. Not preferred by rule 2: with 33.1万 poor at end 2017 and 15万 at end "
              "2018 (<8%), 7.9% would need a population larger than Tibet's."),
    9: M("poor_population_exited_cumulative", dimension="period", category="y2016_2017",
         note="2016–2017 total (累计)."),
    10: M("poor_villages_exited_cumulative", unit="个", dimension="period", category="y2016_2017",
          note="2016–2017 total (累计)."),
    11: M("poverty_incidence", reference="end-2017", preferred="true",
          note="End 2017 (after 2016–2017). Rival of 7.9% (人民日报); preferred by rule 2: "
               "consistent with 33.1万 poor at end 2017 and <8% with 15万 at end 2018."),
    12: M("poor_population", reference="end-2017", note="End 2017 (至此, after 2016–2017)."),
    13: M("poor_population_exited", note="Whole year 2016, confirmed by the state."),
    14: M("poor_villages_exited", unit="个",
          note="2016: villages and communities that reached the exit standard (达到退出标准)."),
    15: M("poor_population_exited", note="2018: reduction of the poor population (减少)."),
    16: M("poor_population", reference="end-2018", note="End 2018 (至此)."),
    17: "an upper bound ('降至8%以下'), not a value",
    18: M("poverty_counties_exited_total", unit="县", reference="end-2018", preferred="false",
          note="Published total; agrees with the count derived from the 832-county list "
               "(preferred, one basis)."),
    19: M("poor_population_exited_cumulative", dimension="period", category="since_2016",
          reference="end-2019",
          note="All 62.8万 registered poor out of poverty by end 2019 (到2019年底); the start "
               "of the period is not stated (the campaign's registration of 2015/16)."),
    20: M("poor_per_capita_net_income", unit="元/人/年", note="2015 (人均年纯收入)."),
    21: M("poor_per_capita_net_income", unit="元/人/年", note="2019 (人均年纯收入)."),
    22: M("poverty_alleviation_funds_cumulative", dimension="period", category="y2016_2020",
          note="Cumulative integrated funds of the campaign (13th Five-Year Plan period), "
               "reported 2020-12."),
    23: M("relocation_sites_completed", unit="个", reference="2020-11",
          note="All sites completed, as of 2020-11 (截至目前)."),
    24: M("relocated_population", reference="2020-11", note="All moved in, as of 2020-11."),
    25: M("poor_population_exit_plan", reference="2019-01",
          note="Plan for 2019 (确保…脱贫), stated 2019-01; not an outcome."),
    26: M("poor_population", year="2015", reference="2016-01",
          note="Registered poor at the start of 2016 (2016年初), stored as the end-2015 stock."),
    27: M("poor_population", year="2017", reference="2018-01",
          note="Registered poor at the start of 2018 (2018年初), stored as the end-2017 stock."),
    28: M("poverty_incidence", year="2015", reference="2016-01",
          note="Start of 2016, stored as the end-2015 stock."),
    29: M("poverty_incidence", year="2017", reference="2018-01",
          note="Start of 2018, stored as the end-2017 stock."),
    30: M("poor_population_exited", note="2018: registered poor out of poverty in Shigatse."),
    31: M("poverty_incidence", reference="end-2018", note="End 2018, after the 2018 exits."),
    32: M("poor_population_exited_cumulative", dimension="period", category="since_2016",
          reference="2019-07", preferred="false",
          note="Total to date (截至目前) in an article of 2019-07. Not preferred: the end-2019 "
               "total (16.96万, all registered poor) is later (rule 4)."),
    33: M("poor_villages_exited", unit="个", note="2018: villages and communities exited."),
    34: M("poor_per_capita_disposable_income", unit="元/人/年",
          note="2019; disposable income (可支配收入), not net income."),
    35: M("poor_population_exited_cumulative", dimension="period", category="since_2016",
          reference="end-2019", preferred="true",
          note="All 16.96万 registered poor out of poverty (全部脫貧) and all 18 poverty counties "
               "exited by end 2019; reported 2020-11."),
    36: M("registered_poor_share_of_region", year="2015", reference="2016-01",
          note="Shigatse's share of the region's registered poor when registered (start of "
               "2016, beside the 25.27% incidence of that date)."),
    37: SKIP_HOUSEHOLDS,
    38: M("poor_population_exited_cumulative", dimension="period", category="since_2016",
          reference="end-2019", note="To end 2019 (截至2019年底)."),
    39: M("poor_per_capita_net_income", unit="元/人/年", reference="end-2019",
          note="2019 (人均纯收入), up 93.2% on 2015."),
    40: M("relocation_population_plan", year="2020",
          note="13th Five-Year Plan (2016–2020) relocation plan, stated 2018-12; not an outcome."),
    41: M("relocated_population", reference="2018-12", note="Moved in as of 2018-12 (已有)."),
    42: SKIP_HOUSEHOLDS,
    43: M("poor_population_exited_cumulative", unit="人", dimension="period",
          category="y2016_2020", note="Five years of the campaign (五年来), reported 2020-11."),
    44: SKIP_HOUSEHOLDS,
    45: M("poor_population", reference="end-2015", note="End 2015 (2015年年底)."),
    46: SKIP_HOUSEHOLDS,
    47: M("poor_population", unit="人", reference="end-2018",
          note="End 2018; 'more than' (余): a lower bound."),
    48: M("poverty_incidence", reference="end-2015",
          note="Start of the three years to 2018 (3年來), i.e. end 2015."),
    49: M("poverty_incidence", reference="end-2018", note="End 2018, reported 2019-04."),
    50: M("rural_per_capita_disposable_income", unit="元/人/年", note="Ngari, 2018."),
    51: M("poor_population_exited_cumulative", unit="人", dimension="period",
          category="y2016_2018", note="Gê'gyai County, three years 2016–2018 (3年來)."),
    52: SKIP_HOUSEHOLDS,
    53: M("poverty_incidence", reference="end-2015",
          note="Gê'gyai County, start of the three years to 2018."),
    54: M("poverty_incidence", reference="2019-04",
          note="Gê'gyai County after three years (2016–2018), reported 2019-04."),
    55: M("poor_population", unit="人", reference="2019-04",
          note="Gê'gyai County, not yet out of poverty as of 2019-04 (目前)."),
    56: SKIP_HOUSEHOLDS,
    57: SKIP_HOUSEHOLDS,
    58: M("registered_poor_identified", unit="人", year="2020", dimension="period",
          category="y2016_2020", note="Identified in the 13th Five-Year Plan period (“十三五”時期)."),
    59: M("poverty_incidence",
          note="Base year not stated: the start of the 13th Five-Year Plan period (从19.3%), "
               "stored as 2015."),
    60: M("poverty_incidence", reference="end-2018", note="End 2018 (2018年底)."),
    61: M("poor_population", unit="人", note="Nang County, 2016."),
    62: SKIP_HOUSEHOLDS,
    63: M("poverty_incidence", note="Nang County, 2016."),
    64: SKIP_HOUSEHOLDS,
    65: M("poor_population", unit="人", reference="end-2015",
          note="Zayü County, registered poor identified at end 2015."),
    66: M("poor_villages", unit="个", reference="end-2015", note="Zayü County, end 2015."),
    67: M("poverty_incidence", reference="end-2015", note="Zayü County, end 2015."),
    68: M("poor_population_exited_cumulative", unit="人", dimension="period",
          category="since_2016",
          note="Zayü County: total reduction up to its exit (2018 batch, announced early 2019)."),
    69: M("rural_per_capita_disposable_income", unit="元/人/年", reference="end-2018",
          note="Shuanghu County, 2018."),
    70: M("urban_per_capita_disposable_income", unit="元/人/年", reference="end-2018",
          note="Shuanghu County, 2018."),
    71: M("gdp", reference="end-2018", note="Shuanghu County, 2018."),
    72: M("local_fiscal_revenue", reference="end-2018", note="Shuanghu County, 2018."),
    73: "总人口 of unstated basis (registered or resident), no series to join",
    74: M("resident_population", unit="人", basis="census", reference="2020-11-01",
          note="7th national census (2020)."),
    75: M("rural_per_capita_disposable_income", unit="元/人/年", note="2021 statistical bulletin."),
    76: M("urban_per_capita_disposable_income", unit="元/人/年", note="2021 statistical bulletin."),
    77: M("per_capita_disposable_income", unit="元/人/年", note="2021 statistical bulletin."),
    78: M("rural_per_capita_disposable_income", unit="元/人/年", note="2018."),
    79: M("rural_per_capita_disposable_income", unit="元/人/年", note="2025."),
    80: M("urban_per_capita_disposable_income", unit="元/人/年", note="2025."),
    81: M("rural_per_capita_disposable_income", unit="元/人/年", note="Lhasa, 2021."),
    82: M("urban_per_capita_disposable_income", unit="元/人/年", note="Lhasa, 2021."),
    **{
        n: M("resident_population", basis="census", reference="2020-11-01",
             note="7th national census (2020).")
        for n in range(83, 90)
    },
    **{
        n: M("education_attainment_per_100k", unit="人", dimension="education_level",
             category=cat, basis="census",
             reference="2010-11-01" if n % 2 == 0 else "2020-11-01",
             note=("6th" if n % 2 == 0 else "7th") + " national census.")
        for n, cat in zip(
            range(90, 98),
            ["university", "university", "senior_secondary", "senior_secondary",
             "junior_secondary", "junior_secondary", "primary", "primary"],
            strict=True,
        )
    },
    98: M("registered_population", reference="end-2014", note="Lhasa, end 2014 (年末)."),
    99: M("resident_population", basis="year_end", reference="end-2024",
          note="Lhasa, end 2024 (年末常住人口)."),
    100: M("schools_total", unit="所", dimension="school_type", category="primary",
           note="2005 data (中国统计年鉴2006)."),
    101: M("new_entrants", unit="人", dimension="school_type", category="primary",
           note="2005 data (中国统计年鉴2006)."),
    102: M("students_enrolled", unit="人", dimension="school_type", category="primary",
           note="2005 data (中国统计年鉴2006)."),
    103: M("graduates", unit="人", dimension="school_type", category="primary",
           note="2005 data (中国统计年鉴2006)."),
    104: M("teaching_staff", unit="人", dimension="school_type", category="primary",
           note="2005 data (中国统计年鉴2006), 教职工."),
    105: M("full_time_teachers", unit="人", dimension="school_type", category="primary",
           note="2005 data (中国统计年鉴2006), 专任教师."),
    106: M("schools_total", unit="所", dimension="school_type", category="primary",
           reference="end-2006", note="End 2006."),
    107: M("schools_total", unit="所", dimension="school_type", category="teaching_point",
           reference="end-2006", note="End 2006: 'teaching centers' (教学点)."),
    108: M("students_enrolled", unit="人", dimension="school_type", category="primary",
           reference="end-2006", note="End 2006."),
    109: M("primary_net_enrolment_rate", reference="end-2006"),
    110: M("schools_total", unit="所", dimension="school_type", category="junior_secondary",
           reference="end-2006", note="End 2006."),
    111: M("students_enrolled", unit="人", dimension="school_type", category="junior_secondary",
           reference="end-2006", note="End 2006 (127,900 in the full text)."),
    112: M("junior_secondary_gross_enrolment_rate", basis="unstated", reference="end-2006"),
    113: M("schools_total", unit="所", dimension="school_type", category="senior_secondary",
           reference="end-2006", note="End 2006."),
    114: M("students_enrolled", unit="人", dimension="school_type", category="senior_secondary",
           reference="end-2006", note="End 2006."),
    115: M("schools_total", unit="所", dimension="school_type", category="vocational",
           reference="end-2006", note="End 2006."),
    116: M("students_enrolled", unit="人", dimension="school_type", category="vocational",
           reference="end-2006", note="End 2006."),
    117: M("students_enrolled", unit="人", dimension="school_type", category="primary",
           reference="end-2008", note="End 2008 (white paper of 2009-03)."),
    118: M("primary_net_enrolment_rate", reference="end-2008",
           note="End 2008 (white paper of 2009-03); school-age enrolment rate."),
    119: M("students_enrolled", unit="人", dimension="school_type", category="junior_secondary",
           reference="end-2008", note="End 2008."),
    120: M("junior_secondary_gross_enrolment_rate", basis="unstated", reference="end-2008",
           note="End 2008; 'enrollment rate', basis (gross/net) not stated."),
    121: M("students_enrolled", unit="人", dimension="school_type", category="senior_secondary",
           reference="end-2008", note="End 2008."),
    122: M("senior_secondary_gross_enrolment_rate", basis="unstated", reference="end-2008",
           note="End 2008; 'enrollment rate', basis (gross/net) not stated."),
    123: M("schools_total", unit="所", reference="end-2008", note="End 2008."),
    124: M("schools_total", unit="所", dimension="school_type", category="primary",
           reference="end-2008", note="End 2008."),
    125: M("schools_total", unit="所", dimension="school_type", category="secondary",
           reference="end-2008", note="End 2008: regular secondary schools (普通中学)."),
    126: M("students_enrolled", unit="人", dimension="school_type", category="primary",
           reference="end-2012", note="End 2012 (截至2012年底)."),
    127: M("primary_net_enrolment_rate", reference="end-2012",
           note="End 2012; school-age enrolment rate (适龄儿童入学率)."),
    128: M("students_enrolled", unit="人", dimension="school_type", category="junior_secondary",
           reference="end-2012", note="End 2012."),
    129: M("junior_secondary_gross_enrolment_rate", basis="unstated", reference="end-2012",
           note="End 2012; 初中入学率, basis (gross/net) not stated."),
    130: M("students_enrolled", unit="人", dimension="school_type", category="senior_secondary",
           reference="end-2012", note="End 2012: general senior high schools (普通高级中学)."),
    131: M("students_enrolled", unit="人", dimension="school_type", category="vocational",
           reference="end-2012", note="End 2012."),
    132: M("senior_secondary_gross_enrolment_rate", basis="unstated", reference="end-2012",
           note="End 2012; 高中阶段入学率, basis (gross/net) not stated."),
    133: M("higher_education_gross_enrolment_rate", reference="end-2012", note="End 2012."),
    134: M("sanbao_recipients", reference="2013-10", preferred="true",
           note="White paper of 2013-10. Rival of 'more than 520,000' (China Daily, "
                "2014-01); preferred by rule 3 (white paper)."),
    135: "repeats 890 primary schools of 2005 (中国统计年鉴2006, kept); the slide labels the "
         "yearbook edition (2006), not the data year",
    136: M("schools_total", unit="所", year="2012", dimension="school_type", category="primary",
           note="Labelled 2013 in the slide = the yearbook edition: the same figure shows "
                "292,016 primary students, the end-2012 count. Stored as 2012."),
    137: "repeats 327,497 primary students of 2005 (中国统计年鉴2006, kept); label = edition",
    138: "repeats 292,016 primary students at end 2012 (white paper 2013, kept); label = edition",
    139: "repeats 14,267 primary full-time teachers of 2005 (中国统计年鉴2006, kept)",
    140: M("full_time_teachers", unit="人", year="2012", dimension="school_type",
           category="primary",
           note="Labelled 2013 in the slide = the yearbook edition (data year 2012)."),
    141: SKIP_RATIO,
    142: SKIP_RATIO,
    143: M("schools_total", unit="所", year="2005", dimension="school_type", category="secondary",
           note="Labelled 2006 in the slide, read as the yearbook edition (data year 2005) as "
                "for the primary figures of the same series; middle and secondary schools."),
    144: M("schools_total", unit="所", year="2012", dimension="school_type", category="secondary",
           note="Labelled 2013 in the slide, read as the yearbook edition (data year 2012)."),
    145: M("students_enrolled", unit="人", year="2005", dimension="school_type",
           category="secondary", note="Labelled 2006 in the slide (yearbook edition, data 2005)."),
    146: M("students_enrolled", unit="人", year="2012", dimension="school_type",
           category="secondary", note="Labelled 2013 in the slide (yearbook edition, data 2012)."),
    147: M("full_time_teachers", unit="人", year="2005", dimension="school_type",
           category="secondary", note="Labelled 2006 in the slide (yearbook edition, data 2005)."),
    148: M("full_time_teachers", unit="人", year="2012", dimension="school_type",
           category="secondary", note="Labelled 2013 in the slide (yearbook edition, data 2012)."),
    149: SKIP_RATIO,
    150: SKIP_RATIO,
    151: M("schools_total", unit="所", dimension="school_type", category="primary",
           note="2019, data website (original source not named)."),
    152: M("students_enrolled", unit="人", dimension="school_type", category="primary",
           note="2019, data website."),
    153: M("students_enrolled", unit="人", dimension="school_type", category="primary_rural",
           note="2019, rural primary schools; data website."),
    154: M("full_time_teachers", unit="人", dimension="school_type", category="primary",
           note="2019, data website."),
    155: M("education_investment", basis="state_fiscal"),
    156: M("schools_total", unit="所", reference="end-2019",
           note="Reference year not stated in the sentence; the article (2021-01) gives 2019 "
                "education department data."),
    157: M("preschool_gross_enrolment_rate"),
    158: M("primary_net_enrolment_rate"),
    159: M("junior_secondary_gross_enrolment_rate"),
    160: M("senior_secondary_gross_enrolment_rate"),
    161: M("higher_education_gross_enrolment_rate"),
    162: M("schools_total", unit="所", reference="2021-05", preferred="false",
           note="'Currently' in 2021-05. Not preferred: 3,339 at end 2021 (西藏商报) is later."),
    163: M("students_enrolled", unit="人", reference="2021-05", preferred="false",
           note="'Receiving education' in Tibet, 2021-05; whether students outside Tibet are "
                "included is not stated. Not preferred: 92万 at end 2021 is later."),
    164: M("compulsory_retention_rate", reference="2021-05"),
    165: M("schools_total", unit="所", year="2021",
           note="As the sibling figures of this sentence: end 2021."),
    166: M("students_enrolled", year="2021", reference="end-2021", preferred="false",
           note="'目前' in a press conference of 2022-10; 西藏商报 gives the same 3,339 schools "
                "and 96.94% 'as of end 2021', so end-2021 data. Students in and outside Tibet. "
                "Rival of '92万余' (西藏商报 2022-10-13, preferred by rule 4)."),
    167: M("students_enrolled", year="2021", reference="end-2021", dimension="study_location",
           category="in_region", note="Studying in Tibet; end-2021 data (see the total)."),
    168: M("students_enrolled", year="2021", reference="end-2021", dimension="study_location",
           category="outside_region", note="Studying outside Tibet; end-2021 data."),
    169: M("preschool_gross_enrolment_rate", year="2021"),
    170: M("compulsory_retention_rate", year="2021"),
    171: M("senior_secondary_gross_enrolment_rate", year="2021"),
    172: M("higher_education_gross_enrolment_rate", year="2021"),
    173: M("sanbao_standard", year="2021"),
    174: M("student_aid_funds_cumulative", dimension="period", category="y2012_2021"),
    175: M("student_aid_recipients_cumulative", dimension="period", category="y2012_2021"),
    176: M("teaching_staff"),
    177: M("kindergartens", unit="所"),
    178: M("schools_total", unit="所"),
    179: M("students_enrolled"),
    180: M("preschool_gross_enrolment_rate"),
    181: M("compulsory_retention_rate"),
    182: M("senior_secondary_gross_enrolment_rate"),
    183: M("education_investment", basis="total_investment"),
    184: M("sanbao_standard", year="2024", reference="2024-04", preferred="true",
           note="Standard after the 21st raise (the one from the autumn semester of 2024, "
                "announced 2024-03), stated at a press conference of 2024-04-17. Preferred by "
                "rule 2 over 5620: 4620 + 80 = 4700, the 2025 standard."),
    185: M("nutrition_improvement_standard", year="2024", reference="2024-04",
           note="Compulsory education; stated 2024-04; benefits 400,000+ students a year."),
    186: M("schools_total", unit="所", reference="end-2024",
           note="'As of last year' in an article of 2025-08."),
    187: M("students_enrolled", unit="人", reference="end-2024",
           note="'As of last year' in an article of 2025-08."),
    188: M("teachers_unspecified", unit="人", reference="end-2024",
           note="'Teachers', as of 2024 (article of 2025-08); whether full-time teachers or all "
                "staff is not stated."),
    189: M("sanbao_standard", reference="2025-08", preferred="false",
           note="PROBABLE ERROR (rule 1), as the Xinhua 2024-01 reading: 4620 is printed by "
                "the 2024-04 press conference and 4620 + 80 = 4700 (2025). This article also "
                "counts 22 raises where the 2024-03 sources count the autumn-2024 raise as the "
                "21st."),
    190: M("preschool_gross_enrolment_rate", reference="end-2024", preferred="true",
           note="As of 2024 (article of 2025-08). Rival of 'tops 91%' (CGTN 2025-03); "
                "preferred by rule 4 (later, more precise)."),
    191: M("compulsory_retention_rate"),
    192: M("sanbao_standard", dimension="hardship_area", category="class2"),
    193: M("sanbao_standard", dimension="hardship_area", category="class3"),
    194: M("sanbao_standard", dimension="hardship_area", category="class4_or_border"),
    195: M("sanbao_funds"),
    196: M("sanbao_funds"),
    197: M("sanbao_standard", dimension="school_type", category="primary"),
    198: M("sanbao_standard", dimension="school_type", category="junior_secondary"),
    199: M("sanbao_standard", dimension="border_school_type", category="primary"),
    200: M("sanbao_standard", dimension="border_school_type", category="junior_secondary"),
    201: M("sanbao_standard", reference="2011-04",
           note="Region-wide standard for 2011 ('将提高到', stated 2011-04); the source gives "
                "元 without a period, the annual standard is meant (年生均 elsewhere)."),
    202: M("sanbao_funds_plan", reference="2011-04",
           note="Planned for 2011 (将投入), 'more than' (余); not spending."),
    203: M("sanbao_raise_beneficiaries_expected", reference="2011-04",
           note="Expected for 2011 (将受益), 'more than' (多)."),
    204: M("sanbao_standard", dimension="school_type", category="primary"),
    205: M("sanbao_standard", dimension="border_school_type", category="primary"),
    206: M("sanbao_standard", dimension="school_type", category="secondary"),
    207: M("sanbao_standard", dimension="border_school_type", category="secondary"),
    208: M("sanbao_standard"),
    209: M("sanbao_funds_cumulative", dimension="period", category="since_1985"),
    210: M("sanbao_recipients_cumulative", dimension="period", category="since_1985"),
    211: M("sanbao_standard_increase"),
    212: M("sanbao_raise_beneficiaries_expected"),
    213: M("suspected_out_of_school_found_enrolled", dimension="school_registration",
           category="with_record"),
    214: M("suspected_out_of_school_found_enrolled", dimension="school_registration",
           category="without_record"),
    215: M("suspected_out_of_school_found_enrolled_share"),
    216: M("education_investment", basis="final_account", preferred="true",
           note="Lhasa, 2011: education spending in the general budget (一般预算支出), city "
                "statistical bulletin. Rival of 1.28 billion (Xinhua, city finance bureau); "
                "preferred by rule 3 (the government's own bulletin)."),
    217: M("schools_total", unit="所"),
    218: M("students_enrolled", unit="人"),
    219: M("education_share_of_fiscal_expenditure"),
    220: M("education_share_of_fiscal_expenditure"),
    221: M("schools_total", unit="所", dimension="school_type", category="junior_secondary",
           reference="2015-01", note="Gonggar County, 2015-01 ('now')."),
    222: M("schools_total", unit="所", dimension="school_type", category="primary",
           reference="2015-01", note="Gonggar County, 2015-01 ('now')."),
    223: M("schools_total", unit="所", dimension="school_type", category="teaching_point",
           reference="2015-01", note="Gonggar County, 2015-01: 'other places of learning'."),
    224: M("students_enrolled", unit="人"),
    225: M("teachers_unspecified", unit="人", reference="2015-01",
           note="Gonggar County, 2015-01: 'teachers', basis not stated."),
    226: M("kindergartens", unit="所", reference="2019-11", note="Qonggyai County, 2019-11."),
    227: M("full_time_teachers", unit="人", dimension="school_type", category="preschool",
           reference="2019-11", note="Qonggyai County kindergartens, 2019-11."),
    228: M("students_enrolled", unit="人", dimension="school_type", category="preschool",
           reference="2019-11", note="Qonggyai County kindergartens, 2019-11."),
    229: M("education_investment", value="715.5", unit="万元", basis="county_finance",
           note="Qonggyai County: education funds from county-level finance in 2019 "
                "(7.155 million yuan)."),
    230: "school level of the 99% 'taxa de inscrição' (Nagqu, 2010) not stated",
    231: M("preschool_gross_enrolment_rate", reference="end-2020", note="End 2020."),
    232: M("kindergartens", unit="所", reference="2021-05",
           note="'Some 2,200' (approximate), 2021-05."),
    233: M("poor_population",
           note="Base year not stated: 'over the past 5 years' (过去5年) in a report of early "
                "2018, so about end 2012."),
    234: M("poverty_incidence",
           note="Base year not stated: 'over the past 5 years' in a report of early 2018, so "
                "about end 2012."),
}  # fmt: skip

UNIT_WORDS = {"counties": "县", "villages": "个", "students": "人", "persons": "人",
              "teachers": "人", "children": "人", "schools": "所", "kindergartens": "所",
              "sites": "所", "元": "元/人/年"}  # fmt: skip

# --------------------------------------------------------------------------- audit fixes

# (indicator, area, year, value, source) -> fields to set. The audit's soft rows (README table).
AUDIT_FIXES: list[tuple[tuple[str, str, str, str, str], dict[str, str]]] = [
    # One-year offsets: the 2022-10 press conference's rates are end-2021 data.
    *[
        (
            (ind, "540000", "2022", val, "chinanews_2022_10_10_ten_years"),
            {
                "year": "2021", "reference": "end-2021", "preferred": "",
                "note": "Press conference of 2022-10 ('目前'); moved from 2022 to 2021: 西藏商报 "
                        "(2022-10-13) prints the same 3,339 schools and 96.94% retention "
                        "'截至2021年底', so these are end-2021 figures.",
            },
        )
        for ind, val in (
            ("compulsory_retention_rate", "96.94"),
            ("preschool_gross_enrolment_rate", "87.71"),
            ("senior_secondary_gross_enrolment_rate", "90.25"),
            ("higher_education_gross_enrolment_rate", "56.31"),
        )
    ],
    (
        ("primary_net_enrolment_rate", "540000", "2009", "98.5", "peopledaily_2009_06_01_enrolment"),
        {"year": "2008", "reference": "end-2008",
         "note": "Reported 2009-06; moved from 2009 to 2008: the same sentence gives 884 primary "
                 "schools, the count 'by the end of 2008' in the white paper of 2009-03, which "
                 "also prints 98.5% for end 2008."},
    ),
    *[
        (
            (ind, "540000", "2016", val, "xinhua_2016_04_22_teachers"),
            {"basis": "unstated", "reference": "2016-04",
             "note": "Reported 2016-04 as current; the quote gives no reference year (probably "
                     "2015 data) and no basis (gross/net): kept as a separate basis, never "
                     "joined to the gross-rate series."},
        )
        for ind, val in (
            ("primary_net_enrolment_rate", "98"),
            ("junior_secondary_gross_enrolment_rate", "96"),
            ("senior_secondary_gross_enrolment_rate", "74"),
        )
    ],
    (
        ("compulsory_retention_rate", "540000", "2021", "95", "xinhua_2021_05_22_modern_system"),
        {"reference": "2021-05", "preferred": "false",
         "note": "'Completion rate', reported 2021-05 as current (probably end-2020 data). Not "
                 "preferred: 96.94% at end 2021 is the year-end figure."},
    ),
    # Bases mixed in one series.
    (
        ("education_investment", "540000", "2019", "283.76", "people_xz_2021_01_12_education_data"),
        {"basis": "state_fiscal",
         "note": "Basis: state fiscal education funds (国家财政性教育经费) in Tibet, 2019."},
    ),
    (
        ("education_investment", "540000", "2023", "393", "chinadaily_2024_xizang_progress"),
        {"basis": "total_investment",
         "note": "Basis: the region's annual investment in education (年投入), 2023; not the "
                 "state-fiscal basis of 2019, so no change is computed between them."},
    ),
    (
        ("education_investment", "540100", "2007", "5.5", "xinhua_2012_07_lhasa_investment"),
        {"basis": "unstated", "note": "Lhasa, 2007; basis: city finance bureau's figure."},
    ),
    (
        ("education_investment", "540100", "2011", "12.8", "xinhua_2012_07_lhasa_investment"),
        {"basis": "unstated", "preferred": "false",
         "note": "Lhasa, 2011; city finance bureau's figure. Not preferred: the city's "
                 "statistical bulletin gives 12.85亿元 (rule 3)."},
    ),
    (
        ("sanbao_funds", "540000", "2019", "22.25", "cpad_2019_tibet_education"),
        {"basis": "year_to_date", "reference": "2019-10",
         "note": "Year to date (今年以来) at the report (2019-10): not comparable with full-year "
                 "amounts."},
    ),
    (
        ("free_education_funds", "540000", "2019", "5.29", "cpad_2019_tibet_education"),
        {"basis": "year_to_date", "reference": "2019-10", "note": "Year to date (今年以来), 2019-10."},
    ),
    (
        ("student_aid_funds", "540000", "2019", "32.43", "cpad_2019_tibet_education"),
        {"basis": "year_to_date", "reference": "2019-10",
         "note": "2019 to the report date (2019-10): 累计 here means summed over the year so "
                 "far, not a multi-year total."},
    ),
    (
        ("student_aid_recipients", "540000", "2019", "169.83", "cpad_2019_tibet_education"),
        {"basis": "year_to_date", "reference": "2019-10", "note": "2019 to the report date (2019-10)."},
    ),
    # Periods inferred, not read.
    *[
        (
            ("rural_teacher_allowance", "540000", "2019", val, "cpad_2019_tibet_education"),
            {"basis": "period_inferred",
             "note": "PERIOD INFERRED, NOT READ: the source gives 元 without a period; stored "
                     "per teacher per month because the 2014 plan's monthly targets for 2016 "
                     "are the same amounts (500/1000/1500)."},
        )
        for val in ("500", "1000", "1500")
    ],
    (
        ("sanbao_standard", "540000", "2011", "2000", "peopledaily_2011_02_21_subsidy"),
        {"category": "compulsory", "basis": "period_inferred",
         "note": "PERIOD INFERRED, NOT READ: the English text says 'each semester'; stored as "
                 "the annual standard because a 2011-04 report gives 2000元 for 2011 "
                 "region-wide and the 2012 standard is 2500 per year."},
    ),
    # Kinds: a plan stored as an outcome, averages stored as standards.
    (
        ("sanbao_funds", "540000", "2020", "25.4", "xinhua_2020_06_05_allowance"),
        {"indicator": "sanbao_funds_plan", "basis": "budget", "reference": "2020-06",
         "note": "Allocated for 2020 (a plan, stated 2020-06), 'more than'; moved from the "
                 "annual spending series to the plan series."},
    ),
    (
        ("sanbao_recipients", "540000", "2020", "648600", "xinhua_2020_06_05_allowance"),
        {"basis": "budget", "reference": "2020-06",
         "note": "Students the 2020 allocation is for (stated 2020-06), a planned coverage."},
    ),
    (
        ("rural_teacher_allowance", "540000", "2022", "1000", "chinadaily_2022_08_15_headway"),
        {"indicator": "rural_teacher_allowance_average_received", "reference": "2022-08",
         "note": "Average monthly allowance received per rural teacher (an average, not a "
                 "standard), reported 2022-08."},
    ),
    (
        ("sanbao_standard", "540000", "2022", "4200", "chinadaily_2022_08_15_headway"),
        {"indicator": "sanbao_average_received", "reference": "2022-08",
         "note": "Average annual subsidy received per rural student (an average, not the "
                 "standard), reported 2022-08."},
    ),
    (
        ("sanbao_standard", "540000", "2020", "4200", "tibetcn_2020_12_04_free_education"),
        {"indicator": "sanbao_average_received", "reference": "2020-12",
         "note": "'On average' a student enjoys 4200元 a year (平均), reported 2020-12: an "
                 "average, not the standard."},
    ),
    # Contradictions, written where they are shown.
    (
        ("balanced_counties_additional_target", "540000", "2019", "8", "cpad_2019_tibet_education"),
        {"reference": "2019-10",
         "note": "Expected to pass the national assessment by end 2019 (预计), in addition to "
                 "the 62 (= 70). CONTRADICTED: at end 2020 still 62 counties were nationally "
                 "certified and 12 not yet assessed (journal 2021)."},
    ),
    (
        ("balanced_county_share_target", "540000", "2019", "94.6", "cpad_2019_tibet_education"),
        {"reference": "2019-10",
         "note": "Expected share at end 2019 (将达到, 70 of 74). CONTRADICTED: 62 of 74 (83.8%) "
                 "were nationally certified at end 2020."},
    ),
    (
        ("balanced_counties_national", "540000", "2020", "62", "journal_2021_balanced_inspection"),
        {"reference": "end-2020",
         "note": "As of end 2020 (到2020年底). The 2019 report had expected 70 by end 2019 "
                 "(62 + 8); that expectation was not met."},
    ),
    (
        ("sanbao_standard_increase", "540000", "2024", "90", "xzrb_2024_03_18_sanbao"),
        {"note": "From the autumn semester of 2024, +90 on the 2023 standard, all area classes "
                 "and levels. Implied, not published: a 2023 standard of 4530 (4620 − 90); "
                 "no source prints it, so it is not stored as a value."},
    ),
    (
        ("sanbao_standard_adjustments_cumulative", "540000", "2021", "18", "xzxw_2021_06_21_sanbao"),
        {"note": "Adjustments since 1985, as stated in 2021-06 (先后18次调整). Implied, not "
                 "published: the standards between 3240 (2016) and 3720 (2019), i.e. 2017–18; "
                 "no source prints them, so none is stored."},
    ),
]  # fmt: skip

# --------------------------------------------------------------------------- county layer

NEWS = {
    "2017": ("rmrb_2018_10_17_exit_2017_batch", "人民日报 (2018-10-17)"),
    "2019": ("peoplecn_2019_12_26_tibet_exit", "人民网 (2019-12-26)"),
    "540223": ("chinanews_2019_07_30_shigatse", "中国新闻网 (2019-07-30)"),
    "540425": ("linzhi_gov_2020_11_press", "林芝市人民政府 (2020-11)"),
}


def county_rows(gazetteer: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    with open(SHARED / "county_poverty_exit.csv", encoding="utf-8") as handle:
        counties = list(csv.DictReader(handle))
    assert len(counties) == 74, len(counties)
    rows: list[dict[str, str]] = []
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for county in counties:
        code, year = county["area_code"], county["exit_batch_year"]
        area = gazetteer[code]
        listed_name = county["list_row"].split(",")[1]
        note = f"Exit batch {year} (摘帽时间) in the list of the 832 national poverty counties."
        if listed_name != area["name_zh"]:
            note += f" The list names it {listed_name}, the former name of {area['name_zh']}."
        if county["news_quote"]:
            news = NEWS.get(year if year in ("2017", "2019") else code) or NEWS["540223"]
            note += f" Confirmed by {news[1]}, source {news[0]}: “{county['news_quote']}”"
        rows.append({
            "indicator": "county_exit_year", "area": code, "year": year, "value": year,
            "unit": "年", "source": LIST_SOURCE, "quote": county["list_row"], "note": note,
        })  # fmt: skip
        groups[(area["parent"], year)].append(county)
        groups[("540000", year)].append(county)
    years = sorted({c["exit_batch_year"] for c in counties})
    for parent in ["540000", *PREFECTURES]:
        so_far: list[dict[str, str]] = []
        for year in years:
            batch = groups.get((parent, year), [])
            so_far = so_far + batch
            where = "the region" if parent == "540000" else PREFECTURES[parent]
            for indicator, members, rule in (
                ("poverty_counties_exited", batch, f"counties of {where} with 摘帽时间 = {year}"),
                ("poverty_counties_exited_total", so_far,
                 f"counties of {where} with 摘帽时间 ≤ {year}"),
            ):  # fmt: skip
                shown = members
                value_note = ""
                if not members:
                    shown = [c for c in counties if gazetteer[c["area_code"]]["parent"] == parent]
                    value_note = (
                        f" None in this batch: the quote gives all of {where}'s rows, none "
                        f"with {year}."
                    )
                rows.append({
                    "indicator": indicator, "area": parent, "year": year,
                    "value": str(len(members)), "unit": "县", "basis": "derived",
                    "source": LIST_SOURCE,
                    "quote": "; ".join(m["list_row"] for m in shown),
                    "note": f"Derived: count of the {rule} in the 832-county list "
                            f"({len(members)}).{value_note}",
                    "preferred": "",
                })  # fmt: skip
    return rows


EXTRA_PUBLISHED = [
    # Published counts read from the announcement quotes of county_poverty_exit.csv.
    {
        "indicator": "poverty_counties_exited", "area": "540000", "year": "2017", "value": "25",
        "unit": "县", "source": "rmrb_2018_10_17_exit_2017_batch",
        "quote": "西藏自治區(qū)(25個):林周縣、當雄縣、尼木縣、曲水縣、堆龍德慶區(qū)、達孜縣、墨竹工卡縣、"
                 "類烏齊縣、丁青縣、桑日縣、瓊結(jié)縣、曲松縣、洛扎縣、加查縣、錯那縣、白朗縣、康馬縣、定結(jié)縣、"
                 "吉隆縣、聶拉木縣、比如縣、噶爾縣、工布江達縣、米林縣、波密縣",
        "note": "The 2017 batch, announced 2018-10-17. Agrees with the derived count "
                "(preferred, one basis). From county_poverty_exit.csv.",
        "preferred": "false",
    },
    {
        "indicator": "poverty_counties_exited", "area": "540200", "year": "2018", "value": "6",
        "unit": "县", "source": "chinanews_2019_07_30_shigatse",
        "quote": "“日喀則市桑珠孜、昂仁、定日、仲巴、仁布、崗巴6個縣區(qū)摘貧帽。”",
        "note": "Shigatse's 2018 batch, per the deputy mayor (2019-07). Agrees with the derived "
                "count (preferred, one basis). From county_poverty_exit.csv.",
        "preferred": "false",
    },
]  # fmt: skip


# Further figures printed in the quote of a more_facts row: (row, fields).
MORE_FACTS_EXTRA: list[tuple[int, dict[str, str]]] = [
    (7, M("poverty_counties_exited_total", area="540000", year="2017", value="30", unit="县",
          reference="end-2017",
          note="Counties exited 2016–2017 (贫困县摘帽30个); agrees with the derived total.")),
    (19, M("poverty_counties_exited_total", area="540000", year="2019", value="74", unit="县",
           reference="end-2019",
           note="All 74 poverty counties exited by end 2019; agrees with the derived total.")),
    (34, M("poverty_counties_exited_total", area="540200", year="2019", value="18", unit="县",
           note="All 18 poverty counties of Shigatse exited (by 2019); agrees with the derived "
                "total.")),
    (37, M("poverty_counties_exited_total", area="540300", year="2019", value="11", unit="县",
           reference="end-2019",
           note="All 11 counties of Chamdo exited by end 2019; agrees with the derived total.")),
    (57, M("poverty_counties_exited_total", area="540500", year="2018", value="12", unit="县",
           reference="end-2018",
           note="All 12 counties of Shannan exited by end 2018; agrees with the derived total.")),
    (79, M("per_capita_disposable_income", area="540000", year="2025", value="33600",
           unit="元/人/年", note="2025.")),
    (183, M("education_investment_cumulative", area="540000", year="2023", value="3406",
            unit="亿元", dimension="period", category="y1959_2023", basis="total_investment",
            note="Cumulative investment in education 1959–2023 (累計投入), beside the 2023 "
                 "annual 393亿元.")),
]  # fmt: skip

# Notes added to readings that now have a rival from more_facts.
RIVAL_NOTES = {
    ("compulsory_retention_rate", "540000", "2021", "96.94"):
        "Preferred over 95% (2021-05, 'currently'): the year-end figure.",
    ("preschool_gross_enrolment_rate", "540000", "2024", "91"):
        "Not preferred: 91.33% (2025-08) is later and more precise (rule 4).",
    ("sanbao_recipients", "540000", "2013", "52"):
        "Not preferred: the 2013 white paper gives 51.04万 (rule 3).",
    ("schools_total", "540000", "2021", "3339"):
        "Preferred over 3,195 ('currently', 2021-05): the year-end figure (rule 4).",
    ("students_enrolled", "540000", "2021", "92"):
        "Preferred over 92.2万 (press conference 2022-10, same data; rule 4) and 790,000 "
        "('currently', 2021-05).",
    ("sanbao_standard", "540000", "2024", "5620"):
        "A second source prints 5620 (China Daily text, 2025-08; more_facts.csv line 189); the "
        "standard printed by the 2024-04 press conference, 4620, is preferred.",
}  # fmt: skip

# --------------------------------------------------------------------------- main


def key(row: dict[str, str]) -> tuple[str, ...]:
    return (row["indicator"], row["area"], row["year"], row["dimension"], row["category"])


def same_value(a: str, a_unit: str, b: str, b_unit: str) -> bool:
    scale = {"万人": 1e4, "亿元": 1e8, "万元": 1e4, "万人次": 1e4}
    return abs(float(a) * scale.get(a_unit, 1) - float(b) * scale.get(b_unit, 1)) < 1e-6


def add_more_facts(observations: list[dict[str, str]]) -> tuple[int, dict[str, list[int]]]:
    with open(SHARED / "more_facts.csv", encoding="utf-8") as handle:
        facts = list(csv.DictReader(handle))
    accounting: dict[str, list[int]] = defaultdict(list)
    added = 0
    for number, fact in enumerate(facts, start=2):
        spec = MORE_FACTS.get(number)
        if spec is None:
            raise SystemExit(f"more_facts row {number} has no decision")
        if isinstance(spec, str):
            accounting[f"left out: {spec}"].append(number)
            continue
        written = re.sub(r" \((>=|approx\.)\)$", "", fact["unit"])
        unit = spec.get("unit") or UNIT_WORDS.get(written, written)
        row = {
            "indicator": spec["indicator"],
            "area": spec.get("area", fact["area_code"]),
            "year": spec.get("year", fact["year"]),
            "value": spec.get("value", fact["value"]),
            "unit": unit,
            "dimension": spec.get("dimension", ""),
            "category": spec.get("category", ""),
            "basis": spec.get("basis", ""),
            "reference": spec.get("reference", ""),
            "source": EXISTING_BY_URL.get(fact["read_at"]) or NEW_BY_URL[fact["read_at"]],
            "quote": fact["quote"],
            "preferred": spec.get("preferred", ""),
        }
        same_key = [o for o in observations if key(o) == key(row) and o["basis"] != "derived"]
        if any(same_value(o["value"], o["unit"], row["value"], row["unit"]) for o in same_key):
            accounting["repeats a reading already stored (same key and value)"].append(number)
            continue
        if any(o["source"] == row["source"] for o in same_key):
            raise SystemExit(f"more_facts row {number}: same key twice from {row['source']}")
        note = spec.get("note", "")
        row["note"] = (note + " " if note else "") + f"more_facts row {number}."
        observations.append(row)
        accounting["added"].append(number)
        added += 1
    for number, spec in MORE_FACTS_EXTRA:
        fact = facts[number - 2]
        row = {
            column: spec.get(column, "")
            for column in OBS_COLUMNS
            if column not in ("source", "quote", "note", "preferred")
        }
        row["source"] = EXISTING_BY_URL.get(fact["read_at"]) or NEW_BY_URL[fact["read_at"]]
        row["quote"] = fact["quote"]
        row["note"] = (
            spec["note"] + f" Additional figure read from the quote of more_facts row {number}."
        )
        row["preferred"] = ""
        observations.append(row)
        accounting["additional figures from the same quotes"].append(number)
        added += 1
    return added, accounting


def main() -> None:
    _, observations = read("observations.csv")
    for row in observations:
        row.setdefault("basis", "")
        row.setdefault("reference", "")
    # Drop what an earlier run added.
    observations = [
        o for o in observations
        if o["indicator"] not in EXIT_INDICATORS and not re.search(r"more_facts row \d+", o["note"])
    ]  # fmt: skip

    for (indicator, area, year, value, source), fields in AUDIT_FIXES:
        matches = [
            o for o in observations
            if (o["area"], o["value"], o["source"]) == (area, value, source)
            and o["indicator"] in (indicator, fields.get("indicator"))
            and o["year"] in (year, fields.get("year"))
            and o["category"] == fields.get("category", o["category"])
        ]  # fmt: skip
        if len(matches) != 1:
            raise SystemExit(f"audit fix {indicator} {area} {year} {value}: {len(matches)} rows")
        matches[0].update(fields)

    # Enrolment rates whose basis (gross/net) the source does not state are their own series.
    for row in observations:
        if row["indicator"].endswith("enrolment_rate") and re.search(
            r"[Bb]asis (\(gross/net\) )?not stated|without 'gross'", row["note"]
        ):
            row["basis"] = row["basis"] or "unstated"

    # A reference the note already states ("End 2019.", "As of end 2021 (截至2021年底)").
    for row in observations:
        found = re.match(r"(?:As of )?[Ee]nd[- ](?:of )?(\d{4})\b", row["note"])
        if found and not row["reference"]:
            row["reference"] = f"end-{found.group(1)}"
        found = re.search(r"截至(\d{4})年(\d{1,2})月底", row["note"])
        if found and not row["reference"]:
            row["reference"] = f"{found.group(1)}-{int(found.group(2)):02d}"

    _, gazetteer_rows = read("../../dashboard/data/gazetteer.csv")
    gazetteer = {row["area"]: row for row in gazetteer_rows}
    observations += county_rows(gazetteer) + [
        {**row, "dimension": "", "category": "", "basis": "", "reference": ""}
        for row in EXTRA_PUBLISHED
    ]
    for row in observations:
        for column in OBS_COLUMNS:
            row.setdefault(column, "")
    added, accounting = add_more_facts(observations)

    # Count keys: the derived reading is preferred, published ones that agree are rivals.
    by_key: dict[tuple[str, ...], list[dict[str, str]]] = defaultdict(list)
    for row in observations:
        by_key[key(row)].append(row)
    for rows in by_key.values():
        if rows[0]["indicator"] in EXIT_INDICATORS and len(rows) > 1:
            for row in rows:
                row["preferred"] = "true" if row["basis"] == "derived" else "false"
        elif len(rows) == 1 and rows[0]["preferred"] == "true":
            rows[0]["preferred"] = ""
        elif len(rows) > 1:
            # Exactly one true: a key's unmarked reading is the chosen one when the others are
            # marked false, and the others of a key with a chosen reading are marked false.
            if not any(r["preferred"] == "true" for r in rows):
                (chosen,) = [r for r in rows if r["preferred"] == ""]
                chosen["preferred"] = "true"
            for row in rows:
                row["preferred"] = row["preferred"] or "false"
    for row in observations:
        suffix = RIVAL_NOTES.get((row["indicator"], row["area"], row["year"], row["value"]))
        if suffix and suffix not in row["note"]:
            row["note"] = (row["note"] + " " + suffix).strip()

    observations.sort(key=lambda o: (o["indicator"], o["area"], int(o["year"]), o["dimension"],
                                     o["category"], o["source"]))  # fmt: skip
    write("observations.csv", OBS_COLUMNS, observations)

    _, programs = read("programs.csv")
    upsert(programs, "program", [dict(zip(["program", "name_zh", "name_en"], p, strict=True))
                                 for p in PROGRAMS])  # fmt: skip
    write("programs.csv", ["program", "name_zh", "name_en"], programs)

    columns, indicators = read("indicators.csv")
    upsert(indicators, "indicator", [
        dict(zip(columns, (ind, *spec), strict=True)) for ind, spec in INDICATORS.items()
    ])  # fmt: skip
    used = {o["indicator"] for o in observations}
    indicators = [i for i in indicators if i["indicator"] in used]
    write("indicators.csv", columns, indicators)

    columns, dimensions = read("dimensions.csv")
    known = {(d["dimension"], d["category"]) for d in dimensions}
    for dimension, category, zh, en in DIMENSIONS:
        if (dimension, category) not in known:
            dimensions.append({"dimension": dimension, "category": category, "name_zh": zh,
                               "name_en": en})  # fmt: skip
    used_pairs = {(o["dimension"], o["category"]) for o in observations}
    dimensions = [d for d in dimensions if (d["dimension"], d["category"]) in used_pairs]
    dimensions.sort(key=lambda d: d["dimension"])
    write("dimensions.csv", columns, dimensions)

    _, sources = read("sources.csv")
    for row in sources:
        title_en, publisher_en = EXISTING_EN.get(row["source"], ("", ""))
        row.setdefault("title_en", "")
        row.setdefault("publisher_en", "")
        row["title_en"] = row["title_en"] or title_en or row["title"]
        row["publisher_en"] = row["publisher_en"] or publisher_en or row["publisher"]
    upsert(sources, "source", [
        dict(zip(SOURCE_COLUMNS, (sid, *spec), strict=True)) for sid, spec in NEW_SOURCES.items()
    ])  # fmt: skip
    used_sources = {o["source"] for o in observations}
    unused = [s["source"] for s in sources if s["source"] not in used_sources]
    sources = [s for s in sources if s["source"] in used_sources]
    sources.sort(key=lambda s: s["source"])
    write("sources.csv", SOURCE_COLUMNS, sources)

    print(f"observations: {len(observations)}; more_facts rows added: {added}")
    for reason, numbers in accounting.items():
        print(f"  {reason}: {len(numbers)} {numbers}")
    if unused:
        print("sources defined but unused (dropped):", unused)


if __name__ == "__main__":
    main()
