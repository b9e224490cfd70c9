"""The accessibility check of the browser tests: axe over WCAG 2.1 A and AA."""

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    violations = [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements: "
        f"{', '.join(str(node['target']) for node in violation['nodes'][:3])})"
        for violation in results.response["violations"]
    ]
    assert violations == [], f"{page.url}: " + "; ".join(violations)
