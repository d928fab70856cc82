"""The language-parity rule shared by the browser test and the hover unit test.

English text: no character in U+3400–U+9FFF (CJK ideographs). Chinese text: no English word
(three or more Latin letters) apart from ALLOWED: acronyms, file formats, units and names that
Chinese readers see in Latin letters too. URLs, domain names and e-mail addresses are not words.
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff]+")
WORD = re.compile(r"[A-Za-z]{3,}")
NOT_WORDS = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[\w.-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\b[A-Za-z][\w-]*/[\w./-]+"  # repository paths (Clebeech/ds_project)
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|org|net|gov|edu|int|info)(?:\.cn)?\b[/\w.-]*"  # domains
)
ALLOWED = frozenset(
    # acronyms of sources and bodies
    "CPAD ICT GDP CPC CCTV CGTN PRC UNESCO UNICEF "
    # file formats and web words
    "PNG SVG PDF CSV XLSX XLS PPTX HTML URL JSON ZIP UTF JPEG ISO "
    # names that Chinese text writes in Latin letters too (sites, a blog, a code host)
    "GitHub scholarmate triphobby "
    # the map boundaries' project and licence (the attribution must name them as they are)
    "cnmaps MIT".split()
)


def offending_text(text: str, lang: str) -> str:
    """The parts of `text` that break the rule for a page in `lang` (empty when none)."""
    if lang == "en":
        return " ".join(CJK.findall(text))
    words = WORD.findall(NOT_WORDS.sub(" ", text))
    return " ".join(word for word in words if word not in ALLOWED)
