"""Whole-page cache for anonymous visitors of the public portal (DESIGN.md §4).

Rendering a public page costs several queries and a template; serving it from this cache costs
one read of a small number from the shared cache. Only pages marked with `@public_page` are
cached, only for GET requests from visitors with no session (so nobody signed in ever gets, or
leaves behind, a cached page), and only 200 responses that set no cookie. Entries are keyed by
path and language and carry the content version they were rendered under;
`bump_content_version()` makes every entry stale at once, so an edit shows on the next request.

The version lives in the shared cache (database or Redis), so every gunicorn worker and every
app server sees a bump. The pages are kept in each process's memory: reading one costs no query
and no network, and a page of an older version is never served (each process renders a page
once per version, a negligible cost). The version is a number, the time of the change in
nanoseconds: if the shared cache ever loses it (eviction, a restarted Redis) a fresh, larger one
is made rather than an old one reused, which would bring stale pages back.

`make bench` (settings.BENCH_MODE, PUEBLA_BENCH=1) measures what a first visitor costs too: in
a process started in bench mode, and only there, a request with `?bench-render=1` is served as
a cache miss (rendered and stored), the parameter removed before the view sees it, and every
public page says `X-Puebla-Page-Cache: hit` or `miss` so the benchmark can check what it
measured. Outside bench mode the parameter is an unknown one like any other: left out of the
key, so the page comes from the cache.
"""

import hashlib
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

from puebla.core.gates import public_view

VERSION_KEY = "puebla:content-version"
# A bound on staleness for what no signal announces, e.g. "this year" on the home page.
PAGE_SECONDS = 600
# This process's pages, bounded: when it is full the least recently used are dropped.
pages = LocMemCache(
    "puebla-public-pages", {"TIMEOUT": PAGE_SECONDS, "OPTIONS": {"MAX_ENTRIES": 500}}
)
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


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version() -> None:
    """Make every cached page stale. Services that write public content without a model save
    (`.update()`, bulk writes, imports) call this once they are done."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


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


class PublicPageCacheMiddleware:
    """Serve cached public pages to anonymous visitors; store the ones it renders for them.

    It sits after LocaleMiddleware (the language prefix must be active to resolve the path)
    and before the middleware that may set cookies (CSRF, messages), so it sees their cookies
    in the response and refuses to store such a page. A page from the cache skips the
    middleware after this one; the headers they added (X-Frame-Options, the CSP) are kept
    with the page.
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
        entry = None if render else pages.get(key)
        if entry is not None and entry[0] == version:
            return self._said(_thaw(entry[1]), "hit")
        response = self.get_response(request)
        if _storable(request, response):
            pages.set(key, (version, _freeze(request, response)))
        return self._said(response, "miss")

    def _said(self, response, outcome: str):
        if self.bench_mode:  # after _freeze: a stored page never carries it
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
    """The cache key of the request's page, or None when the request must not use the cache."""
    if request.method != "GET":
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return None
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    if not getattr(match.func, "public_page", False):
        return None
    # Only the parameters the page names are in the key: an unknown one would make a new
    # entry per value, and random ones could push real pages out.
    named = getattr(match.func, "public_page_params", frozenset())
    kept = sorted((name, value) for name, value in request.GET.items() if name in named)
    path = hashlib.sha256(f"{request.path}?{urlencode(kept)}".encode()).hexdigest()
    return f"puebla:page:{translation.get_language()}:{path}"


def _storable(request, response) -> bool:
    """Whether a page rendered for a visitor without a session may be served to any other.

    request.user is not consulted: a request without a session cookie cannot be signed in, and
    loading the user would touch the session and add "Vary: Cookie" to every public page. A
    sign-in during the request modifies the session, which is refused below.
    """
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and not (session is not None and session.modified)  # a session cookie would follow
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _freeze(request, response):
    # SessionMiddleware, outside this one, adds "Vary: Cookie" to a page that read the session
    # (e.g. to show "Sign in" rather than a user's name); a page from the cache says so too.
    session = getattr(request, "session", None)
    varies_by_cookie = session is not None and session.accessed
    headers = list(response.headers.items())
    return response.status_code, response.content, headers, varies_by_cookie


def _thaw(frozen) -> HttpResponse:
    status, content, headers, varies_by_cookie = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    if varies_by_cookie:
        patch_vary_headers(response, ("Cookie",))
    return response
