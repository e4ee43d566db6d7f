"""What every follow-up page needs, in all three areas (declarations, requests, matrix): which
requests, matrix cycles and documents a reader may see.

A request is seen by the secretariat, and by the officials of the countries it is addressed to
(member-state officials, as for the country-owned answers: puebla.core.access). Everyone else
is answered "not found", exactly as for a request that does not exist.
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404

from puebla.core import access
from puebla.documents.models import Document
from puebla.followup.models import Answer, Commitment, InputRequest, MatrixCycle
from puebla.meetings.models import Meeting
from puebla.meetings.querysets import member_states


def official_country_id(user) -> int | None:
    """The country `user` is an official of, as answers count officials; else None."""
    return access.own_country_id(user, officials=Answer.COUNTRY_OFFICIALS)


def answers_followed(user, countries):
    """Of `countries` (those a request addresses), the ones whose answer `user` follows, as
    answers are country-owned (puebla.core.access): every one for the secretariat, their own
    for a country's official, none for anyone else."""
    if access.is_secretariat(user):
        return list(countries)
    own = official_country_id(user)
    return [country for country in countries if country.pk == own]


def request_or_404(http_request, pk: int) -> InputRequest:
    """The request if its reader may see it (InputRequest.objects.visible_to), else a 404."""
    return access.get_visible_or_404(
        InputRequest.objects.select_related("cycle__meeting", "created_by").prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("declaration").order_by(
                    "position", "pk"
                ),
            )
        ),
        http_request,
        pk=pk,
    )


def readable_document(user, declaration):
    """The declaration's document if `user` may open it, else None: a link, even its title,
    would tell a reader about a document hidden from them."""
    document = declaration.document
    if document is None or not Document.objects.visible_to(user).filter(pk=document.pk).exists():
        return None
    return document


def member_cycles(user):
    """The matrix cycles a member state's official writes or reads their country's entries in:
    those of the RCGM meetings they may see. None for anyone else (the secretariat follows
    every cycle on its own pages)."""
    country_id = official_country_id(user)
    if country_id is None or not member_states().filter(pk=country_id).exists():
        return MatrixCycle.objects.none()
    # Tested cycle by cycle (a few, one per RCGM meeting) rather than against the list of every
    # meeting the reader may see, which the database would build first, cycles or none.
    visible = Meeting.objects.visible_to(user).filter(pk=OuterRef("meeting_id"))
    return MatrixCycle.objects.filter(Exists(visible))


def cycle_or_404(pk) -> MatrixCycle:
    """A matrix cycle with its meeting and the previous cycle's (who may read it is the
    view's to check)."""
    return get_object_or_404(
        MatrixCycle.objects.select_related("meeting__city", "previous__meeting__city"), pk=pk
    )
