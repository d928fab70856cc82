"""The briefing as layout: per programme a caption whose numbers open their source, and
compact headline cards (value, year, change coloured by the indicator's direction).

Made as the plain nodes assets/plain_html.js draws (components/plain_html.py), not as Dash
components: the briefing holds ~800 elements at 10M generated rows, anew at each change."""

from __future__ import annotations

from dashboard.components.chart_card import source_href
from dashboard.components.plain_html import Node, element, link
from dashboard.i18n import format_change, format_year, t
from dashboard.state import FilterState
from dashboard.views.briefing import Briefing, CaptionNumber, ProgramBriefing, Reading
from dashboard.views.kpis import COMPARABLE_KINDS
from dashboard.views.source_names import has_cjk

KIND_BADGES = ("standard", "target", "cumulative")


def source_title(reading: Reading, lang: str) -> str:
    """What a number's hover says: the source, its date and the sentence read."""
    where = t(
        "kpi.source",
        lang,
        publisher=reading.publisher,
        date=reading.source_date or t("format.date_unknown", lang),
    )
    if not reading.quote:
        return where
    if lang != "zh" and has_cjk(reading.quote):
        # A title attribute cannot be marked lang="zh": the quote stays on the Sources page,
        # where it is marked, one click away.
        return f"{where}\n{t('kpi.quote_elsewhere', lang)}"
    return f"{where}\n“{reading.quote}”"


def caption(program: ProgramBriefing, state: FilterState) -> Node:
    """The caption, each number a link to its source with the quote as its title."""
    children = []
    for part in program.caption:
        if isinstance(part, CaptionNumber):
            children.append(_number_link(part, state))
        else:
            children.append(part)
    return element("p", children, className="briefing-caption mb-2")


def _number_link(part: CaptionNumber, state: FilterState) -> Node:
    reading = part.reading
    number = link(
        part.text,
        href=source_href(reading.source, state),
        title=source_title(reading, state.lang),
        className="briefing-number",
    )
    return element(
        "span", [number], **{"data-indicator": reading.indicator, "data-value": repr(reading.value)}
    )


def change_line(reading: Reading, lang: str) -> str | None:
    if reading.kind not in COMPARABLE_KINDS:
        return None
    if reading.change is None or reading.previous_year is None:
        return None  # said by omission: the briefing stays short
    if reading.change == 0:
        return t("kpi.unchanged", lang, year=reading.previous_year)
    delta = format_change(
        reading.change, reading.unit, lang, reading.decimals, scale_of=reading.value
    )
    return t("kpi.change", lang, year=reading.previous_year, delta=delta)


def headline_card(reading: Reading, state: FilterState) -> Node:
    lang = state.lang
    flags = []
    if reading.year_differs:
        flags.append(
            element(
                "span",
                t("briefing.card.other_year", lang, year=format_year(reading.year, lang)),
                className="badge briefing-year-differs",
            )
        )
    if reading.stale:
        flags.append(
            element(
                "span",
                t("briefing.card.stale", lang),
                title=t("briefing.card.stale_hint", lang),
                className="badge briefing-stale",
            )
        )
    if reading.kind in KIND_BADGES:
        flags.append(
            element(
                "span",
                t(f"kind.{reading.kind}", lang),
                title=t(f"kind.{reading.kind}.hint", lang),
                className="badge kind-badge briefing-kind",
            )
        )
    change = change_line(reading, lang)
    return element(
        "div",
        [
            element("h4", reading.label, className="briefing-card-title mb-1"),
            element(
                "p",
                [
                    link(
                        reading.text,
                        href=source_href(reading.source, state),
                        title=source_title(reading, lang),
                    )
                ],
                className="kpi-value briefing-value mb-0",
            ),
            element(
                "p",
                # A figure of another year says so in its badge, not twice.
                [
                    None
                    if reading.year_differs
                    else element("span", format_year(reading.year, lang), className="text-muted"),
                    " ",
                    *flags,
                ],
                className="briefing-when small mb-0",
            ),
            element("p", change, className=f"small mb-0 briefing-change-{reading.change_tone}")
            if change
            else None,
        ],
        className=f"briefing-card kpi-kind-{reading.kind}",
    )


def program_section(program: ProgramBriefing, state: FilterState, more_link=None) -> Node:
    header = [element("h3", program.name, className="h6 mb-1 program-heading")]
    if more_link is not None:
        header.append(more_link)
    return element(
        "section",
        [
            element("div", header, className="d-flex flex-wrap align-items-baseline column-gap-2"),
            caption(program, state) if program.caption else None,
            element(
                "div",
                [headline_card(reading, state) for reading in program.readings],
                className="briefing-cards",
            ),
        ],
        className="briefing-program mb-3",
        id=f"briefing-{program.program.replace('_', '-')}",
    )


def briefing_heading(briefing: Briefing) -> Node:
    lang = briefing.lang
    if briefing.mode == "year" and briefing.year is not None:
        text = t(
            "briefing.heading_year",
            lang,
            year=format_year(briefing.year, lang),
            area=briefing.area_name,
        )
    else:
        text = t("briefing.heading_latest", lang, area=briefing.area_name)
    return element("h2", text, className="h5 mt-2 mb-2 briefing-heading")


def missing_note(briefing: Briefing) -> Node | None:
    if not briefing.missing_programs:
        return None
    lang = briefing.lang
    key = "briefing.missing_year" if briefing.mode == "year" else "briefing.missing"
    return element(
        "p",
        t(
            key,
            lang,
            year=format_year(briefing.year, lang),
            programs="、".join(briefing.missing_programs)
            if lang == "zh"
            else ", ".join(briefing.missing_programs),
        ),
        className="small text-muted briefing-missing",
    )
