"""The country dashboard on "My secretariat": what the reader's country owes (open and overdue
requests, meetings waiting for its nominations) and what it has submitted; for the
secretariat, the answers waiting for a decision. A panel of "My secretariat", registered by
puebla.followup.apps (puebla.intranet.panels), so the intranet needs no import of ours.
Also the country's full list of what it owes, and the focal points' digest preference."""

from django.contrib import messages
from django.core.paginator import Paginator
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

# The requests a country owes that its dashboard lists, the soonest due: the others are on the
# country's own list (owed_page), a page at a time.
OWED_SHOWN = 10
OWED_PER_PAGE = 25


def dashboard(user) -> dict:
    if access.is_secretariat(user):
        return {"is_secretariat": True, "waiting": selectors.answers_awaiting_decision()}
    country_id = official_country_id(user)
    if country_id is None:
        return {}
    now = timezone.now()
    today = timezone.localdate()
    counts = selectors.owed_counts(country_id, now)
    meetings = (
        Meeting.objects.visible_to(user).taking_nominations(today).with_seats_taken_by(country_id)
    )
    cycles = open_cycles(user, country_id, today)
    context = {
        "is_country": True,
        "cycles": cycles,
        "owed": selectors.owed_rows(selectors.requests_owed_by(country_id)[:OWED_SHOWN], now),
        "owed_count": counts["owed"],
        "overdue_count": counts["overdue"],
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
def owed_page(request):
    """Every request the reader's country has not answered, soonest due first, a page at a
    time: the dashboard lists the first few. Its officials only (as answers count them)."""
    country_id = official_country_id(request.user)
    if country_id is None:
        raise Http404
    now = timezone.now()
    page = Paginator(selectors.requests_owed_by(country_id), OWED_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "owed": selectors.owed_rows(page.object_list, now),
        "overdue_count": selectors.owed_counts(country_id, now)["overdue"],
    }
    return render(request, "followup/owed.html", context)


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
