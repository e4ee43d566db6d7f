"""What the scan attacks: every page a visitor can reach by following links from the pages it is
seeded with, every form on them (its method, action and fields) and every URL with a query.

The crawl is a plain breadth-first walk of same-origin links with one session's cookie; each
path is resolved to its URL pattern (by a resolver process inside the instance), so that a
list of a thousand documents costs a few visits of the document page, not a thousand, and so
that the report can say which patterns no link led to.
"""

import html.parser
import http.client
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

# Pages of one pattern visited at most (a pattern is the same view whatever its record).
VISITS_PER_ROUTE = 3
# Whatever would end the session or take away what it stands on: not followed, not attacked.
# (By route, as Django's resolver reports it; the admin's logout has its own.)
SESSION_ENDING_ROUTES = {
    "es/accounts/logout/",
    "admin/logout/",
    "es/accounts/2fa/totp/deactivate/",
    "es/accounts/sessions/",
}
# The fields of a formset's empty template form, which the server never reads.
FORMSET_TEMPLATE = "__prefix__"
# Not crawled: the English pages are the Spanish pages' views under another prefix, and static
# and uploaded files take no parameters.
SKIPPED_PREFIXES = ("/en/", "/static/", "/media/")


@dataclass(frozen=True)
class Target:
    """One request to attack: its method, URL, fields, and the page that holds its form."""

    method: str
    url: str
    fields: tuple[tuple[str, str], ...] = ()
    page: str = ""  # where the form (and so a fresh CSRF token) is
    multipart: bool = False

    @property
    def parameters(self) -> list[str]:
        """The names sqlmap will vary: the query's and the form's, not the CSRF token."""
        query = [name for name, _ in urllib.parse.parse_qsl(urllib.parse.urlsplit(self.url).query)]
        return [name for name in [*query, *dict(self.fields)] if name != "csrfmiddlewaretoken"]

    def data(self) -> str:
        return urllib.parse.urlencode(self.fields)


@dataclass
class Crawl:
    pages: dict[str, int] = field(default_factory=dict)  # path -> status
    routes: dict[str, str] = field(default_factory=dict)  # path -> pattern route
    targets: dict[tuple, Target] = field(default_factory=dict)


class PageParser(html.parser.HTMLParser):
    """The links and the forms of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag in {"a", "link"} and attributes.get("href"):
            if tag == "a" or attributes.get("rel") == "alternate":
                self.links.append(attributes["href"])
        elif tag == "form":
            self._form = {
                "method": attributes.get("method", "get").upper(),
                "action": attributes.get("action", ""),
                "multipart": "multipart" in attributes.get("enctype", ""),
                "fields": [],
            }
            self.forms.append(self._form)
        elif self._form is not None and attributes.get("name"):
            name = attributes["name"]
            if FORMSET_TEMPLATE in name:
                return
            if tag == "input":
                kind = attributes.get("type", "text").lower()
                if kind in {"submit", "image", "reset", "button", "file"}:
                    return
                if kind in {"checkbox", "radio"}:
                    if not self._has(name):
                        self._form["fields"].append((name, attributes.get("value", "on")))
                    return
                self._form["fields"].append((name, attributes.get("value", "") or _sample(kind)))
            elif tag == "textarea":
                self._form["fields"].append((name, "text"))
            elif tag == "select":
                self._select = name
            elif (
                tag == "button"
                and attributes.get("type", "submit") == "submit"
                and not self._has(name)
            ):
                self._form["fields"].append((name, attributes.get("value", "")))
        if tag == "option" and self._form is not None and self._select:
            value = attributes.get("value", "")
            if value and not self._has(self._select):
                self._form["fields"].append((self._select, value))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            if self._form is not None and self._select and not self._has(self._select):
                self._form["fields"].append((self._select, ""))
            self._select = None

    def _has(self, name: str) -> bool:
        return any(existing == name for existing, _ in self._form["fields"])


def _sample(kind: str) -> str:
    """A plausible value for an empty field, so the request reaches the view's code."""
    return {
        "email": "scan@example.org",
        "number": "1",
        "date": "2026-01-15",
        "datetime-local": "2026-01-15T10:00",
        "time": "10:00",
        "url": "https://example.org/",
        "tel": "+50612345678",
        "hidden": "",
    }.get(kind, "scan")


