"""The directory in the Django admin, where secretariat staff keep it up to date."""

from django.contrib import admin

from puebla.core.history_admin import ReadOnlyHistoryAdmin
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


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Country)
class CountryAdmin(ReadOnlyHistoryAdmin, admin.ModelAdmin):
    list_display = ("iso_code", "name_es", "name_en")
    search_fields = ("iso_code", "name_es", "name_en")
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyHistoryAdmin, admin.ModelAdmin):
    list_display = ("acronym_es", "name_es", "name_en", "kind", "hosts_secretariat")
    list_filter = ("kind", "hosts_secretariat")
    search_fields = ("slug", "acronym_es", "acronym_en", "name_es", "name_en")
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyHistoryAdmin):
    list_display = ("__str__", "status", "since", "until")
    list_filter = ("status",)
    list_select_related = ("country", "organisation")
    autocomplete_fields = ("country", "organisation")


@admin.register(Body)
class BodyAdmin(ReadOnlyHistoryAdmin, admin.ModelAdmin):
    list_display = ("name_es", "name_en", "acronym_es", "kind", "reports_to", "position")
    list_filter = ("kind",)
    list_select_related = ("reports_to",)
    search_fields = ("slug", "name_es", "name_en", "acronym_es", "acronym_en")


@admin.register(Presidency)
class PresidencyAdmin(ReadOnlyHistoryAdmin, admin.ModelAdmin):
    list_display = ("year", "country", "motto_es", "motto_en", "inferred")
    list_select_related = ("country",)
    autocomplete_fields = ("country",)


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 0
    autocomplete_fields = ("body", "country", "organisation")
    # The provenance of an appointment is its person's; a table row has room for the rest only.
    fields = (
        "body",
        "role",
        "title_es",
        "title_en",
        "country",
        "organisation",
        "start",
        "end",
        "position",
    )


@admin.register(Person)
class PersonAdmin(ReadOnlyHistoryAdmin):
    list_display = ("family_name", "given_name", "email", "email_is_public")
    list_filter = ("email_is_public",)
    search_fields = ("slug", "given_name", "family_name", "email")
    inlines = [AppointmentInline]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyHistoryAdmin, admin.ModelAdmin):
    list_display = ("year", "month", "title_es", "title_en")


@admin.register(Fact)
class FactAdmin(ReadOnlyHistoryAdmin, admin.ModelAdmin):
    list_display = ("text_es", "topic", "position")
    list_filter = ("topic",)
