"""Who may change an account's rights: one refusal per rule, called by the page to offer or
withhold the change (and say why) and by the service to refuse it (DESIGN.md §5.10)."""

from django.utils.translation import gettext as _

from puebla.core.access import is_secretariat
from puebla.core.affiliation import Affiliation


def administers(user) -> bool:
    """Whether the account's affiliation gives it the administration site (and the
    secretariat's permissions there): the Technical Secretariat's, active or not."""
    return user.affiliation == Affiliation.SECRETARIAT


def fund_officer_change_refusal(*, by, user=None) -> str | None:
    """Why `by` may not grant or remove the Reserve Fund officer role (of `user`, or of the
    account an invitation will create), or None. Fund officers read migrants' identities,
    which the rest of the secretariat may not: only a superuser grants or removes the role,
    and no account changes its own. `by` None is the system itself (the demonstration and
    test accounts of puebla.accounts.roles)."""
    if by is None:
        return None
    if not (by.is_active and by.is_superuser):
        return _("Only a superuser can grant or remove the Reserve Fund officer role.")
    if user is not None and user.pk == by.pk:
        return _("No account can grant or remove its own Reserve Fund officer role.")
    return None


def body_editor_change_refusal(*, by) -> str | None:
    """Why `by` may not appoint or remove a body's editors, or None. Editors change the
    body's records, so the Technical Secretariat alone appoints them."""
    if not is_secretariat(by):
        return _("Only the Technical Secretariat appoints and removes a body's editors.")
    return None
