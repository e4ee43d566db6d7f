"""Writes to delegations (DESIGN.md §5): nominate, withdraw, confirm (one or many at once),
decline, move up.

A country holds `seats_per_country` seats at a meeting. A nomination made while a seat is free
takes it; later ones wait in order (when the meeting keeps a waiting list) and the first moves
up when a seat frees. Each write locks the meeting's row first, so two focal points taking the
last seat at once are served one after the other: on PostgreSQL by the row lock, on SQLite
because every transaction takes the write lock when it starts (settings: IMMEDIATE).
Mail goes to the nominee and the country's focal points after commit (notifications.py).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from puebla.core import access
from puebla.directory.models import Country, Person
from puebla.meetings import notifications
from puebla.meetings.models import DeadlineReminder, Meeting, Nomination, ParticipationRequest
from puebla.meetings.querysets import member_states

Status = Nomination.Status


@transaction.atomic
def nomination_create(
    *,
    meeting: Meeting,
    country: Country,
    by,
    person: Person | None = None,
    given_name: str = "",
    family_name: str = "",
    position: str = "",
    institution: str = "",
    email: str = "",
    language: str = "es",
) -> Nomination:
    """Nominate a directory person (`person`) or a new one (the name fields) for `country`.

    Takes a seat when one is free, else a place on the waiting list; refuses with a
    ValidationError, writing nothing, when the rules of the meeting do not allow it.
    """
    if not access.can_act_for_country(by, country):
        raise ValidationError(_("You can nominate delegates only for your own country."))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if reason := closed_reason(meeting):
        raise ValidationError(reason)
    if person is not None:
        given_name, family_name = person.given_name, person.family_name
        email = email or person.email
    email = email.strip().lower()
    if not email:
        raise ValidationError(
            {"email": _("Give the delegate's e-mail address: the confirmation is sent there.")}
        )
    # Only this country's nominations are looked at: whom another country nominated is none
    # of its business (the secretariat is told of a person nominated twice, below).
    same_person = Q(email=email) | (Q(person=person) if person is not None else Q(pk__in=[]))
    ours = Nomination.objects.filter(meeting=meeting, owner_country=country).active()
    if ours.filter(same_person).exists():
        raise ValidationError(
            _("%(name)s is already nominated by your country for this meeting.")
            % {"name": f"{given_name} {family_name}".strip() or email}
        )
    active = Nomination.objects.filter(meeting=meeting).active()
    seats_taken = active.holding_seats().filter(owner_country=country).count()
    if seats_taken < meeting.seats_per_country:
        status = Status.NOMINATED
    elif meeting.waiting_list:
        status = Status.WAITING
    else:
        raise ValidationError(
            _(
                "All %(seats)s seats of your country are taken and this meeting keeps no "
                "waiting list. Withdraw a nomination first to free a seat."
            )
            % {"seats": meeting.seats_per_country}
        )
    nomination = Nomination(
        meeting=meeting,
        owner_country=country,
        person=person,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        position=position.strip(),
        institution=institution.strip(),
        email=email,
        language=language,
        status=status,
        nominated_by=by,
    )
    nomination.full_clean()
    nomination._history_user = by
    nomination.save()
    notifications.nomination_changed(
        nomination, event="waiting" if status == Status.WAITING else "nominated"
    )
    others = active.filter(same_person).exclude(owner_country=country)
    if others.exists():
        notifications.nominated_twice(nomination, others=list(others))
    return nomination


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, by) -> Nomination:
    """The country (or the secretariat) withdraws it; a freed seat goes to the next in line."""
    nomination = _locked(nomination)
    if not (access.can_act_for_country(by, nomination.owner_country_id)):
        raise ValidationError(_("Only your country's focal points can withdraw this nomination."))
    if nomination.status not in Nomination.ACTIVE:
        raise ValidationError(_("This nomination was already withdrawn or declined."))
    return _close(nomination, status=Status.WITHDRAWN, by=by, event="withdrawn")


def confirmation_refusal(user, nomination: Nomination) -> str:
    """Why `user` may not confirm `nomination` now; empty when they may. One rule for the pages
    (which nominations to offer) and the services (which to refuse)."""
    if not access.is_secretariat(user):
        return _("Only the Technical Secretariat confirms nominations.")
    if nomination.status != Status.NOMINATED:
        return _(
            "Only a nomination that holds a seat can be confirmed; this one is: %(status)s."
        ) % {"status": nomination.get_status_display()}
    return ""


@transaction.atomic
def nomination_confirm(*, nomination: Nomination, by) -> Nomination:
    if not access.is_secretariat(by):
        raise ValidationError(confirmation_refusal(by, nomination))
    nomination = _locked(nomination)
    if reason := confirmation_refusal(by, nomination):
        raise ValidationError(reason)
    return _confirm(nomination, by=by)


@dataclass(frozen=True)
class BulkConfirmation:
    """What `nominations_confirm` did: the nominations it confirmed, and for each one it did
    not, who it is ("" when the ticked number is no nomination of the meeting) and why."""

    confirmed: list[Nomination]
    refused: list[tuple[str, str]]


@transaction.atomic
def nominations_confirm(*, meeting: Meeting, nomination_ids: Iterable[int], by) -> BulkConfirmation:
    """Confirm the nominations of `meeting` numbered `nomination_ids`, in one transaction; each
    confirmation is mailed as `nomination_confirm` mails it. A nomination that may not be
    confirmed (withdrawn or confirmed since the page was read, on the waiting list, another
    meeting's) is left as it is and reported with the reason; the others are confirmed.

    Refuses with a ValidationError, writing nothing, when `by` is not the secretariat or when
    nothing is ticked.
    """
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat confirms nominations."))
    wanted = set(nomination_ids)
    if not wanted:
        raise ValidationError(_("Tick at least one nomination to confirm."))
    # The meeting's lock first, the order every write to its delegations takes (_locked).
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    found = list(
        Nomination.objects.filter(meeting=meeting, pk__in=wanted)
        .select_related("meeting", "owner_country")
        .order_by("owner_country__iso_code", "created_at", "pk")
    )
    confirmed, refused = [], []
    for nomination in found:
        if reason := confirmation_refusal(by, nomination):
            refused.append((f"{nomination} ({nomination.owner_country})", reason))
        else:
            confirmed.append(_confirm(nomination, by=by))
    unknown = len(wanted - {nomination.pk for nomination in found})
    if unknown:
        refused.append(
            (
                "",
                ngettext(
                    "%(count)d ticked nomination is not one of this meeting's.",
                    "%(count)d ticked nominations are not among this meeting's.",
                    unknown,
                )
                % {"count": unknown},
            )
        )
    return BulkConfirmation(confirmed=confirmed, refused=refused)


def _confirm(nomination: Nomination, *, by) -> Nomination:
    """Confirm a nomination the caller has locked and checked, and mail everyone concerned."""
    nomination.status = Status.CONFIRMED
    nomination.decided_at = timezone.now()
    nomination._history_user = by
    nomination.save()
    notifications.nomination_changed(nomination, event="confirmed")
    return nomination


@transaction.atomic
def nomination_decline(*, nomination: Nomination, by, reason: str) -> Nomination:
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat declines nominations."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Say why the nomination is declined: it is sent to the nominee and the focal points."
                )
            }
        )
    nomination = _locked(nomination)
    if nomination.status not in Nomination.ACTIVE:
        raise ValidationError(_("This nomination was already withdrawn or declined."))
    nomination.decline_reason = reason
    return _close(nomination, status=Status.DECLINED, by=by, event="declined")


@transaction.atomic
def request_create(
    *,
    meeting: Meeting,
    by,
    given_name: str,
    family_name: str,
    email: str,
    position: str = "",
    institution: str = "",
) -> ParticipationRequest:
    """An observer's or civil society's request to take part (Meeting.observers_may_request)."""
    if not access.may_request_participation(by):
        raise ValidationError(
            _("Member states nominate delegates; requests are for observers and civil society.")
        )
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if reason := requests_closed_reason(meeting):
        raise ValidationError(reason)
    email = email.strip().lower()
    # Only the asking account's own requests are looked at, as with nominations.
    active = meeting.participation_requests.active().filter(email=email)
    if active.filter(requested_by=by).exists():
        raise ValidationError(
            _("You have already asked for %(email)s to participate in this meeting.")
            % {"email": email}
        )
    others = list(active)
    request = ParticipationRequest(
        meeting=meeting,
        requested_by=by,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        position=position.strip(),
        institution=institution.strip(),
        email=email,
        status=ParticipationRequest.Status.REQUESTED,
    )
    request.full_clean()
    request._history_user = by
    request.save()
    notifications.request_changed(request, event="requested")
    if others:
        notifications.requested_twice(request, others=others)
    return request


@transaction.atomic
def request_decide(*, request: ParticipationRequest, by, accept: bool, reason: str = ""):
    """The secretariat accepts a request, or declines it with a reason."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat decides on requests."))
    request = ParticipationRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_active or (accept and request.status == request.Status.ACCEPTED):
        raise ValidationError(_("This request was already decided or withdrawn."))
    if not accept:
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the request is declined.")})
        request.decline_reason = reason.strip()
    request.status = request.Status.ACCEPTED if accept else request.Status.DECLINED
    request.decided_at = timezone.now()
    request._history_user = by
    request.full_clean()
    request.save()
    notifications.request_changed(request, event="accepted" if accept else "declined")
    return request


