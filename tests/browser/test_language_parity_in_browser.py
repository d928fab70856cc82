"""Every page speaks the reader's language: in English no Chinese characters outside an element
marked lang="zh" (quotes, original titles); in Chinese no English words outside lang="en",
apart from a short list of acronyms, units and names.

What is read, on every page of the navigation at 1440×900 in both languages:
- every visible text node (TreeWalker; <script>/<style>/<noscript> and hidden elements skipped,
  text inside an ancestor whose `lang` is the other language allowed);
- the aria-label, title, placeholder, alt and data-title (Plotly's toolbar tips) attributes;
- on /data also an opened filter dropdown and the data grid.
Hover labels are checked without a browser: tests/unit/test_language_parity.py.

Each offending text is reported with its page and a CSS path, so a failure says where to look.
"""

from __future__ import annotations

import pytest
from conftest import draw_deferred_charts, wait_for_dash
from language_rules import offending_text
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_accessibility import navigation_paths

from dashboard import ids

pytestmark = pytest.mark.browser

OTHER = {"en": "zh", "zh": "en"}  # the language a marked element may be in

# Collects (text, css path) for every visible text node and every readable attribute whose
# nearest `lang` ancestor is not the allowed language. The <html> element's own lang never
# counts as an allowance: it is the page's language.
COLLECT = """(allowed) => {
    const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
    const ATTRS = ['aria-label', 'title', 'placeholder', 'alt', 'data-title'];
    const cssPath = (el) => {
        const parts = [];
        for (let node = el; node && node.nodeType === 1 && parts.length < 5;
             node = node.parentElement) {
            let part = node.tagName.toLowerCase();
            if (node.id) { parts.unshift(part + '#' + CSS.escape(node.id)); break; }
            const cls = [...node.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
            parts.unshift(part + cls);
        }
        return parts.join(' > ');
    };
    const marked = (el) => {
        const owner = el.closest('[lang]');
        if (!owner || owner === document.documentElement) return false;
        return owner.getAttribute('lang').toLowerCase().startsWith(allowed);
    };
    const shown = (el) => {
        if (el.closest('[hidden], [aria-hidden="true"]') && !el.closest('svg')) return false;
        return el.checkVisibility
            ? el.checkVisibility({checkOpacity: false, checkVisibilityCSS: true})
            : true;
    };
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        const text = node.nodeValue.trim();
        if (!text || !el || SKIP.has(el.tagName) || el.closest('script, style')) continue;
        // A quote is the source's own words, verbatim (in a Chinese quote, the pinyin some
        // outlets print after a character, "萬(wan)", stays).
        if (!shown(el) || marked(el) || el.closest('blockquote, q')) continue;
        found.push([text, cssPath(el)]);
    }
    for (const el of document.body.querySelectorAll(ATTRS.map((a) => `[${a}]`).join(','))) {
        if (marked(el)) continue;
        for (const attr of ATTRS) {
            const value = (el.getAttribute(attr) || '').trim();
            if (value) found.push([value, cssPath(el) + ` @${attr}`]);
        }
    }
    return found;
}"""


def offences(page, lang: str) -> list[str]:
    texts = page.evaluate(COLLECT, OTHER[lang])
    out = []
    for text, where in texts:
        bad = offending_text(text, lang)
        if bad:
            out.append(f"{where}: {bad!r} in {text[:120]!r}")
    return list(dict.fromkeys(out))  # each once


def open_filter_dropdown(page) -> None:
    """Open the first filter dropdown (its options and search field become part of the DOM)."""
    control = page.locator(f"#{ids.FILTER_AREA}").first
    if control.count() == 0 or not control.is_visible():
        control = page.locator(".dash-dropdown").first
    if control.count():
        control.click()
        page.wait_for_timeout(400)


def page_offences(page, lang: str, path: str) -> list[str]:
    found = offences(page, lang)
    if path == "/data":
        page.wait_for_selector(".ag-row", timeout=30_000)
        found += [f"[grid] {o}" for o in offences(page, lang) if o not in found]
        open_filter_dropdown(page)
        found += [f"[dropdown] {o}" for o in offences(page, lang) if o not in found]
    return found


def settled_page(browser, server, path: str):
    """The page at `path` once Dash has drawn it; a page still busy after the wait is read
    as it is (and says so) rather than failing the other pages' checks."""
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    page.goto(server.url + path)
    page.unsettled = ""
    try:
        wait_for_dash(page)
        draw_deferred_charts(page)  # the overview's trends too, as a reader scrolling sees them
    except PlaywrightTimeout as error:
        page.unsettled = str(error).splitlines()[0][:120]
    return page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_speaks_the_page_language(served_app, browser, lang: str) -> None:
    every_path = navigation_paths(settled_page(browser, served_app, "/"))
    assert len(every_path) >= 8, every_path
    failures = {}
    for path in every_path:
        page = settled_page(browser, served_app, f"{path}?lang={lang}")
        found = page_offences(page, lang, path)
        if getattr(page, "unsettled", ""):
            found.append(f"(page did not settle: {page.unsettled})")
        if found:
            failures[path] = found
        page.context.close()
    counts = {path: len(found) for path, found in failures.items()}
    assert failures == {}, f"{lang}: offending texts per page {counts}\n" + "\n".join(
        f"{path}: {len(found)}\n  " + "\n  ".join(found[:40]) for path, found in failures.items()
    )
