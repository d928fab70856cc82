"""i18n: the catalogues load with each key once, and numbers read right in both languages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from dashboard import i18n
from dashboard.i18n import (
    CatalogueError,
    axis_scale,
    format_change,
    format_number,
    format_value,
    format_year,
    format_years,
    load_catalogues,
    t,
    unit_label,
)

REPO = Path(__file__).resolve().parents[2]
SHELL_FILES = [
    "dashboard/app.py",
    "dashboard/state.py",
    "dashboard/components/filter_bar.py",
    "dashboard/components/chart_card.py",
    "dashboard/components/kpi_card.py",
    "dashboard/components/notices.py",
    "dashboard/components/search.py",
    "dashboard/figures/common.py",
    "dashboard/figures/trend.py",
    "dashboard/pages/overview.py",
    "dashboard/views/overview.py",
    "dashboard/views/kpis.py",
]


def write_catalogue(folder: Path, name: str, body: str) -> None:
    (folder / f"{name}.py").write_text(body, encoding="utf-8")


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    package = tmp_path / "fake_i18n_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield package
    for name in [module for module in sys.modules if module.startswith("fake_i18n_pkg")]:
        del sys.modules[name]


def test_key_defined_in_two_catalogues_is_refused_naming_both(fake_package):
    write_catalogue(fake_package, "catalog_a", 'STRINGS = [("x.title", "甲", "A")]')
    write_catalogue(fake_package, "catalog_b", 'STRINGS = [("x.title", "乙", "B")]')
    with pytest.raises(CatalogueError, match=r"catalog_a.*catalog_b"):
        load_catalogues([str(fake_package)], "fake_i18n_pkg")


def test_key_defined_twice_in_one_catalogue_is_refused(fake_package):
    write_catalogue(fake_package, "catalog_a", 'STRINGS = [("x.a", "甲", "A"), ("x.a", "乙", "B")]')
    with pytest.raises(CatalogueError, match="x.a"):
        load_catalogues([str(fake_package)], "fake_i18n_pkg")


def test_entry_without_english_is_refused(fake_package):
    write_catalogue(fake_package, "catalog_a", 'STRINGS = [("x.a", "甲", "")]')
    with pytest.raises(CatalogueError, match="bad entry"):
        load_catalogues([str(fake_package)], "fake_i18n_pkg")


def test_other_modules_in_the_package_are_not_catalogues(fake_package):
    write_catalogue(fake_package, "catalog_a", 'STRINGS = [("x.a", "甲", "A")]')
    write_catalogue(fake_package, "helpers", "STRINGS = 1")
    texts, owners = load_catalogues([str(fake_package)], "fake_i18n_pkg")
    assert texts == {"x.a": ("甲", "A")}
    assert owners == {"x.a": "catalog_a"}


def test_real_catalogues_load_and_know_their_owner():
    assert i18n.owner("app.title") == "catalog_shell"
    assert i18n.owner("overview.title") == "catalog_overview"


def test_t_picks_language_fills_fields_and_defaults_to_chinese():
    assert t("page.dropout.name", "zh") == "控辍保学"
    assert t("page.dropout.name", "en") == "Dropout control"
    assert t("page.dropout.name", "fr") == "控辍保学"
    assert t("kpi.change", "en", year=2018, delta="+5") == "+5 since 2018"


def test_unknown_key_raises_key_error():
    with pytest.raises(KeyError):
        t("no.such.key", "zh")


def test_every_key_the_shell_uses_exists():
    pattern = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")
    missing = []
    for relative in SHELL_FILES:
        text = (REPO / relative).read_text(encoding="utf-8")
        missing += [f"{relative}: {key}" for key in pattern.findall(text) if not i18n.has(key)]
    assert missing == []


def test_every_planned_page_has_a_name_and_keywords_in_both_languages():
    for page in ("overview", "dropout", "aid", "teachers", "map", "data", "sources", "upload"):
        chinese, english = i18n.both(f"page.{page}.name")
        assert chinese and english and chinese != english
        assert i18n.has(f"page.{page}.keywords")


@pytest.mark.parametrize(
    ("value", "unit", "chinese", "english"),
    [
        (12062, "人", "12,062人", "12,062 people"),
        (322_500_000, "元", "3.23亿元", "CNY 322.5 million"),
        (324_300_000, "元", "3.24亿元", "CNY 324.3 million"),
        (5_081_700, "元", "508.17万元", "CNY 5.08 million"),
        (2_500_000_000, "元", "25亿元", "CNY 2.5 billion"),
        (3720, "元/生/年", "3,720元/生/年", "CNY 3,720 per student per year"),
        (1500, "元/人/月", "1,500元/人/月", "CNY 1,500 per person per month"),
        (96.94, "%", "96.94%", "96.94%"),
        (74, "县", "74个县", "74 counties"),
        (1_234_567, "人", "123.46万人", "1.23 million people"),
        (-1234, "人", "−1,234人", "−1,234 people"),
    ],
)
def test_format_value_in_both_languages(value, unit, chinese, english):
    assert format_value(value, unit, "zh") == chinese
    assert format_value(value, unit, "en") == english


def test_format_value_rounds_half_up_and_honours_decimals():
    assert format_value(3.225e8, "元", "zh") == "3.23亿元"
    assert format_value(98.3333, "%", "en", decimals=1) == "98.3%"
    assert format_value(2.0, "%", "zh", decimals=2) == "2.00%"


def test_missing_values_are_a_dash_never_zero():
    assert format_value(None, "人", "zh") == "—"
    assert format_value(float("nan"), "元", "en") == "—"
    assert format_number(None, "en") == "—"


def test_format_change_has_a_sign_and_uses_points_for_percentages():
    assert format_change(1860, "人", "zh") == "+1,860人"
    assert format_change(-2e8, "元", "en") == "−CNY 200 million"
    assert format_change(0.83, "%", "zh") == "+0.83个百分点"
    assert format_change(-0.5, "%", "en") == "−0.5 percentage points"


def test_years_and_unit_labels():
    assert format_year(2019, "zh") == "2019年"
    assert format_year(2019, "en") == "2019"
    assert format_years([2019, 2016, 2018], "zh") == "2016、2018、2019年"
    assert format_years(range(2000, 2010), "en", limit=3) == "2000, 2001, 2002, …"
    assert unit_label("元", "en", scale="million") == "CNY million"
    assert unit_label("人", "zh", scale="万") == "万人"


def test_axis_scale_switches_to_large_units_only_when_values_are_large():
    assert axis_scale([3e8, 1e8], "元", "zh") == (1e8, "亿元")
    assert axis_scale([3e8], "元", "en") == (1e6, "CNY million")
    assert axis_scale([9000, 12000], "人", "zh") == (1.0, "人")
    assert axis_scale([97.5], "%", "en") == (1.0, "%")


def test_indicator_decimals_do_not_truncate_scaled_values():
    assert format_value(2_140_000, "人次", "en", decimals=0) == "2.14 million person-times"
    assert format_value(2_140_000, "人次", "zh", decimals=0) == "214万人次"
    assert format_value(12_062, "人", "en", decimals=0) == "12,062 people"


def test_wan_and_yi_amounts_carry_no_thousands_separator() -> None:
    assert format_value(8e7, "元", "zh") == "8000万元"
    assert format_value(1.697e7, "人次", "zh") == "1697万人次"
    assert format_value(3.2243e9, "元", "zh") == "32.24亿元"
    # Below the 万 threshold and in English, digits are grouped as usual.
    assert format_value(12062, "人", "zh") == "12,062人"
    assert format_value(8e7, "元", "en") == "CNY 80 million"


def test_a_change_is_written_in_the_scale_of_its_value() -> None:
    assert format_change(19800, "人", "zh", scale_of=239800) == "+1.98万人"
    assert format_change(-19800, "人", "en", scale_of=2398000) == "\u22120.02 million people"
    # Without the value, the change keeps its own scale.
    assert format_change(19800, "人", "zh") == "+19,800人"


def test_exactly_one_takes_the_singular_in_english() -> None:
    """The data grid wrote "1 counties" (Lhasa, 2016): one of a count reads singular."""
    from dashboard.i18n import format_change, format_value

    assert format_value(1, "县", "en") == "1 county"
    assert format_value(1.0, "所", "en", 0) == "1 school"
    assert format_value(1, "人", "en") == "1 person"
    assert format_change(-1, "县", "en") == "−1 county"
    assert format_value(2, "县", "en") == "2 counties"
    assert format_value(1.5, "所", "en") == "1.5 schools"
    assert format_value(10000, "人", "en") == "10,000 people"
    assert format_value(1, "县", "zh") == "1个县"
