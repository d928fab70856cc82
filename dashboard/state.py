"""The filter state: its defaults, the URL query <-> state round trip, and sanitising.

Everything read from a URL or a callback payload is untrusted. `parse_query` is the one way
in: it returns a valid FilterState and the list of what it dropped (parameter, the raw value
shortened for display as plain text, and why); it never raises on bad input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote

from dashboard import config

if TYPE_CHECKING:
    from dashboard.data.store import Dataset

LANGS = config.LANGUAGES
DEFAULT_LANG = config.DEFAULT_LANG
REGION = config.REGION_CODE
MAX_AREAS = 20
MAX_PARAMETERS = 40
MAX_QUERY_CHARS = 20_000  # longer queries are cut before parsing (the notice says so)
DISPLAY_CHARS = 60  # raw values shown back to the user are cut to this length

# Parameters that pages read themselves from layout(**query) (e.g. the Sources page's
# `source`): passed over silently instead of being reported as unknown.
PAGE_PARAMETERS: set[str] = {"source", "chart", "tab", "version"}
MAX_TABLE_FILTER_CHARS = 2_000  # the data grid's column filters, as canonical JSON
MAX_TABLE_SORT = 5  # sorted columns of the data grid
ALL_YEARS = "all"  # year=all: every year (the data page); no year: each indicator's latest

_AREA_CODE = re.compile(r"\d{6}")
_YEAR = re.compile(r"\d{4}")
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]{0,79}")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


@dataclass(frozen=True)
class FilterState:
    lang: str = DEFAULT_LANG
    areas: tuple[str, ...] = (REGION,)
    year: int | None = None  # None: the latest reading of each indicator
    year_range: tuple[int, int] | None = None  # None: every year
    indicator: str | None = None
    program: str | None = None
    # The area rule (docs/ARCHITECTURE.md): chosen areas only, unless "include the areas
    # within" is chosen (URL within=1).
    within: bool = False
    all_years: bool = False  # year=all: every reading (the data page), not only the latest
    # The data grid's column sort [(column, "asc"|"desc")] and filters (canonical JSON of
    # AG Grid's filter model, "" for none): URL sort=year.desc,value.asc and filter={...}.
    table_sort: tuple[tuple[str, str], ...] = ()
    table_filter: str = ""

    @property
    def is_region(self) -> bool:
        return self.areas == (REGION,)

    @property
    def table_filter_model(self) -> dict[str, Any]:
        return json.loads(self.table_filter) if self.table_filter else {}


@dataclass(frozen=True)
class Dropped:
    """A URL value that was not used: show `value` as text only, never as markup."""

    param: str
    value: str
    reason: str  # i18n key suffix: notice.reason.<reason>


def shorten(text: object, limit: int = DISPLAY_CHARS) -> str:
    """Text safe to show back: control and bidi characters removed, cut to limit."""
    cleaned = _CONTROL_CHARACTERS.sub("", str(text))
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def known_from_dataset(dataset: Dataset) -> dict[str, frozenset]:
    """The vocabulary parse_query checks against, from a dataset (computed once per dataset)."""
    return dict(dataset.cached("state.known", _known))


def _known(dataset: Dataset) -> dict[str, frozenset]:
    return {
        "known_areas": frozenset(dataset.gazetteer.codes) | {REGION},
        "known_years": frozenset(dataset.years()),
        "known_indicators": frozenset(dataset.catalogue.indicators.index.astype(str)),
        "known_programs": frozenset(dataset.catalogue.programs.index.astype(str)),
    }


# ------------------------------------------------------------------ parsing


def _pairs(query: str | Mapping[str, Any] | None) -> tuple[list[tuple[str, str]], list[Dropped]]:
    """The (name, value) pairs of a query string or of Pages' layout(**query) mapping."""
    dropped: list[Dropped] = []
    pairs: list[tuple[str, str]] = []
    if query is None:
        return pairs, dropped
    if isinstance(query, str):
        text = query[1:] if query.startswith("?") else query
        if len(text) > MAX_QUERY_CHARS:
            dropped.append(Dropped("…", shorten(text[MAX_QUERY_CHARS:]), "too_many_parameters"))
            text = text[:MAX_QUERY_CHARS]
        pairs = parse_qsl(text, keep_blank_values=True, errors="replace")
    elif isinstance(query, Mapping):
        for name, value in query.items():
            values = value if isinstance(value, list | tuple) else [value]
            for item in values:
                if item is None:
                    continue
                if not isinstance(item, str | int) or isinstance(item, bool):
                    dropped.append(Dropped(shorten(name), shorten(repr(item)), "not_text"))
                    continue
                pairs.append((str(name), str(item)))
    else:
        dropped.append(Dropped("?", shorten(repr(query)), "not_text"))
    if len(pairs) > MAX_PARAMETERS:
        extra = pairs[MAX_PARAMETERS:]
        dropped.append(Dropped(shorten(extra[0][0]), f"+{len(extra)}", "too_many_parameters"))
        pairs = pairs[:MAX_PARAMETERS]
    return pairs, dropped


