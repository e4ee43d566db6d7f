"""Reads of declarations and commitments the pages share: the declarations a reader may see,
and a commitment's requests with the answers the reader may see of each."""

from django.db.models import F, Prefetch
from django.utils.formats import date_format
from django.utils.text import Truncator

from puebla.core.bilingual import language_column
from puebla.core.text import text_in
from puebla.directory.models import Country
from puebla.followup.models import Answer, AnswerFile, Commitment, Declaration, InputRequest
from puebla.followup.visibility import answers_followed
from puebla.meetings.models import Meeting


def visible_declarations(user):
    """The declarations of the meetings `user` may see."""
    return Declaration.objects.filter(meeting__in=Meeting.objects.visible_to(user).values("pk"))


def commitment_requests(user, commitment) -> list[InputRequest]:
    """The requests following up `commitment` that `user` may see, by due date, each with
    `rows`: per addressed country whose answers the reader follows (every one for the
    secretariat, their own for a country's official: visibility.answers_followed), the
    country, `state` (its answer's state's name, "Not started" without one) and `answer`
    (with its files) when the reader may see it."""
    answers = (
        Answer.objects.visible_to(user)
        .prefetch_related(Prefetch("files", queryset=AnswerFile.objects.order_by("pk")))
        .order_by()
    )
    requests = list(
        InputRequest.objects.visible_to(user)
        .filter(commitments=commitment)
        .prefetch_related(
            Prefetch("answers", queryset=answers, to_attr="seen_answers"),
            Prefetch(
                "countries",
                queryset=Country.objects.order_by(language_column("name")),
                to_attr="addressed",
            ),
        )
        .order_by("due_date", "pk")
    )
    for request in requests:
        seen = {answer.owner_country_id: answer for answer in request.seen_answers}
        request.rows = [
            {
                "country": country,
                "answer": seen.get(country.pk),
                "state": seen[country.pk].get_state_display()
                if country.pk in seen
                else Answer.State.NOT_STARTED.label,
            }
            for country in answers_followed(user, request.addressed)
        ]
    return requests


def commitment_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The commitments a request may follow up, grouped by declaration (latest adopted first),
    each labelled in the active language: [("Declaration of … (date)", [(pk, "3. …")])]."""
    groups: dict[int, tuple[str, list]] = {}
    commitments = Commitment.objects.select_related("declaration").order_by(
        F("declaration__adopted_on").desc(nulls_last=True),
        "declaration",
        "position",
        "pk",
    )
    for commitment in commitments:
        declaration = commitment.declaration
        if declaration.pk not in groups:
            title = text_in(declaration, "title") or str(declaration.meeting_id)
            if declaration.adopted_on:
                title = f"{title} ({date_format(declaration.adopted_on, 'DATE_FORMAT')})"
            groups[declaration.pk] = (title, [])
        text = Truncator(text_in(commitment, "text")).chars(160)
        groups[declaration.pk][1].append((commitment.pk, f"{commitment.number}. {text}"))
    return list(groups.values())
