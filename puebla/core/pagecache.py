"""Whole-page cache for anonymous visitors of the public portal (DESIGN.md §4).

Rendering a public page costs several queries and a template; serving it from this cache costs
what serving a static file costs: it answers right after whitenoise, before the session,
language and other middleware run, and reads nothing from the database. Only pages marked with
`@public_page` are cached, only for GET requests from visitors with no session (so nobody
signed in ever gets, or leaves behind, a cached page), and only 200 responses that set no
cookie. Entries are keyed by language, path and the page's own query parameters, and carry
the content version they were rendered under; `bump_content_version()` makes every entry
stale at once.

The version is kept in the shared cache (database or Redis), so every process and every app
server sees a bump; each process reads it at most once every PAGE_CACHE_STALENESS_MS
(1,000 ms unless configured), so a hit costs no round trip to the database. Hence the bound
the README states: an edit shows on the next request in the process that made it (it takes
its own new version at once) and within that time in every other. The version is a number,
the time of the change in nanoseconds: if the shared cache ever loses it (eviction, a
restarted Redis) a fresh one is made rather than an old one reused, which would bring stale
pages back. The pages are kept in each process's memory, up to PAGE_CACHE_MB.

Each page is kept plain and, once a visitor's browser asks for it, brotli- or
gzip-compressed (puebla.core.compression): a cached public page holds no CSRF token and no
secret, so compressing it reveals nothing.

`make bench` (settings.BENCH_MODE, PUEBLA_BENCH=1) measures what a first visitor costs too: in
a process started in bench mode, and only there, a request with `?bench-render=1` is served as
a cache miss (rendered and stored), the parameter removed before the view sees it, and every
public page says `X-Puebla-Page-Cache: hit` or `miss` so the benchmark can check what it
measured. Outside bench mode the parameter is an unknown one like any other: left out of the
key, so the page comes from the cache.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

from puebla.core import compression
from puebla.core.gates import public_view

VERSION_KEY = "puebla:content-version"
# A bound on staleness for what no signal announces, e.g. "this year" on the home page.
PAGE_SECONDS = 600
# Cookies that may change what a page shows. Their bearers always get a freshly rendered page.
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name
# Bench mode only (see above): the parameter that makes a request a cache miss, and the header
# that says whether a page came from the cache.
BENCH_RENDER_PARAMETER = "bench-render"
BENCH_HEADER = "X-Puebla-Page-Cache"


def public_page(view=None, *, params: tuple[str, ...] = ()):
    """Mark a view whose page is the same for every anonymous visitor, so it may be cached.

    Such a page is for anyone, so this also declares the view public (puebla.core.gates).
    `params` names the query parameters that change the page (filters, a page number): each
    combination of their values is cached as a page of its own. Other parameters are left out
    of the key, so random ones cannot flood the cache; the view must not read them.
    """

    def mark(view):
        view.public_page = True
        view.public_page_params = frozenset(params)
        return public_view(view)

    return mark if view is None else mark(view)


class ContentVersion:
    """This process's copy of the shared content version, read again at most every
    `staleness` seconds (see the module's docstring)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.forget()

    def forget(self) -> None:
        self.value = None
        self.read_at = float("-inf")

    def current(self) -> int:
        if time.monotonic() - self.read_at < settings.PAGE_CACHE_STALENESS_MS / 1000:
            return self.value
        with self.lock:
            version = cache.get(VERSION_KEY)
            if version is None:
                cache.add(VERSION_KEY, time.time_ns(), timeout=None)
                version = cache.get(VERSION_KEY)
            self.value, self.read_at = version, time.monotonic()
            return version

    def bump(self) -> None:
        version = time.time_ns()
        cache.set(VERSION_KEY, version, timeout=None)
        with self.lock:
            self.value, self.read_at = version, time.monotonic()


content = ContentVersion()


def content_version() -> int:
    return content.current()


def bump_content_version() -> None:
    """Make every cached page stale. Services that write public content without a model save
    (`.update()`, bulk writes, imports) call this once they are done."""
    content.bump()


def bump_when_saved_or_deleted(*models) -> None:
    """Bump the version whenever one of these models is saved or deleted.

    DESIGN.md keeps business flow out of signals; invalidating a cache is not business flow,
    and a signal is the one place that sees every save (admin, services, shell) so none can
    forget it. It bumps at once, so the change shows inside its own transaction (and in
    tests), and again on commit: a page rendered by another request between the two, from
    the data before the commit, must not outlive the commit.
    """
    for model in models:
        post_save.connect(_bump_now_and_on_commit, sender=model, weak=False)
        post_delete.connect(_bump_now_and_on_commit, sender=model, weak=False)


def _bump_now_and_on_commit(sender, using=None, **kwargs) -> None:
    bump_content_version()
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return  # autocommit: the change is already committed
    # One bump on commit per transaction, however many records it saves (an import saves
    # thousands). A rolled-back savepoint drops its callbacks, so a later save registers anew.
    pending = [entry[1] for entry in connection.run_on_commit]
    if bump_content_version not in pending:
        transaction.on_commit(bump_content_version, using=using)


@dataclass
class Page:
    """A stored page: its plain body and, once asked for, its compressed ones."""

    version: int
    stored_at: float
    status: int
    headers: list[tuple[str, str]]
    bodies: dict[str | None, bytes] = field(default_factory=dict)
    compressible: bool = False

    @property
    def size(self) -> int:
        return sum(len(body) for body in self.bodies.values())

    def response(self, encoding: str | None) -> HttpResponse:
        if not self.compressible:
            encoding = None
        elif encoding not in self.bodies:
            pages.add_body(self, encoding, compression.compress(self.bodies[None], encoding))
        response = HttpResponse(status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        if self.compressible:
            return compression.encode(response, self.bodies[encoding], encoding)
        response.content = self.bodies[None]
        response["Content-Length"] = str(len(response.content))
        return response


class Pages:
    """This process's pages, least recently used dropped first once they hold more than
    PAGE_CACHE_MB. Not LocMemCache: that pickles every value, a copy of the whole page on
    every hit."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.entries: OrderedDict[str, Page] = OrderedDict()
        self.bytes = 0

    def get(self, key: str, version: int) -> Page | None:
        with self.lock:
            page = self.entries.get(key)
            if page is None:
                return None
            if page.version != version or time.monotonic() - page.stored_at > PAGE_SECONDS:
                self.bytes -= self.entries.pop(key).size
                return None
            self.entries.move_to_end(key)
            return page

    def set(self, key: str, page: Page) -> None:
        with self.lock:
            if key in self.entries:
                self.bytes -= self.entries.pop(key).size
            self.entries[key] = page
            self.bytes += page.size
            self._trim()

    def add_body(self, page: Page, encoding: str, body: bytes) -> None:
        """Give a page its body in this encoding, counted so the bound holds. Under the lock,
        as every change of a page's bodies: the counting reads them all."""
        with self.lock:
            page.bodies.setdefault(encoding, body)
            self.bytes = sum(entry.size for entry in self.entries.values())
            self._trim()

    def _trim(self) -> None:
        limit = settings.PAGE_CACHE_MB * 1024 * 1024
        while self.bytes > limit and len(self.entries) > 1:
            _, dropped = self.entries.popitem(last=False)
            self.bytes -= dropped.size


pages = Pages()


def forget() -> None:
    """Drop this process's pages and its copy of the version (the test suite, between tests)."""
    pages.clear()
    content.forget()


class PublicPageCacheMiddleware:
    """Serve cached public pages to anonymous visitors; store the ones it renders for them.

    It sits right after whitenoise, so a hit runs no other middleware: the pages it stores were
    answered by all of them (their headers, the CSP, X-Frame-Options, Vary and
    Content-Language, are kept with the page), and it sees the cookies any of them set, so it
    refuses to store such a page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Read once, when the server starts: the bypass exists only in a bench-mode process.
        self.bench_mode = settings.BENCH_MODE

    def __call__(self, request):
        render = self.bench_mode and _take_bench_render(request)
        key = _page_key(request)
        if key is None:
            return self.get_response(request)
        version = content_version()
        encoding = compression.accepted_encoding(request)
        page = None if render else pages.get(key, version)
        if page is not None:
            return self._said(page.response(encoding), "hit")
        response = self.get_response(request)
        if _storable(response):
            page = _page_of(response, version)
            pages.set(key, page)
            response = page.response(encoding)
        return self._said(response, "miss")

    def _said(self, response, outcome: str):
        if self.bench_mode:  # after the page was stored: a stored page never carries it
            response[BENCH_HEADER] = outcome
        return response


def _take_bench_render(request) -> bool:
    """Whether the request asks for a fresh rendering; the parameter is removed from the
    request, so the view renders exactly the page a visitor without it gets."""
    if BENCH_RENDER_PARAMETER not in request.GET:
        return False
    kept = [
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if name != BENCH_RENDER_PARAMETER
    ]
    request.META["QUERY_STRING"] = urlencode(kept)
    request.GET = QueryDict(request.META["QUERY_STRING"])
    return True


def _page_key(request) -> str | None:
    """The cache key of the request's page, or None when the request must not use the cache.

    This runs before LocaleMiddleware: the language is the one it will choose, from the path's
    prefix or, for a page without one, from the request (such a page says "Vary:
    Accept-Language", kept with it).
    """
    if request.method != "GET":
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return None
    language = translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)
    named = _cached_parameters(get_urlconf(), language, request.path_info)
    if named is None:
        return None
    # Only the parameters the page names are in the key: an unknown one would make a new
    # entry per value, and random ones could push real pages out.
    kept = sorted((name, value) for name, value in request.GET.items() if name in named)
    path = hashlib.sha256(f"{request.path}?{urlencode(kept)}".encode()).hexdigest()
    return f"puebla:page:{language}:{path}"


@functools.lru_cache(maxsize=1024)
def _cached_parameters(urlconf, language: str, path: str) -> frozenset[str] | None:
    """The query parameters of the public page at `path`, or None if it is not one. Resolving
    a path is the costliest step of a hit, and its answer never changes while the process
    runs (bounded: random paths only push out others, which are resolved again). In the
    page's language: the paths are translated, and LocaleMiddleware has not activated it yet."""
    try:
        with translation.override(language):
            match = resolve(path, urlconf)
    except Resolver404:
        return None
    if not getattr(match.func, "public_page", False):
        return None
    return getattr(match.func, "public_page_params", frozenset())


def _forget_resolutions(setting, **_kwargs) -> None:
    if setting == "ROOT_URLCONF":  # tests that swap the URLs (pytest's `urls` mark)
        _cached_parameters.cache_clear()


setting_changed.connect(_forget_resolutions)


def _storable(response) -> bool:
    """Whether a page rendered for a visitor without a session may be served to any other.

    request.user is not consulted: a request without a session cookie cannot be signed in, and
    loading the user would touch the session and add "Vary: Cookie" to every public page. A
    sign-in during the request sets a session cookie, which is refused below.
    """
    return (
        response.status_code == 200
        and not response.streaming
        # A cookie from any middleware: the session's, the messages', or the CSRF token's,
        # which every page holding a token sets (the page must not give it to others).
        and not response.cookies
        and not response.has_header("Content-Encoding")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _page_of(response, version: int) -> Page:
    compressible = compression.is_compressible(response)
    if compressible:
        # Every variant says so, so that no shared cache on the way gives one to the wrong client.
        patch_vary_headers(response, ("Accept-Encoding",))
    return Page(
        version=version,
        stored_at=time.monotonic(),
        status=response.status_code,
        headers=[(n, v) for n, v in response.headers.items() if n.lower() != "content-length"],
        bodies={None: response.content},
        compressible=compressible,
    )
