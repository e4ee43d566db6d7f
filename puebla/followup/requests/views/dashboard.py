"""The country dashboard on "My secretariat": what the reader's country owes (open and overdue
requests, meetings waiting for its nominations) and what it has submitted; for the
secretariat, the answers waiting for a decision. A panel of "My secretariat", registered by
puebla.followup.apps (puebla.intranet.panels), so the intranet needs no import of ours.
Also the focal points' digest preference."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.core.gates import signed_in_view
from puebla.followup.matrix.selectors import open_cycles
from puebla.followup.models import ReminderPreference
from puebla.followup.requests import selectors, services
from puebla.followup.requests.forms import DigestForm
from puebla.followup.visibility import official_country_id
from puebla.meetings.models import Meeting


def dashboard(user) -> dict:
    if access.is_secretariat(user):
        return {"is_secretariat": True, "waiting": selectors.answers_awaiting_decision()}
    country_id = official_country_id(user)
    if country_id is None:
        return {}
    today = timezone.localdate()
    owed = selectors.requests_owed_by(country_id, timezone.now())
    meetings = (
        Meeting.objects.visible_to(user).taking_nominations(today).with_seats_taken_by(country_id)
    )
    cycles = open_cycles(user, country_id, today)
    context = {
        "is_country": True,
        "cycles": cycles,
        "owed": owed,
        "overdue_count": sum(row["overdue"] for row in owed),
        "submitted": selectors.answers_received_from(user, country_id),
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
