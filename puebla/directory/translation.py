"""Fields that hold text people read, kept in Spanish and English (django-modeltranslation)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from puebla.directory.models import (
    Appointment,
    Body,
    Country,
    Membership,
    Milestone,
    Organisation,
    Person,
    Presidency,
)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("acronym", "name")


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "acronym", "description")


@register(Presidency)
class PresidencyTranslation(TranslationOptions):
    fields = ("motto",)


@register(Appointment)
class AppointmentTranslation(TranslationOptions):
    fields = ("title",)


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title", "description")


# History is registered here, after modeltranslation added the _es/_en columns, so that the
# historical tables record both languages.
for audited in (
    Country,
    Organisation,
    Membership,
    Body,
    Presidency,
    Person,
    Appointment,
    Milestone,
):
    simple_history.register(audited)
