"""`{{ text|breakable_addresses }}`: a text with web addresses, escaped, whose addresses may
wrap after each slash of their path. A browser keeps an address whole (it has no space), so on
a phone a long one either overflows or, where the page allows it, breaks anywhere, cutting a
word in two."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ADDRESS = re.compile(r"(https?://)([^/\s]+)(/\S*)?")
# A scheme and host this long or shorter fit a 320 px line whole ("https://example.org"); a
# longer one may wrap after the scheme too.
WHOLE = 24


@register.filter
def breakable_addresses(text) -> SafeString:
    escaped = escape(text or "")
    return mark_safe(  # noqa: S308 - escaped above; only <wbr> is added
        ADDRESS.sub(_breakable, escaped)
    )


def _breakable(match) -> str:
    scheme, host, path = match.group(1), match.group(2), match.group(3) or ""
    after_scheme = "<wbr>" if len(scheme + host) > WHOLE else ""
    return scheme + after_scheme + host + path.replace("/", "/<wbr>")
