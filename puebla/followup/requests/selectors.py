"""Reads of input requests and answers that pages share: what a country owes and has sent,
and what waits for the secretariat (DESIGN.md §5: reads in querysets or selectors)."""

import datetime

from puebla.followup.models import Answer, InputRequest


def answers_awaiting_decision(limit: int = 20) -> list[Answer]:
    """Submitted answers the secretariat has not accepted or returned, oldest first."""
    return list(
        Answer.objects.filter(state=Answer.State.SUBMITTED)
        .select_related("request", "owner_country")
        .order_by("submitted_at", "pk")[:limit]
    )


def requests_owed_by(country_id: int, now: datetime.datetime) -> list[dict]:
    """The requests addressed to the country that it has not answered yet, by due date, each
    with its answer's state and whether it is past due or closed."""
    states = dict(
        Answer.objects.filter(owner_country_id=country_id).values_list("request_id", "state")
    )
    owed = []
    for item in InputRequest.objects.filter(countries=country_id).order_by("due_date", "pk"):
        state = states.get(item.pk, Answer.State.NOT_STARTED)
        if state in Answer.PENDING:
            owed.append(
                {
                    "request": item,
                    "state": Answer.State(state).label,
                    "overdue": item.is_past_due(now),
                    "closed": item.is_closed(now),
                }
            )
    return owed


def answers_received_from(user, country_id: int, limit: int = 10) -> list[Answer]:
    """The country's latest answers the secretariat has received, as `user` may see them."""
    return list(
        Answer.objects.visible_to(user)
        .filter(owner_country_id=country_id, state__in=Answer.RECEIVED)
        .select_related("request")
        .order_by("-submitted_at")[:limit]
    )
