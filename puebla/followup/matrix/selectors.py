"""Reads of the matrix cycles that pages outside the matrix's own need: the cycles a country
still owes entries to ("My secretariat")."""

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
