"""Requests for input: the secretariat makes and follows them; each addressed country's focal
points answer on the request's page. Answers are country-owned records: a country's officials
read their own, its focal points write it until it is accepted, the secretariat reads all and
returns or accepts them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.core.bilingual import language_column
from puebla.core.forms import add_service_error
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.followup.models import Answer, AnswerFile, InputRequest
from puebla.followup.requests import services
from puebla.followup.requests.forms import AnswerForm, DecisionForm, RequestForm
from puebla.followup.visibility import (
    official_country_id,
    request_or_404,
)

State = Answer.State


@secretariat_view
def request_list(request):
    requests = (
        InputRequest.objects.select_related("cycle__meeting")
        .prefetch_related("countries", "answers", "commitments")
        .order_by("-due_date", "-pk")
    )
    rows = []
    for item in requests:
        states = [answer.state for answer in item.answers.all()]
        rows.append(
            {
                "request": item,
                "addressed": len(item.countries.all()),
                "received": sum(state in Answer.RECEIVED for state in states),
                "accepted": states.count(State.ACCEPTED),
            }
        )
    return render(request, "followup/request_list.html", {"rows": rows})


@secretariat_view
def request_new(request):
    form = RequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.input_request_create(by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The request was sent to %(count)s countries; their focal points were mailed.")
                % {"count": made.countries.count()},
            )
            return redirect("followup:request", pk=made.pk)
    return render(request, "followup/request_form.html", {"form": form})


@signed_in_view
def request_page(request, pk):
    item = request_or_404(request, pk)
    if access.is_secretariat(request.user):
        if request.method == "POST":
            raise Http404  # the secretariat decides on each answer's own page
        return _secretariat_page(request, item)
    return _country_page(request, item)


def _secretariat_page(request, item):
    answers = {
        answer.owner_country_id: answer
        for answer in item.answers.select_related("submitted_by").order_by()
    }
    rows = [
        {"country": country, "answer": answers.get(country.pk)}
        for country in item.countries.order_by(language_column("name"))
    ]
    context = {
        "item": item,
        "rows": rows,
        "overdue": item.is_past_due(timezone.now()),
        "rules": [
            {"offset": rule.offset_days, "days": abs(rule.offset_days), "repeat": rule.repeat_days}
            for rule in item.reminder_rules.all()
        ],
    }
    return render(request, "followup/request_secretariat.html", context)


def _country_page(request, item):
    user = request.user
    country = user.country
    answer = (
        Answer.objects.visible_to(user)
        .filter(request=item, owner_country_id=official_country_id(user))
        .prefetch_related("files")
        .first()
    )
    editable = access.is_focal_point_of(user, country) and (
        answer is None or answer.state != State.ACCEPTED
    )
    form = None
    if editable:
        initial = {
            "text": answer.text if answer else "",
            "version": answer.version if answer else services.NO_ANSWER_YET,
        }
        form = AnswerForm(request.POST or None, request.FILES or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            submit = request.POST.get("action") == "submit"
            arguments = {
                "request": item,
                "country": country,
                "by": user,
                "text": form.cleaned_data["text"],
                "uploads": form.cleaned_data["files"],
                "version": form.cleaned_data["version"],
            }
            try:
                if submit:
                    services.answer_submit(**arguments)
                else:
                    services.answer_save_draft(**arguments)
            except ValidationError as error:
                add_service_error(form, error)
                # A refused submission keeps the draft (the service saves it first): show it.
                answer = Answer.objects.filter(request=item, owner_country=country).first()
            else:
                messages.success(
                    request,
                    _("Your country's answer was submitted. The Technical Secretariat was told.")
                    if submit
                    else _("The draft is saved. It is not submitted yet."),
                )
                return redirect("followup:request", pk=item.pk)
    elif request.method == "POST":
        raise Http404  # not a focal point, or the answer is accepted: nothing to post to
    now = timezone.now()
    context = {
        "item": item,
        "country": country,
        "answer": answer,
        "transitions": answer.transitions.select_related("by__country", "on_behalf_of")
        if answer
        else [],
        "form": form,
        "removable": form is not None
        and answer is not None
        and not services.file_removal_refusal(answer),
        "overdue": item.is_past_due(now) and (answer is None or answer.state in Answer.PENDING),
        "closed": item.is_closed(now),
    }
    return render(request, "followup/request_country.html", context)


@signed_in_view
def template_download(request, pk):
    item = request_or_404(request, pk)
    if not item.template_file:
        raise Http404
    extension = item.template_file.name.rsplit(".", 1)[-1]
    return _attachment(item.template_file.open("rb"), f"request-{item.pk}-template.{extension}")


@signed_in_view
def answer_file(request, pk, file_pk):
    stored = access.get_visible_or_404(
        AnswerFile.objects.select_related("answer").filter(answer__request_id=pk),
        request,
        pk=file_pk,
    )
    return _attachment(stored.file.open("rb"), stored.download_name(), stored.mime)


def _attachment(handle, name, mime="application/octet-stream"):
    response = FileResponse(handle, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@secretariat_view
def answer_decide(request, pk, answer_pk):
    """An answer as submitted, and the secretariat's decision on it: this page is the
    confirmation step (the request's page only links here)."""
    item = request_or_404(request, pk)
    answer = (
        Answer.objects.select_related("owner_country", "submitted_by")
        .prefetch_related("files")
        .filter(request=item, pk=answer_pk)
        .first()
    )
    if answer is None:
        raise Http404
    form = DecisionForm(request.POST or None)
    decision = request.POST.get("decision")
    if request.method == "POST" and decision in ("accept", "return", "reopen") and form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if decision == "accept":
                services.answer_accept(answer=answer, by=request.user, comment=comment)
                done = _("The answer of %(country)s is accepted.")
            elif decision == "reopen":
                services.answer_reopen(answer=answer, by=request.user, reason=comment)
                done = _("The answer of %(country)s is reopened; its focal points were told why.")
            else:
                services.answer_return(answer=answer, by=request.user, comment=comment)
                done = _("The answer of %(country)s was returned for revision.")
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done % {"country": answer.owner_country})
            return redirect("followup:request", pk=item.pk)
    context = {
        "item": item,
        "answer": answer,
        "transitions": answer.transitions.select_related("by__country", "on_behalf_of"),
        "form": form,
        # The secretariat may take a file off a draft or returned answer for its country.
        "removable": not services.file_removal_refusal(answer),
    }
    return render(request, "followup/answer_decide.html", context)
