import simple_history
from modeltranslation.translator import TranslationOptions, register

from puebla.intranet.models import Notice


@register(Notice)
class NoticeTranslation(TranslationOptions):
    fields = ("title", "body", "note")


# Registered here, after modeltranslation added the _es/_en columns, so history records them.
simple_history.register(Notice, m2m_fields=["audience_bodies"])
