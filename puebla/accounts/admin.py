from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from puebla.accounts.models import Invitation, User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    ordering = ("email",)
    list_display = (
        "email",
        "full_name",
        "affiliation",
        "country",
        "organisation",
        "is_focal_point",
        "is_active",
    )
    list_filter = ("affiliation", "is_focal_point", "is_fund_officer", "is_active", "is_staff")
    list_select_related = ("country", "organisation")
    search_fields = ("email", "full_name")
    autocomplete_fields = ("country", "organisation", "person")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "language", "person")}),
        (
            _("Affiliation and roles"),
            {
                "fields": (
                    "affiliation",
                    "country",
                    "organisation",
                    "is_focal_point",
                    "is_fund_officer",
                )
            },
        ),
        (
            _("Status"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "last_login",
                    "date_joined",
                )
            },
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "affiliation",
                    "country",
                    "organisation",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ("groups",)


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = (
        "email",
        "affiliation",
        "country",
        "organisation",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    )
    list_filter = ("affiliation",)
    list_select_related = ("country", "organisation")
    search_fields = ("email", "given_name", "family_name")
    readonly_fields = ("token_hash", "invited_by", "created_at", "accepted_at", "user")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # invitations are sent from the intranet, which mails the link

    @admin.action(description=_("Withdraw the selected invitations"))
    def revoke(self, request, queryset):
        from django.utils import timezone

        # One save per invitation, so that each withdrawal lands in its history.
        for invitation in queryset.filter(accepted_at__isnull=True, revoked_at__isnull=True):
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
