"""The public portal: what anyone may read, in Spanish or English."""

import datetime
import itertools

from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.shortcuts import render
from django.utils import timezone

from puebla.core.narrow import NarrowPaginator, records_in_order
from puebla.core.pagecache import public_page
from puebla.core.text import collation_key
from puebla.directory.models import (
    Appointment,
    Body,
    Fact,
    Membership,
    Milestone,
    Organisation,
    Presidency,
)
from puebla.documents.models import Document
from puebla.meetings.models import Meeting

# How many meetings and documents the home page lists; the calendar and the library list all.
HOME_MEETINGS = 3
HOME_DOCUMENTS = 5
# Bodies per page of the structure page, and organisations per page of the members page.
STRUCTURE_PER_PAGE = 50
ORGANISATIONS_PER_PAGE = 50


@public_page
def home(request):
    today = timezone.localdate()
    this_year = today.year
    presidency = Presidency.objects.latest_up_to(this_year)
    facts = list(Fact.objects.all())
    meetings = Meeting.objects.visible_to(request.user).for_listing()
    context = {
        "upcoming": list(records_in_order(meetings.upcoming(today), 0, HOME_MEETINGS)),
        # None ahead on record: the latest held, said to be such, rather than an empty list.
        # Read either way, so that the page costs as many queries whatever the calendar holds.
        "latest_held": list(records_in_order(meetings.past(today), 0, HOME_MEETINGS)),
        "documents": list(
            Document.objects.visible_to(request.user).for_listing().latest_first()[:HOME_DOCUMENTS]
        ),
        "about": [fact for fact in facts if fact.topic == Fact.Topic.ABOUT],
        "full_name": [fact for fact in facts if fact.topic == Fact.Topic.FULL_NAME],
        "central_themes": [fact for fact in facts if fact.topic == Fact.Topic.CENTRAL_THEME],
        "listed_tenets": [fact for fact in facts if fact.topic == Fact.Topic.LISTED_TENET],
        "highlights": [fact for fact in facts if fact.topic == Fact.Topic.HIGHLIGHT],
        "projects": [fact for fact in facts if fact.topic == Fact.Topic.PROJECT],
        "this_year": this_year,
        "presidency": presidency,
        "troika": Presidency.objects.troika(presidency.year) if presidency else None,
        "milestones": Milestone.objects.all(),
        "tenets": [fact for fact in facts if fact.topic == Fact.Topic.TENET],
        "funding": [fact for fact in facts if fact.topic == Fact.Topic.FUNDING],
        "member_count": Membership.objects.current()
        .filter(status=Membership.Status.MEMBER)
        .count(),
    }
    return render(request, "portal/home.html", context)


@public_page(params=("page",))
def members(request):
    current = Membership.objects.current()
    states = list(current.of_states())
    observers = list(current.of_organisations())
    with_standing = {membership.organisation_id for membership in observers}
    # The organisations a page at a time, observers first, each part by name: the RCM's 23 are
    # one page, and a page costs the same however many there are (623 took 60 ms whole).
    organisations = [
        *(
            ("observer", organisation)
            for organisation in _by_name(m.organisation for m in observers)
        ),
        *(
            ("other", organisation)
            for organisation in _by_name(Organisation.objects.exclude(pk__in=with_standing))
        ),
    ]
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "member_states": _by_name(
            m.country for m in states if m.status == Membership.Status.MEMBER
        ),
        "observer_states": _by_name(
            m.country for m in states if m.status == Membership.Status.OBSERVER
        ),
        "has_observer_organisations": bool(observers),
        "observer_organisations": [org for part, org in page if part == "observer"],
        "other_organisations": [org for part, org in page if part == "other"],
        "page": page,
    }
    return render(request, "portal/members.html", context)


@public_page(params=("page",))
def structure(request):
    # By kind, in the order Body.Kind lists them, then as the Secretariat placed them; a page
    # at a time: the RCM's 13 bodies are one page, and a page costs the same however many
    # there are (2,000 took 0.3 s to render whole).
    kind_order = Case(
        *(When(kind=kind, then=Value(rank)) for rank, kind in enumerate(Body.Kind.values)),
        default=Value(len(Body.Kind.values)),
    )
    bodies = Body.objects.select_related("reports_to").order_by(kind_order, "position", "slug")
    page = NarrowPaginator(bodies, STRUCTURE_PER_PAGE).get_page(request.GET.get("page"))
    labels = dict(Body.Kind.choices)
    context = {
        "groups": [
            (labels.get(kind, kind), list(group))
            for kind, group in itertools.groupby(page, key=lambda body: body.kind)
        ],
        "page": page,
        "decisions": Fact.objects.filter(topic=Fact.Topic.DECISIONS),
    }
    return render(request, "portal/structure.html", context)


@public_page
def presidencies(request):
    presidencies = list(Presidency.objects.select_related("country"))
    # A motto the source gives as a Conference's ("The motto of the conference was …") stands
    # beside its year's presidency, attributed to that Conference, never to the presidency.
    conferences = {
        meeting.start_date.year: meeting
        for meeting in Meeting.objects.visible_to(request.user)
        .filter(kind=Meeting.Kind.VICE_MINISTERIAL, start_date__isnull=False)
        .exclude(motto_es="", motto_en="")
    }
    for presidency in presidencies:
        presidency.conference = conferences.get(presidency.year)
    return render(
        request,
        "portal/presidencies.html",
        {"presidencies": presidencies, "this_year": datetime.date.today().year},
    )


@public_page
def contact(request):
    secretariat = Body.objects.filter(kind=Body.Kind.SECRETARIAT).first()
    staff = (
        Appointment.objects.current().filter(body=secretariat).select_related("person")
        if secretariat
        else Appointment.objects.none()
    )
    context = {
        "secretariat": secretariat,
        "staff": staff,
        # Posts the sources name without their holder ("not given" where the name would be).
        "posts": Fact.objects.filter(topic=Fact.Topic.POST),
    }
    return render(request, "portal/contact.html", context)


def _by_name(records):
    return sorted(records, key=lambda record: collation_key(str(record)))