def crawl(
    base_url: str,
    seeds: list[str],
    *,
    cookie: str = "",
    resolve: Callable[[str], str],
    skip_routes: set[str] = frozenset(),
    say=print,
) -> Crawl:
    """Walk from `seeds` (paths) with `cookie`; `resolve(path)` gives a path's pattern route."""
    origin = urllib.parse.urlsplit(base_url)
    found = Crawl()
    per_route: dict[str, int] = {}
    queue = list(dict.fromkeys(seeds))
    queued = set(queue)
    while queue:
        path = queue.pop(0)
        route = resolve(urllib.parse.urlsplit(path).path)
        found.routes[path] = route
        if route in SESSION_ENDING_ROUTES or route in skip_routes:
            continue
        if per_route.get(route, 0) >= VISITS_PER_ROUTE:
            continue
        per_route[route] = per_route.get(route, 0) + 1
        status, location, kind, body = _get(origin, path, cookie)
        found.pages[path] = status
        if "?" in path:
            _add(found, ("GET", route, _names(path)), Target("GET", base_url + path))
        if status in {301, 302, 303, 307, 308} and location:
            following = _local(origin, location, path)
            if following and following not in queued:
                queue.append(following)
                queued.add(following)
            continue
        if status != 200 or "html" not in kind:
            continue
        parser = PageParser()
        parser.feed(body)
        for link in parser.links:
            local = _local(origin, link, path)
            if local and local not in queued:
                queue.append(local)
                queued.add(local)
        for form in parser.forms:
            action = _local(origin, form["action"], path) or path
            action_route = resolve(urllib.parse.urlsplit(action).path)
            if action_route in SESSION_ENDING_ROUTES or action_route in skip_routes:
                continue
            fields = tuple(form["fields"])
            names = tuple(sorted(name for name, _ in fields))
            if form["method"] == "GET":
                query = urllib.parse.urlencode(fields)
                url = f"{base_url}{action.split('?')[0]}?{query}" if query else ""
                if url:
                    _add(
                        found,
                        ("GET", action_route, names),
                        Target("GET", url, page=base_url + path),
                    )
            else:
                found.targets.setdefault(
                    ("POST", action_route, names),
                    Target(
                        "POST",
                        base_url + action,
                        fields,
                        page=base_url + path,
                        multipart=form["multipart"],
                    ),
                )
    say(f"  crawled {len(found.pages)} pages, {len(found.targets)} targets")
    return found


def _names(path: str) -> tuple[str, ...]:
    query = urllib.parse.urlsplit(path).query
    return tuple(sorted(name for name, _ in urllib.parse.parse_qsl(query, keep_blank_values=True)))


def _add(found: Crawl, key: tuple, target: Target) -> None:
    """Keep one target per method, pattern and set of parameter names: the same view reads the
    same parameters whatever their values."""
    found.targets.setdefault(key, target)


def _local(origin, link: str, current: str) -> str:
    """`link` as a path on this server, or "" for another site, a fragment or a skipped path."""
    link = link.strip()
    if not link or link.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return ""
    absolute = urllib.parse.urlsplit(urllib.parse.urljoin(f"http://{origin.netloc}{current}", link))
    if absolute.netloc != origin.netloc:
        return ""
    path = absolute.path + (f"?{absolute.query}" if absolute.query else "")
    if path.startswith(SKIPPED_PREFIXES):
        return ""
    return path


def _get(origin, path: str, cookie: str) -> tuple[int, str, str, str]:
    connection = http.client.HTTPConnection(origin.hostname, origin.port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        answer = connection.getresponse()
        body = answer.read()
        kind = answer.getheader("Content-Type", "")
        text = body.decode(errors="replace") if "html" in kind else ""
        return answer.status, answer.getheader("Location", ""), kind, text
    finally:
        connection.close()


PARAMETER_IN_ROUTE = re.compile(r"<[^>]+>|\(\?P<")


def seeds_from(routes: list[str]) -> list[str]:
    """The paths of the routes that take no parameter: the Spanish pages and the admin's."""
    return [
        "/" + route
        for route in routes
        if not PARAMETER_IN_ROUTE.search(route)
        and not route.startswith(("en/", "^"))
        and "$" not in route
        and route
    ]
