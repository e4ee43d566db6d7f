"""`{{ text|breakable_addresses }}`: a text with web addresses, escaped, whose addresses may
wrap after each slash. A browser keeps an address whole (it has no space), so on a phone a long
one either overflows or, where the page allows it, breaks anywhere, cutting a word in two."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ADDRESS = re.compile(r"https?://\S+")


@register.filter
def breakable_addresses(text) -> SafeString:
    escaped = escape(text or "")
    return mark_safe(  # noqa: S308 - escaped above; only <wbr> is added
        ADDRESS.sub(lambda match: match.group(0).replace("/", "/<wbr>"), escaped)
    )
