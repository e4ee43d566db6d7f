"""A session's browser and system in words, from its User-Agent header, for the sessions page.

Only the common families are named; anything else is "another browser" or "another system",
never a guess. The raw header stays available (the page shows it on hover).
"""

import re

from django.utils.translation import gettext as _

# Checked in order: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = (
    (re.compile(r"\bEdg(?:e|A|iOS)?/(\d+)"), "Edge"),
    (re.compile(r"\bOPR/(\d+)"), "Opera"),
    (re.compile(r"\bFirefox/(\d+)"), "Firefox"),
    (re.compile(r"\bFxiOS/(\d+)"), "Firefox"),
    (re.compile(r"\bChromium/(\d+)"), "Chromium"),
    (re.compile(r"\b(?:Headless)?Chrome/(\d+)"), "Chrome"),
    (re.compile(r"\bCriOS/(\d+)"), "Chrome"),
    (re.compile(r"\bVersion/(\d+)[.\d]* (?:Mobile/\S+ )?Safari/"), "Safari"),
)
SYSTEMS = (
    (re.compile(r"\bAndroid\b"), "Android"),
    (re.compile(r"\biPad\b"), "iPadOS"),
    (re.compile(r"\biPhone\b"), "iOS"),
    (re.compile(r"\bCrOS\b"), "ChromeOS"),
    (re.compile(r"\bWindows\b"), "Windows"),
    (re.compile(r"\bMac OS X\b"), "macOS"),
    (re.compile(r"\bLinux\b"), "Linux"),
)


def browser_and_system(user_agent: str) -> str:
    """E.g. "Firefox 128 on Windows"; "Another browser on another system" when unknown."""
    text = user_agent or ""
    browser = next(
        (
            f"{name} {found.group(1)}"
            for pattern, name in BROWSERS
            if (found := pattern.search(text))
        ),
        None,
    )
    system = next((name for pattern, name in SYSTEMS if pattern.search(text)), None)
    return _("%(browser)s on %(system)s") % {
        "browser": browser or _("Another browser"),
        "system": system or _("another system"),
    }