@transaction.atomic
def request_withdraw(*, request: ParticipationRequest, by) -> ParticipationRequest:
    request = ParticipationRequest.objects.editable_by(by).select_for_update().get(pk=request.pk)
    if not request.is_active:
        raise ValidationError(_("This request was already decided or withdrawn."))
    request.status = request.Status.WITHDRAWN
    request.decided_at = timezone.now()
    request._history_user = by
    request.save()
    notifications.request_changed(request, event="request_withdrawn")
    return request


# How many days before the deadline a country with seats still open is reminded.
REMINDER_DAYS = 7


def deadline_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the focal points of each member state that still has seats open at a meeting
    whose nomination deadline is within REMINDER_DAYS; once per meeting and country. Returns
    the number of countries reminded. Each country in a transaction of its own, so a failure
    leaves the others sent and itself to the next run."""
    today = today or timezone.localdate()
    due = Meeting.objects.filter(
        nomination_deadline__gte=today,
        nomination_deadline__lte=today + datetime.timedelta(days=REMINDER_DAYS),
        seats_per_country__isnull=False,
        status__in=Meeting.AHEAD,
    )
    reminded = 0
    for meeting in due:
        taken = dict(
            Nomination.objects.filter(meeting=meeting)
            .holding_seats()
            .values("owner_country")
            .annotate(seats=Count("pk"))
            .values_list("owner_country", "seats")
        )
        already = set(
            DeadlineReminder.objects.filter(meeting=meeting).values_list("country", flat=True)
        )
        for country in member_states().exclude(pk__in=already):
            open_seats = meeting.seats_per_country - taken.get(country.pk, 0)
            if open_seats > 0:
                with transaction.atomic():
                    DeadlineReminder.objects.create(meeting=meeting, country=country)
                    notifications.deadline_near(meeting, country, open_seats=open_seats)
                reminded += 1
    return reminded


def promote_waiting(*, meeting: Meeting, country_id: int, by) -> list[Nomination]:
    """Give free seats of `country_id` to its waiting list, in order. The caller holds the
    meeting's lock (inside its transaction)."""
    nominations = Nomination.objects.filter(meeting=meeting, owner_country_id=country_id)
    free = meeting.seats_per_country - nominations.holding_seats().count()
    promoted = []
    for waiting in nominations.waiting()[: max(free, 0)]:
        waiting.status = Status.NOMINATED
        waiting._history_user = by
        waiting.save()
        notifications.nomination_changed(waiting, event="moved_up")
        promoted.append(waiting)
    return promoted


