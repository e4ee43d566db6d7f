"""Documents in the site search: title, summary and the text read from their newest files,
in each language. Registered from DocumentsConfig.ready(); saving a document indexes it (the
search app's signal), and so does reading a file's text (text_reading.py). Who finds a
document is who may see it (Document.objects.visible_to)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from puebla.documents.models import Document, Theme
from puebla.search.registry import Searchable, register

FILE_LANGUAGES = {"es": ("es", "es_en"), "en": ("en", "es_en")}


def newest_files(document: Document) -> dict[str, object]:
    """The newest version in each language (files are ordered newest first)."""
    newest = {}
    for stored in document.files.all():
        newest.setdefault(stored.language, stored)
    return newest


def document_texts(document: Document) -> dict[str, tuple[str, str]]:
    files = newest_files(document)
    texts = {}
    for language, file_languages in FILE_LANGUAGES.items():
        parts = [getattr(document, f"summary_{language}") or ""]
        parts += [files[code].text for code in file_languages if code in files]
        texts[language] = (
            getattr(document, f"title_{language}") or "",
            "\n\n".join(part for part in parts if part),
        )
    return texts


def document_filters(document: Document) -> dict:
    return {
        "year": document.year,
        "year_inferred": document.is_inferred("year"),
        "body": document.body_id,
        "theme": document.theme,
        # The languages it can be read in: those of its files (a bilingual one counts twice).
        "language": sorted({code for key in newest_files(document) for code in key.split("_")}),
    }


def register_kinds() -> None:
    register(
        Searchable(
            kind="documents.document",
            model=Document,
            label=_("Documents"),
            texts=document_texts,
            url=lambda document: reverse("documents:document", args=[document.slug]),
            filters=document_filters,
            themes=tuple(Theme.choices),
            select_related=("body",),
            prefetch_related=("files",),  # a full reindex reads them all at once
        )
    )
