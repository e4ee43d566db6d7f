"""Reads of the matrix cycles: every cycle with its progress (the secretariat's list), newest
first (the completeness page's choice), the cycles a country still owes entries to ("My
secretariat"), the RCGM meetings a new cycle may be opened for, and the published matrices a
reader may read."""

from django.db.models import Count, F, Q

from puebla.followup.models import MatrixCycle, MatrixEntry
from puebla.followup.visibility import member_cycles
from puebla.meetings.models import Meeting


def meetings_open_for_a_cycle():
    """The meetings a new cycle may be opened for: RCGM meetings (a matrix is prepared for
    each), not cancelled, without a cycle yet (one per meeting); latest first, undated last."""
    return (
        Meeting.objects.filter(kind=Meeting.Kind.RCGM, matrix_cycle__isnull=True)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("city")
        .order_by(F("start_date").desc(nulls_last=True), "slug")
    )


def open_cycles(user, country_id: int, today) -> list[MatrixCycle]:
    """The matrix cycles of RCGM meetings still to come (or undated), that `user` may see,
    where the country has not submitted every topic; `overdue` once their due date passed."""
    mine = Q(
        topics__entries__owner_country_id=country_id,
        topics__entries__submitted_at__isnull=False,
    )
    cycles = (
        member_cycles(user)
        .filter(Q(meeting__last_day__gte=today) | Q(meeting__start_date=None))
        .select_related("meeting")
        .annotate(
            topic_count=Count("topics", distinct=True),
            submitted=Count("topics__entries", filter=mine, distinct=True),
        )
        .filter(topic_count__gt=F("submitted"))
        .order_by("due_date", "pk")
    )
    found = list(cycles)
    for cycle in found:
        cycle.overdue = cycle.is_past_due(today)
    return found


def cycles_newest_first():
    """Every cycle, the meeting's latest first."""
    return MatrixCycle.objects.select_related("meeting").order_by("-meeting__start_date", "-pk")


def cycles_with_progress():
    """Every cycle, newest first, with `topic_count`, `submitted_countries` (countries that
    submitted at least one topic) and `published` (entries published)."""
    return cycles_newest_first().annotate(
        topic_count=Count("topics", distinct=True),
        submitted_countries=Count(
            "topics__entries__owner_country",
            filter=Q(topics__entries__submitted_at__isnull=False),
            distinct=True,
        ),
        published=Count(
            "topics__entries",
            filter=Q(topics__entries__published_at__isnull=False),
            distinct=True,
        ),
    )


def published_entries(user):
    """The published entries `user` may read: a published entry's audience decides
    (puebla.core.access, country-owned records); a draft or a submitted entry not yet
    published is in no published matrix, not even its own country's."""
    return MatrixEntry.objects.visible_to(user).filter(published_at__isnull=False)


def published_cycles(user):
    """The cycles of RCGM meetings `user` may see with at least one published entry they may
    read, newest first: the published matrices open to them."""
    return (
        cycles_newest_first()
        .select_related("meeting__city")
        .filter(
            meeting__in=Meeting.objects.visible_to(user).values("pk"),
            pk__in=published_entries(user).values("topic__cycle"),
        )
    )
