"""`/aid`: kept as a link to the student_aid programme's page (one renderer for all)."""

from __future__ import annotations

import dash

from dashboard.pages._programs import legacy_page

registration, layout = legacy_page("aid", "student_aid", order=2)
dash.register_page(__name__, **registration)
