"""axe-core in the browser tests: every WCAG A/AA rule and the best practices.

axe.min.js comes from the `axe-playwright-python` package (requirements-dev:
a test-only tool; axe-core is MPL-2.0). It is evaluated in the page through
Playwright rather than added as a <script>, so the site's own
Content-Security-Policy stays as readers get it.
"""

import importlib.resources
from functools import cache

RULE_TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
]


@cache
def axe_source() -> str:
    return (
        importlib.resources.files("axe_playwright_python") / "axe.min.js"
    ).read_text()


def violations(page) -> list[str]:
    """What axe finds wrong on the page, one line per rule and element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
        })""",
        RULE_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]
