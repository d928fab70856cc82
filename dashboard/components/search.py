"""Search across pages, charts, indicators, programmes, areas and sources, in either language.

`search(query, lang, dataset)` is pure: it builds its index from the i18n page names and
keywords, the pages' declared programmes and charts, the dataset's catalogue and gazetteer,
and returns hits whose href opens the page and filter that shows the hit. "劝返" finds the
Dropout page, "三包" the Student aid page, "allowance" the Teachers page, "Nagqu" 那曲市.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dash import dcc, html

from dashboard import ids
from dashboard.i18n import fold, has, t
from dashboard.state import FilterState, href
from dashboard.views import source_names

if TYPE_CHECKING:
    from dashboard.data.store import Dataset

MAX_QUERY_CHARS = 100
KIND_ORDER = ("page", "area", "indicator", "program", "chart", "source")
SOURCES_PAGE = "sources"
# a source is found by its titles and names in either language
SOURCE_SEARCHED = ("title", "title_en", "publisher", "publisher_en", "publisher_zh")
DATA_PAGE = "data"


@dataclass(frozen=True)
class PageEntry:
    """What search needs to know about a registered page."""

    key: str  # "dropout" (the path, or register_page(key=...)); i18n page.<key>.name
    path: str
    programs: tuple[str, ...] = ()
    charts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    kind: str  # page / chart / indicator / program / area / source
    label: str
    detail: str
    href: str
    score: int


def page_key(page: dict) -> str:
    """A registered page's key for i18n (page.<key>.name): its `key=` or its path."""
    explicit = page.get("key")
    if explicit:
        return str(explicit)
    path = str(page.get("path", "/")).strip("/")
    return path.replace("/", "-") if path else "overview"


def registered_pages() -> list[PageEntry]:
    """The pages in dash.page_registry, in navigation order."""
    import dash

    entries = []
    for page in dash.page_registry.values():
        entries.append(
            PageEntry(
                key=page_key(page),
                path=page["path"],
                programs=tuple(page.get("programs", ())),
                charts=tuple(page.get("charts", ())),
            )
        )
    return entries


def _score(query: str, names: Iterable[str], extra: Iterable[str] = ()) -> int:
    """How well a folded query matches: exact name > prefix > inside a name > keyword."""
    best = 0
    for name in names:
        folded = fold(name)
        if not folded:
            continue
        if folded == query:
            return 100
        if folded.startswith(query):
            best = max(best, 80)
        elif query in folded:
            best = max(best, 60)
    for word in extra:
        folded = fold(word)
        if folded == query:
            best = max(best, 75)  # an exact keyword ("三包", "allowance") names the page
        elif query in folded:
            best = max(best, 40)
    if best:
        return best
    tokens = query.split()
    haystack = " ".join(fold(text) for text in [*names, *extra])
    if len(tokens) > 1 and all(token in haystack for token in tokens):
        return 30
    return 0


def _keywords(key: str) -> list[str]:
    if not has(key):
        return []
    chinese, english = t(key, "zh"), t(key, "en")
    return [*chinese.split(), *english.split(), chinese, english]


def _page_names(key: str) -> list[str]:
    name_key = f"page.{key}.name"
    return [t(name_key, "zh"), t(name_key, "en")] if has(name_key) else [key]


def search(
    query: str,
    lang: str,
    dataset: Dataset | None,
    *,
    pages: Sequence[PageEntry] | None = None,
    state: FilterState | None = None,
    limit: int = 12,
) -> list[Hit]:
    """Hits for query, best first; the hrefs keep lang (and the other filters of state)."""
    folded = fold(str(query or ""))[:MAX_QUERY_CHARS]
    if not folded:
        return []
    pages = list(pages) if pages is not None else registered_pages()
    base = replace(state, lang=lang) if state is not None else FilterState(lang=lang)
    by_key = {page.key: page for page in pages}
    page_of_program = {program: page for page in pages for program in page.programs}
    hits: list[Hit] = []

    for page in pages:
        score = _score(folded, _page_names(page.key), _keywords(f"page.{page.key}.keywords"))
        if score:
            label = _page_names(page.key)[0 if lang == "zh" else -1]
            hits.append(Hit("page", label, "", href(page.path, base), score + 5))
        for chart in page.charts:
            title_key = f"chart.{chart}.title"
            if not has(title_key):
                continue
            score = _score(folded, [t(title_key, "zh"), t(title_key, "en")])
            if score:
                where = t("search.on_page", lang, page=_page_names(page.key)[lang == "en"])
                link = href(page.path, base, fragment=ids.chart_anchor(chart))
                hits.append(Hit("chart", t(title_key, lang), where, link, score))

    if dataset is not None:
        hits += _catalogue_hits(folded, lang, dataset, base, page_of_program, by_key)

    hits.sort(key=lambda hit: (-hit.score, KIND_ORDER.index(hit.kind), hit.label))
    unique: dict[tuple[str, str], Hit] = {}
    for hit in hits:
        unique.setdefault((hit.kind, hit.href), hit)
    return list(unique.values())[:limit]


