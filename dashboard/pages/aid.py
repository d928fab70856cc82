"""`/aid`: kept as a link to the student_aid programme's page (the generic programme renderer)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback

from dashboard import ids
from dashboard.components.filter_bar import read_filters
from dashboard.i18n import t
from dashboard.pages._programs import FILTERS, program_body, program_layout

PROGRAM = "student_aid"
BODY = "aid-body"
STORE = "aid-program"

dash.register_page(
    __name__,
    path="/aid",
    order=2,
    title=t("page.aid.name"),
    filters=FILTERS,
    programs=(PROGRAM,),
    nav=False,  # in the programme menu (as /program/student_aid); this path keeps working
)


def layout(**query):
    return program_layout(PROGRAM, BODY, STORE, query)


@callback(
    Output(BODY, "children"),
    Input(ids.FILTER_STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
)
def update_aid(filter_data, upload):
    return program_body(PROGRAM, read_filters(filter_data), upload)
