"""The shell's badge while a preview upload is shown: "Previewing upload: file.csv — clear".

The shell's render_shell draws it on every page (a move to a page shows an upload that has
expired meanwhile); pages/upload.py clears the upload when its button is pressed.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard import ids
from dashboard.i18n import t
from dashboard.userdata.session import upload_info


def upload_badge(upload: Any, lang: str) -> html.Div | None:
    """The badge for the session's upload store; None without an upload."""
    info = upload_info(upload)
    if info is None:
        if isinstance(upload, dict) and upload.get("token"):  # kept longer than it lives
            return html.Div(t("upload.badge.expired", lang), className="small text-muted")
        return None
    return html.Div(
        [
            dbc.Badge(t("upload.badge.label", lang), color="warning", text_color="dark"),
            html.Span(info["filename"], className="ms-2 fw-semibold upload-badge-file"),
            html.Span(" — ", className="text-muted"),
            dbc.Button(
                t("upload.badge.clear", lang),
                id=ids.UPLOAD_BADGE_CLEAR,
                color="link",
                size="sm",
                className="p-0 align-baseline",
            ),
        ],
        title=t("upload.badge.hint", lang),
        className="upload-badge small py-1",
        role="status",
    )
