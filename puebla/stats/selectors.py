"""Reads of the statistics for other pages: the intranet home's panel."""

from django.db.models import Count, Q

from puebla.core import access
from puebla.followup.visibility import official_country_id
from puebla.stats.models import Round

SHOWN = 5


def panel_context(request) -> dict | None:
    """The latest rounds, for the secretariat (with how many countries uploaded) and for a
    member state's officials (those that ask their country, with whether it uploaded);
    nothing for anyone else."""
    user = request.user
    rounds = Round.objects.select_related("structure", "request").order_by("-pk")
    if access.is_secretariat(user):
        rounds = rounds.annotate(uploaded=Count("submissions"))
        return {"rounds": list(rounds[:SHOWN]), "secretariat": True}
    country_id = official_country_id(user)
    if country_id is None:
        return None
    rounds = rounds.filter(request__countries=country_id).annotate(
        uploaded=Count("submissions", filter=Q(submissions__owner_country_id=country_id))
    )
    listed = list(rounds[:SHOWN])
    return {"rounds": listed, "secretariat": False} if listed else None
