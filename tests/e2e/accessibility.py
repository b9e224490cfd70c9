"""The accessibility checks of the browser tests: axe over WCAG 2.1 A and AA, and the
Nu HTML Checker (vnu-jar from npm, run with the machine's Java) over saved pages."""

import json
import subprocess
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    violations = [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements: "
        f"{', '.join(str(node['target']) for node in violation['nodes'][:3])})"
        for violation in results.response["violations"]
    ]
    assert violations == [], f"{page.url}: " + "; ".join(violations)


def nu_errors(documents: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """The Nu HTML Checker's errors per page type (warnings and info left aside)."""
    files = {}
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", *files],
        capture_output=True, text=True, check=False, timeout=300)
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stdout)["messages"]:
        if message.get("type") == "error":
            name = files.get(message.get("url", "").removeprefix("file:"), "?")
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message['message']}")
    return errors
