"""Notices: values dropped from the URL, "no data here, but there is data there", and data
that could not be refreshed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import dash_bootstrap_components as dbc
from dash import html

from dashboard.i18n import format_year, format_years, join_list, t
from dashboard.state import MAX_AREAS, REGION, Dropped

# Where the shell shows that the served data is an older version than the file on disk.
DATA_REFRESH_NOTICE = "data-refresh-notice"
# Filled by assets/feedback.js when a callback request fails (4xx/5xx, a network error, or
# a callback that raised: security.CALLBACK_ERROR_HEADER).
CALLBACK_ERROR_ALERT = "callback-error-alert"


def dropped_notice(dropped: Sequence[Dropped], lang: str) -> dbc.Alert | None:
    """A dismissable warning listing what was ignored; values are shown as plain text."""
    if not dropped:
        return None
    items = [
        html.Li(
            t(
                "notice.dropped.item",
                lang,
                param=item.param,
                value=item.value,
                reason=t(f"notice.reason.{item.reason}", lang, limit=MAX_AREAS),
            )
        )
        for item in dropped[:12]
    ]
    return dbc.Alert(
        [html.Strong(t("notice.dropped.title", lang)), html.Ul(items, className="mb-0 mt-1")],
        color="warning",
        dismissable=True,
        className="notice-dropped small mb-2",
    )


def no_data_notice(
    lang: str,
    *,
    areas: Sequence[str],
    year: int | None,
    nearest_years: Sequence[int],
    areas_with_data: Sequence[str],
    area_name: Callable[[str], str],
) -> dbc.Alert:
    """Says in words that the selection is empty and where data does exist."""
    lines = [html.Strong(t("no_data.title", lang))]
    if nearest_years:
        lines.append(
            html.Div(t("no_data.nearest_years", lang, years=format_years(nearest_years, lang)))
        )
    else:
        for area in areas:
            lines.append(html.Div(t("no_data.no_area_data", lang, area=area_name(area))))
    if areas_with_data:
        names = join_list([area_name(area) for area in areas_with_data], lang)
        when = format_year(year, lang) if year is not None else t("filter.year.latest", lang)
        lines.append(html.Div(t("no_data.areas", lang, year=when, areas=names)))
    if REGION in areas_with_data and REGION not in areas:
        lines.append(html.Div(t("no_data.region_not_prefecture", lang), className="fst-italic"))
    return dbc.Alert(lines, color="info", className="no-data small")


def data_refresh_slot() -> html.Div:
    """The shell's place for `data_refresh_notice`, filled on every page load and navigation,
    and for the alert that assets/feedback.js shows when a callback fails."""
    return html.Div([html.Div(id=DATA_REFRESH_NOTICE, role="status"), callback_error_alert()])


def callback_error_alert() -> html.Div:
    """Hidden until a callback request fails; assets/feedback.js fills in the text in the
    page's language from these attributes (the shell is not re-rendered on a language
    change, so both languages are here)."""
    texts = {}
    for lang in ("zh", "en"):
        texts[f"data-status-{lang}"] = t("serving.callback_error", lang, status="{status}")
        texts[f"data-failed-{lang}"] = t("serving.callback_error.failed", lang)
        texts[f"data-network-{lang}"] = t("serving.callback_error.network", lang)
        texts[f"data-too-large-{lang}"] = t("serving.callback_error.too_large", lang)
        texts[f"data-close-{lang}"] = t("serving.close", lang)
    return html.Div(
        id=CALLBACK_ERROR_ALERT,
        hidden=True,
        role="alert",
        className="alert alert-danger small shadow callback-error-alert",
        # Fixed in a corner: the user may be scrolled far from the filter strip.
        style={
            "position": "fixed",
            "right": "1rem",
            "bottom": "1rem",
            "zIndex": 1080,
            "maxWidth": "28rem",
        },
        **texts,
    )


def data_refresh_notice(problem: str | None, lang: str) -> dbc.Alert | None:
    """Says that the page shows the last good data; the reason (a server path) stays in the log."""
    if not problem:
        return None
    return dbc.Alert(
        [html.Strong(t("serving.stale.title", lang) + " "), t("serving.stale.text", lang)],
        color="warning",
        className="notice-data-refresh small mb-2",
    )
