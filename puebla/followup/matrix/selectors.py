"""Reads of the matrix cycles: every cycle with its progress (the secretariat's list), newest
first (the completeness page's choice), and the cycles a country still owes entries to ("My
secretariat")."""

from django.db.models import Count, F, Q

from puebla.followup.models import MatrixCycle
from puebla.followup.visibility import member_cycles


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
