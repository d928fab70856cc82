"""The unit vocabulary: canonical units with their labels, and scaled units converted to them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    code: str
    label_zh: str
    label_en: str
    quantity: str  # percent | money | people | count | rate_money | year
    period: str = ""  # year | term | month for a rate per period, "" otherwise
    one_en: str = ""  # the English label after exactly 1 ("1 county"), when not label_en


CANONICAL_UNITS: dict[str, Unit] = {
    unit.code: unit
    for unit in (
        Unit("%", "%", "%", "percent"),
        Unit("人", "人", "people", "people", one_en="person"),
        Unit("人次", "人次", "person-times", "people", one_en="person-time"),
        Unit("元", "元", "CNY", "money"),
        Unit("元/生/年", "元/生/年", "CNY per student per year", "rate_money", "year"),
        Unit("元/生/学期", "元/生/学期", "CNY per student per term", "rate_money", "term"),
        Unit("元/人/年", "元/人/年", "CNY per person per year", "rate_money", "year"),
        Unit("元/人/月", "元/人/月", "CNY per person per month", "rate_money", "month"),
        Unit("元/人", "元/人", "CNY per person", "rate_money"),
        Unit("所", "所", "schools", "count", one_en="school"),
        Unit("个", "个", "units", "count", one_en="unit"),
        Unit("县", "个县", "counties", "count", one_en="county"),
        Unit("项", "项", "items", "count", one_en="item"),
        Unit("次", "次", "times", "count", one_en="time"),
        Unit("件", "件", "resources", "count", one_en="resource"),
        # A calendar year as the value (the batch year a county exited poverty): written
        # without thousands separators and, in English, bare ("2016").
        Unit("年", "年", "", "year"),
    )
}

# A scaled unit is written as (canonical unit, factor): value_in_canonical = value * factor.
SCALED_UNITS: dict[str, tuple[str, float]] = {
    "千元": ("元", 1e3),
    "万元": ("元", 1e4),
    "百万元": ("元", 1e6),
    "亿元": ("元", 1e8),
    "万人": ("人", 1e4),
    "万人次": ("人次", 1e4),
    "万所": ("所", 1e4),
    "万件": ("件", 1e4),
}

# Spellings users write for a canonical unit.
UNIT_ALIASES: dict[str, str] = {
    "percent": "%",
    "％": "%",
    "yuan": "元",
    "cny": "元",
    "rmb": "元",
    "元/生/学年": "元/生/年",
    "people": "人",
    "persons": "人",
    "person-times": "人次",
    "schools": "所",
    "counties": "县",
}


class UnitError(ValueError):
    """A unit that is unknown, or that cannot be converted to the one asked for."""


class PeriodError(UnitError):
    """A rate per one period (month, term, year) given for an indicator measured per another.

    Never converted: "2,000 yuan each term" is not 4,000 a year unless a source says so, and
    a monthly allowance times twelve is an inference, not a reading.
    """


# How the last part of a unit names its period ("元/人/月" -> month); the canonical units
# say theirs in `Unit.period`.
PERIOD_WORDS: dict[str, str] = {
    "年": "year",
    "学年": "year",
    "year": "year",
    "yr": "year",
    "学期": "term",
    "term": "term",
    "semester": "term",
    "月": "month",
    "month": "month",
}


def period_of_text(text: str) -> str:
    """The period of a rate as written ("元/月" -> "month", "元/生/学期" -> "term"), or ""."""
    cleaned = text.strip()
    unit = CANONICAL_UNITS.get(cleaned)
    if unit is not None:
        return unit.period
    if "/" not in cleaned:
        return ""
    return PERIOD_WORDS.get(cleaned.rsplit("/", 1)[1].strip().lower(), "")


def normalise_unit(text: str) -> str:
    """The canonical or scaled spelling of a unit as written; raises UnitError if unknown."""
    cleaned = text.strip()
    if cleaned in CANONICAL_UNITS or cleaned in SCALED_UNITS:
        return cleaned
    alias = UNIT_ALIASES.get(cleaned.lower())
    if alias is None:
        raise UnitError(f"unknown unit '{text}'")
    return alias


def conversion_factor(from_unit: str, to_unit: str) -> float:
    """Factor that turns a value in from_unit into to_unit (a canonical unit).

    Raises PeriodError before anything else when both are rates of different periods.
    """
    written, wanted = period_of_text(from_unit), period_of_text(to_unit)
    if written and wanted and written != wanted:
        raise PeriodError(
            f"the unit's period contradicts the indicator's: '{from_unit}' is per {written}, "
            f"'{to_unit}' is per {wanted}; a rate is never converted between periods "
            f"(use an indicator measured per {written}, or the per-{wanted} figure a source states)"
        )
    source = normalise_unit(from_unit)
    if source == to_unit:
        return 1.0
    scaled = SCALED_UNITS.get(source)
    if scaled is not None and scaled[0] == to_unit:
        return scaled[1]
    raise UnitError(f"cannot convert '{from_unit}' to '{to_unit}'")


def known_units() -> list[str]:
    return sorted([*CANONICAL_UNITS, *SCALED_UNITS])


def unit_label(code: str, lang: str) -> str:
    unit = CANONICAL_UNITS.get(code)
    if unit is None:
        return code
    return unit.label_zh if lang == "zh" else unit.label_en
