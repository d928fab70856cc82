"""The Tibet gazetteer: area codes, bilingual names and the aliases sources use for them."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

GAZETTEER_FILE = Path(__file__).with_name("gazetteer.csv")
COLUMNS = ("area", "level", "parent", "name_zh", "name_en", "aliases")
LEVELS = ("region", "prefecture", "county")
PARENT_LEVEL = {"region": None, "prefecture": "region", "county": "prefecture"}
ALIAS_SEPARATOR = "|"

# Tried only when the text as written matches nothing, so "Nyingchi County" (the former county,
# now Bayi District) still wins over "Nyingchi" (the prefecture) when it is an explicit alias.
_LATIN_SUFFIXES = re.compile(r"\s+(county|district|city|prefecture)$")
_CODE = re.compile(r"\d{6}")
# Excel turns codes into floats ("540100.0"); statistical files use 12-digit codes.
_CODE_LIKE = re.compile(r"(\d{6})(?:\.0+|000000)?")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})
_IGNORED = re.compile(r"[\s'\-.·]+")


class GazetteerError(ValueError):
    """An areas table that cannot form a gazetteer (bad code, unknown parent, clashing alias)."""


@dataclass(frozen=True)
class Area:
    code: str
    level: str
    parent: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_zh if _check_lang(lang) == "zh" else self.name_en


def _check_lang(lang: str) -> str:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    return lang


def _fold(text: str) -> str:
    """Width, case, accents and apostrophes folded; inner whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).strip().casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def _key(folded: str) -> str:
    return _IGNORED.sub("", folded)


def _lookup_keys(text: str) -> list[str]:
    """The keys to try for a piece of user text, most literal first."""
    folded = _fold(text)
    keys = [_key(folded)]
    stripped = _LATIN_SUFFIXES.sub("", folded)
    if stripped != folded:
        keys.append(_key(stripped))
    match = _CODE_LIKE.fullmatch(folded)
    if match:
        keys.insert(0, match.group(1))
    return [key for key in keys if key]


def _split_aliases(value: object) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ()
    parts = (part.strip() for part in str(value).split(ALIAS_SEPARATOR))
    return tuple(dict.fromkeys(part for part in parts if part))


def _normalise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    missing = [column for column in COLUMNS[:-1] if column not in frame.columns]
    if missing:
        raise GazetteerError(f"areas table lacks column(s): {', '.join(missing)}")
    table = frame.copy()
    if "aliases" not in table.columns:
        table["aliases"] = ""
    table = table.loc[:, list(COLUMNS)].astype(object).fillna("")
    for column in COLUMNS:
        table[column] = table[column].map(lambda value: str(value).strip()).astype(object)
    # Codes read as numbers ("540100.0") are still codes.
    for column in ("area", "parent"):
        table[column] = table[column].str.replace(r"^(\d{6})\.0+$", r"\1", regex=True)
    return table.reset_index(drop=True)


