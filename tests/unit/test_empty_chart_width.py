"""An empty chart's message fits a phone: its lines are short enough for a ~340 px plot at
15 px (about 40 Latin or 20 Chinese characters), so nothing is cut at the right."""

from __future__ import annotations

import re

import pytest

from dashboard.state import FilterState
from dashboard.views.programs_common import EMPTY_WIDTH, empty_chart

LINES = {
    "en": [
        "No such data for Tibet Autonomous Region in 2016.",
        "Years with data for this area: 2019, 2018, 2015 and 2012",
        "Areas with this data: Tibet Autonomous Region, Lhasa, Nyingchi",
    ],
    "zh": [
        "西藏自治区2016年没有此项数据。",
        "有此项数据的地区：西藏自治区、拉萨市、林芝市、日喀则市、昌都市",
    ],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_empty_charts_lines_fit_a_phone(lang) -> None:
    chart = empty_chart("x", "X", LINES[lang], FilterState(lang=lang))
    text = chart.figure.layout.annotations[0].text
    message = text.split("<br><span")[0]  # the hint after it is one short line
    lines = message.split("<br>")
    assert all(len(line) <= EMPTY_WIDTH[lang] for line in lines), lines
    assert EMPTY_WIDTH[lang] <= (40 if lang == "en" else 20)
    joined = ("" if lang == "zh" else " ").join(lines)
    assert re.sub(r"\s+", "", joined) == re.sub(r"\s+", "", "".join(LINES[lang]))
