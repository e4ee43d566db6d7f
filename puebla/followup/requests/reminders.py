"""Reminders that send themselves: each request's rules (ReminderRule) say on which days the
countries that have not submitted are reminded; `reminders_send` sends what is due.

Never twice: before a country is reminded of a request for a scheduled day, one SentReminder
row is inserted, and the database's unique constraint lets one insert win however many runs
or workers try at once (the loser's insert fails and it moves on). The row and the mail it
stands for commit together, so a failed send leaves nothing stamped for the next run.

Which day: the latest scheduled day on or before today that falls after the request was made.
A run that was missed sends that one reminder late, not every one it missed. Requests due
more than a year ago are no longer chased (weekly reminders stop there).

Who: per request, the country's focal points, all its officials, its head of delegation;
after the due date the head too when the request escalates. A focal point who chose the
digest gets, instead, one mail a day listing all their country's pending requests. A digest is
owed to a reader whenever their country was reminded since their last one, not only when this
run reminded it: a run that fails after its reminders commit (the worker killed, the mail
queue down) leaves the digest owed, and the next run sends it.
"""

import datetime
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from puebla.accounts.models import User
from puebla.core.affiliation import Affiliation
from puebla.core.text_marks import marked_text
from puebla.followup.models import (
    Answer,
    HeadOfDelegation,
    InputRequest,
    ReminderPreference,
    SentDigest,
    SentReminder,
)
from puebla.followup.requests import notifications
from puebla.followup.requests.links import request_link

# A digest owed for longer is not sent late: the country's next reminder brings a new one.
DIGEST_OWED_FOR = datetime.timedelta(days=7)


def due_day(request: InputRequest, today: datetime.date) -> datetime.date | None:
    """The scheduled day a reminder of `request` is due for today, or None."""
    made = timezone.localdate(request.created_at)
    days = [
        day
        for rule in request.reminder_rules.all()
        for day in rule.dates(request.due_date, today)
        if day > made
    ]
    return max(days) if days else None


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Send the reminders due at `now` (default: now); returns how many countries were
    reminded (a country reminded of two requests counts twice)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    requests = (
        InputRequest.objects.prefetch_related("reminder_rules", "countries")
        .filter(due_date__gte=today - datetime.timedelta(days=366))
        .order_by("pk")
    )
    received = defaultdict(set)
    for request_id, country_id in Answer.objects.filter(
        request__in=requests, state__in=Answer.RECEIVED
    ).values_list("request_id", "owner_country_id"):
        received[request_id].add(country_id)
    digest_users = set(
        ReminderPreference.objects.filter(digest=True).values_list("user_id", flat=True)
    )
    reminded = 0
    for request in requests:
        if request.is_closed(now):
            continue
        day = due_day(request, today)
        if day is None:
            continue
        for country in request.countries.all():
            if country.pk in received[request.pk]:
                continue
            if _remind(request, country, day, now=now, digest_users=digest_users):
                reminded += 1
    if digest_users:
        for country_id, reminded_at in countries_reminded(since=now - DIGEST_OWED_FOR, until=now):
            _send_digests(country_id, digest_users, reminded_at, today=today, now=now)
    return reminded


def countries_reminded(*, since, until) -> list[tuple[int, datetime.datetime]]:
    """(country, its latest reminder) for the countries reminded in that time, by country."""
    return list(
        SentReminder.objects.filter(sent_at__gt=since, sent_at__lte=until)
        .values("country_id")
        .annotate(latest=Max("sent_at"))
        .values_list("country_id", "latest")
        .order_by("country_id")
    )


def _remind(request, country, day, *, now, digest_users) -> bool:
    escalated = day > request.due_date and request.escalate_to_head
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                request=request,
                country=country,
                scheduled_for=day,
                escalated=escalated,
                sent_at=now,
            )
            for address, language in recipients(
                request, country.pk, escalated=escalated, digest_users=digest_users
            ).items():
                _mail_reminder(request, country, address, language, now=now)
    except IntegrityError:
        return False  # another run stamped it first: it sent this reminder
    return True


