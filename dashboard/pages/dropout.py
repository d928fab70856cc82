"""`/dropout`: kept as a link to the dropout_control programme's page (one renderer for all)."""

from __future__ import annotations

import dash

from dashboard.pages._programs import legacy_page

registration, layout = legacy_page("dropout", "dropout_control", order=1)
dash.register_page(__name__, **registration)
