"""The comparative matrix's cycles, one per RCGM meeting (puebla.followup.matrix.services).

The secretariat opens a cycle, sets its topics (.topics), follows which member states have submitted and
publishes the submitted entries. Each member state's focal points write, per topic, the changes
in policy, legislation and regulations, beside what their country gave in the previous cycle;
its other officials read them. Entries are country-owned records: another country's are never
shown, and a reader from outside the member states is answered "not found".
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from puebla.core import access, security_log
from puebla.core.bilingual import language_column
from puebla.core.forms import add_service_error
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.followup.matrix import selectors, services
from puebla.followup.matrix.columns import AREA_NAMES, AREAS
from puebla.followup.matrix.forms import CycleForm, EntriesForm, PublishForm
from puebla.followup.models import MatrixEntry
from puebla.followup.visibility import cycle_or_404, member_cycles
from puebla.meetings.querysets import member_states


@secretariat_view
def cycle_list(request):
    cycles = selectors.cycles_with_progress()
    context = {"cycles": cycles, "member_count": member_states().count()}
    return render(request, "followup/cycle_list.html", context)


@secretariat_view
def cycle_new(request):
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            copied = cycle.topics.count()
            messages.success(
                request,
                ngettext(
                    "The cycle is open. The previous cycle's topic was copied.",
                    "The cycle is open. The previous cycle's %(count)s topics were copied.",
                    copied,
                )
                % {"count": copied}
                if copied
                else _("The cycle is open. Add its topics."),
            )
            return redirect("followup:cycle_topics", pk=cycle.pk)
    return render(request, "followup/cycle_form.html", {"form": form})


@signed_in_view
def country_entries(request, pk):
    """The secretariat's view of who has submitted; a member state's entries, written by its
    focal points."""
    cycle = cycle_or_404(pk)
    user = request.user
    if access.is_secretariat(user):
        if request.method == "POST":
            raise Http404  # the secretariat reads here; the countries write
        return _submission_status(request, cycle)
    if not member_cycles(user).filter(pk=cycle.pk).exists():
        security_log.access_denied(request, f"followup.MatrixCycle:{pk}")
        raise Http404
    return _country_entries(request, cycle, user.country)


def _submission_status(request, cycle):
    topics = list(cycle.topics.all())
    states = {
        (row["owner_country"], row["topic"]): _state_name(row)
        for row in MatrixEntry.objects.filter(topic__cycle=cycle).values(
            "owner_country", "topic", "submitted_at", "published_at"
        )
    }
    rows = [
        {
            "country": country,
            "states": [
                states.get((country.pk, topic.pk), pgettext("matrix entry", "Not started"))
                for topic in topics
            ],
        }
        for country in member_states().order_by(language_column("name"))
    ]
    context = {"cycle": cycle, "topics": topics, "rows": rows}
    return render(request, "followup/cycle_status.html", context)


def _state_name(entry) -> str:
    if entry["published_at"]:
        return pgettext("matrix entry", "Published")
    if entry["submitted_at"]:
        return pgettext("matrix entry", "Submitted")
    return pgettext("matrix entry", "Draft")


def _country_entries(request, cycle, country):
    user = request.user
    topics = list(cycle.topics.all())
    mine = MatrixEntry.objects.visible_to(user).filter(owner_country=country)
    entries = {entry.topic_id: entry for entry in mine.filter(topic__cycle=cycle)}
    previous = {}
    if cycle.previous_id:
        previous = {
            entry.topic.key: entry
            for entry in mine.filter(
                topic__cycle_id=cycle.previous_id, submitted_at__isnull=False
            ).select_related("topic")
        }
    # A published entry no longer changes (services.entry_save): its topic is read only.
    open_topics = [
        topic for topic in topics if not (topic.pk in entries and entries[topic.pk].published_at)
    ]
    form = None
    if access.is_focal_point_of(user, country) and open_topics:
        form = EntriesForm(request.POST or None, topics=open_topics, entries=entries)
        if request.method == "POST" and form.is_valid():
            submit = request.POST.get("action") == "submit"
            try:
                services.entries_save(
                    cycle=cycle, country=country, by=user, submit=submit, **form.service_arguments()
                )
            except ValidationError as error:
                form.add_topic_errors(error)
            else:
                messages.success(
                    request,
                    _("Your country's changes were submitted for the comparative matrix.")
                    if submit
                    else _("The draft is saved. It is not submitted yet."),
                )
                return redirect("followup:cycle_entries", pk=cycle.pk)
    elif request.method == "POST":
        raise Http404  # not a focal point, or all is published: nothing to post to
    sections = [
        {
            "topic": topic,
            "entry": entries.get(topic.pk),
            "texts": _area_texts(entries.get(topic.pk)),
            "previous": _area_texts(previous.get(topic.key)),
            "fields": form.fields_of(topic) if form and topic in open_topics else None,
        }
        for topic in topics
    ]
    context = {
        "cycle": cycle,
        "country": country,
        "sections": sections,
        "form": form,
        "overdue": cycle.is_past_due(timezone.localdate()),
        "published_matrix": selectors.published_cycles(user).filter(pk=cycle.pk).exists(),
    }
    return render(request, "followup/cycle_entries.html", context)


def _area_texts(entry) -> list[tuple[str, str]]:
    """(area name, text) for an entry's three areas; none without an entry."""
    if entry is None:
        return []
    return [(AREA_NAMES[area], getattr(entry, area)) for area in AREAS]


@secretariat_view
def cycle_publish(request, pk):
    """The confirmation step: what will be published, to whom; publishing freezes it."""
    cycle = cycle_or_404(pk)
    entries = MatrixEntry.objects.filter(topic__cycle=cycle, published_at__isnull=True)
    waiting = entries.filter(submitted_at__isnull=False).count()
    form = PublishForm(request.POST or None)
    if request.method == "POST" and waiting and form.is_valid():
        try:
            published = services.cycle_publish(
                cycle=cycle, by=request.user, audience=form.cleaned_data["audience"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s submitted entry was published; it can no longer change.",
                    "%(count)s submitted entries were published; they can no longer change.",
                    published,
                )
                % {"count": published},
            )
            return redirect("followup:matrix", pk=cycle.pk)
    context = {
        "cycle": cycle,
        "form": form,
        "waiting": waiting,
        "drafts": entries.filter(submitted_at__isnull=True).count(),
    }
    return render(request, "followup/cycle_publish.html", context)