class Gazetteer:
    """Areas by code, with a resolver from any known name, alias or former code to the code."""

    def __init__(self, frame: pd.DataFrame) -> None:
        table = _normalise_frame(frame)
        self._areas: dict[str, Area] = {}
        for row in table.itertuples(index=False):
            area = Area(
                code=row.area,
                level=row.level,
                parent=row.parent,
                name_zh=row.name_zh,
                name_en=row.name_en,
                aliases=_split_aliases(row.aliases),
            )
            if area.code in self._areas:
                raise GazetteerError(f"area {area.code} is listed twice")
            self._areas[area.code] = area
        self._check_hierarchy()
        self._index = self._build_index()
        table["aliases"] = [ALIAS_SEPARATOR.join(a.aliases) for a in self._areas.values()]
        self._frame = table
        self._children: dict[str, tuple[Area, ...]] = {}
        for area in sorted(self._areas.values(), key=lambda a: a.code):
            if area.parent:
                self._children[area.parent] = (*self._children.get(area.parent, ()), area)

    def _check_hierarchy(self) -> None:
        problems = []
        for area in self._areas.values():
            if not _CODE.fullmatch(area.code):
                problems.append(f"area code {area.code!r} is not 6 digits")
            if area.level not in LEVELS:
                problems.append(f"area {area.code}: level {area.level!r} not in {LEVELS}")
                continue
            if not area.name_zh or not area.name_en:
                problems.append(f"area {area.code}: name_zh and name_en are required")
            expected = PARENT_LEVEL[area.level]
            if expected is None:
                if area.parent:
                    problems.append(f"area {area.code}: a region has no parent")
                continue
            parent = self._areas.get(area.parent)
            if parent is None:
                problems.append(f"area {area.code}: parent {area.parent!r} is not a known area")
            elif parent.level != expected:
                problems.append(
                    f"area {area.code}: parent {area.parent} is a {parent.level}, not a {expected}"
                )
        if problems:
            raise GazetteerError("; ".join(problems))

    def _build_index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        clashes = []
        for area in self._areas.values():
            for label in (area.code, area.name_zh, area.name_en, *area.aliases):
                key = _key(_fold(label))
                if not key:
                    continue
                owner = index.setdefault(key, area.code)
                if owner != area.code:
                    clashes.append(f"{label!r} names both {owner} and {area.code}")
        if clashes:
            raise GazetteerError("ambiguous names: " + "; ".join(clashes))
        return index

    @classmethod
    def from_csv(cls, path: Path) -> Gazetteer:
        return cls(pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8"))

    def extended(self, extra_frame: pd.DataFrame) -> Gazetteer:
        """This gazetteer plus a user's `areas` table.

        A row for a known code keeps the built-in names and adds its own names and aliases as
        aliases; a row for a new code adds the area. Names that would point at two areas raise
        GazetteerError.
        """
        extra = _normalise_frame(extra_frame)
        table = self._frame.copy()
        known = set(table["area"])
        positions = {code: position for position, code in enumerate(table["area"])}
        new_rows = []
        for row in extra.itertuples(index=False):
            if row.area in known:
                position = positions[row.area]
                current = self._areas[row.area]
                for field, given, built_in in (
                    ("level", row.level, current.level),
                    ("parent", row.parent, current.parent),
                ):
                    if given and given != built_in:
                        raise GazetteerError(
                            f"area {row.area}: {field} {given!r} contradicts "
                            f"the built-in {built_in!r}"
                        )
                added = (row.name_zh, row.name_en, *_split_aliases(row.aliases))
                merged = dict.fromkeys((*current.aliases, *added))
                for own in (current.code, current.name_zh, current.name_en, ""):
                    merged.pop(own, None)
                table.loc[position, "aliases"] = ALIAS_SEPARATOR.join(merged)
            else:
                new_rows.append(row._asdict())
        if new_rows:
            table = pd.concat([table, pd.DataFrame(new_rows)], ignore_index=True)
        return Gazetteer(table)

    @property
    def frame(self) -> pd.DataFrame:
        """The areas table (a copy): area, level, parent, name_zh, name_en, aliases."""
        return self._frame.copy()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._areas)

    def __contains__(self, code: object) -> bool:
        return code in self._areas

    def __len__(self) -> int:
        return len(self._areas)

    def __iter__(self) -> Iterator[Area]:
        return iter(self._areas.values())

    def area(self, code: str) -> Area:
        try:
            return self._areas[code]
        except KeyError:
            raise KeyError(f"unknown area code {code!r}") from None

    def name(self, code: str, lang: str) -> str:
        return self.area(code).name(lang)

    def resolve(self, text: object) -> str | None:
        """The area code for a code, former code, Chinese or English name or alias; else None."""
        if text is None or (isinstance(text, float) and pd.isna(text)):
            return None
        for key in _lookup_keys(str(text)):
            code = self._index.get(key)
            if code is not None:
                return code
        return None

    def suggest(self, text: str, limit: int = 3, cutoff: float = 0.5) -> list[Area]:
        """The areas whose names or aliases are closest to `text`, best first."""
        keys = _lookup_keys(str(text))
        if not keys or limit <= 0:
            return []
        best: dict[str, float] = {}
        matcher = difflib.SequenceMatcher(autojunk=False)
        for candidate, code in self._index.items():
            matcher.set_seq2(candidate)
            for key in keys:
                matcher.set_seq1(key)
                if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
                    continue
                score = matcher.ratio()
                if score >= cutoff and score > best.get(code, 0.0):
                    best[code] = score
        ranked = sorted(best, key=lambda code: (-best[code], code))
        return [self._areas[code] for code in ranked[:limit]]

    def children(self, code: str) -> tuple[Area, ...]:
        self.area(code)
        return self._children.get(code, ())

    def descendants(self, code: str) -> tuple[Area, ...]:
        found: list[Area] = []
        for child in self.children(code):
            found.append(child)
            found.extend(self.descendants(child.code))
        return tuple(found)

    def _ancestors(self, code: str) -> Iterable[Area]:
        area = self.area(code)
        while True:
            yield area
            if not area.parent:
                return
            area = self._areas[area.parent]

    def prefecture_of(self, code: str) -> str:
        """The prefecture containing `code` (itself for a prefecture, "" for the region)."""
        for area in self._ancestors(code):
            if area.level == "prefecture":
                return area.code
        return ""

    def region_of(self, code: str) -> str:
        for area in self._ancestors(code):
            if area.level == "region":
                return area.code
        raise KeyError(f"area {code!r} is not under a region")  # unreachable after validation

    def by_level(self, level: str) -> tuple[Area, ...]:
        if level not in LEVELS:
            raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
        return tuple(area for area in self._areas.values() if area.level == level)


@lru_cache(maxsize=1)
def builtin_gazetteer() -> Gazetteer:
    """The built-in Tibet gazetteer (region, 7 prefectures, 74 counties), loaded once."""
    return Gazetteer.from_csv(GAZETTEER_FILE)
