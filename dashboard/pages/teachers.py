"""`/teachers`: kept as a link to the teachers programme's page (the generic programme renderer)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback

from dashboard import ids
from dashboard.components.filter_bar import read_filters
from dashboard.i18n import t
from dashboard.pages._programs import FILTERS, program_body, program_layout

PROGRAM = "teachers"
BODY = "teachers-body"
STORE = "teachers-program"

dash.register_page(
    __name__,
    path="/teachers",
    order=3,
    title=t("page.teachers.name"),
    filters=FILTERS,
    programs=(PROGRAM,),
    nav=False,  # in the programme menu (as /program/teachers); this path keeps working
)


def layout(**query):
    return program_layout(PROGRAM, BODY, STORE, query)


@callback(
    Output(BODY, "children"),
    Input(ids.FILTER_STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
)
def update_teachers(filter_data, upload):
    return program_body(PROGRAM, read_filters(filter_data), upload)
