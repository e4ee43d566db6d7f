"""Helpers for browser tests: screenshots people can look at, and the accessibility check.

Kept out of conftest.py so that test modules (the intranet's too) can import them.
"""

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = ROOT / "test-artifacts" / "screenshots"
# Every screenshot this run saved, listed at the end of the run by pytest_terminal_summary.
saved_screenshots: list[Path] = []
# The impacts that fail a page. "minor" and "moderate" are mostly best practices (e.g. every
# piece of content in a landmark) that axe reports without a WCAG failure behind them.
FAILING_IMPACTS = ("serious", "critical")

_axe = Axe()

# The accounts browser tests make share one password and one TOTP secret: a test's code is
# computed from it as an authenticator app would.
PASSWORD = "a-browser-test-password-42"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def save_screenshot(page, name: str) -> Path:
    """Save the whole page as test-artifacts/screenshots/<name>.png and return the path."""
    safe_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
    path = SCREENSHOT_DIR / f"{safe_name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    if path not in saved_screenshots:
        saved_screenshots.append(path)
    return path


def assert_accessible(page) -> None:
    """Fail when axe-core finds a serious or critical violation on the page as it is now.

    The message names each rule, what it asks for, and every offending element (its selector
    and HTML), so the failure can be fixed without rerunning axe by hand.
    """
    violations = [
        violation
        for violation in _axe.run(page).response["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]
    if violations:
        raise AssertionError(f"Accessibility violations on {page.url}:\n" + _describe(violations))


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            selector = " ".join(str(part) for part in node["target"])
            lines.append(f"    {selector}: {node['html']}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def spanish(name: str, *args) -> str:
    """The Spanish address of the URL pattern `name`, e.g. /es/intranet/reuniones/nueva/."""
    with translation.override("es"):
        return reverse(name, args=args)


def fits_the_width(page) -> bool:
    """Whether the page as shown needs no sideways scroll."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def create_secretariat(puebla_command, email: str) -> str:
    """A secretariat account (with PASSWORD and TOTP_SECRET) in the server's database."""
    puebla_command(
        "shell",
        "-c",
        "from puebla.accounts.roles import role_user_create\n"
        f"role_user_create('secretariat', email='{email}', password='{PASSWORD}', "
        f"totp_secret='{TOTP_SECRET}')\n",
    )
    return email