def _landing(program: str, page_of_program: dict, by_key: dict) -> PageEntry | None:
    """The page that shows a programme: its declaring page, else Data, else Overview."""
    return page_of_program.get(program) or by_key.get(DATA_PAGE) or by_key.get("overview")


def _catalogue_hits(
    query: str,
    lang: str,
    dataset: Dataset,
    base: FilterState,
    page_of_program: dict,
    by_key: dict,
) -> list[Hit]:
    hits: list[Hit] = []
    catalogue = dataset.catalogue
    program_names = {str(p): dataset.program_name(str(p), lang) for p in catalogue.programs.index}

    for indicator_id, row in catalogue.indicators.iterrows():
        indicator_id = str(indicator_id)
        names = [str(row["name_zh"]), str(row["name_en"]), indicator_id]
        descriptions = [
            str(row.get("description_zh", "") or ""),
            str(row.get("description_en", "") or ""),
        ]
        score = _score(query, names, descriptions)
        page = _landing(str(row["program"]), page_of_program, by_key)
        if score and page is not None:
            state = replace(base, indicator=indicator_id)
            label = str(row["name_zh"] if lang == "zh" else row["name_en"])
            detail = program_names.get(str(row["program"]), "")
            hits.append(Hit("indicator", label, detail, href(page.path, state), score))

    for program_id, row in catalogue.programs.iterrows():
        score = _score(query, [str(row["name_zh"]), str(row["name_en"]), str(program_id)])
        page = _landing(str(program_id), page_of_program, by_key)
        if score and page is not None:
            state = (
                base
                if page_of_program.get(str(program_id))
                else replace(base, program=str(program_id))
            )
            hits.append(
                Hit("program", program_names[str(program_id)], "", href(page.path, state), score)
            )

    landing = by_key.get("overview")
    for area in dataset.gazetteer:
        score = _score(query, [area.name_zh, area.name_en, area.code], area.aliases)
        if score and landing is not None:
            parent = ""
            if area.parent and area.parent in dataset.gazetteer:
                parent = dataset.gazetteer.area(area.parent).name(lang)
            state = replace(base, areas=(area.code,))
            hits.append(Hit("area", area.name(lang), parent, href(landing.path, state), score + 3))

    sources_page = by_key.get(SOURCES_PAGE)
    if sources_page is not None:
        for source_id, row in catalogue.sources.iterrows():
            record = {"source": str(source_id), **row.to_dict()}
            texts = [str(row.get(key, "") or "") for key in SOURCE_SEARCHED] + [str(source_id)]
            score = _score(query, texts)
            if score:
                link = href(
                    sources_page.path,
                    base,
                    fragment=ids.source_anchor(str(source_id)),
                    source=str(source_id),
                )
                detail = source_names.label(record, lang)
                hits.append(Hit("source", source_names.title(record, lang), detail, link, score))
    return hits


# ------------------------------------------------------------------ layout


def suggestions(lang: str) -> list[str]:
    return t("search.suggestions", lang).split("|")


def search_box(lang: str) -> html.Div:
    return html.Div(
        [
            html.Label(
                t("search.label", lang), htmlFor=ids.SEARCH_INPUT, className="visually-hidden"
            ),
            dcc.Input(
                id=ids.SEARCH_INPUT,
                type="search",
                placeholder=t("search.placeholder", lang),
                debounce=0.3,
                autoComplete="off",
                spellCheck=False,
                maxLength=MAX_QUERY_CHARS,
                className="form-control form-control-sm search-input",
            ),
            html.Div(id=ids.SEARCH_RESULTS, className="search-results shadow"),
        ],
        className="search-box",
        role="search",
    )


def _hit_link(hit: Hit, lang: str) -> html.Li:
    return html.Li(
        dcc.Link(
            [
                html.Span(t(f"search.kind.{hit.kind}", lang), className="search-kind badge"),
                html.Span(hit.label, className="search-label"),
                html.Span(hit.detail, className="search-detail small text-muted")
                if hit.detail
                else None,
            ],
            href=hit.href,
            className="list-group-item list-group-item-action search-hit",
        ),
        className="list-unstyled",
    )


def results_panel(
    hits: Sequence[Hit], query: str, lang: str, suggested: Sequence[tuple[str, str]] = ()
):
    """The dropdown under the search box: hits, "nothing found", or suggested terms."""
    if not query.strip():
        if not suggested:
            return None
        return html.Div(
            [
                html.Span(t("search.suggested", lang), className="small text-muted me-1"),
                *[
                    dcc.Link(term, href=link, className="search-suggestion badge rounded-pill me-1")
                    for term, link in suggested
                ],
            ],
            className="p-2",
        )
    if not hits:
        return html.P(
            t("search.none", lang, query=query.strip()[:MAX_QUERY_CHARS]),
            className="p-2 mb-0 small",
        )
    return html.Ul(
        [_hit_link(hit, lang) for hit in hits],
        className="list-group list-group-flush mb-0 ps-0",
        **{"aria-label": t("search.results_label", lang)},
    )
