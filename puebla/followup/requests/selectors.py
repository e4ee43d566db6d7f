"""Reads of input requests and answers that pages share: what a country owes and has sent,
and what waits for the secretariat (DESIGN.md §5: reads in querysets or selectors)."""

import datetime

from django.db.models import Count, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from puebla.followup.models import Answer, InputRequest


def answers_awaiting_decision(limit: int = 20) -> list[Answer]:
    """Submitted answers the secretariat has not accepted or returned, oldest first."""
    return list(
        Answer.objects.filter(state=Answer.State.SUBMITTED)
        .select_related("request", "owner_country")
        .order_by("submitted_at", "pk")[:limit]
    )


def requests_owed_by(country_id: int):
    """The requests addressed to the country that it has not answered yet (no answer submitted
    or accepted), soonest due first, each with `answer_state` (not started without an answer).
    A queryset: a page of it is read, not every request of every year."""
    answer = Answer.objects.filter(request_id=OuterRef("pk"), owner_country_id=country_id)
    return (
        _owed_by(country_id)
        .annotate(
            answer_state=Coalesce(Subquery(answer.values("state")), Value(Answer.State.NOT_STARTED))
        )
        .order_by("due_date", "pk")
    )


def owed_counts(country_id: int, now: datetime.datetime) -> dict[str, int]:
    """{"owed": how many requests the country has not answered, "overdue": how many of them are
    past due at `now`}, counted by the database."""
    return _owed_by(country_id).aggregate(
        owed=Count("pk"), overdue=Count("pk", filter=InputRequest.past_due(now))
    )


def owed_rows(requests, now: datetime.datetime) -> list[dict]:
    """Rows for a table of `requests` (of requests_owed_by): each request with its answer's
    state in words and whether it is past due or closed at `now`."""
    return [
        {
            "request": item,
            "state": Answer.State(item.answer_state).label,
            "overdue": item.is_past_due(now),
            "closed": item.is_closed(now),
        }
        for item in requests
    ]


def _owed_by(country_id: int):
    received = Answer.objects.filter(
        request_id=OuterRef("pk"), owner_country_id=country_id, state__in=Answer.RECEIVED
    )
    return InputRequest.objects.filter(countries=country_id).exclude(Exists(received))


def answers_received_from(user, country_id: int, limit: int = 10) -> list[Answer]:
    """The country's latest answers the secretariat has received, as `user` may see them."""
    return list(
        Answer.objects.visible_to(user)
        .filter(owner_country_id=country_id, state__in=Answer.RECEIVED)
        .select_related("request")
        .order_by("-submitted_at")[:limit]
    )
