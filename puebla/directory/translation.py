"""Fields that hold text people read, kept in Spanish and English (django-modeltranslation)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from puebla.directory.models import (
    Appointment,
    Body,
    Country,
    Fact,
    Membership,
    Milestone,
    Organisation,
    Person,
    Presidency,
)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name", "note")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("acronym", "name", "note")


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "acronym", "description", "note")


@register(Presidency)
class PresidencyTranslation(TranslationOptions):
    fields = ("motto", "note")


@register(Appointment)
class AppointmentTranslation(TranslationOptions):
    fields = ("title", "note")


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title", "description", "note")


@register(Membership)
class MembershipTranslation(TranslationOptions):
    fields = ("note",)


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("note",)


@register(Fact)
class FactTranslation(TranslationOptions):
    fields = ("text", "note")


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
    Fact,
):
    simple_history.register(audited)
