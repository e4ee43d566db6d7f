"""The meeting text people read, kept in Spanish and English (django-modeltranslation)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from puebla.meetings.models import AgendaItem, City, Meeting, MeetingLink


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name", "note")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = (
        "title",
        "description",
        "objectives_general",
        "objectives_specific",
        "expected_results",
        "participant_profile",
        "costs_note",
        "documents_note",
        "note",
    )


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)


@register(MeetingLink)
class MeetingLinkTranslation(TranslationOptions):
    fields = ("title",)


# Registered here, after modeltranslation added the _es/_en columns, so history records them.
simple_history.register(City)
simple_history.register(
    Meeting,
    m2m_fields=[
        "audience_bodies",
        "convening_bodies",
        "convening_organisations",
        "supporting_organisations",
        "supporting_bodies",
    ],
)
simple_history.register(AgendaItem)
simple_history.register(MeetingLink)
