"""Every user-visible string and number format, in Chinese (the default) and English.

Strings live in `catalog_<part>.py` modules beside this one, one per part of the app. Each
module defines `STRINGS`, a list of `(key, chinese, english)` tuples; every catalogue module
is loaded at import and a key defined twice (in one module or in two) is an error, so a
string has exactly one home. Texts may hold `{name}` fields filled by `t(key, lang, name=...)`.
"""

from __future__ import annotations

import functools
import importlib
import math
import pkgutil
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from dashboard.data.units import CANONICAL_UNITS

LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"
MINUS = "\u2212"  # typographic minus: a hyphen is easy to miss in a change figure


class CatalogueError(Exception):
    """A catalogue module is malformed or defines a key that another module already defines."""


def load_catalogues(
    path: Iterable[str], package: str
) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Texts by key and the module that defines each key, from package's catalog_*.py."""
    texts: dict[str, tuple[str, str]] = {}
    owners: dict[str, str] = {}
    modules = sorted(info.name for info in pkgutil.iter_modules(list(path)))
    for name in modules:
        if not name.startswith("catalog_"):
            continue
        module = importlib.import_module(f"{package}.{name}")
        entries = getattr(module, "STRINGS", None)
        if not isinstance(entries, list):
            raise CatalogueError(f"{name}: STRINGS must be a list of (key, zh, en) tuples")
        for entry in entries:
            if not (isinstance(entry, tuple) and len(entry) == 3 and all(entry)):
                raise CatalogueError(f"{name}: bad entry {entry!r}; want (key, zh, en)")
            key, chinese, english = entry
            if key in owners:
                raise CatalogueError(
                    f"i18n key {key!r} is defined in {owners[key]} and again in {name}"
                )
            owners[key] = name
            texts[key] = (chinese, english)
    return texts, owners


_TEXTS, _OWNERS = load_catalogues(__path__, __name__)


def check_lang(lang: object) -> str:
    """The language code to use: lang when it is "zh" or "en", otherwise the default."""
    return lang if lang in LANGS else DEFAULT_LANG  # type: ignore[return-value]


