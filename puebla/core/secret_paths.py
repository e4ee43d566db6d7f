"""URL paths with their secrets taken out, by position, whether the path resolves or not.

An invitation link, a password-reset link, an e-mail confirmation link and a private calendar
feed carry a secret in the path. What is secret is read from the URL patterns themselves: an
argument whose name contains one of SECRET_ARGUMENT_WORDS (`token`, `key`, `uidb36`, ...), so
a future URL with such an argument is covered too.

Two rules, and never a search for an argument's value (a reset link's user id, "8", also
occurs inside its key: replacing the value everywhere left the key readable around the gaps):

- a path that a secret pattern matches has the span each secret argument matched replaced by
  REDACTED, read from the pattern's own regular expression;
- a path that resolves nowhere (a link with a stray ")" or ">", as mail clients and chat apps
  produce, a path in other case or with a doubled slash) is cut after the literal prefix of any
  secret pattern (`/en/accounts/invitation/`) and ends in REDACTED: the rest may be a live
  secret with a character added.

A path that resolves to a pattern without secrets is left as it is (a reset link's
`.../key/done/` page, say).
"""

import functools
import re

from django.conf import settings
from django.urls import Resolver404, URLResolver, get_resolver, get_urlconf, resolve
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

REDACTED = "[redacted]"
SECRET_ARGUMENT_WORDS = ("token", "key", "uid", "secret", "code", "password", "session")
# A named group in a pattern's regular expression, and any group (which ends a literal prefix).
NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
FIRST_GROUP = re.compile(r"(?<!\\)[(\[]")
ESCAPED = re.compile(r"\\(.)")


def is_secret_argument(name: str) -> bool:
    return any(word in name.lower() for word in SECRET_ARGUMENT_WORDS)


def redact_path(path: str, match=None) -> str:
    """`path` with every secret it may carry replaced by REDACTED (see the module's rules).
    `match`, the request's resolver_match if it has one, spares the look-up of a path that
    resolved to a pattern without secrets."""
    if match is not None and not any(is_secret_argument(name) for name in match.kwargs):
        return path
    return _redacted(path, get_urlconf() or settings.ROOT_URLCONF)


# Looking a path up costs more than the rest of a log line: the page cache answers before
# Django resolves the URL, so its pages (a few paths, requested again and again) would pay it
# on every request. (The cache is in memory only, never written anywhere.)
@functools.lru_cache(maxsize=4096)
def _redacted(path: str, urlconf: str) -> str:
    patterns = _secret_patterns(urlconf)
    relative = path.removeprefix("/")
    for pattern, secret_groups in patterns.full:
        found = pattern.fullmatch(relative)
        if found:
            return "/" + _without_spans(relative, found, secret_groups)
    match = _resolve_in_any_language(path)
    if match is not None and not any(is_secret_argument(name) for name in match.kwargs):
        return path
    cut = patterns.prefixes.search(path) if patterns.prefixes else None
    if cut is not None:
        return path[: cut.end()] + REDACTED
    # A secret link that none of the rules above recognises: nothing of it is logged.
    return path if match is None else REDACTED


def _without_spans(text: str, found: re.Match, groups: tuple[str, ...]) -> str:
    spans = sorted((found.span(name) for name in groups if found.span(name)[0] >= 0), reverse=True)
    for start, end in spans:
        text = text[:start] + REDACTED + text[end:]
    return text


def _resolve_in_any_language(path: str):
    # A link without its final slash is redirected to the one with it, and logged on the way.
    candidates = [path] if path.endswith("/") else [path, path + "/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for candidate in candidates:
                try:
                    return resolve(candidate)
                except Resolver404:
                    continue
    return None


class SecretPatterns:
    """Every URL pattern with a secret argument, in every language: its whole regular
    expression (from the site's root) with the names of its secret groups, and one expression
    that finds the literal prefix of any of them anywhere in a path."""

    def __init__(self, full: list[tuple[re.Pattern, tuple[str, ...]]], prefixes: set[str]):
        self.full = full
        self.prefixes = _prefix_expression(prefixes) if prefixes else None


@functools.cache
def _secret_patterns(urlconf: str) -> SecretPatterns:
    full, prefixes, seen = [], set(), set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for source, language_prefix in _pattern_sources(get_resolver(urlconf).url_patterns):
                secret_groups = tuple(
                    name for name in NAMED_GROUP.findall(source) if is_secret_argument(name)
                )
                if not secret_groups or source in seen:
                    continue
                seen.add(source)
                full.append((re.compile(source), secret_groups))
                # The language's prefix ("en/") is left out: a link without it is redirected
                # to the one with it, and logged before.
                literal = FIRST_GROUP.split(source[len(language_prefix) :], maxsplit=1)[0]
                literal = ESCAPED.sub(r"\1", literal.removesuffix("\\Z").removesuffix("$"))
                prefixes.add(literal)
    return SecretPatterns(full, prefixes)


def _pattern_sources(patterns, source: str = "", language_prefix: str = ""):
    """(the regular expression from the root, the language prefix's part of it) of every
    endpoint below `patterns`, in the active language."""
    for pattern in patterns:
        own = pattern.pattern.regex.pattern.removeprefix("^")
        if isinstance(pattern.pattern, LocalePrefixPattern):
            prefix = source + own
        else:
            prefix = language_prefix
        if isinstance(pattern, URLResolver):
            yield from _pattern_sources(pattern.url_patterns, source + own, prefix)
        else:
            yield source + own, prefix


def _prefix_expression(prefixes: set[str]) -> re.Pattern:
    # Whatever case, doubled slashes: a server or a browser may take either to the same page.
    alternatives = sorted(
        (
            r"/+".join(re.escape(part) for part in prefix.split("/"))
            for prefix in prefixes
            if prefix
        ),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?:^|(?<=/))(?:" + "|".join(alternatives) + ")", re.IGNORECASE)
