"""Links the shell writes: to a page with the parameters it uses, and search suggestions."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from dashboard import config
from dashboard.components.search import search, suggestions
from dashboard.state import FilterState, href, restricted_to, to_query

if TYPE_CHECKING:
    from dashboard.data.store import Dataset

# What a page uses of the state beyond its filter bar (the map reads the indicator and year
# from its own pickers): register_page(..., state_fields=(...)) overrides `filters`.
DEFAULT_PAGE_FILTERS = ("area", "year")


def page_fields(page: dict | None) -> tuple[str, ...]:
    if page is None:
        return ()
    return tuple(page.get("state_fields", page.get("filters", DEFAULT_PAGE_FILTERS)))


def page_query(state: FilterState, page: dict | None) -> str:
    """The query of a link to page: the language and the filters that page uses, no others."""
    return to_query(restricted_to(state, page_fields(page)))


# Stands for "the user's current value" in a suggestion's cached link: no area code, indicator
# or programme id can take this value, so a link that shows it did not set that filter.
_KEEP = "~keep~"


def suggested_links(dataset: Dataset, lang: str, pages: list) -> tuple[tuple[str, str], ...]:
    """Each suggested term with a hit, and its first hit's link made from a placeholder state."""
    base = FilterState(lang=lang, areas=(_KEEP,), indicator=_KEEP, program=_KEEP)
    links = []
    for term in suggestions(lang):
        hits = search(term, lang, dataset, pages=pages, state=base, limit=1)
        if hits:
            links.append((term, hits[0].href))
    return tuple(links)


def link_for_state(link: str, state: FilterState) -> str:
    """A cached suggestion link with the user's filters, as search(..., state=state) makes it.

    Search only ever sets the area, indicator or programme of the state (the others stay as
    they are) and adds page parameters such as `source`.
    """
    parts = urlsplit(link)
    # No area in the link: search chose the whole region (the URL leaves that default out).
    changes: dict[str, Any] = {"areas": (config.REGION_CODE,)}
    extra: dict[str, str] = {}
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name == "area" and value == _KEEP:
            del changes["areas"]
        elif value == _KEEP or name == "lang":
            continue
        elif name == "area":
            changes["areas"] = tuple(value.split(","))
        elif name in ("indicator", "program"):
            changes[name] = value
        else:
            extra[name] = value
    return href(parts.path, replace(state, **changes), fragment=parts.fragment, **extra)
