"""The Plan of Action in the portal: the plan as a tree with progress on every level and its
filters, the Historical Plan of Action, a page per Global Compact objective, a page per item
(its history and evidence), and the exports. Every page is the same for every anonymous
visitor, so they are cached (puebla.core.pagecache); apps.py bumps the cache on every save."""

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation

from puebla.core import access
from puebla.core.pagecache import public_page
from puebla.core.text import text_in
from puebla.documents.models import Document
from puebla.meetings.models import Meeting
from puebla.planning import exports, services
from puebla.planning.forms import (
    EVERY_LEVEL,
    EXPORT_PARAMETERS,
    FILTER_PARAMETERS,
    PAGE_PARAMETER,
    SOURCE_COLUMNS,
    PlanFilterForm,
)
from puebla.planning.models import GcmObjective, Item, Status
from puebla.planning.outline import current_outline
from puebla.planning.views import paging, reading
from puebla.planning.views.history import history_of
from puebla.planning.views.tree_markup import tree_html

EXPORT_FORMATS = ("xlsx", "docx", "csv")
# The historical page lists this many of the activities the archive rule moves next.
NEXT_TO_MOVE_SHOWN = 20
READ_FROM_TREE = (
    "progress",
    "parts",
    "gcm_numbers",
    "responsible",
    "url",
    "level_name",
    "status_name",
    "status_inferred",
    "schedule_shown",
)


def _plan_or_404():
    plan = reading.current_plan()
    if plan is None:
        raise Http404
    return plan


@public_page(params=(*FILTER_PARAMETERS, PAGE_PARAMETER))
def plan_page(request):
    plan = reading.current_plan()
    if plan is None:
        return render(request, "planning/plan.html", {"plan": None})
    outline = current_outline(plan)
    themes = list(reading.listed(Item.objects.filter(pk__in=outline.themes)).order_by("position"))
    form = _filter_form(
        request.GET,
        themes=themes,
        responsible=paging.responsible_choices(plan, translation.get_language()),
    )
    criteria = form.criteria()
    # Unfiltered, the page is an overview: themes and objectives, each with its progress and
    # how many activities it holds. A filter, or "every level", shows the matching items down
    # to their activities. Either a page at a time: a plan of 1,500 activities in full is over
    # a megabyte.
    overview = not criteria and not form.every_level()
    found = paging.plan_page(
        outline,
        themes,
        criteria,
        request.GET.get(PAGE_PARAMETER),
        deepest=Item.Level.OBJECTIVE if overview else Item.Level.ACTIVITY,
    )
    shown = found.items
    context = {
        "plan": plan,
        "form": form,
        "filtered": bool(criteria),
        "overview": overview,
        "items": shown,
        "tree": tree_html(shown, reading.nest(shown)),
        "activity_count": found.activity_count,
        "page": found.page,
        "theme_links": found.themes,
        "query_without_page": _query_of(form, criteria),
        "exports": _export_links(),
        "export_filters": [(name, request.GET[name]) for name in criteria],
    }
    return render(request, "planning/plan.html", context)


def _query_of(form, criteria) -> str:
    """The page's filters as an address's query, for its links to its other pages: the
    valid ones only (a page is cached by them, puebla.core.pagecache)."""
    kept = QueryDict(mutable=True)
    kept.update(criteria)
    if form.every_level():
        kept["detail"] = EVERY_LEVEL
    return kept.urlencode()


def _filter_form(data, *, themes, responsible) -> PlanFilterForm:
    return PlanFilterForm(
        data,
        statuses=Status.objects.all(),
        themes=themes,
        responsible=responsible,
        objectives=GcmObjective.objects.all(),
    )


@public_page
def historical_page(request):
    """What moved to the Historical Plan of Action, the rule that moves items there (as the
    plan's notes give it and as Puebla applies it), and what it will move next, with the day."""
    plan = _plan_or_404()
    items = reading.historical_items(plan, current_outline(plan))
    tree = tree_html(items, reading.nest(items))
    upcoming, upcoming_total = reading.next_to_move(
        plan, today=timezone.localdate(), limit=NEXT_TO_MOVE_SHOWN
    )
    done = [text_in(status, "name") for status in Status.objects.filter(is_done=True)]
    return render(
        request,
        "planning/historical.html",
        {
            "plan": plan,
            "items": items,
            "tree": tree,
            "rule_quote": services.ARCHIVE_RULE_QUOTE,
            "done_statuses": done,
            "upcoming": upcoming,
            "upcoming_total": upcoming_total,
            "exports": _export_links("planning:historical_export"),
        },
    )


