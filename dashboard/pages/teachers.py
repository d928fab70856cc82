"""The teachers programme page: renders `dashboard.views.teachers` for the filter state."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback

from dashboard import ids
from dashboard.components.filter_bar import read_filters
from dashboard.i18n import t
from dashboard.pages._programs import FILTERS, program_body, program_layout

PAGE = "teachers"
BODY = "teachers-body"

dash.register_page(
    __name__,
    path="/teachers",
    order=3,
    title=t("page.teachers.name"),
    filters=FILTERS,
    programs=("teachers",),
)


def layout(**query):
    return program_layout(PAGE, BODY, query)


@callback(
    Output(BODY, "children"),
    Input(ids.FILTER_STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
)
def update_teachers(filter_data, upload):
    return program_body(PAGE, read_filters(filter_data), upload)
