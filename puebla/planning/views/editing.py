"""Editing the Plan of Action in the intranet: the secretariat edits every item, a body's
editors the items their body is responsible for (Item.objects.editable_by). Anyone else gets
the same 404 as for an item that does not exist. The secretariat's second factor is required
by its role (puebla.core.gates); the pages declare who may open them.

Two people editing the same item: the second save is refused (services.EditConflict), and the
form comes back with what the other person saved beside what this person typed, which stays
in the form; saving again then is a choice made knowing the other change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from puebla.core.gates import secretariat_view, signed_in_view
from puebla.core.text import text_in
from puebla.planning import services
from puebla.planning.forms import ItemEditForm, responsible_label
from puebla.planning.models import Item
from puebla.planning.views.history import history_of

PER_PAGE = 100


@signed_in_view
def item_list(request):
    """The items the reader may edit, in the plan's reading order: every item for the
    secretariat, their bodies' items for a body's editors, none for anyone else."""
    items = (
        Item.objects.editable_by(request.user)
        .current()
        .select_related(
            "plan", "status", "responsible_body", "responsible_country", "responsible_organisation"
        )
        .order_by("plan__position", "plan__slug", "position")
    )
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.status_name = text_in(item.status, "name") if item.status_id else ""
        item.status_inferred = bool(item.status_id) and item.is_inferred("status")
        item.responsible = responsible_label(item)
    return render(request, "planning/intranet_list.html", {"page": page})


@signed_in_view
def item_edit(request, pk):
    item = get_object_or_404(
        Item.objects.editable_by(request.user).select_related("plan", "status"), pk=pk
    )
    conflict = None
    if request.method != "POST":
        form = ItemEditForm(initial=ItemEditForm.initial_for(item, request.user), user=request.user)
    else:
        form = ItemEditForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.item_update(
                    item=item,
                    expected_version=data["version"],
                    changes={name: data[name] for name in services.EDITABLE_FIELDS},
                    meeting_keys=data["evidence_meetings"],
                    document_keys=data["evidence_documents"],
                    comment=data["comment"],
                    by=request.user,
                )
            except services.EditConflict as refused:
                conflict = _conflict(refused.current, data, request.user)
                # What the person typed stays; the version becomes the one they have now seen,
                # so saving again is their decision, made knowing the other change.
                posted = request.POST.copy()
                posted["version"] = refused.current.version
                form = ItemEditForm(posted, user=request.user)
                form.is_valid()
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The item was saved. Its history shows the change."))
                return redirect("planning:item", pk=item.pk)
    return render(
        request,
        "planning/item_form.html",
        {"item": item, "form": form, "conflict": conflict},
    )


def _conflict(current: Item, typed: dict, user) -> dict:
    """What the page says about a refused save: who saved what since the form was read, and,
    field by field, their value beside the one typed here."""
    now = ItemEditForm.initial_for(current, user)
    labels = {name: field.label for name, field in ItemEditForm(user=user).fields.items()}
    rows = []
    for name in (*services.EDITABLE_FIELDS, "evidence_meetings", "evidence_documents"):
        theirs, mine = now[name], typed.get(name)
        theirs_text, mine_text = _shown(current, name, theirs), _typed(name, mine)
        if theirs_text != mine_text:
            rows.append({"label": labels[name], "theirs": theirs_text, "mine": mine_text})
    since = [
        entry
        for entry in history_of(current, user)
        if entry.when > _read_at(current, typed["version"])
    ]
    return {"rows": rows, "entries": since}


def _read_at(current: Item, version: int):
    """When the version the editor read was saved (the history row that has it)."""
    row = current.history.filter(version__lte=version).order_by("-history_date").first()
    return row.history_date if row else current.updated_at


def _shown(item, name, value) -> str:
    if value in (None, ""):
        return ""
    if name == "status":
        return text_in(item.status, "name") if item.status_id else ""
    if name == "responsible_kind":
        return str(Item.Responsible(value).label)
    if name in ("responsible_body", "responsible_country", "responsible_organisation"):
        return str(getattr(item, name))
    return str(value)


def _typed(name, value) -> str:
    if value in (None, "", []):
        return ""
    if name == "status":
        return text_in(value, "name")
    if name == "responsible_kind":
        return str(Item.Responsible(value).label)
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)


@secretariat_view
def item_bring_back(request, pk):
    """The secretariat brings an item back from the Historical Plan of Action, after saying
    so on a confirmation page (a GET shows it; only its POST changes anything)."""
    item = get_object_or_404(Item.objects.select_related("plan"), pk=pk)
    if request.method == "POST":
        try:
            services.item_bring_back(item=item, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The item is back in the current Plan of Action."))
        return redirect("planning:item", pk=item.pk)
    return render(request, "planning/item_bring_back.html", {"item": item})
