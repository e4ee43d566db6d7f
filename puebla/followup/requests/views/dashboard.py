"""The country dashboard on "My secretariat": what the reader's country owes (open and overdue
requests, meetings waiting for its nominations) and what it has submitted; for the
secretariat, the answers waiting for a decision. A panel of "My secretariat", registered by
puebla.followup.apps (puebla.intranet.panels), so the intranet needs no import of ours.
Also the focal points' digest preference."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.core.gates import signed_in_view
from puebla.followup.matrix.selectors import open_cycles
from puebla.followup.models import Answer, InputRequest, ReminderPreference
from puebla.followup.requests import services
from puebla.followup.requests.forms import DigestForm
from puebla.followup.visibility import official_country_id
from puebla.meetings.models import Meeting, Nomination


def dashboard(user) -> dict:
    if access.is_secretariat(user):
        waiting = (
            Answer.objects.filter(state=Answer.State.SUBMITTED)
            .select_related("request", "owner_country")
            .order_by("submitted_at", "pk")
        )
        return {"is_secretariat": True, "waiting": list(waiting[:20])}
    country_id = official_country_id(user)
    if country_id is None:
        return {}
    today = timezone.localdate()
    now = timezone.now()
    states = dict(
        Answer.objects.filter(owner_country_id=country_id).values_list("request_id", "state")
    )
    owed = []
    for item in InputRequest.objects.filter(countries=country_id).order_by("due_date", "pk"):
        state = states.get(item.pk, Answer.State.NOT_STARTED)
        if state not in Answer.PENDING:
            continue
        owed.append(
            {
                "request": item,
                "state": Answer.State(state).label,
                "overdue": item.is_past_due(now),
                "closed": item.is_closed(now),
            }
        )
    submitted = (
        Answer.objects.visible_to(user)
        .filter(owner_country_id=country_id, state__in=Answer.RECEIVED)
        .select_related("request")
        .order_by("-submitted_at")[:10]
    )
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(seats_per_country__gt=0, nomination_deadline__gte=today)
        # Those that still take nominations (meetings.delegations.closed_reason).
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.HELD])
        .annotate(
            nominated=Count(  # seats taken: the waiting list holds none
                "nominations",
                filter=Q(
                    nominations__owner_country_id=country_id,
                    nominations__status__in=Nomination.SEAT_HOLDING,
                ),
            )
        )
        .order_by("nomination_deadline", "slug")
    )
    cycles = open_cycles(user, country_id, today)
    context = {
        "is_country": True,
        "cycles": cycles,
        "owed": owed,
        "overdue_count": sum(row["overdue"] for row in owed),
        "submitted": list(submitted),
        "meetings": list(meetings),
        "is_focal_point": access.is_focal_point_of(user, country_id),
    }
    if context["is_focal_point"]:
        preference = ReminderPreference.objects.filter(user=user).first()
        context["digest_form"] = DigestForm(
            initial={"digest": bool(preference and preference.digest)}
        )
    return context


@signed_in_view
def digest_preference(request):
    """A focal point's choice of one daily mail for all pending requests (also on the
    dashboard); nobody else has reminders to choose."""
    user = request.user
    if not access.is_focal_point_of(user, user.country_id):
        raise Http404
    preference = ReminderPreference.objects.filter(user=user).first()
    # An unticked box sends nothing: a POST with no fields is still the answer "no digest".
    form = DigestForm(
        request.POST if request.method == "POST" else None,
        initial={"digest": bool(preference and preference.digest)},
    )
    if request.method == "POST" and form.is_valid():
        digest = form.cleaned_data["digest"]
        services.digest_preference_set(user=user, digest=digest)
        messages.success(
            request,
            _("You will receive one mail listing all your country's pending requests.")
            if digest
            else _("You will receive a reminder for each request."),
        )
        return redirect("intranet:home")
    return render(request, "followup/digest.html", {"digest_form": form})
