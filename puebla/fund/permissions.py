"""Who may do what with the Reserve Fund: one rule each, called by the pages (to offer or
withhold a step, and say why) and by the services (to refuse it), as DESIGN.md §5.10 asks.

A case is filed on a migrant's behalf by a *requesting body*: the government of the departure
or return country (its member-state officials act for it) or an organisation the secretariat
accepted (its staff act for it). Who acts for which body is decided here and nowhere else.
"""

from django.utils.translation import gettext as _

from puebla.core.access import is_fund_officer, is_signed_in
from puebla.core.affiliation import AFFILIATIONS_WITH_ORGANISATION, Affiliation


def requester_side(user) -> tuple[str, int] | None:
    """The requesting body `user` acts for: ("country", its id) for a member-state official,
    ("organisation", its id) for an organisation's staff, or None."""
    if not is_signed_in(user):
        return None
    if user.affiliation == Affiliation.MEMBER_STATE and user.country_id:
        return ("country", user.country_id)
    if user.affiliation in AFFILIATIONS_WITH_ORGANISATION and user.organisation_id:
        return ("organisation", user.organisation_id)
    return None


def may_ask_to_file(user) -> bool:
    """Those who file (or whose organisation the secretariat may accept as a requester)."""
    return requester_side(user) is not None


def acts_for_requester(user, case) -> bool:
    """Whether `user` acts for the body that filed `case`."""
    side = requester_side(user)
    if side is None:
        return False
    if case.requesting_country_id:
        return side == ("country", case.requesting_country_id)
    return side == ("organisation", case.requesting_organisation_id)


def approval_refusal(user, case) -> str | None:
    """Why `user` may not approve `case`, or None. Four eyes: a second fund officer approves,
    never the one who reviewed or filed it."""
    if not is_fund_officer(user):
        return _("Only a Reserve Fund officer can do this.")
    if user.pk in {case.reviewed_by_id, case.filed_by_id}:
        return _(
            "Four eyes: you reviewed or filed this request, so another fund officer approves it."
        )
    return None


def review_refusal(user, case) -> str | None:
    """Why `user` may not take up `case` for review, or None: a fund officer other than the
    one who filed it."""
    if not is_fund_officer(user):
        return _("Only a Reserve Fund officer can do this.")
    if user.pk == case.filed_by_id:
        return _("You filed this request: another fund officer reviews it.")
    return None


def withdrawal_refusal(user, case) -> str | None:
    """Why `user` may not withdraw `case`, or None. Withdrawing is the requesting body's (the
    migrant's plans changed); a fund officer decides on a request instead, and rejects it."""
    if not acts_for_requester(user, case):
        return _(
            "Only the requesting body withdraws its request; a fund officer rejects it instead."
        )
    return None
