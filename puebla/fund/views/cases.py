"""One case's page, for its requesting body and the fund officers, and the officers' list.

A case is found by its random key (never by anything of the person's) through
`Case.objects.visible_to`: anyone else gets the same 404 as for a case that does not exist.
Opening the case page writes one row to its access log (puebla.fund.services); the list shows
no personal data, so opening it writes none. The steps' pages (views.requests, views.steps)
share `case_or_404`, `posted_version` and `step_page` from here.
"""

from django.core.paginator import Paginator
from django.shortcuts import render

from puebla.core import access
from puebla.core.gates import fund_view, signed_in_view
from puebla.fund import ledger, services
from puebla.fund.files import OPEN_STATES
from puebla.fund.forms import MessageForm
from puebla.fund.models import AccessLogEntry, Case, State
from puebla.fund.permissions import (
    acts_for_requester,
    approval_refusal,
    review_refusal,
    withdrawal_refusal,
)

PER_PAGE = 50
STEP_URLS = {  # state -> the URL names of the officers' next steps, linked from the case page
    State.SUBMITTED: ("review",),
    State.UNDER_REVIEW: ("approve", "reject"),
    State.APPROVED: ("disburse",),
    State.DISBURSED: ("disburse", "return"),
    State.RETURN_CONFIRMED: ("close",),
}
SUMMARY_RELATED = (
    "category",
    "requester_kind",
    "requesting_country",
    "requesting_organisation",
    "departure_country",
    "return_country",
)


def case_or_404(request, uid, *related) -> Case:
    """The case with key `uid` if the user may see it (its requesting body, fund officers)."""
    return access.get_visible_or_404(
        Case.objects.select_related(*SUMMARY_RELATED, *related), request, uid=uid
    )


def posted_version(request) -> int | None:
    """The case's version the form was read at (its hidden field), or None."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def step_page(
    request, case, *, heading, button, possible, intro="", form=None, refusal=None, **extra
):
    """A step's page: what it does, its form, and a button; or why it is not possible now
    (`refusal`: why the reader may not take it; else the case's state)."""
    return render(
        request,
        "fund/step.html",
        {
            "case": case,
            "heading": heading,
            "intro": intro,
            "form": form,
            "button": button,
            "possible": possible and refusal is None,
            "refusal": refusal,
            **extra,
        },
    )


def officer_steps(user, case, *, available) -> list[dict]:
    """The officers' next steps on `case`, each with why `user` may not take it (None when
    they may): the page links the ones they may take and says why of the others, so that no
    link leads to a page that only refuses. `available`: what the fund has for approvals."""
    refusals = {"review": review_refusal, "approve": approval_refusal}
    steps = []
    for name in STEP_URLS.get(case.state, ()):
        rule = refusals.get(name)
        refusal = rule(user, case) if rule else None
        if name == "approve" and refusal is None:
            refusal = ledger.approval_funds_refusal(available)
        steps.append({"name": name, "refusal": refusal})
    return steps


@signed_in_view
def case_page(request, uid):
    case = case_or_404(request, uid, "identity", "reviewed_by", "decided_by", "filed_by")
    services.access_log_record(user=request.user, action=AccessLogEntry.Action.VIEW, case=case)
    officer = access.is_fund_officer(request.user)
    requester = acts_for_requester(request.user, case)
    # An erased case takes no more steps (the services refuse them): offer none.
    acting = not case.erased_at
    # Read on every officer's page, whatever the state, so that it costs the same queries.
    available = ledger.position().available if officer else None
    context = {
        "available": available,
        "case": case,
        "identity": None if case.erased_at else case.identity,
        "officer": officer,
        "requester": requester,
        "transitions": case.transitions.select_related("by"),
        "messages_": case.messages.select_related("author"),
        "disbursed": case.ledger_entries.total() * -1,
        "files": case.files.all(),
        "may_attach": (officer or requester) and case.state in OPEN_STATES and not case.erased_at,
        "steps": officer_steps(request.user, case, available=available)
        if officer and acting
        else (),
        # The requesting body's; a fund officer rejects instead (withdrawal_refusal).
        "withdrawable": acting
        and case.state in services.WITHDRAWABLE_STATES
        and withdrawal_refusal(request.user, case) is None,
        "editable_draft": acting and requester and case.state == State.DRAFT,
        "question_form": MessageForm()
        if acting and officer and case.state == State.UNDER_REVIEW
        else None,
        "answer_form": MessageForm()
        if acting and requester and case.state == State.UNDER_REVIEW
        else None,
    }
    if officer:
        context["access_log"] = case.access_log.select_related("user")[:200]
        context["duplicates"] = services.case_duplicates(case=case) if not case.erased_at else []
    return render(request, "fund/case.html", context)


@fund_view
def case_list(request):
    cases = Case.objects.select_related(*SUMMARY_RELATED).order_by("-created_at", "-pk")
    state = request.GET.get("state", "")
    if state in State.values:
        cases = cases.filter(state=state)
    else:
        state = ""
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "fund/case_list.html",
        {"page": page, "state": state, "states": State.choices},
    )