def parse_query(
    query: str | Mapping[str, Any] | None,
    known_areas: Collection[str] | None = None,
    known_years: Collection[int] | None = None,
    known_indicators: Collection[str] | None = None,
    *,
    known_programs: Collection[str] | None = None,
) -> tuple[FilterState, list[Dropped]]:
    """A valid FilterState from a URL query, plus what was dropped and why.

    query: "?lang=en&area=540100,540600&year=2019&from=2015&to=2024&indicator=x&program=y",
    or the mapping Pages passes to layout(**query). A known_* of None skips that membership
    check (the format is still checked).
    """
    pairs, dropped = _pairs(query)
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in values:
            dropped.append(Dropped(shorten(name), shorten(value), "repeated"))
        else:
            values[name] = value

    fields: dict[str, Any] = {}
    for name, raw in values.items():
        value = raw.strip()
        if name == "lang":
            if value in LANGS:
                fields["lang"] = value
            elif value:
                dropped.append(Dropped(name, shorten(raw), "unknown_language"))
        elif name == "area":
            areas, area_problems = _parse_areas(value, known_areas)
            dropped.extend(area_problems)
            if areas:
                fields["areas"] = areas
        elif name == "year" and value == ALL_YEARS:
            fields["all_years"] = True
        elif name == "year":
            if value and value != "latest":
                year, reason = _parse_year(value, known_years)
                if year is None:
                    dropped.append(Dropped(name, shorten(raw), reason))
                else:
                    fields["year"] = year
        elif name in ("from", "to"):
            if value:
                year, reason = _parse_year(value, None)
                if year is None:
                    dropped.append(Dropped(name, shorten(raw), reason))
                else:
                    fields[name] = year
        elif name in ("indicator", "program"):
            known = known_indicators if name == "indicator" else known_programs
            if not value:
                continue
            if _IDENTIFIER.fullmatch(value) and (known is None or value in known):
                fields[name] = value
            else:
                dropped.append(Dropped(name, shorten(raw), f"unknown_{name}"))
        elif name == "within":
            if value in ("1", "true"):
                fields["within"] = True
            elif value not in ("", "0", "false"):
                dropped.append(Dropped(name, shorten(raw), "not_a_switch"))
        elif name == "sort":
            sort, problems = _parse_table_sort(value)
            dropped.extend(problems)
            if sort:
                fields["table_sort"] = sort
        elif name == "filter":
            model = _parse_table_filter(value)
            if model is None:
                dropped.append(Dropped(name, shorten(raw), "not_a_table_filter"))
            elif model:
                fields["table_filter"] = model
        elif name in PAGE_PARAMETERS:
            continue
        else:
            dropped.append(Dropped(shorten(name), shorten(raw), "unknown_parameter"))

    year_range = _year_range(fields.pop("from", None), fields.pop("to", None))
    if year_range is not None:
        fields["year_range"] = year_range
    return FilterState(**fields), dropped


