"""The unit vocabulary: canonical units with their labels, and scaled units converted to them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    code: str
    label_zh: str
    label_en: str
    quantity: str  # percent | money | people | count | rate_money


CANONICAL_UNITS: dict[str, Unit] = {
    unit.code: unit
    for unit in (
        Unit("%", "%", "%", "percent"),
        Unit("人", "人", "people", "people"),
        Unit("人次", "人次", "person-times", "people"),
        Unit("元", "元", "CNY", "money"),
        Unit("元/生/年", "元/生/年", "CNY per student per year", "rate_money"),
        Unit("元/人/月", "元/人/月", "CNY per person per month", "rate_money"),
        Unit("元/人", "元/人", "CNY per person", "rate_money"),
        Unit("所", "所", "schools", "count"),
        Unit("个", "个", "units", "count"),
        Unit("县", "个县", "counties", "count"),
        Unit("项", "项", "items", "count"),
        Unit("次", "次", "times", "count"),
        Unit("件", "件", "resources", "count"),
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
    """Factor that turns a value in from_unit into to_unit (a canonical unit)."""
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
