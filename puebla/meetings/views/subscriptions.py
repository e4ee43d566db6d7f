"""A person's private calendar address: the page that makes and revokes it, and the feed."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from puebla.core.gates import public_view, signed_in_view
from puebla.meetings import ical, personal_feeds
from puebla.meetings.models import Meeting
from puebla.meetings.views.public import calendar_response, webcal


@signed_in_view
def my_feed(request):
    """GET: whether the person has an address. POST "create": a new one, shown this once;
    POST "revoke": none any more."""
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            personal_feeds.feed_address_revoke(user=request.user)
            messages.success(request, _("Your private calendar address no longer works."))
            return redirect("meetings:my_feed")
        token = personal_feeds.feed_address_create(user=request.user)
    address = reverse("meetings:personal_ics", kwargs={"token": token}) if token else None
    context = {
        "feed": personal_feeds.current_feed(request.user),
        # The configured address, never the request's Host header.
        "address": settings.SITE_URL + address if address else None,
        "webcal_address": webcal(address) if address else None,
    }
    return render(request, "meetings/my_feed.html", context)


@public_view
def personal_ics(request, token):
    """Not from the page cache: it differs per person. Private to caches on the way."""
    owner = personal_feeds.feed_owner(token)
    if owner is None:
        raise Http404
    meetings = Meeting.objects.visible_to(owner).for_calendar()
    name = _("Regional Conference on Migration: my meetings")
    response = calendar_response(ical.calendar_of(meetings, name=name), "rcm-my-meetings")
    response["Cache-Control"] = "private, no-store"
    return response
