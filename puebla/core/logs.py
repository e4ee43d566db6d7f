"""Log lines that carry no secret and cannot be forged: JSON objects, one a line, for every logger.

Secrets reach logs through URLs: an invitation link, a password-reset link, an e-mail
confirmation link and a private calendar feed carry their secret in the path. Every path in a
log line goes through puebla.core.secret_paths, which takes the secrets out by position, and
cuts a path that resolves nowhere after the prefix of a secret link. Values that come from the
request (a path, a method, a Host header) may hold control characters; JSON escapes them, and
the plain format escapes them by hand, so a logged value never starts a line of its own.

This module is imported by the servers' master processes too (`puebla serve` hands them its
logging configuration), before Django is set up: it redacts only once the apps are ready.
"""

import json
import logging
import re
import time

from django.apps import apps
from django.conf import settings

from puebla.core.secret_paths import REDACTED, redact_path

# What looks like a URL path inside a message ("Internal Server Error: /es/...", "path=/...").
PATH_IN_TEXT = re.compile(r"/[^\s\"'<>?#]*")
# C0 and C1 control characters and Unicode's own line breaks: a reader would split lines there.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The access log's fields (puebla.core.accesslog), written as fields of their own.
ACCESS_FIELDS = ("method", "path", "status", "duration_ms", "client")


def redact_text(text: str, request=None) -> str:
    """Every URL path in `text` redacted (puebla.core.secret_paths); the request's own path
    spared the look-up when it resolved to a page without secrets."""
    if not apps.ready:
        return text
    match = getattr(request, "resolver_match", None)

    def redacted(found: re.Match) -> str:
        path = found.group()
        return redact_path(path, match if path == getattr(request, "path", None) else None)

    try:
        return PATH_IN_TEXT.sub(redacted, text)
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
