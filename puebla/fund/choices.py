"""The Reserve Fund's states and the groups of states its rules name, apart from the models so
that its querysets read them without importing the models (which import the querysets).

The categories and requester kinds are not choices but the secretariat's lists
(puebla.fund.setting_models); `Category` and `RequesterKind` below are only the keys of
Puebla's starting values, which the migration that made those lists created."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category:
    """Keys of Puebla's starting categories (not rules of the RCM)."""

    UNACCOMPANIED_CHILD = "unaccompanied_child"
    DISABILITY = "disability"
    ELDERLY = "elderly"
    INJURY_OR_ILLNESS = "injury_or_illness"


class RequesterKind:
    """Keys of the kinds of requesting body: the government, or a kind of organisation of the
    directory (puebla.directory.models.Organisation.Kind)."""

    GOVERNMENT = "government"
    INTERNATIONAL = "international"
    CIVIL_SOCIETY = "civil_society"


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DISBURSED = "disbursed", _("Disbursed")
    RETURN_CONFIRMED = "return_confirmed", _("Return confirmed")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States in which the case's approved amount still holds money of the fund.
COMMITTING_STATES = (State.APPROVED, State.DISBURSED)
# States that end a case: the retention period runs from then.
ENDING_STATES = (State.REJECTED, State.CLOSED, State.WITHDRAWN)
# Withdrawal is allowed until departure; the return's confirmation says the migrant left.
WITHDRAWABLE_STATES = (
    State.DRAFT,
    State.SUBMITTED,
    State.UNDER_REVIEW,
    State.APPROVED,
    State.DISBURSED,
)
