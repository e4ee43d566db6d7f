"""The intranet's meetings: the list, and the secretariat's tools to create, edit (dates,
status, seats ...) and duplicate a meeting."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.core.forms import add_service_error
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.meetings import drafts, services
from puebla.meetings.meeting_forms import MeetingForm
from puebla.meetings.models import Meeting

RECENT_DAYS = 60
LIMIT = 100


@signed_in_view
def meeting_list(request):
    """Meetings ahead (and of the last two months) that the reader may see, soonest first;
    with a text (?q=), every meeting whose title has it, whatever its date."""
    visible = Meeting.objects.visible_to(request.user)
    text = request.GET.get("q", "").strip()[:100]
    if text:
        meetings = visible.matching(text=text).order_by("-start_date", "slug")[:LIMIT]
    else:
        since = timezone.localdate() - datetime.timedelta(days=RECENT_DAYS)
        meetings = visible.upcoming(since)[:LIMIT]
    meetings = list(meetings.for_listing() if not text else meetings)
    for meeting in meetings:
        # Its participant list (and exports) one click away, for those the meeting shows it to.
        meeting.shows_participants = bool(
            meeting.seats_per_country or meeting.observers_may_request
        ) and access.admits(request.user, meeting.participants_audience)
    context = {
        "meetings": meetings,
        "text": text,
        "is_secretariat": access.is_secretariat(request.user),
    }
    return render(request, "meetings/intranet_list.html", context)


@secretariat_view
def meeting_new(request):
    return _edit(request, None)


@secretariat_view
def meeting_edit(request, slug):
    return _edit(request, get_object_or_404(Meeting, slug=slug))


def _edit(request, meeting):
    token = request.GET.get("draft", "")
    if request.method == "POST" and "add_city" in request.POST:
        # What was typed waits in the session while the city is added (puebla.meetings.drafts).
        token = drafts.draft_keep(request, data=request.POST, return_to=request.path)
        return redirect(f"{reverse('meetings:city_new')}?draft={token}")
    typed = drafts.draft_data(request, token) if request.method == "GET" and token else None
    if typed is not None:
        initial = drafts.initial_from(MeetingForm, typed, instance=meeting)
        form = MeetingForm(instance=meeting, initial=initial)
    else:
        form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        fields = {
            name: value
            for name, value in form.cleaned_data.items()
            if name in form.Meta.fields and name not in services.RELATIONS
        }
        relations = {name: form.cleaned_data[name] for name in services.RELATIONS}
        try:
            if meeting is None:
                saved = services.meeting_create(fields=fields, relations=relations, by=request.user)
            else:
                fields.pop("slug", None)
                saved = services.meeting_update(
                    meeting=meeting,
                    changes=fields,
                    relations=relations,
                    by=request.user,
                )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            drafts.draft_drop(request, token)
            messages.success(request, _("The meeting was saved."))
            return redirect("meetings:edit", slug=saved.slug)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@secretariat_view
def meeting_duplicate(request, slug):
    meeting = get_object_or_404(Meeting, slug=slug)
    if request.method == "POST":
        copy = services.meeting_duplicate(meeting=meeting, by=request.user)
        messages.success(
            request,
            _(
                "This is a copy, seen by the Technical Secretariat only: give its dates and audience."
            ),
        )
        return redirect("meetings:edit", slug=copy.slug)
    return render(request, "meetings/meeting_duplicate.html", {"meeting": meeting})
