"""The Reserve Fund's choices and the groups of states its rules name, apart from the models so
that its querysets read them without importing the models (which import the querysets)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """Who the fund helps. Wording from the fund's published rules as issue 20 quotes them;
    the seeds say "migrants in highly vulnerable situations" and, in the Plan of Action (2.1.1),
    "women, children, the elderly, and the disabled" (seeds/004_d69214afa6cd72ab.txt)."""

    UNACCOMPANIED_CHILD = "unaccompanied_child", _("Unaccompanied child or adolescent")
    DISABILITY = "disability", _("Person living with disability")
    ELDERLY = "elderly", _("Elderly person over seventy")
    INJURY_OR_ILLNESS = "injury_or_illness", _("Person with a physical or mental injury or illness")


class RequesterKind(models.TextChoices):
    GOVERNMENT = "government", _("Government of the departure or return country")
    INTERNATIONAL = "international", _("International organisation")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")


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