def _locked(nomination: Nomination) -> Nomination:
    """The meeting's lock first (the order every write takes), then the nomination afresh."""
    Meeting.objects.select_for_update().get(pk=nomination.meeting_id)
    return Nomination.objects.select_related("meeting", "owner_country").get(pk=nomination.pk)


def _close(nomination: Nomination, *, status: str, by, event: str) -> Nomination:
    held_seat = nomination.holds_seat
    nomination.status = status
    nomination.decided_at = timezone.now()
    nomination._history_user = by
    nomination.full_clean()
    nomination.save()
    notifications.nomination_changed(nomination, event=event)
    if held_seat:
        promote_waiting(meeting=nomination.meeting, country_id=nomination.owner_country_id, by=by)
    return nomination


def requests_closed_reason(meeting: Meeting) -> str:
    """Why `meeting` takes no requests to participate now; empty when it does."""
    if not meeting.observers_may_request:
        return _("This meeting does not take requests to participate.")
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD) or (
        meeting.nomination_deadline and timezone.localdate() > meeting.nomination_deadline
    ):
        return _("This meeting no longer takes requests to participate.")
    return ""


def closed_reason(meeting: Meeting) -> str:
    """Why `meeting` takes no nominations now; empty when it does."""
    if not meeting.seats_per_country:
        return _("This meeting does not take nominations.")
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD):
        return _("This meeting no longer takes nominations: it is %(status)s.") % {
            "status": meeting.get_status_display().lower()
        }
    if meeting.nomination_deadline and timezone.localdate() > meeting.nomination_deadline:
        return _(
            "The nomination deadline, %(date)s, has passed. Write to the Technical Secretariat."
        ) % {"date": date_format(meeting.nomination_deadline, "DATE_FORMAT")}
    return ""
