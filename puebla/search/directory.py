"""The directory's bodies in the site search (name and description, in both languages).

Registered by the search app (SearchConfig.ready()): the directory sits below search in the
import layers (pyproject.toml), so it cannot register itself. Bodies carry no audience: the
portal's structure page shows every one, so they are registered as public.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from puebla.directory.models import Body
from puebla.search.registry import Searchable, register


def body_texts(body: Body) -> dict[str, tuple[str, str]]:
    return {
        language: (
            getattr(body, f"name_{language}") or "",
            getattr(body, f"description_{language}") or "",
        )
        for language in ("es", "en")
    }


def body_filters(body: Body) -> dict:
    return {
        "year": body.established,
        "body": body.pk,
        "language": [language for language, texts in body_texts(body).items() if any(texts)],
    }


def body_url(body: Body) -> str:
    # The structure page lists every body; the fragment names the body's own entry.
    return f"{reverse('portal:structure')}#{body.slug}"


def register_kinds() -> None:
    register(
        Searchable(
            kind="directory.body",
            model=Body,
            label=_("Bodies"),
            texts=body_texts,
            url=body_url,
            filters=body_filters,
            public=True,
        )
    )