def _parse_areas(
    value: str, known: Collection[str] | None
) -> tuple[tuple[str, ...], list[Dropped]]:
    dropped: list[Dropped] = []
    codes: list[str] = []
    for part in value.split(","):
        code = part.strip()
        if not code or code in codes:
            continue
        if not _AREA_CODE.fullmatch(code):
            dropped.append(Dropped("area", shorten(code), "not_an_area_code"))
        elif known is not None and code not in known:
            dropped.append(Dropped("area", code, "unknown_area"))
        elif len(codes) >= MAX_AREAS:
            dropped.append(Dropped("area", code, "too_many_areas"))
        else:
            codes.append(code)
    return tuple(codes), dropped


def _parse_year(value: str, known: Collection[int] | None) -> tuple[int | None, str]:
    if not _YEAR.fullmatch(value):
        return None, "not_a_year"
    year = int(value)
    if not config.MIN_YEAR <= year <= config.MAX_YEAR:
        return None, "year_out_of_range"
    if known is not None and year not in known:
        return None, "no_data_for_year"
    return year, ""


def _parse_table_sort(value: str) -> tuple[tuple[tuple[str, str], ...], list[Dropped]]:
    """ "year.desc,value.asc" -> (("year", "desc"), ("value", "asc"))."""
    sort: list[tuple[str, str]] = []
    dropped: list[Dropped] = []
    for part in value.split(","):
        column, _, direction = part.strip().partition(".")
        if not column:
            continue
        if (
            _IDENTIFIER.fullmatch(column)
            and direction in ("asc", "desc")
            and column not in dict(sort)
            and len(sort) < MAX_TABLE_SORT
        ):
            sort.append((column, direction))
        else:
            dropped.append(Dropped("sort", shorten(part), "not_a_table_sort"))
    return tuple(sort), dropped


def _parse_table_filter(value: str) -> str | None:
    """The grid's filter model as canonical JSON ("" for none); None when it is not one."""
    if not value:
        return ""
    if len(value) > MAX_TABLE_FILTER_CHARS:
        return None
    try:
        model = json.loads(value)
    except ValueError:
        return None
    if not isinstance(model, dict) or not all(
        isinstance(key, str) and _IDENTIFIER.fullmatch(key) and isinstance(spec, dict)
        for key, spec in model.items()
    ):
        return None
    return canonical_table_filter(model)


