"""Third-party widgets speaking the page's language: dropdown labels and AG Grid's locale text."""

from __future__ import annotations

from dashboard.i18n import keys, t

_DROPDOWN_PREFIX = "widget.dropdown."
_GRID_PREFIX = "widget.grid."


def dropdown_labels(lang: str) -> dict[str, str]:
    """dcc.Dropdown's `labels` prop (Dash 4): "全选", "已选2项", "搜索" … in Chinese."""
    return {key[len(_DROPDOWN_PREFIX) :]: t(key, lang) for key in keys(_DROPDOWN_PREFIX)}


def grid_locale_text(lang: str) -> dict[str, str]:
    """AG Grid's `localeText` (in dashGridOptions) for the texts the data grid shows."""
    return {key[len(_GRID_PREFIX) :]: t(key, lang) for key in keys(_GRID_PREFIX)}
