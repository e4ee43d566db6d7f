"""Whom a signed-in person works for: the first thing the access model reads about them.

It lives in core, beside the access model that turns it into audiences; the accounts app
stores it on users and invitations.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Affiliation(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member-state official")
    OBSERVER_STATE = "observer_state", _("Observer-state official")
    OBSERVER_ORGANISATION = "observer_organisation", _("Observer-organisation staff")
    CIVIL_SOCIETY = "civil_society", _("Civil-society member")
    SECRETARIAT = "secretariat", _("Technical Secretariat staff")


AFFILIATIONS_WITH_COUNTRY = [Affiliation.MEMBER_STATE, Affiliation.OBSERVER_STATE]
AFFILIATIONS_WITH_ORGANISATION = [Affiliation.OBSERVER_ORGANISATION, Affiliation.CIVIL_SOCIETY]
