"""Fields that hold text people read, kept in Spanish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from puebla.directory.models import Appointment, Body, Country, Milestone, Organisation, Presidency


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
    fields = ("role",)


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title", "description")
