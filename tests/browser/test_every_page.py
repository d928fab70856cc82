"""Every page in the navigation, in a real browser on the real data: it loads cleanly in both
languages, the language switch changes what it says, and the filters in its URL survive moving
to another page and a reload of the copied link."""

from __future__ import annotations

import pytest
from conftest import wait_for_dash

from dashboard import ids

pytestmark = pytest.mark.browser
PATHS = (
    "/",
    "/dropout",
    "/aid",
    "/teachers",
    "/program/enrolment",
    "/map",
    "/data",
    "/sources",
    "/upload",
)
NAV_PATHS = ("/", "/map", "/data", "/sources", "/upload")  # the programmes are in a menu
FILTERED = "area=540100&year=2019"


def heading(page) -> str:
    return page.inner_text("main h1")


@pytest.mark.parametrize("path", PATHS)
def test_page_loads_cleanly_and_switches_language(served_app, open_page, path: str) -> None:
    page = open_page(served_app, path)
    chinese = heading(page)
    assert page.get_attribute("html", "lang").startswith("zh")
    page.click(f"#{ids.LANG_EN}")
    wait_for_dash(page)
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    english = heading(page)
    assert english != chinese
    assert english.isascii(), english
    assert "lang=en" in page.url
    assert page.console_errors == []
    assert page.external_requests == []


@pytest.mark.parametrize("path", PATHS)
def test_filters_survive_navigation_and_a_reload(served_app, open_page, path: str) -> None:
    page = open_page(served_app, f"{path}?lang=en&{FILTERED}")
    assert "Lhasa" in page.inner_text(f"#{ids.FILTER_BAR}")
    following = (
        NAV_PATHS[(NAV_PATHS.index(path) + 1) % len(NAV_PATHS)] if path in NAV_PATHS else "/data"
    )
    page.click(f"#{ids.NAVBAR} a[href^='{following}?']")
    wait_for_dash(page)
    page.wait_for_function(f"() => location.pathname === '{following}'")
    for part in ("lang=en", "area=540100", "year=2019"):
        assert part in page.url, page.url
    copied = page.url
    page.goto(copied)
    wait_for_dash(page)
    assert page.url == copied
    assert "Lhasa" in page.inner_text(f"#{ids.FILTER_BAR}")
    assert page.console_errors == []
