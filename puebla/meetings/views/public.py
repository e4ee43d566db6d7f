"""The public calendar: lists, a page per meeting, and calendar feeds (RFC 5545, Atom)."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from puebla.core.access import get_visible_or_404
from puebla.core.narrow import NarrowPaginator
from puebla.core.pagecache import public_page
from puebla.directory.models import Body, Presidency
from puebla.meetings import ical
from puebla.meetings.forms import PARAMETERS, CalendarFilterForm, When
from puebla.meetings.models import Meeting

PER_PAGE = 20


@public_page(params=PARAMETERS)
def calendar(request):
    visible = Meeting.objects.visible_to(request.user)
    form = CalendarFilterForm(request.GET, years=visible.years(), bodies=visible.body_choices())
    form.is_valid()  # a value that is not a choice is dropped: the other filters still apply
    criteria = form.cleaned_data
    when = criteria.get("when") or When.UPCOMING
    today = datetime.date.today()
    listed = {
        When.UPCOMING: visible.upcoming(today),
        When.PAST: visible.past(today),
        When.UNDATED: visible.undated(),
    }[when]
    meetings = listed.matching(
        kind=criteria.get("kind", ""),
        body_slug=criteria.get("body", ""),
        country=criteria.get("country"),
        year=criteria.get("year"),
        text=criteria.get("q", ""),
    ).for_listing()
    page = NarrowPaginator(meetings, PER_PAGE).get_page(request.GET.get("page"))
    kept = request.GET.copy()
    kept.pop("page", None)
    tabs = []
    for value, label in When.CHOICES:
        tab_query = kept.copy()
        tab_query["when"] = value
        tabs.append({"label": label, "query": tab_query.urlencode(), "current": value == when})
    context = {
        "form": form,
        "when": when,
        "tabs": tabs,
        "page": page,
        "query_without_page": kept.urlencode(),
        "filtered": any(criteria.get(name) for name in ("kind", "body", "country", "year", "q")),
        "webcal_url": webcal(reverse("meetings:calendar_ics")),
    }
    return render(request, "meetings/calendar.html", context)


@public_page
def meeting_page(request, slug):
    meeting = get_visible_or_404(
        Meeting.objects.select_related(
            "city__country", "host_country", "body", "convening_country"
        ).prefetch_related(
            "convening_bodies",
            "convening_organisations",
            "supporting_organisations",
            "supporting_bodies",
        ),
        request,
        slug=slug,
    )
    context = {
        "meeting": meeting,
        "convenors": convenors(meeting),
        "agenda": meeting.agenda_items.all(),
        # Who a source says attended: states and organisations, in the order it names them.
        "attendances": meeting.attendances.select_related("country", "organisation"),
        # The meeting's documents: in the repository, or kept elsewhere (Document.external_url).
        "documents": meeting.documents.visible_to(request.user).order_by("kind", "slug"),
        "webcal_url": webcal(reverse("meetings:meeting_ics", args=[meeting.slug])),
    }
    return render(request, "meetings/meeting.html", context)


def convenors(meeting: Meeting) -> list:
    """Who convened the meeting, as the source words it: the government it names ("the
    Government of Honduras (PPT)"), else the Presidency of the meeting's year when known; then
    the bodies and organisations (records, so that the page can mark where a name comes from)."""
    named = []
    country = meeting.convening_country
    if country is not None and meeting.convened_by_presidency:
        named.append(
            _("The Government of %(country)s (Presidency Pro-Tempore)") % {"country": country}
        )
    elif country is not None:
        named.append(_("The Government of %(country)s") % {"country": country})
    elif meeting.convened_by_presidency:
        presidency = (
            Presidency.objects.select_related("country")
            .filter(year=meeting.start_date.year)
            .first()
            if meeting.start_date
            else None
        )
        named.append(
            _("The Presidency Pro-Tempore (%(country)s)") % {"country": presidency.country}
            if presidency
            else _("The Presidency Pro-Tempore")
        )
    return [*named, *meeting.convening_bodies.all(), *meeting.convening_organisations.all()]


@public_page
def meeting_ics(request, slug):
    meeting = get_visible_or_404(
        Meeting.objects.select_related("city__country", "host_country"), request, slug=slug
    )
    if not meeting.has_exact_day:
        raise Http404  # a calendar cannot hold a meeting without its day
    name = ical.calendar_name_of(meeting)
    return calendar_response(ical.calendar_of([meeting], name=name), meeting.slug)


@public_page
def calendar_ics(request):
    # Feeds are read by calendar programs, which never sign in: they hold public meetings.
    meetings = Meeting.objects.visible_to(AnonymousUser()).for_calendar()
    name = _("Regional Conference on Migration: meetings")
    return calendar_response(ical.calendar_of(meetings, name=name), "rcm-meetings")


@public_page
def body_ics(request, slug):
    body = get_object_or_404(Body, slug=slug)
    meetings = Meeting.objects.visible_to(AnonymousUser()).for_calendar().filter(body=body)
    name = _("Meetings of %(body)s") % {"body": body}
    return calendar_response(ical.calendar_of(meetings, name=name), body.slug)


def calendar_response(content: bytes, file_stem: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{file_stem}.ics"'
    return response


def webcal(path: str) -> str:
    """The address calendar programs subscribe to: the site's own, with the webcal scheme."""
    return "webcal://" + settings.SITE_URL.split("://", 1)[1] + path
