"""A requesting body's pages: its requests, a new request or a draft's changes, submitting,
answering the fund's questions, withdrawing.

Who files: a member-state official (for the departure or return country: the service checks
which) or the account of an organisation the secretariat accepted as requester. The services
decide every rule; a refused step re-shows its form with the service's message, nothing lost.
Save-and-submit is one service (`case_save`): when the draft is saved and its submission then
refused, the page goes to the saved draft and says why it was not submitted.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puebla.core.forms import add_service_error
from puebla.core.gates import signed_in_view
from puebla.fund import fund_settings, permissions, services
from puebla.fund.forms import MessageForm, ReasonForm, RequestForm
from puebla.fund.models import Case, State
from puebla.fund.views.cases import SUMMARY_RELATED, case_or_404, posted_version, step_page


def may_file(user) -> bool:
    """A member-state official, or an account of an organisation accepted as requester now."""
    side = permissions.requester_side(user)
    if side is None:
        return False
    return side[0] == "country" or services.accepted_requester(side[1]) is not None


@signed_in_view
def my_requests(request):
    """The requests of the user's government or organisation. An organisation not (or no
    longer) accepted as requester is told so here, with the requests it filed before."""
    if not permissions.may_ask_to_file(request.user):
        raise Http404
    cases = Case.objects.filed_for(request.user).select_related(*SUMMARY_RELATED)
    return render(
        request,
        "fund/my_requests.html",
        {"cases": cases, "may_file": may_file(request.user)},
    )


@signed_in_view
def request_new(request):
    if not may_file(request.user):
        raise Http404
    return _edit(request, None)


@signed_in_view
def request_edit(request, uid):
    case = case_or_404(request, uid, "identity")
    if not permissions.acts_for_requester(request.user, case):
        raise Http404
    return _edit(request, case)


def _edit(request, case):
    editable = case is None or (case.state == State.DRAFT and not case.erased_at)
    initial = None
    if case is not None and editable:  # an ended case's identity may have been erased
        initial = {name: getattr(case, name) for name in services.CASE_FIELDS}
        initial |= {name: getattr(case.identity, name) for name in services.IDENTITY_FIELDS}
    form = RequestForm(
        request.POST or None, initial=initial, keep_category=case and case.category_id
    )
    if request.method == "POST" and editable and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            saved = services.case_save(
                case=case,
                by=request.user,
                fields=form.case_fields(),
                identity=form.identity_fields(),
                version=posted_version(request),
                submit=submit,
            )
        except services.SubmissionRefused as refused:
            # The draft is saved as typed: back to it, saying why it was not submitted.
            messages.error(
                request,
                _("The draft was saved, but it could not be submitted: %(reasons)s")
                % {"reasons": " ".join(refused.error.messages)},
            )
            return redirect("fund:edit", uid=refused.case.uid)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if submit:
                messages.success(request, _("The request was submitted to the fund officers."))
            else:
                messages.success(request, _("The draft was saved. Submit it when it is complete."))
            return redirect("fund:case", uid=saved.uid)
    return render(
        request,
        "fund/request_form.html",
        {
            "form": form,
            "case": case,
            "editable": editable,
            "ceiling": fund_settings.ceiling_text(form.settings),
            "puebla_defaults": fund_settings.shows_puebla_defaults(form.settings),
        },
    )


def _requester_case(request, uid) -> Case:
    case = case_or_404(request, uid)
    if not permissions.acts_for_requester(request.user, case):
        raise Http404
    return case


@signed_in_view
def submit(request, uid):
    case = _requester_case(request, uid)
    if request.method == "POST":
        try:
            services.case_submit(case=case, by=request.user, version=posted_version(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("fund:case", uid=uid)
        messages.success(request, _("The request was submitted to the fund officers."))
        return redirect("fund:case", uid=uid)
    return step_page(
        request,
        case,
        heading=gettext_lazy("Submit the request"),
        intro=gettext_lazy(
            "The fund officers review it and may ask you questions here. You can no longer "
            "change it once it is submitted."
        ),
        button=gettext_lazy("Submit the request"),
        possible=case.state == State.DRAFT,
    )


@signed_in_view
def answer(request, uid):
    case = _requester_case(request, uid)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_question_answer(
                case=case, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your answer was sent to the fund officers."))
            return redirect("fund:case", uid=uid)
    return step_page(
        request,
        case,
        heading=gettext_lazy("Answer the fund officers"),
        form=form,
        button=gettext_lazy("Send the answer"),
        possible=case.state == State.UNDER_REVIEW,
    )


@signed_in_view
def withdraw(request, uid):
    case = case_or_404(request, uid)
    form = ReasonForm(request.POST or None)
    form.fields["reason"].required = False
    if request.method == "POST" and form.is_valid():
        try:
            services.case_withdraw(case=case, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The request was withdrawn."))
            return redirect("fund:case", uid=uid)
    return step_page(
        request,
        case,
        heading=gettext_lazy("Withdraw the request"),
        intro=gettext_lazy(
            "Withdrawing ends the request for good. Money approved for it returns to the "
            "fund; money already paid to the IOM office is recorded as coming back."
        ),
        form=form,
        button=gettext_lazy("Withdraw the request"),
        possible=case.state in services.WITHDRAWABLE_STATES,
        refusal=permissions.withdrawal_refusal(request.user, case),
        destructive=True,
    )
