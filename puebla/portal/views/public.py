"""The public portal: what anyone may read, in Spanish or English."""

import datetime

from django.shortcuts import render

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


@public_page
def home(request):
    this_year = datetime.date.today().year
    presidency = Presidency.objects.latest_up_to(this_year)
    facts = list(Fact.objects.all())
    context = {
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


@public_page
def members(request):
    current = Membership.objects.current()
    states = list(current.of_states())
    organisations = list(current.of_organisations())
    with_standing = {membership.organisation_id for membership in organisations}
    context = {
        "member_states": _by_name(
            m.country for m in states if m.status == Membership.Status.MEMBER
        ),
        "observer_states": _by_name(
            m.country for m in states if m.status == Membership.Status.OBSERVER
        ),
        "observer_organisations": _by_name(m.organisation for m in organisations),
        "other_organisations": _by_name(Organisation.objects.exclude(pk__in=with_standing)),
    }
    return render(request, "portal/members.html", context)


@public_page
def structure(request):
    bodies = list(Body.objects.select_related("reports_to"))
    groups = [
        (label, [body for body in bodies if body.kind == kind]) for kind, label in Body.Kind.choices
    ]
    return render(request, "portal/structure.html", {"groups": [g for g in groups if g[1]]})


@public_page
def presidencies(request):
    return render(
        request,
        "portal/presidencies.html",
        {
            "presidencies": Presidency.objects.select_related("country"),
            "this_year": datetime.date.today().year,
        },
    )


@public_page
def contact(request):
    secretariat = Body.objects.filter(kind=Body.Kind.SECRETARIAT).first()
    staff = (
        Appointment.objects.current().filter(body=secretariat).select_related("person")
        if secretariat
        else Appointment.objects.none()
    )
    return render(request, "portal/contact.html", {"secretariat": secretariat, "staff": staff})


def _by_name(records):
    return sorted(records, key=lambda record: collation_key(str(record)))
