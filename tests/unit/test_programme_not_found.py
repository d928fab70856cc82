"""A mistyped or old programme link (/program/dropout) names the problem and offers the
programmes there are, in the page's language."""

from __future__ import annotations

import pytest
from dash import dcc

from dashboard.pages._programs import program_body
from dashboard.state import FilterState


def links(component) -> list[dcc.Link]:
    found = [component] if isinstance(component, dcc.Link) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += links(child)
    return found


@pytest.mark.parametrize(("lang", "words"), [("en", "No such programme"), ("zh", "没有这个专项")])
def test_an_unknown_programme_offers_the_programme_pages(lang, words):
    title, body = program_body("dropout", FilterState(lang=lang, year=2019), None)
    assert words in title and "dropout" in title
    hrefs = [link.href for body_part in body for link in links(body_part)]
    assert any(href.startswith("/program/dropout_control") for href in hrefs)
    assert len(hrefs) >= 10
    assert all("year=2019" in href for href in hrefs)  # the filters survive the detour
    if lang == "en":
        assert all("lang=en" in href for href in hrefs)


def test_a_known_programme_has_no_index():
    title, body = program_body("dropout_control", FilterState(lang="en"), None)
    assert "No such" not in title
    assert not any(link.href.startswith("/program/") for part in body for link in links(part))