def canonical_table_filter(model: Mapping[str, Any] | None) -> str:
    """One text for one filter model (keys sorted, no spaces), "" for no filter."""
    if not model:
        return ""
    return json.dumps(model, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _year_range(start: int | None, end: int | None) -> tuple[int, int] | None:
    if start is None and end is None:
        return None
    low = start if start is not None else config.MIN_YEAR
    high = end if end is not None else config.MAX_YEAR
    return (low, high) if low <= high else (high, low)


# ------------------------------------------------------------------ writing


def to_query(state: FilterState) -> str:
    """The query string for a state, defaults omitted: "" for the default state."""
    parts: list[tuple[str, str]] = []
    if state.lang != DEFAULT_LANG:
        parts.append(("lang", state.lang))
    if state.areas and state.areas != (REGION,):
        parts.append(("area", ",".join(state.areas)))
    if state.year is not None:
        parts.append(("year", str(state.year)))
    elif state.all_years:
        parts.append(("year", ALL_YEARS))
    if state.year_range is not None:
        low, high = state.year_range
        if low != config.MIN_YEAR:
            parts.append(("from", str(low)))
        if high != config.MAX_YEAR:
            parts.append(("to", str(high)))
    if state.program:
        parts.append(("program", state.program))
    if state.indicator:
        parts.append(("indicator", state.indicator))
    if state.within:
        parts.append(("within", "1"))
    if state.table_sort:
        parts.append(("sort", ",".join(f"{column}.{way}" for column, way in state.table_sort)))
    if state.table_filter:
        parts.append(("filter", state.table_filter))
    if not parts:
        return ""
    return "?" + "&".join(f"{name}={quote(value, safe=',.')}" for name, value in parts)


def href(path: str, state: FilterState, *, fragment: str = "", **extra: str) -> str:
    """A link to path that keeps the state; extra page parameters (e.g. source=) are added."""
    query = to_query(state)
    if extra:
        added = "&".join(f"{name}={quote(str(value), safe='')}" for name, value in extra.items())
        query = f"{query}&{added}" if query else f"?{added}"
    return f"{path}{query}" + (f"#{fragment}" if fragment else "")


def to_store(state: FilterState) -> dict[str, Any]:
    """The JSON the shell puts in dcc.Store(ids.FILTER_STATE): the canonical query, and the
    language (sync_state copies it into ids.LANGUAGE when it changes)."""
    return {"query": to_query(state), "lang": state.lang}


def from_store(data: object) -> FilterState:
    """The state from the store's data; the default state for None or a damaged payload."""
    if not isinstance(data, Mapping) or not isinstance(data.get("query"), str):
        return FilterState()
    state, _ = parse_query(data["query"])
    return state


# ------------------------------------------------------------------ changes


def with_lang(state: FilterState, lang: str) -> FilterState:
    return replace(state, lang=lang if lang in LANGS else DEFAULT_LANG)


def cleared(state: FilterState) -> FilterState:
    """The "clear selection" state: everything back to default but the language."""
    return FilterState(lang=state.lang)


def with_areas(state: FilterState, areas: Iterable[str] | None) -> FilterState:
    """Areas as chosen in the filter; none chosen means the whole region.

    The area rule: the region is the default, and choosing prefectures or counties replaces
    it. A dropdown adds to what it shows, so an area added to the default region selection
    leaves that area alone selected.
    """
    chosen = tuple(dict.fromkeys(str(area) for area in areas or []))[:MAX_AREAS]
    if state.is_region and len(chosen) > 1 and chosen[0] == REGION:
        chosen = chosen[1:]
    return replace(state, areas=chosen or (REGION,))


def apply_area_click(state: FilterState, area: str, *, add: bool) -> FilterState:
    """A click on an area in a chart: replace the selection, or with a modifier key toggle it.

    Adding to the default whole-region selection replaces it, since "region plus one
    prefecture" is rarely what a click on a prefecture means.
    """
    if not add or state.is_region:
        return replace(state, areas=(area,))
    if area in state.areas:
        remaining = tuple(code for code in state.areas if code != area)
        return replace(state, areas=remaining or (REGION,))
    return replace(state, areas=(*state.areas, area)[:MAX_AREAS])


def replace_table(state: FilterState, sort_model: object, filter_model: object) -> FilterState:
    """The state with the data grid's sort and column filters (AG Grid's models, untrusted)."""
    items = sort_model if isinstance(sort_model, list) else []
    text = ",".join(
        f"{item.get('colId')}.{item.get('sort')}" for item in items if isinstance(item, Mapping)
    )
    sort, _ = _parse_table_sort(text)
    model = filter_model if isinstance(filter_model, Mapping) else {}
    table_filter = _parse_table_filter(canonical_table_filter(model)) if model else ""
    return replace(state, table_sort=sort, table_filter=table_filter or "")


def restricted_to(state: FilterState, filters: Iterable[str]) -> FilterState:
    """The state as seen by a page that uses only these filters (others back to default).

    A filter chosen on one page stays in the URL when moving to another, but a page that
    does not show, say, the indicator filter must not silently apply it.
    """
    used = set(filters)
    return FilterState(
        lang=state.lang,
        areas=state.areas if "area" in used else (REGION,),
        year=state.year if "year" in used else None,
        year_range=state.year_range if "year_range" in used else None,
        indicator=state.indicator if "indicator" in used else None,
        program=state.program if "program" in used else None,
        within=state.within and "within" in used,
        all_years=state.all_years and "all_years" in used,
        table_sort=state.table_sort if "table" in used else (),
        table_filter=state.table_filter if "table" in used else "",
    )