def recipients(request, country_id, *, escalated=False, digest_users=frozenset()) -> dict:
    """{address: language} reminded of `request` for a country (digest readers left out)."""
    people = User.objects.active().filter(
        country_id=country_id, affiliation=Affiliation.MEMBER_STATE
    )
    found = {}
    if request.remind_officials:
        chosen = people
    elif request.remind_focal_points:
        chosen = people.filter(is_focal_point=True)
    else:
        chosen = people.none()
    for user_id, address, language, focal in chosen.values_list(
        "pk", "email", "language", "is_focal_point"
    ):
        if not (focal and user_id in digest_users):
            found[address] = language
    if request.remind_head or escalated:
        head = HeadOfDelegation.objects.filter(country_id=country_id).first()
        if head is not None:
            found.setdefault(head.email, head.language)
    return found


def _mail_reminder(request, country, address, language, *, now) -> None:
    with translation.override(language):
        title = request.title_in(language)
        due = date_format(request.due_date, "DATE_FORMAT")
        text = marked_text(request, "reminder_text", language)
        if request.is_past_due(now):
            subject = _("Overdue: %(title)s (due %(date)s)") % {"title": title, "date": due}
            status = _("The due date, %(date)s, has passed and %(country)s has not submitted.")
        else:
            subject = _("Reminder: %(title)s (due %(date)s)") % {"title": title, "date": due}
            status = _("%(country)s has not yet submitted its answer. It is due on %(date)s.")
        lines = [
            _("The Technical Secretariat reminds you of its request: %(title)s.")
            % {"title": title},
            status % {"country": country, "date": due},
        ]
        if text:
            lines.append(text)
        lines.append(_("Answer here: %(link)s") % {"link": request_link(request.pk, language)})
        notifications.send(address, subject, "\n\n".join(lines))


def pending_requests(country_id: int, *, now) -> list[InputRequest]:
    """The requests addressed to a country that it has not submitted and may still answer."""
    received = Answer.objects.filter(owner_country_id=country_id, state__in=Answer.RECEIVED)
    requests = (
        InputRequest.objects.filter(countries=country_id)
        .exclude(pk__in=received.values("request_id"))
        .order_by("due_date", "pk")
    )
    return [request for request in requests if not request.is_closed(now)]


def _send_digests(country_id, digest_users, reminded_at, *, today, now) -> None:
    """A digest to each of the country's readers who has had none since `reminded_at`."""
    served = SentDigest.objects.filter(sent_at__gte=reminded_at).values("user_id")
    readers = (
        User.objects.focal_points_of(country_id).filter(pk__in=digest_users).exclude(pk__in=served)
    )
    if not readers:
        return
    pending = pending_requests(country_id, now=now)
    if not pending:
        return  # answered since it was reminded: nothing to list
    for reader in readers:
        try:
            with transaction.atomic():
                SentDigest.objects.create(user=reader, on_date=today, sent_at=now)
                _mail_digest(reader, pending, now=now)
        except IntegrityError:
            continue  # today's digest already went


def _mail_digest(reader, pending, *, now) -> None:
    language = reader.language
    with translation.override(language):
        lines = [
            _("Requests of the Technical Secretariat that %(country)s has not yet submitted:")
            % {"country": reader.country}
        ]
        for request in pending:
            due = date_format(request.due_date, "DATE_FORMAT")
            late = _(" (overdue)") if request.is_past_due(now) else ""
            lines.append(
                f"- {request.title_in(language)} — "
                + _("due %(date)s") % {"date": due}
                + f"{late}\n  {request_link(request.pk, language)}"
            )
        subject = _("Pending requests for input: %(count)s") % {"count": len(pending)}
        notifications.send(reader.email, subject, "\n".join(lines))
