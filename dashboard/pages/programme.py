"""Any programme's page, from the chart catalogue: `/program/<id>` (or `/program?program=<id>`)."""

from __future__ import annotations

import dash
from dash import Input, State, callback

from dashboard import ids
from dashboard.components.card_refresh import register
from dashboard.components.filter_bar import read_filters
from dashboard.i18n import t
from dashboard.pages._programs import (
    BODY,
    FILTERS,
    PROGRAM_STORE,
    drawn_id,
    parts_id,
    program_layout,
    program_outputs,
    program_update,
)
from dashboard.state import parse_query

dash.register_page(
    __name__,
    path="/program",
    path_template="/program/<program>",
    order=1,
    title=t("programme.nav.menu"),
    filters=FILTERS,
    nav=False,  # listed, grouped, in the navigation's programme menu
)


def layout(program: str | None = None, **query):
    if not program:
        program = parse_query(query)[0].program or str(query.get("program") or "")
    return program_layout(str(program or ""), query)


register(parts_id(BODY))


@callback(
    output=program_outputs(BODY),
    inputs={
        "filter_data": Input(ids.FILTER_STATE, "data"),
        "program": Input(PROGRAM_STORE, "data"),
        "upload": State(ids.UPLOAD_STORE, "data"),
        "drawn": State(drawn_id(BODY), "data"),
    },
)
def update_programme(filter_data, program, upload, drawn=None):
    return program_update(program, read_filters(filter_data), upload, drawn)