@public_page
def gcm_objective_page(request, number):
    objective = get_object_or_404(GcmObjective, number=number)
    plan = reading.current_plan()
    items = []
    if plan is not None:
        tagged = Item.objects.filter(plan=plan, gcm_objectives__number=number)
        items = reading.with_progress(plan, list(reading.listed(tagged).order_by("position")))
    return render(
        request,
        "planning/gcm_objective.html",
        {
            "objective": objective,
            "objectives": GcmObjective.objects.all(),
            "plan": plan,
            "items": items,
        },
    )


@public_page
def item_page(request, pk):
    item = get_object_or_404(
        Item.objects.select_related(
            "plan",
            "status",
            "responsible_body",
            "responsible_country",
            "responsible_organisation",
            "origin_meeting",
            "parent__parent__parent",
        ),
        pk=pk,
    )
    # Progress needs what lies below it: that is read (not the whole plan), as the plan's
    # pages read it; the page shows the item as read in full, with what that worked out for it.
    listed = list(reading.listed(Item.objects.filter(pk=item.pk)))
    (shown,) = reading.with_progress(item.plan, listed)
    for name in READ_FROM_TREE:
        setattr(item, name, getattr(shown, name))
    above = reading.ancestors(item)  # read with the item
    reading.decorate(above, progress=dict.fromkeys(node.pk for node in above), tags={}, names={})
    user = request.user
    context = {
        "item": item,
        "plan": item.plan,
        "above": above,
        "parts": item.parts,
        "gcm": GcmObjective.objects.filter(number__in=item.gcm_numbers),
        "sdg": item.sdg_targets.all(),
        "meetings": Meeting.objects.visible_to(user)
        .filter(pk__in=item.evidence_meetings.values("pk"))
        .order_by("start_date", "slug"),
        "documents": Document.objects.visible_to(user)
        .filter(pk__in=item.evidence_documents.values("pk"))
        .order_by("slug"),
        "origin_meeting": item.origin_meeting
        if item.origin_meeting_id and access.can_view(user, item.origin_meeting)
        else None,
        "history": history_of(item, user),
        "may_edit": Item.objects.editable_by(user).filter(pk=item.pk).exists(),
        "may_bring_back": item.archived_on is not None and access.is_secretariat(user),
    }
    return render(request, "planning/item.html", context)


def _export_links(name="planning:export") -> list[dict]:
    """Each export in each language: the language is the address's, as for every page. The
    page's form sends its filters and the choice of columns along (_export_form.html)."""
    links = []
    for code, language_name in (("es", "español"), ("en", "English")):
        with translation.override(code):
            for file_format in EXPORT_FORMATS:
                links.append(
                    {
                        "url": reverse(name, kwargs={"file_format": file_format}),
                        "format": file_format.upper(),
                        "language": code,
                        "language_name": language_name,
                    }
                )
    return links


@public_page(params=EXPORT_PARAMETERS)
def export(request, file_format):
    """The current plan as XLSX, DOCX or CSV in the address's language
    (puebla.planning.exports): what the page's filters show (`status`, `theme`,
    `responsible`, `gcm`, named in the file's heading), with each item's status and progress
    unless `columns=source` asks for the source's five columns only."""
    return _export(request, file_format, archived=False)


@public_page(params=EXPORT_PARAMETERS)
def historical_export(request, file_format):
    """The Historical Plan of Action, as `export`."""
    return _export(request, file_format, archived=True)


def _export(request, file_format, *, archived):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    plan = _plan_or_404()
    items = reading.plan_items(plan, archived=archived)
    form = _filter_form(
        request.GET,
        themes=[item for item in items if item.level == Item.Level.THEME],
        responsible=reading.responsible_choices(items),
    )
    return exports.response(
        plan,
        file_format,
        translation.get_language()[:2],
        archived=archived,
        with_status=request.GET.get("columns") != SOURCE_COLUMNS,
        items=reading.filtered(items, form.criteria()),
        filters=form.chosen(),
    )
