"""A commitment's page: the whole trace, from the meeting where it was made to the Plan of
Action items, the requests about it, and the answers and evidence the reader may see."""

from django.http import Http404
from django.shortcuts import render

from puebla.core.gates import signed_in_view
from puebla.followup.declarations.selectors import commitment_requests
from puebla.followup.models import Commitment
from puebla.followup.visibility import readable_document
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
    requests = commitment_requests(user, commitment)
    context = {
        "commitment": commitment,
        "declaration": commitment.declaration,
        "document": readable_document(user, commitment.declaration),
        "meeting": commitment.declaration.meeting,
        "requests": requests,
    }
    return render(request, "followup/commitment.html", context)
