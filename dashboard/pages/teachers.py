"""`/teachers`: kept as a link to the teachers programme's page (one renderer for all)."""

from __future__ import annotations

import dash

from dashboard.pages._programs import legacy_page

registration, layout = legacy_page("teachers", "teachers", order=3)
dash.register_page(__name__, **registration)
