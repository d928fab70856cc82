"""The dropout programme page: renders `dashboard.views.dropout` for the filter state."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback

from dashboard import ids
from dashboard.components.filter_bar import read_filters
from dashboard.i18n import t
from dashboard.pages._programs import FILTERS, program_body, program_layout

PAGE = "dropout"
BODY = "dropout-body"

dash.register_page(
    __name__,
    path="/dropout",
    order=1,
    title=t("page.dropout.name"),
    filters=FILTERS,
    programs=("dropout_control",),
)


def layout(**query):
    return program_layout(PAGE, BODY, query)


@callback(
    Output(BODY, "children"),
    Input(ids.FILTER_STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
)
def update_dropout(filter_data, upload):
    return program_body(PAGE, read_filters(filter_data), upload)
