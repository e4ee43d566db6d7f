"""The fund officers' steps on a case: review (and questions), approve (a second officer:
four eyes), reject with a reason, record a disbursement to the IOM office and the return,
close. Each page says what the step does, or why it is not possible now; the services decide.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puebla.core.forms import add_service_error
from puebla.core.gates import fund_view
from puebla.fund import ledger, services
from puebla.fund.forms import (
    ApproveForm,
    DisbursementForm,
    MessageForm,
    NoteForm,
    ReasonForm,
    ReturnForm,
)
from puebla.fund.models import LedgerEntry, State
from puebla.fund.permissions import approval_refusal, review_refusal
from puebla.fund.views.cases import case_or_404, posted_version, step_page


def _done(request, uid, message):
    messages.success(request, message)
    return redirect("fund:case", uid=uid)


@fund_view
def review(request, uid):
    """Take the case up (the officer becomes its reviewer), then ask the requester questions."""
    case = case_or_404(request, uid)
    asking = request.POST.get("action") == "ask"
    form = MessageForm(request.POST if asking else None)
    refused = []
    if request.method == "POST" and asking and form.is_valid():
        try:
            services.case_question_ask(case=case, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _done(request, uid, _("The question was sent to the requester."))
    elif request.method == "POST" and not asking:
        try:
            services.case_review_start(case=case, by=request.user, version=posted_version(request))
        except ValidationError as error:
            refused = error.messages
        else:
            return _done(request, uid, _("You are reviewing this case."))
    if case.state == State.SUBMITTED:
        return step_page(
            request,
            case,
            refusal=None if refused else review_refusal(request.user, case),
            heading=gettext_lazy("Review the request"),
            intro=gettext_lazy(
                "You become its reviewer. Four eyes: another fund officer approves it."
            ),
            button=gettext_lazy("Start the review"),
            possible=True,
            action="start",
            refused=refused,
        )
    return step_page(
        request,
        case,
        heading=gettext_lazy("Ask the requester a question"),
        form=form,
        button=gettext_lazy("Send the question"),
        possible=case.state == State.UNDER_REVIEW,
        action="ask",
    )


@fund_view
def approve(request, uid):
    case = case_or_404(request, uid, "reviewed_by")
    form = ApproveForm(request.POST or None, initial={"amount": case.cost})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_approve(
                case=case,
                by=request.user,
                amount=form.cleaned_data["amount"],
                note=form.cleaned_data["note"],
                version=posted_version(request),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _done(request, uid, _("The request was approved."))
    under_review = case.state == State.UNDER_REVIEW
    available = ledger.position().available
    refusal = None
    if under_review:
        refusal = approval_refusal(request.user, case) or ledger.approval_funds_refusal(available)
    return step_page(
        request,
        case,
        heading=gettext_lazy("Approve the request"),
        intro=gettext_lazy("The approved amount is committed: the fund keeps it for this case."),
        form=form,
        button=gettext_lazy("Approve"),
        possible=under_review,
        refusal=refusal,
        # What an approval may commit, beside the plan's cost the summary shows.
        available=available if under_review else None,
    )


@fund_view
def reject(request, uid):
    case = case_or_404(request, uid)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_reject(
                case=case,
                by=request.user,
                reason=form.cleaned_data["reason"],
                version=posted_version(request),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _done(request, uid, _("The request was rejected."))
    return step_page(
        request,
        case,
        heading=gettext_lazy("Reject the request"),
        intro=gettext_lazy("Rejecting ends the request. The requester reads the reason."),
        form=form,
        button=gettext_lazy("Reject the request"),
        possible=case.state == State.UNDER_REVIEW,
        destructive=True,
    )


@fund_view
def disburse(request, uid):
    case = case_or_404(request, uid)
    remaining = None
    if case.approved_amount is not None:
        remaining = case.approved_amount - LedgerEntry.objects.disbursed_for(case)
    form = DisbursementForm(
        request.POST or None,
        initial={
            "amount": remaining,
            "iom_office": case.iom_office,
            "entry_date": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_disburse(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _done(request, uid, _("The disbursement was recorded in the ledger."))
    return step_page(
        request,
        case,
        heading=gettext_lazy("Record a disbursement"),
        intro=gettext_lazy(
            "Money paid to the IOM office that runs the return. In total a case receives at "
            "most its approved amount."
        ),
        form=form,
        button=gettext_lazy("Record the disbursement"),
        possible=case.state in (State.APPROVED, State.DISBURSED) and bool(remaining),
        remaining=remaining,
    )


@fund_view
def confirm_return(request, uid):
    case = case_or_404(request, uid)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_return_confirm(
                case=case, by=request.user, returned_on=form.cleaned_data["returned_on"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _done(request, uid, _("The return was confirmed."))
    return step_page(
        request,
        case,
        heading=gettext_lazy("Confirm the return"),
        intro=gettext_lazy("As the IOM office reports it: the migrant is home."),
        form=form,
        button=gettext_lazy("Confirm the return"),
        possible=case.state == State.DISBURSED,
    )


@fund_view
def close(request, uid):
    case = case_or_404(request, uid)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(case=case, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _done(request, uid, _("The case was closed."))
    return step_page(
        request,
        case,
        heading=gettext_lazy("Close the case"),
        intro=gettext_lazy(
            "Closing ends the case. Its personal data is erased once the retention period "
            "has passed; the anonymised case and the ledger stay."
        ),
        form=form,
        button=gettext_lazy("Close the case"),
        possible=case.state == State.RETURN_CONFIRMED,
        destructive=True,
    )
