"""`/dropout`: kept as a link to the dropout_control programme's page (one renderer for all)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback

from dashboard import ids
from dashboard.components.filter_bar import read_filters
from dashboard.i18n import t
from dashboard.pages._programs import FILTERS, program_body, program_layout

PROGRAM = "dropout_control"
BODY = "dropout-body"
STORE = "dropout-program"

dash.register_page(
    __name__,
    path="/dropout",
    order=1,
    title=t("page.dropout.name"),
    filters=FILTERS,
    programs=(PROGRAM,),
    nav=False,  # in the programme menu (as /program/dropout_control); this path keeps working
)


def layout(**query):
    return program_layout(PROGRAM, BODY, STORE, query)


@callback(
    Output(BODY, "children"),
    Input(ids.FILTER_STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
)
def update_dropout(filter_data, upload):
    return program_body(PROGRAM, read_filters(filter_data), upload)
