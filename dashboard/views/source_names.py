"""A source's publisher and title in the page's language, and the original beside them.

data/raw/sources.csv keeps `title` and `publisher` as published (Chinese or English) and adds
`title_en`, `publisher_en` (English, no Chinese) and `publisher_zh` (a Chinese name for an outlet
published in Latin letters). Every place that shows a source asks here, so an English page
never shows a Chinese outlet name unmarked and a Chinese page never shows an English one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_CJK = re.compile(r"[\u3400-\u9fff]")
# Where a source's outlet name is looked for, first found first, per page language.
PUBLISHER_KEYS = {
    "en": ("publisher_en", "publisher", "title_en", "title", "source"),
    "zh": ("publisher_zh", "publisher", "title", "source"),
}


def _text(record: Mapping, key: str) -> str:
    value = record.get(key)
    return "" if value is None or str(value) in ("", "nan") else str(value)


def publisher(record: Mapping, lang: str) -> str:
    """The outlet's name in `lang`, falling back to the title, then the source id."""
    keys = PUBLISHER_KEYS["en" if lang == "en" else "zh"]
    return next((text for text in (_text(record, key) for key in keys) if text), "")


def title(record: Mapping, lang: str, *, or_id: bool = True) -> str:
    """The document's title in `lang`: title_en in English, the original title in Chinese;
    the source id for an untitled source (or "" when not `or_id`)."""
    if lang == "en" and _text(record, "title_en"):
        return _text(record, "title_en")
    return _text(record, "title") or (_text(record, "source") if or_id else "")


def date(record: Mapping) -> str:
    """The publication date as recorded ("" when unknown)."""
    return _text(record, "date")


def original_title(record: Mapping, lang: str) -> str:
    """The title as published when it differs from title(record, lang), else ""."""
    original = _text(record, "title")
    return original if original and original != title(record, lang) else ""


def label(record: Mapping, lang: str) -> str:
    """ "publisher date", the short form cards, hovers and table cells use."""
    return f"{publisher(record, lang)} {_text(record, 'date')}".strip()


def has_cjk(text: str) -> bool:
    """Does the text hold a Chinese character (CJK Extension A or Unified Ideographs)?"""
    return _CJK.search(text or "") is not None


def text_lang(text: str) -> str:
    """ "zh" when the text has Chinese characters, else "en": the `lang` to mark a quote or an
    original title with, so a screen reader reads it in its own voice (WCAG 3.1.2)."""
    return "zh" if has_cjk(text) else "en"
