"""The source's bold-italics markup (<i>...</i>, "active, ongoing, or pending input") as
HTML: everything escaped, then each balanced pair as <em>. A stray tag stays visible as
text, as the source has it."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_PAIR = re.compile(r"&lt;i&gt;(.*?)&lt;/i&gt;", re.IGNORECASE | re.DOTALL)


def as_html(text: str) -> SafeString:
    escaped = escape(text or "")
    # Only our own <em> around already-escaped text goes in unescaped.
    return mark_safe(_PAIR.sub(r'<em class="plan-source-marked">\1</em>', escaped))  # noqa: S308
