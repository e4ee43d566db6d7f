"""A body's editors: appointed and removed by the Technical Secretariat from the body's page in
the intranet (puebla.intranet.views.bodies), never only in the administration.

An editor is a person with an account and a current appointment to the body with the role
"editor" (puebla.core.access: they edit the body's records). Both services keep the history:
an appointment is ended (its last day yesterday), not deleted, unless it began today, and every
change is written with the person who made it.

    body_editor_appoint   the account's directory entry (made when it has none) is appointed
    body_editor_remove    the editor appointment ends
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from puebla.accounts.models import User
from puebla.accounts.permissions import body_editor_change_refusal
from puebla.directory.models import Appointment, Body, Person


def current_editors(body: Body):
    """The body's editor appointments in force today, with their people and accounts."""
    return (
        Appointment.objects.current()
        .filter(body=body, role=Appointment.Role.EDITOR)
        .select_related("person", "person__user", "country", "organisation")
        .order_by("person__family_name", "person__given_name", "pk")
    )


@transaction.atomic
def body_editor_appoint(*, body: Body, user: User, by) -> Appointment:
    """Appoint the account `user` an editor of `body` from today. Refused (nothing written)
    unless `by` is the secretariat, for a deactivated account, and for someone who already
    edits the body."""
    if refusal := body_editor_change_refusal(by=by):
        raise ValidationError(refusal)
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise ValidationError(
            {"user": _("This account is deactivated: reactivate it before appointing it.")}
        )
    person = user.person or _directory_entry_for(user, by=by)
    if current_editors(body).filter(person=person).exists():
        raise ValidationError(
            {"user": _("%(name)s is already an editor of this body.") % {"name": user}}
        )
    today = timezone.localdate()
    # One appointment per person, body and start: one that began today becomes the editor's.
    appointment = Appointment.objects.filter(person=person, body=body, start=today).first()
    if appointment is None:
        appointment = Appointment(
            person=person,
            body=body,
            start=today,
            country=user.country,
            organisation=user.organisation,
        )
    appointment.role = Appointment.Role.EDITOR
    appointment.end = None
    appointment.full_clean()
    appointment._history_user = by
    appointment.save()
    return appointment


@transaction.atomic
def body_editor_remove(*, appointment: Appointment, by) -> None:
    """End an editor's appointment to its body: from today they no longer edit its records.
    Its history stays; an appointment made today is undone instead (it would end before it
    began), as a deletion the history keeps too."""
    if refusal := body_editor_change_refusal(by=by):
        raise ValidationError(refusal)
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if not current_editors(appointment.body).filter(pk=appointment.pk).exists():
        raise ValidationError(_("This person is no longer an editor of this body."))
    today = timezone.localdate()
    appointment._history_user = by
    if appointment.start is not None and appointment.start >= today:
        appointment.delete()
        return
    appointment.end = today - datetime.timedelta(days=1)
    appointment.full_clean()
    appointment.save()


def _directory_entry_for(user: User, *, by) -> Person:
    """A directory entry for an account that has none, linked to it: an appointment is a
    person's. Made from the account's own name and address, never matched by address."""
    given, _space, family = user.full_name.partition(" ")
    base = slugify(user.full_name) or "person"
    slug, number = base, 1
    while Person.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    person = Person(slug=slug, given_name=given or user.email, family_name=family, email=user.email)
    person.full_clean(exclude=["family_name"])  # a one-word name has none
    person._history_user = by
    person.save()
    user.person = person
    user._history_user = by
    user.save(update_fields=["person"])
    return person
