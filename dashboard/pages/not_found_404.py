"""The page shown for an unknown path: says so in the user's language and offers the pages."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard.i18n import t
from dashboard.state import parse_query

dash.register_page(__name__, path="/404", title=t("page.not_found.name"), nav=False, filters=())


def layout(**query):
    lang = parse_query(query)[0].lang
    home = "/?lang=en" if lang == "en" else "/"
    return html.Div(
        [
            html.H1(t("page.not_found.name", lang), className="h3"),
            html.P(t("page.not_found.text", lang)),
            dcc.Link(t("page.not_found.home", lang), href=home),
        ],
        className="page-not-found",
    )
