"""A commitment's page: the whole trace, from the meeting where it was made to the Plan of
Action items, the requests about it, and the answers and evidence the reader may see."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render

from puebla.core.gates import signed_in_view
from puebla.followup.models import Answer, AnswerFile, Commitment
from puebla.followup.visibility import readable_document, visible_requests
from puebla.meetings.models import Meeting


@signed_in_view
def commitment_page(request, pk):
    commitment = (
        Commitment.objects.select_related("declaration__meeting", "declaration__document")
        .prefetch_related("plan_items", "gcm_objectives", "responsible_bodies")
        .filter(pk=pk)
        .first()
    )
    user = request.user
    # A commitment is read where its meeting may be: a meeting hidden from the reader hides
    # its declaration and commitments too (the same 404 as for one that does not exist).
    if (
        commitment is None
        or not Meeting.objects.visible_to(user)
        .filter(pk=commitment.declaration.meeting_id)
        .exists()
    ):
        raise Http404
    # Only the answers the reader may see: a country's own, and none of another country's.
    answers = (
        Answer.objects.visible_to(user)
        .select_related("owner_country")
        .prefetch_related(Prefetch("files", queryset=AnswerFile.objects.order_by("pk")))
        .order_by("owner_country__name")
    )
    requests = (
        visible_requests(user)
        .filter(commitment=commitment)
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="seen_answers"))
        .order_by("due_date", "pk")
    )
    context = {
        "commitment": commitment,
        "declaration": commitment.declaration,
        "document": readable_document(user, commitment.declaration),
        "meeting": commitment.declaration.meeting,
        "requests": requests,
    }
    return render(request, "followup/commitment.html", context)
