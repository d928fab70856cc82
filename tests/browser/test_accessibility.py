"""axe-core (WCAG 2.x A and AA rules) on every page of the navigation, in both languages, at a
laptop and a phone size: the suite fails on any serious or critical violation.

axe-core is vendored (tests/browser/vendor/axe.min.js, MPL-2.0, from the npm package
`axe-core`), so the check needs no network. It is injected through the DevTools protocol,
which the page's Content-Security-Policy does not cover, so the policy under test stays the
one users get.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import draw_deferred_charts, wait_for_dash

from dashboard import ids

pytestmark = pytest.mark.browser

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = ("serious", "critical")
SIZES = {"laptop": (1440, 900), "phone": (390, 844)}


def navigation_paths(page) -> list[str]:
    """Every page the navigation bar links to, as paths without their query."""
    hrefs = page.eval_on_selector_all(
        f"#{ids.NAVBAR} a[href^='/']", "links => links.map(link => link.getAttribute('href'))"
    )
    paths = []
    for href in hrefs:
        path = href.split("?")[0].split("#")[0]
        if path not in paths:
            paths.append(path)
    return paths


def serious_violations(page) -> list[str]:
    page.evaluate(AXE_SOURCE)
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => n.target.join(' ') + ' — '
                    + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200)),
            }));
        }""",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node}"
        for violation in found
        if violation["impact"] in FAILING_IMPACTS
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_serious_accessibility_violation_on_any_page(
    served_app, open_page, lang: str, size: str
) -> None:
    width, height = SIZES[size]
    every_path = navigation_paths(open_page(served_app, "/"))
    assert len(every_path) >= 8, every_path
    failures = {}
    for path in every_path:
        page = open_page(served_app, f"{path}?lang={lang}", width=width, height=height)
        wait_for_dash(page)
        draw_deferred_charts(page)  # charts drawn when scrolled to are checked drawn
        violations = serious_violations(page)
        if violations:
            failures[path] = violations
        page.context.close()
    assert failures == {}, "\n".join(
        f"{path}: {len(found)} serious/critical\n  " + "\n  ".join(found[:15])
        for path, found in failures.items()
    )
