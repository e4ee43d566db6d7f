"""Declarations of the Vice-Ministerial meetings and their numbered commitments.

Anyone signed in reads the declarations of the meetings they may see (a declaration of a hidden
meeting answers "not found", like the commitment page); the Technical Secretariat records
and edits them and their commitments (services: puebla.followup.declarations.services)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from puebla.core import access, security_log
from puebla.core.forms import add_service_error
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.followup.declarations.forms import CommitmentForm, DeclarationForm
from puebla.followup.declarations.selectors import visible_declarations
from puebla.followup.declarations.services import (
    commitment_create,
    commitment_update,
    declaration_create,
    declaration_update,
)
from puebla.followup.models import Commitment, Declaration
from puebla.followup.visibility import readable_document


@signed_in_view
def declaration_list(request):
    declarations = (
        visible_declarations(request.user)
        .select_related("meeting")
        .annotate(commitment_count=Count("commitments"))
    )
    return render(request, "followup/declaration_list.html", {"declarations": declarations})


@signed_in_view
def declaration_page(request, pk):
    declaration = (
        visible_declarations(request.user)
        .select_related("meeting", "document")
        .filter(pk=pk)
        .first()
    )
    if declaration is None:
        if Declaration.objects.filter(pk=pk).exists():
            security_log.access_denied(request, f"followup.Declaration:{pk}")
        raise Http404
    commitments = declaration.commitments.prefetch_related(
        "plan_items", "gcm_objectives", "responsible_bodies", "responsible_countries"
    )
    context = {
        "declaration": declaration,
        "meeting": declaration.meeting,
        "document": readable_document(request.user, declaration),
        "commitments": commitments,
        "is_secretariat": access.is_secretariat(request.user),
    }
    return render(request, "followup/declaration.html", context)


@secretariat_view
def declaration_new(request):
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = declaration_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The declaration was recorded."))
            return redirect("followup:declaration", pk=made.pk)
    return render(request, "followup/declaration_form.html", {"form": form, "declaration": None})


@secretariat_view
def declaration_edit(request, pk):
    declaration = get_object_or_404(Declaration, pk=pk)
    form = DeclarationForm(request.POST or None, declaration=declaration)
    if request.method == "POST" and form.is_valid():
        try:
            declaration_update(declaration=declaration, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The declaration was saved."))
            return redirect("followup:declaration", pk=declaration.pk)
    context = {"form": form, "declaration": declaration}
    return render(request, "followup/declaration_form.html", context)


@secretariat_view
def commitment_new(request, pk):
    declaration = get_object_or_404(Declaration, pk=pk)
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = commitment_create(
                declaration=declaration, by=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Commitment %(number)s was recorded.") % {"number": made.number},
            )
            return redirect("followup:declaration", pk=declaration.pk)
    context = {"form": form, "declaration": declaration, "commitment": None}
    return render(request, "followup/commitment_form.html", context)


@secretariat_view
def commitment_edit(request, pk):
    commitment = get_object_or_404(Commitment.objects.select_related("declaration"), pk=pk)
    form = CommitmentForm(request.POST or None, commitment=commitment)
    if request.method == "POST" and form.is_valid():
        try:
            commitment_update(commitment=commitment, by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Commitment %(number)s was saved.") % {"number": commitment.number}
            )
            return redirect("followup:commitment", pk=commitment.pk)
    context = {"form": form, "declaration": commitment.declaration, "commitment": commitment}
    return render(request, "followup/commitment_form.html", context)
