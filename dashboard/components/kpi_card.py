"""A headline figure as a card: value with unit, where and when, change, kind, source link."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.chart_card import source_href
from dashboard.i18n import format_change, format_value, format_year, t
from dashboard.state import FilterState
from dashboard.views.kpis import COMPARABLE_KINDS, Kpi

KIND_COLOURS = {
    "standard": "info",
    "target": "warning",
    "plan": "warning",
    "average": "info",
    "cumulative": "secondary",
}


def change_text(kpi: Kpi, lang: str) -> str:
    """ "较2018年 +1,234人", "与2018年持平" or "无更早数据可比较"."""
    if kpi.change is None or kpi.previous_year is None:
        return t("kpi.no_previous", lang)
    if kpi.change == 0:
        return t("kpi.unchanged", lang, year=kpi.previous_year)
    delta = format_change(kpi.change, kpi.unit, lang, kpi.decimals, scale_of=kpi.value)
    return t("kpi.change", lang, year=kpi.previous_year, delta=delta)


def kind_badge(kind: str, lang: str) -> dbc.Badge | None:
    """A badge for values that are not yearly outcomes: standard, target, cumulative."""
    if kind not in KIND_COLOURS:
        return None
    return dbc.Badge(
        t(f"kind.{kind}", lang),
        color=KIND_COLOURS[kind],
        text_color="dark" if kind in ("target", "plan") else None,
        className="kind-badge ms-1",
        title=t(f"kind.{kind}.hint", lang),
    )


def kpi_card(kpi: Kpi, *, state: FilterState) -> dbc.Card:
    lang = state.lang
    value = format_value(kpi.value, kpi.unit, lang, kpi.decimals)
    where_when = t("kpi.where_when", lang, area=kpi.area_name, year=format_year(kpi.year, lang))
    source_text = t(
        "kpi.source",
        lang,
        publisher=kpi.publisher,
        date=kpi.source_date or t("format.date_unknown", lang),
    )
    change_class = "kpi-change small"
    if kpi.change is not None and kpi.change != 0:
        change_class += " kpi-change-up" if kpi.change > 0 else " kpi-change-down"
        change_class += f" kpi-change-{kpi.change_tone}"
    body = [
        html.Div(
            [html.H3(kpi.name, className="kpi-title h6 mb-1"), kind_badge(kpi.kind, lang)],
            className="d-flex align-items-start justify-content-between gap-1",
        ),
        html.P(value, className="kpi-value mb-0"),
        html.P(where_when, className="kpi-where small text-muted mb-1"),
        html.P(change_text(kpi, lang), className=change_class + " mb-1")
        if kpi.kind in COMPARABLE_KINDS
        else None,
        html.P(
            dcc.Link(source_text, href=source_href(kpi.source, state)),
            className="kpi-source small mb-0",
        ),
    ]
    if kpi.other_readings:
        body.append(
            html.P(
                t("kpi.other_readings", lang, count=kpi.other_readings),
                className="kpi-other small text-muted mb-0",
            )
        )
    return dbc.Card(
        dbc.CardBody(body, className="p-3"),
        className=f"kpi-card kpi-kind-{kpi.kind} h-100 shadow-sm",
    )


def kpi_grid(kpis: Sequence[Kpi], *, state: FilterState) -> dbc.Row:
    """Cards two to a row on phones, up to four on wide screens."""
    return dbc.Row(
        [dbc.Col(kpi_card(kpi, state=state), xs=12, sm=6, lg=4, xl=3) for kpi in kpis],
        className="g-3 mb-3",
    )
