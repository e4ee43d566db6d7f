"""Reads of declarations and commitments the pages share: the declarations a reader may see,
and a commitment's requests with the answers the reader may see of each."""

from django.db.models import Prefetch

from puebla.core.bilingual import language_column
from puebla.followup.models import Answer, AnswerFile, Declaration, InputRequest
from puebla.meetings.models import Meeting


def visible_declarations(user):
    """The declarations of the meetings `user` may see."""
    return Declaration.objects.filter(meeting__in=Meeting.objects.visible_to(user).values("pk"))


def commitment_requests(user, commitment):
    """The requests about `commitment` that `user` may see, by due date, each with
    `seen_answers`: only the answers the reader may see (a country's own, and none of another
    country's)."""
    answers = (
        Answer.objects.visible_to(user)
        .select_related("owner_country")
        .prefetch_related(Prefetch("files", queryset=AnswerFile.objects.order_by("pk")))
        .order_by(language_column("owner_country__name"))
    )
    return (
        InputRequest.objects.visible_to(user)
        .filter(commitment=commitment)
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="seen_answers"))
        .order_by("due_date", "pk")
    )
