from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from puebla.accounts.models import Invitation, User
from puebla.accounts.permissions import fund_officer_change_refusal
from puebla.accounts.services import invitation_withdraw, user_fund_officer_set, user_sync_rights
from puebla.core import security_log
from puebla.core.history_admin import ReadOnlyHistoryAdmin

# Fields that grant rights or take over an account (a new address receives the password
# reset): only a superuser changes them. Everyone else gets them through an affiliation.
SUPERUSER_ONLY_FIELDS = ("email", "is_staff", "is_superuser", "groups")


# The fields that change what an account may see or do (the fund officer role has its own
# service, which logs it); each change is a line of the security log.
RIGHTS = {
    "affiliation",
    "country",
    "organisation",
    "is_focal_point",
    "is_staff",
    "is_superuser",
    "is_active",
    "groups",
    "user_permissions",
}


def _logged_value(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "values_list"):  # groups, permissions: their names
        return ",".join(sorted(str(item) for item in value)) or "-"
    return str(getattr(value, "pk", value) if value is not None else "-")


@admin.register(User)
class UserAdmin(ReadOnlyHistoryAdmin, DjangoUserAdmin):
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
                    "sessions_ended_at",
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
    filter_horizontal = ("groups",)

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined", "sessions_ended_at"]
        if not request.user.is_superuser:
            readonly += SUPERUSER_ONLY_FIELDS
        if fund_officer_change_refusal(by=request.user, user=obj):
            readonly.append("is_fund_officer")
        return readonly

    def save_model(self, request, obj, form, change):
        # The role is granted or removed by its service (its rule, its security log line),
        # after the rest of the form is saved.
        granted = form.cleaned_data.get("is_fund_officer")
        if change and "is_fund_officer" in form.changed_data:
            obj.is_fund_officer = not granted
        super().save_model(request, obj, form, change)
        if change and "is_fund_officer" in form.changed_data:
            try:
                user_fund_officer_set(user=obj, granted=granted, by=request.user, via="admin")
            except ValidationError as refused:
                raise PermissionDenied(" ".join(refused.messages)) from refused
            obj.refresh_from_db(fields=["is_fund_officer"])

    def has_add_permission(self, request):
        # Accounts come from invitations (Intranet > Invitations); a superuser may still add one.
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        # Staff change ordinary accounts and their own; a superuser's or another staff member's
        # account only a superuser changes (or deactivates).
        others_rights = obj is not None and (obj.is_superuser or obj.is_staff)
        if others_rights and not request.user.is_superuser and obj.pk != request.user.pk:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Deactivation keeps the account's history and what it wrote; only a superuser deletes.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        # Setting someone's password takes over their account: people reset their own.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the groups are saved: an affiliation change moves the admin rights with it.
        user_sync_rights(user=form.instance)
        for right in RIGHTS.intersection(form.changed_data):
            security_log.right_changed(
                right=right,
                value=_logged_value(form.cleaned_data[right]),
                user=form.instance,
                by=request.user,
                via="admin",
            )


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyHistoryAdmin):
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
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # invitations are sent from the intranet, which mails the link

    def has_change_permission(self, request, obj=None):
        # What was mailed must be what the link creates: an invitation is never edited.
        return False

    @admin.action(description=_("Withdraw the selected invitations"), permissions=["view"])
    def revoke(self, request, queryset):
        for invitation in queryset.filter(accepted_at__isnull=True, revoked_at__isnull=True):
            invitation_withdraw(invitation=invitation, by=request.user)
