"""Document text in Spanish and English (django-modeltranslation)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from puebla.documents.models import Document, Folder


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "summary", "note")


@register(Folder)
class FolderTranslation(TranslationOptions):
    fields = ("name",)


# After modeltranslation added the _es/_en columns, so history records them.
simple_history.register(Document, m2m_fields=["audience_bodies"])
simple_history.register(Folder)
