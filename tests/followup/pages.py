"""What the follow-up page tests read: a page's words as a person reads them, and a page's
address in a language."""

import html

from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags


def words(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)
