"""The Reserve Fund's settings page: the ceiling per case, the categories and the kinds of
requesting body, with their history. The Technical Secretariat changes them; the fund
officers read them (a change they post is refused, 403); anyone else finds no such page (404),
as for the fund's other pages. Adding, renaming, retiring, restoring and deleting a line each
have their page; retiring and deleting ask first. Services in puebla.fund.fund_settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from puebla.core.access import is_fund_officer, is_secretariat
from puebla.core.forms import add_service_error
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.directory.models import Organisation
from puebla.fund import fund_settings as services
from puebla.fund.forms import CategoryForm, CeilingForm, RequesterKindForm
from puebla.fund.setting_models import CaseCategory, RequesterKindOption
from puebla.fund.settings_history import settings_history

ACTIONS = ("retire", "restore", "delete")


@signed_in_view
def settings_page(request):
    if not (is_secretariat(request.user) or is_fund_officer(request.user)):
        raise Http404
    settings = services.fund_settings()
    may_edit = services.settings_edit_refusal(request.user) is None
    form = None
    if may_edit:
        initial = {
            "ceiling_amount": settings.ceiling_amount,
            "ceiling_currency": settings.ceiling_currency,
        }
        form = CeilingForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(services.settings_edit_refusal(request.user))
        if form.is_valid():
            try:
                services.ceiling_set(
                    by=request.user,
                    amount=form.cleaned_data["ceiling_amount"],
                    currency=form.cleaned_data["ceiling_currency"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The ceiling per case was saved."))
                return redirect("fund:settings")
    meanings = _kind_meanings()
    return render(
        request,
        "fund/settings.html",
        {
            "settings": settings,
            "ceiling": services.ceiling_text(settings),
            "form": form,
            "may_edit": may_edit,
            "categories": CaseCategory.objects.all(),
            "kinds": [
                (kind, meanings.get(kind.code, kind.code))
                for kind in RequesterKindOption.objects.all()
            ],
            "history": settings_history(),
        },
    )


def _kind_meanings() -> dict[str, str]:
    meanings = {
        RequesterKindOption.GOVERNMENT: _("The government of the country of departure or return")
    }
    meanings |= {value: str(label) for value, label in Organisation.Kind.choices}
    return meanings


# --- One line of a list ----------------------------------------------------------------------


@secretariat_view
def category_new(request):
    return _category_form(request, None)


@secretariat_view
def category_edit(request, pk):
    return _category_form(request, get_object_or_404(CaseCategory, pk=pk))


def _category_form(request, category):
    initial = None
    if category is not None:
        initial = {name: getattr(category, name) for name in services.CATEGORY_FIELDS}
    form = CategoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.category_save(
                by=request.user, category=category, fields=form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The category “%(name)s” was saved.") % {"name": saved})
            return redirect("fund:settings")
    return render(
        request, "fund/setting_item_form.html", {"form": form, "item": category, "list": "category"}
    )


@secretariat_view
def kind_new(request):
    return _kind_form(request, None)


@secretariat_view
def kind_edit(request, pk):
    return _kind_form(request, get_object_or_404(RequesterKindOption, pk=pk))


def _kind_form(request, kind):
    initial = None
    codes = None
    if kind is None:
        codes = services.addable_kind_codes()
    else:
        initial = {"name_es": kind.name_es, "name_en": kind.name_en}
    form = RequesterKindForm(request.POST or None, initial=initial, codes=codes)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.requester_kind_save(
                by=request.user,
                kind=kind,
                fields=form.names(),
                code=form.cleaned_data.get("code", ""),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The kind of requesting body “%(name)s” was saved.") % {"name": saved}
            )
            return redirect("fund:settings")
    return render(
        request,
        "fund/setting_item_form.html",
        {"form": form, "item": kind, "list": "kind", "nothing_to_add": codes == []},
    )


@secretariat_view
def category_change(request, pk, action):
    return _change(request, get_object_or_404(CaseCategory, pk=pk), action, "category")


@secretariat_view
def kind_change(request, pk, action):
    return _change(request, get_object_or_404(RequesterKindOption, pk=pk), action, "kind")


def _change(request, item, action, list_name):
    """Retire, restore or delete a line: a page that says what follows and asks first."""
    if action not in ACTIONS:
        raise Http404
    refusal = services.deletion_refusal(item) if action == "delete" else None
    if request.method == "POST" and refusal is None:
        service = {
            "retire": services.item_retire,
            "restore": services.item_restore,
            "delete": services.item_delete,
        }[action]
        try:
            service(by=request.user, item=item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            done = {
                "retire": _("“%(name)s” is retired: it is no longer offered for new requests."),
                "restore": _("“%(name)s” is offered again for new requests."),
                "delete": _("“%(name)s” was deleted."),
            }[action]
            messages.success(request, done % {"name": item})
        return redirect("fund:settings")
    return render(
        request,
        "fund/setting_item_change.html",
        {
            "item": item,
            "action": action,
            "list": list_name,
            "refusal": refusal,
            "used": services.cases_using(item),
        },
    )
