"""Organisations the secretariat accepts as requesters of the Reserve Fund.

Governments of member states request for the departure or return country without acceptance;
an international or civil-society organisation requests once accepted, until its acceptance
ends (its cases go on). puebla.fund.services.requesting_body reads the acceptance.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core.access import is_secretariat
from puebla.directory.models import Organisation
from puebla.fund import fund_settings
from puebla.fund.models import AcceptedRequester


@transaction.atomic
def requester_accept(*, organisation: Organisation, by, on: datetime.date | None = None):
    """The secretariat accepts an international or civil-society organisation as a requester
    of the fund (again, if an earlier acceptance had ended)."""
    if not is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat accepts requesting organisations."))
    if organisation.kind not in fund_settings.filing_organisation_kinds():
        raise ValidationError(
            _(
                "Organisations of this kind do not file requests: the Technical Secretariat "
                "chooses the kinds of requesting body in the fund's settings."
            )
        )
    on = on or timezone.localdate()
    acceptance = AcceptedRequester.objects.filter(organisation=organisation).first()
    if acceptance is None:
        acceptance = AcceptedRequester(organisation=organisation)
    elif acceptance.until is None:
        raise ValidationError(_("This organisation is already accepted."))
    acceptance.accepted_on, acceptance.accepted_by, acceptance.until = on, by, None
    acceptance._history_user = by
    acceptance.save()
    return acceptance


@transaction.atomic
def requester_acceptance_end(*, organisation: Organisation, by, on: datetime.date | None = None):
    """The organisation may no longer file requests from `on` (today by default); its cases
    go on."""
    if not is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat accepts requesting organisations."))
    acceptance = AcceptedRequester.objects.filter(organisation=organisation, until=None).first()
    if acceptance is None:
        raise ValidationError(_("This organisation is not accepted as a requester."))
    acceptance.until = on or timezone.localdate()
    acceptance._history_user = by
    acceptance.save()
    return acceptance
