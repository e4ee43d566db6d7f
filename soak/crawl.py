"""The public pages the soak's visitors read: every page of the portal linked from the home
pages in both languages, and the pages those link to, as an anonymous visitor finds them."""

import re
import urllib.request

# Not pages to read: the intranet and accounts (signed-in), calendar files, feeds, downloads.
SKIPPED = re.compile(r"/(intranet|accounts|cuentas)/|\.(ics|atom|xml|csv|xlsx|docx|pdf)$|/static/")
LINK = re.compile(r'href="(/(?:es|en)/[^"#?]*)"')
DEPTH = 2
MOST = 300


def public_pages(base_url: str) -> list[str]:
    found = {"/es/", "/en/"}
    frontier = sorted(found)
    for _ in range(DEPTH):
        following = []
        for path in frontier:
            with urllib.request.urlopen(base_url + path, timeout=30) as answer:  # noqa: S310
                page = answer.read().decode()
            for link in LINK.findall(page):
                if link not in found and not SKIPPED.search(link) and len(found) < MOST:
                    found.add(link)
                    following.append(link)
        frontier = following
    return sorted(found)
