"""The aid programme page: renders `dashboard.views.aid` for the filter state."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback

from dashboard import ids
from dashboard.components.filter_bar import read_filters
from dashboard.i18n import t
from dashboard.pages._programs import FILTERS, program_body, program_layout
from dashboard.views.aid import RECIPIENTS_CHART, SANBAO_CHART

PAGE = "aid"
BODY = "aid-body"
WIDE = (SANBAO_CHART, RECIPIENTS_CHART)  # long time series get the full width

dash.register_page(
    __name__,
    path="/aid",
    order=2,
    title=t("page.aid.name"),
    filters=FILTERS,
    programs=("student_aid",),
)


def layout(**query):
    return program_layout(PAGE, BODY, query)


@callback(
    Output(BODY, "children"),
    Input(ids.FILTER_STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
)
def update_aid(filter_data, upload):
    return program_body(PAGE, read_filters(filter_data), upload, wide=WIDE)
