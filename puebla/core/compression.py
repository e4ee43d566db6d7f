"""Compressed responses for browsers that accept them: fewer bytes on the slow mobile links many
focal points and visitors in the region use (a 1 MB page is an eighth of that in brotli).

The page cache (puebla.core.pagecache) keeps each public page's compressed bytes beside its
plain ones. `CompressionMiddleware` compresses the other responses, the signed-in pages among
them, but never one that could reveal a secret to an attacker who measures its size while
injecting text into the same page (BREACH): not a page with a CSRF token (it sets the token's
cookie), not the pages of accounts (passwords, TOTP secrets, recovery codes) nor those
of the Reserve Fund (the personal data of migrants).
"""

import gzip

import brotli
from django.conf import settings
from django.utils.cache import patch_vary_headers

# Preferred first: brotli is smaller than gzip at the same cost.
ENCODINGS = ("br", "gzip")
# Below this a compressed body saves less than its headers cost.
MINIMUM_BYTES = 512
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/javascript",
)
# Views whose responses may hold a secret and reflect the visitor's input (see above).
SECRET_VIEW_MODULES = ("allauth.", "puebla.accounts.", "puebla.fund.")


def compress(content: bytes, encoding: str) -> bytes:
    # brotli quality 5 and gzip level 6: measured on a 1 MB page, nearly all the gain of the
    # slowest settings at a third of their time (README, "Compressed pages").
    if encoding == "br":
        return brotli.compress(content, quality=5)
    return gzip.compress(content, compresslevel=6, mtime=0)


def accepted_encoding(request) -> str | None:
    """The best encoding the client accepts (Accept-Encoding, q=0 meaning refused), or None."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if not header:
        return None
    accepted = set()
    for part in header.split(","):
        name, _, parameters = part.strip().partition(";")
        quality = parameters.strip().removeprefix("q=").strip() if parameters else "1"
        try:
            refused = float(quality) <= 0
        except ValueError:
            refused = True
        if not refused:
            accepted.add(name.strip().lower())
    return next((encoding for encoding in ENCODINGS if encoding in accepted), None)


def is_compressible(response) -> bool:
    """Whether the response's body is worth compressing, whoever asked for it."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.has_header("Content-Encoding")
        and response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        and len(response.content) >= MINIMUM_BYTES
    )


def encode(response, content: bytes, encoding: str | None):
    """The response with this body, in this encoding (None: plain), its headers to match."""
    response.content = content
    if encoding:
        response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(content))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _may_reveal_a_secret(request, response) -> bool:
    # A page that holds a CSRF token sets its cookie (get_token() asks CsrfViewMiddleware to,
    # and clears its own mark once it has).
    if settings.CSRF_COOKIE_NAME in response.cookies:
        return True
    match = getattr(request, "resolver_match", None)
    module = getattr(getattr(match, "func", None), "__module__", "") or ""
    return match is None or module.startswith(SECRET_VIEW_MODULES)


class CompressionMiddleware:
    """Compress what the page cache did not serve (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_compressible(response) or _may_reveal_a_secret(request, response):
            return response
        encoding = accepted_encoding(request)
        if encoding is None:
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return encode(response, compress(response.content, encoding), encoding)
