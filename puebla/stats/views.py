"""The statistics pages of the intranet: the secretariat opens rounds and follows them; a
country's focal points download the template and upload their figures on the round's page.

A round is read by whoever reads its request for input (puebla.followup.visibility: the
secretariat and the addressed countries' officials); a submission is country-owned
(puebla.core.access)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.core.bilingual import language_column
from puebla.core.forms import add_service_error
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.followup.models import Answer
from puebla.followup.visibility import official_country_id, request_or_404
from puebla.stats import downloads, publishing, selectors, services
from puebla.stats.forms import PublishForm, RoundForm, UploadForm
from puebla.stats.models import DataStructure, Round, Submission
from puebla.stats.validation import template_columns

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@secretariat_view
def round_list(request):
    rounds = Round.objects.select_related("structure", "request").prefetch_related(
        "request__countries", "submissions"
    )
    rows = [
        {
            "round": item,
            "asked": len(item.request.countries.all()),
            "uploaded": len(item.submissions.all()),
        }
        for item in rounds
    ]
    return render(request, "stats/round_list.html", {"rows": rows})


@secretariat_view
def round_new(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.round_create(by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The round was opened and %(count)s countries were asked for their figures.")
                % {"count": made.request.countries.count()},
            )
            return redirect("stats:round", pk=made.pk)
    return render(request, "stats/round_form.html", {"form": form})


@signed_in_view
def round_page(request, pk):
    item = get_object_or_404(Round.objects.select_related("structure"), pk=pk)
    item.request = request_or_404(request, item.request_id)  # who reads the request reads this
    if access.is_secretariat(request.user):
        if request.method == "POST":
            raise Http404  # the secretariat uploads on a country's behalf from its account
        return _secretariat_page(request, item)
    return _country_page(request, item)


def _secretariat_page(request, item):
    submissions = {s.owner_country_id: s for s in item.submissions.select_related("uploaded_by")}
    answers = {a.owner_country_id: a for a in Answer.objects.filter(request=item.request)}
    completeness = selectors.round_completeness(item)
    rows = [
        {
            "country": country,
            "submission": submissions.get(country.pk),
            "answer": answers.get(country.pk),
            "completeness": completeness[country.pk],
        }
        for country in item.request.countries.order_by(language_column("name"))
    ]
    return render(request, "stats/round_secretariat.html", {"item": item, "rows": rows})


def _country_page(request, item):
    user = request.user
    country_id = official_country_id(user)
    submission = (
        Submission.objects.visible_to(user)
        .filter(round=item, owner_country_id=country_id)
        .select_related("uploaded_by")
        .first()
    )
    answer = Answer.objects.filter(request=item.request, owner_country_id=country_id).first()
    may_upload = access.is_focal_point_of(user, user.country) and (
        answer is None or answer.state != Answer.State.ACCEPTED
    )
    form = UploadForm(request.POST or None, request.FILES or None) if may_upload else None
    problems, warnings = [], []
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            kept, checked = services.submission_upload(
                round=item,
                country=user.country,
                by=user,
                upload=form.cleaned_data["file"],
                confirmed=form.cleaned_data["confirm"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if kept is not None:
                messages.success(
                    request,
                    _(
                        "The file was read without problems: %(count)s figures are kept as "
                        "your country's draft. Submit them from the request's page."
                    )
                    % {"count": kept.rows},
                )
                return redirect("stats:round", pk=item.pk)
            problems, warnings = checked.problems, checked.warnings
    context = {
        "item": item,
        "submission": submission,
        "answer": answer,
        "form": form,
        "problems": problems,
        "warnings": warnings,
        "columns": template_columns(item.structure),
        "overdue": item.request.is_past_due(timezone.now()),
    }
    return render(
        request, "stats/round_country.html", context, status=422 if problems or warnings else 200
    )


@signed_in_view
def template_download(request, pk, file_format):
    structure = get_object_or_404(DataStructure, pk=pk)
    name = f"{structure.key.lower()}-v{structure.version}"
    if file_format == "csv":
        response = HttpResponse(downloads.template_csv(structure), content_type="text/csv")
        filename = f"{name}.csv"
    elif file_format == "xlsx":
        language = request.LANGUAGE_CODE[:2]
        response = HttpResponse(downloads.template_xlsx(structure, language), content_type=XLSX)
        filename = f"{name}-{language}.xlsx"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@signed_in_view
def structure_download(request, pk):
    """The structure as SDMX-ML 2.1, for a statistics office's own software."""
    structure = get_object_or_404(DataStructure, pk=pk)
    response = HttpResponse(downloads.structure_sdmx_ml(structure), content_type="application/xml")
    name = f"{structure.key.lower()}-v{structure.version}-sdmx.xml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@secretariat_view
def publish(request, pk):
    """The secretariat publishes a structure's approved figures as its next release, after
    seeing which countries' figures that will be and what the last release was."""
    structure = get_object_or_404(DataStructure, pk=pk)
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            release = publishing.release_publish(
                structure=structure, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Release %(number)s is published: %(count)s figures, %(hidden)s hidden.")
                % {
                    "number": release.number,
                    "count": release.observations_count,
                    "hidden": release.hidden_count,
                },
            )
            return redirect("stats:release", key=structure.key, number=release.number)
    context = {
        "structure": structure,
        "form": form,
        "approved": publishing.approved_submissions(structure)
        .select_related("owner_country", "round")
        .order_by(language_column("owner_country__name"), "round__period_start"),
        "last": selectors.release_or_none(structure.key),
    }
    return render(request, "stats/publish.html", context, status=422 if form.errors else 200)