def t(key: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    """The text for key in lang; raises KeyError for a key no catalogue defines."""
    chinese, english = _TEXTS[key]
    text = english if check_lang(lang) == "en" else chinese
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    return key in _TEXTS


def both(key: str) -> tuple[str, str]:
    """The Chinese and English texts of a key (for search indexes and bilingual labels)."""
    return _TEXTS[key]


def keys(prefix: str = "") -> list[str]:
    return sorted(key for key in _TEXTS if key.startswith(prefix))


def owner(key: str) -> str:
    """The catalogue module that defines key (for error messages and tests)."""
    return _OWNERS[key]


# ------------------------------------------------------------------ numbers


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def _round(value: float, decimals: int) -> Decimal:
    # Half-up on the decimal spelling, so 3.225 -> 3.23 as a person would round it.
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def _digits(value: float, decimals: int | None, *, strip: bool) -> str:
    """Thousands separators; decimals=None means "as few as needed, at most 2"."""
    if decimals is None:
        decimals, strip = 2, True
    text = f"{_round(abs(value), decimals):,.{decimals}f}"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_number(value: object, lang: str = DEFAULT_LANG, decimals: int | None = None) -> str:
    """A bare number with thousands separators ("12,062"); "—" for a missing value."""
    if _is_missing(value):
        return t("value.missing", lang)
    number = float(value)  # type: ignore[arg-type]
    digits = _digits(number, decimals, strip=decimals is None)
    negative = number < 0 and digits.strip("0.,") != ""
    return (MINUS if negative else "") + digits


# Large numbers: Chinese writes 万 (10^4) and 亿 (10^8); English writes million and billion.
_ZH_SCALES = ((1e8, "亿"), (1e5, "万"))  # below 10万, "12,062人" reads better than "1.21万人"
_EN_SCALES = ((1e9, "billion"), (1e6, "million"))
_ZH_DIVISORS = {"亿": 1e8, "万": 1e4}
_EN_DIVISORS = {"billion": 1e9, "million": 1e6}


def _scaled(number: float, lang: str, size_of: float | None = None) -> tuple[float, str]:
    """The number divided into 万/亿 or million/billion when large, and the scale word.

    size_of picks the scale from another number (a change is written in its value's scale).
    """
    size = abs(number if size_of is None else size_of)
    if lang == "zh":
        for threshold, word in _ZH_SCALES:
            if size >= threshold:
                return number / _ZH_DIVISORS[word], word
    else:
        for threshold, word in _EN_SCALES:
            if size >= threshold:
                return number / _EN_DIVISORS[word], word
    return number, ""


def format_value(
    value: object,
    unit: str,
    lang: str = DEFAULT_LANG,
    decimals: int | None = None,
    *,
    signed: bool = False,
    scale_of: object = None,
) -> str:
    """A value in its canonical unit, written as a reader of lang expects (docs/NUMBERS.md).

    zh: "12,062人", "3.23亿元", "508.17万元", "8000万元", "3,720元/生/年", "96.94%", "74个县"
    en: "12,062 people", "CNY 322.5 million", "CNY 3,720 per student per year", "96.94%"
    signed=True writes "+" or "−" in front (for changes); scale_of, another value whose
    万/亿 (million/billion) scale this one takes, so a change reads in its value's scale.
    """
    lang = check_lang(lang)
    try:
        return _format_value(value, unit, lang, decimals, signed, scale_of)
    except TypeError:  # an unhashable value: written without the memo
        return _format_value.__wrapped__(value, unit, lang, decimals, signed, scale_of)


# Each point of a trend chart is written for its hover (~1,400 a view of three counties at
# 8.5 µs each); a year change draws the same series again, so most were written before.
@functools.lru_cache(maxsize=1 << 15)
def _format_value(
    value: object,
    unit: str,
    lang: str,
    decimals: int | None,
    signed: bool,
    scale_of: object,
) -> str:
    if _is_missing(value):
        return t("value.missing", lang)
    number = float(value)  # type: ignore[arg-type]
    unit_info = CANONICAL_UNITS.get(unit)
    quantity = unit_info.quantity if unit_info else ""
    if quantity in ("money", "people", "count"):
        size_of = None if _is_missing(scale_of) else float(scale_of)  # type: ignore[arg-type]
        number, scale = _scaled(number, lang, size_of)
    else:
        scale = ""
    if quantity == "year":  # a calendar year: "2016", never "2,016"
        return f"{int(round(number))}{unit_info.label_zh if lang == 'zh' else ''}"  # type: ignore[union-attr]
    if scale:
        # Four significant figures or so: 3.23亿元, 508.17万元, CNY 5.08 million, CNY 322.5 million.
        places = 2 if lang == "zh" or scale == "billion" or abs(number) < 10 else 1
        # An indicator's decimals are for its canonical unit, not for 万/亿 or millions.
        digits = _digits(number, places, strip=True)
        if lang == "zh":
            # 万 and 亿 already group the digits: "8000万元", never "8,000万元".
            digits = digits.replace(",", "")
    else:
        digits = _digits(number, decimals, strip=decimals is None)
    is_zero = digits.strip("0.,") == ""
    sign = ""
    if number < 0 and not is_zero:
        sign = MINUS
    elif signed and not is_zero:
        sign = "+"
    return sign + _with_unit(digits, scale, unit, unit_info, lang)


def _with_unit(digits: str, scale: str, unit: str, unit_info: object, lang: str) -> str:
    if unit_info is None:
        if not unit:
            return digits + (scale if lang == "zh" else f" {scale}" if scale else "")
        return f"{digits}{scale}{unit}" if lang == "zh" else f"{digits} {scale} {unit}".strip()
    label = unit_info.label_zh if lang == "zh" else unit_info.label_en  # type: ignore[attr-defined]
    if unit == "%":
        return f"{digits}%"
    if lang == "zh":
        return f"{digits}{scale}{label}"
    # English money reads "CNY 3,720 per student per year", "CNY 322.5 million".
    if label.startswith("CNY"):
        rest = label[len("CNY") :].strip()
        return " ".join(part for part in ("CNY", digits, scale, rest) if part)
    if digits == "1" and not scale and unit_info.one_en:  # type: ignore[attr-defined]
        label = unit_info.one_en  # type: ignore[attr-defined]  # "1 county", not "1 counties"
    return " ".join(part for part in (digits, scale, label) if part)


def format_change(
    delta: object,
    unit: str,
    lang: str = DEFAULT_LANG,
    decimals: int | None = None,
    *,
    scale_of: object = None,
) -> str:
    """A change with its sign: "+1,234人"; a change of a percentage is in points, not %.

    scale_of: the value the change belongs to, so "23.98万人" gets "+1.98万人", not "+19,800人".
    """
    if unit == "%" and not _is_missing(delta):
        number = float(delta)  # type: ignore[arg-type]
        digits = _digits(number, decimals, strip=decimals is None)
        sign = "" if digits.strip("0.,") == "" else (MINUS if number < 0 else "+")
        return t("format.percentage_points", lang, value=sign + digits)
    return format_value(delta, unit, lang, decimals, signed=True, scale_of=scale_of)


def unit_label(unit: str, lang: str = DEFAULT_LANG, *, scale: str = "") -> str:
    """The unit as an axis title would name it: "亿元", "万人", "CNY million", "people"."""
    lang = check_lang(lang)
    unit_info = CANONICAL_UNITS.get(unit)
    if unit_info is None:
        return f"{scale}{unit}" if lang == "zh" else f"{unit} {scale}".strip()
    label = unit_info.label_zh if lang == "zh" else unit_info.label_en
    if lang == "zh":
        return f"{scale}{label}"
    if scale and label.startswith("CNY"):
        rest = label[len("CNY") :].strip()
        return " ".join(part for part in ("CNY", scale, rest) if part)
    return f"{scale} {label}".strip() if scale else label


def axis_scale(values: Iterable[float], unit: str, lang: str = DEFAULT_LANG) -> tuple[float, str]:
    """(divisor, axis unit label) so that large money or head counts read as 亿元/万人/million."""
    lang = check_lang(lang)
    unit_info = CANONICAL_UNITS.get(unit)
    finite = [abs(float(v)) for v in values if not _is_missing(v)]
    if not finite or unit_info is None or unit_info.quantity not in ("money", "people", "count"):
        return 1.0, unit_label(unit, lang)
    _, scale = _scaled(max(finite), lang)
    if not scale:
        return 1.0, unit_label(unit, lang)
    divisor = _ZH_DIVISORS[scale] if lang == "zh" else _EN_DIVISORS[scale]
    return divisor, unit_label(unit, lang, scale=scale)


def format_year(year: object, lang: str = DEFAULT_LANG) -> str:
    if _is_missing(year):
        return t("value.missing", lang)
    return t("format.year", lang, year=int(float(year)))  # type: ignore[arg-type]


def format_years(years: Iterable[int], lang: str = DEFAULT_LANG, limit: int = 6) -> str:
    """ "2016、2018、2019年" or "2016, 2018, 2019"; at most limit years, then "…"."""
    listed = sorted({int(year) for year in years})
    shown = [str(year) for year in listed[:limit]]
    if len(listed) > limit:
        shown.append("…")
    return t("format.year_list", lang, years=t("format.list_separator", lang).join(shown))


def join_list(items: Iterable[str], lang: str = DEFAULT_LANG) -> str:
    return t("format.list_separator", lang).join(items)


def localized(record: object, field: str, lang: str = DEFAULT_LANG) -> str:
    """record[f"{field}_{lang}"] (mapping or attribute), falling back to the other language."""
    lang = check_lang(lang)
    other = "en" if lang == "zh" else "zh"
    for code in (lang, other):
        name = f"{field}_{code}"
        value = record.get(name) if isinstance(record, dict) else getattr(record, name, None)
        if value is not None and not _is_blank(value):
            return str(value)
    return ""


def _is_blank(value: object) -> bool:
    if isinstance(value, float) and math.isnan(value):
        return True
    return str(value).strip() == ""


def fold(text: str) -> str:
    """Text folded for matching: width (全角), case and surrounding space ignored."""
    return unicodedata.normalize("NFKC", text).casefold().strip()
