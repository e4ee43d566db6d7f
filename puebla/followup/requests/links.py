"""Addresses mail points to, in the recipient's language (the URLs are under i18n_patterns)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def request_link(request_id: int, language: str) -> str:
    """The full address of a request's page ("followup:request"), in `language`."""
    with translation.override(language):
        return settings.SITE_URL + reverse("followup:request", args=[request_id])
