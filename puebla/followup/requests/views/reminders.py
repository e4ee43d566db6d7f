"""A request's reminders after it was sent, the heads of delegation reminders may reach, and
taking a file off a country's answer.

The reminders and the heads of delegation are the secretariat's. A file is taken off by whoever
may act for the answer's country (its focal points, and the secretariat on its behalf) while
the answer is a draft or returned (services.file_removal_refusal says why not otherwise); to
anyone else the file's removal page does not exist (404), like a file that does not."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from puebla.core import access, security_log
from puebla.core.bilingual import language_column
from puebla.core.forms import add_service_error
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.followup.models import AnswerFile, HeadOfDelegation, SentReminder
from puebla.followup.requests import services
from puebla.followup.requests.forms import HeadOfDelegationForm, ReminderForm
from puebla.followup.visibility import request_or_404
from puebla.meetings.querysets import member_states


@secretariat_view
def request_reminders(request, pk):
    item = request_or_404(request, pk)
    form = ReminderForm(request.POST or None, initial=ReminderForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.reminder_schedule_set(
                request=item, by=request.user, **form.reminder_arguments()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The reminders of this request were changed."))
            return redirect("followup:request", pk=item.pk)
    sent = (
        SentReminder.objects.filter(request=item)
        .select_related("country")
        .order_by("-sent_at", language_column("country__name"))
    )
    return render(
        request, "followup/request_reminders.html", {"item": item, "form": form, "sent": sent}
    )


@secretariat_view
def heads_of_delegation(request):
    heads = {head.country_id: head for head in HeadOfDelegation.objects.all()}
    initial = {}
    chosen = _number(request.GET.get("country", ""))
    if chosen in heads:  # "Change": the form starts from the head
        head = heads[chosen]
        initial = {
            "country": head.country_id,
            "full_name": head.full_name,
            "email": head.email,
            "language": head.language,
        }
    elif chosen is not None:
        initial = {"country": chosen}
    form = HeadOfDelegationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            head = services.head_of_delegation_set(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is the head of delegation of %(country)s.")
                % {"name": head.full_name, "country": head.country},
            )
            return redirect("followup:heads")
    rows = [
        {"country": country, "head": heads.get(country.pk)}
        for country in member_states().order_by(language_column("name"))
    ]
    return render(request, "followup/heads.html", {"rows": rows, "form": form})


def _number(text: str) -> int | None:
    """A country's primary key from the address, or None for anything else ("²", "x")."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


@signed_in_view
def answer_file_remove(request, pk, file_pk):
    """The confirmation step (GET), then the removal (POST)."""
    stored = access.get_visible_or_404(
        AnswerFile.objects.select_related("answer__owner_country", "answer__request").filter(
            answer__request_id=pk
        ),
        request,
        pk=file_pk,
    )
    answer = stored.answer
    if not access.can_act_for_country(request.user, answer.owner_country_id):
        # Its country's officials read the file, but only who may act for it removes it.
        security_log.access_denied(request, f"followup.AnswerFile:{file_pk}:remove")
        raise Http404
    refusals = []
    if request.method == "POST":
        try:
            services.answer_file_remove(stored=stored, by=request.user)
        except ValidationError as error:
            refusals = error.messages
        else:
            messages.success(
                request,
                _("The file %(name)s was removed from the answer.")
                % {"name": stored.original_name},
            )
            return redirect("followup:request", pk=pk)
    context = {
        "item": answer.request,
        "answer": answer,
        "stored": stored,
        "refusals": refusals,
        # Shown on the confirmation step already: why there is nothing to confirm.
        "locked": services.file_removal_refusal(answer),
    }
    return render(request, "followup/answer_file_remove.html", context)
