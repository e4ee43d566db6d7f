"""Log lines that carry no secret and cannot be forged: JSON objects, one a line, for every logger.

Secrets reach logs through URLs: an invitation link, a password-reset link and an e-mail
confirmation link carry their token in the path. What is secret is read from the URL patterns
themselves, not from a list of paths: a keyword argument whose name contains one of
SECRET_ARGUMENT_WORDS (`token`, `key`, `uidb36`, ...) is replaced by REDACTED wherever its URL
is logged, so a future URL with such an argument is covered too. Values that come from the
request (a path, a method, a Host header) may hold control characters; JSON escapes them, and
the plain format escapes them by hand, so a logged value never starts a line of its own.

This module is imported by the servers' master processes too (`puebla serve` hands them its
logging configuration), before Django is set up: it redacts only once the apps are ready.
"""

import functools
import json
import logging
import re
import time

from django.apps import apps
from django.conf import settings
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation

REDACTED = "[redacted]"
SECRET_ARGUMENT_WORDS = ("token", "key", "uid", "secret", "code", "password", "session")
# What looks like a URL path inside a message ("Internal Server Error: /es/...", "path=/...").
PATH_IN_TEXT = re.compile(r"/[^\s\"'<>?#]*")
# C0 and C1 control characters and Unicode's own line breaks: a reader would split lines there.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The access log's fields (puebla.core.accesslog), written as fields of their own.
ACCESS_FIELDS = ("method", "path", "status", "duration_ms", "client")


def is_secret_argument(name: str) -> bool:
    return any(word in name.lower() for word in SECRET_ARGUMENT_WORDS)


def redact_path(path: str, match=None) -> str:
    """`path` with the value of every secret URL argument replaced by REDACTED. Without a
    `match` (the request's resolver_match) the path is resolved in each language, since the
    project's URLs are translated."""
    if match is None:
        return _redacted_unresolved(path, get_urlconf() or settings.ROOT_URLCONF)
    for name, value in match.kwargs.items():
        if is_secret_argument(name) and str(value):
            path = path.replace(str(value), REDACTED)
    return path


# Resolving a path in every language costs more than the rest of a log line: the page cache
# answers before Django resolves the URL, so its pages (a few paths, requested again and again)
# would pay it on every request. (The cache is in memory only, never written anywhere.)
@functools.lru_cache(maxsize=2048)
def _redacted_unresolved(path: str, urlconf: str) -> str:
    match = _resolve_in_any_language(path)
    return path if match is None else redact_path(path, match)


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


def redact_text(text: str, request=None) -> str:
    """Every URL path in `text` redacted; the request's own path through its resolved match."""
    if not apps.ready:
        return text
    try:
        if request is not None and getattr(request, "resolver_match", None) is not None:
            text = text.replace(request.path, redact_path(request.path, request.resolver_match))
        return PATH_IN_TEXT.sub(lambda found: redact_path(found.group()), text)
    except Exception:
        return REDACTED


def escape_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub(
        lambda found: found.group().encode("unicode_escape").decode(), text
    )


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address
    the outermost trusted proxy saw, read from X-Forwarded-For as allauth reads it for its rate
    limits (ALLAUTH_TRUSTED_PROXY_COUNT), so the log names the address that was limited."""
    if request is None:
        return "-"
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.headers.get("x-forwarded-for", "")
    if count > 0 and forwarded:
        addresses = [part.strip() for part in forwarded.split(",")]
        if len(addresses) >= count:
            return addresses[-count]
    return request.META.get("REMOTE_ADDR", "-")


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, the access log's fields, and the
    traceback if any; secrets redacted, every non-ASCII and control character escaped."""

    def format(self, record: logging.LogRecord) -> str:
        request = getattr(record, "request", None)
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": _message(record, request),
        }
        for field in ACCESS_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = redact_text(self.formatException(record.exc_info), request)
        return json.dumps(entry, ensure_ascii=True, default=str)


class PlainFormatter(logging.Formatter):
    """`LOG_FORMAT=plain`: time, level, logger and message on one line, for a person reading a
    terminal; the same redaction, control characters escaped (a traceback stays on its line)."""

    def format(self, record: logging.LogRecord) -> str:
        request = getattr(record, "request", None)
        line = (
            f"{self.formatTime(record)} {record.levelname} {record.name} "
            f"{_message(record, request)}"
        )
        if record.exc_info:
            line += "\n" + redact_text(self.formatException(record.exc_info), request)
        return escape_control_characters(line)


def _message(record: logging.LogRecord, request) -> str:
    if getattr(record, "redacted", False):  # the access log redacts its own path
        return record.getMessage()
    return redact_text(record.getMessage(), request)


def logging_config(*, level: str, log_format: str) -> dict:
    """The dictConfig for Django (settings.LOGGING) and for the servers' own loggers, which
    `puebla serve` hands to gunicorn and granian, so that every line has one format."""
    formatter = PlainFormatter if log_format == "plain" else JsonFormatter
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"puebla": {"()": f"{formatter.__module__}.{formatter.__name__}"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "puebla",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's default configuration gives these handlers of their own (console, mail
            # to ADMINS, runserver's lines): none here, so their records reach ours at the root.
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.server": {"handlers": [], "level": level, "propagate": True},
            "django.db.backends": {"level": "WARNING"},
            "puebla.security": {"level": "INFO"},
            # The servers' own loggers, which they configure with handlers of their own.
            **{
                name: {"handlers": ["console"], "level": level, "propagate": False}
                # huey: the job queue's consumer adds a handler of its own when it has none.
                for name in ("gunicorn.error", "_granian", "huey")
            },
            # Their access logs carry raw paths: puebla.core.accesslog writes the access log.
            **{
                name: {"handlers": [], "level": "CRITICAL", "propagate": False}
                for name in ("gunicorn.access", "granian.access")
            },
        },
    }
