"""Dropdowns and the data grid speak the page's language."""

from __future__ import annotations

import re

from dashboard.components.widgets import dropdown_labels, grid_locale_text

CJK = re.compile(r"[\u3400-\u9fff]")


def test_dropdown_labels_cover_every_dash_dropdown_text_in_both_languages() -> None:
    wanted = {
        "select_all",
        "deselect_all",
        "selected_count",
        "search",
        "clear_search",
        "clear_selection",
        "no_options_found",
    }
    chinese, english = dropdown_labels("zh"), dropdown_labels("en")
    assert set(chinese) == set(english) == wanted
    assert all(CJK.search(text) for text in chinese.values())
    assert not any(CJK.search(text) for text in english.values())
    # Dash fills the count into this placeholder.
    assert "{num_selected}" in chinese["selected_count"]


def test_grid_locale_text_is_chinese_in_chinese_and_english_in_english() -> None:
    chinese, english = grid_locale_text("zh"), grid_locale_text("en")
    assert set(chinese) == set(english)
    assert {"contains", "equals", "noRowsToShow", "applyFilter"} <= set(chinese)
    assert chinese["contains"] == "包含" and english["contains"] == "Contains"
