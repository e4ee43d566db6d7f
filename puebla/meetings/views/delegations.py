"""Delegations in the intranet: a country's nominations for a meeting, the secretariat's view of
every country's (with the nominations it confirms at once), and its decisions on them. Nominations are country-owned records (puebla.core.access): a country's
officials see its own, its focal points change them, the secretariat sees and decides all."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from puebla.core import access
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.directory.models import Country
from puebla.meetings import delegation_reads, delegations
from puebla.meetings.delegation_forms import DeclineForm, NominationForm, ParticipationRequestForm
from puebla.meetings.models import Meeting, Nomination, ParticipationRequest
from puebla.meetings.querysets import member_states

# Seat holders first, then the waiting list in its order, then closed ones.
STATUS_ORDER = Case(
    *[
        When(status=status, then=Value(position))
        for position, status in enumerate(
            ("confirmed", "nominated", "waiting", "declined", "withdrawn")
        )
    ],
    output_field=IntegerField(),
)


@signed_in_view
def delegation(request, slug):
    meeting = access.get_visible_or_404(Meeting.objects, request, slug=slug)
    country = _country_shown(request)
    nominations = []
    form = None
    if country is not None:
        nominations = list(
            Nomination.objects.visible_to(request.user)
            .filter(meeting=meeting, owner_country=country)
            .order_by(STATUS_ORDER, "created_at", "pk")
        )
        if access.can_act_for_country(request.user, country) and _open(meeting):
            form = NominationForm(request.POST or None, country=country)
            if request.method == "POST" and form.is_valid():
                try:
                    nomination = delegations.nomination_create(
                        meeting=meeting, country=country, by=request.user, **form.cleaned_data
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _placed_message(nomination))
                    return redirect(_delegation_url(meeting, country, request))
    asked, request_form = [], None
    if access.may_request_participation(request.user) or access.is_secretariat(request.user):
        asked = list(
            ParticipationRequest.objects.visible_to(request.user)
            .filter(meeting=meeting)
            .select_related("requested_by__organisation", "requested_by__country")
        )
    if access.may_request_participation(request.user) and not delegations.requests_closed_reason(
        meeting
    ):
        request_form = ParticipationRequestForm(request.POST or None)
        if request.method == "POST" and request_form.is_valid():
            try:
                delegations.request_create(
                    meeting=meeting, by=request.user, **request_form.cleaned_data
                )
            except ValidationError as error:
                request_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Your request was sent. The Technical Secretariat will answer it by mail."),
                )
                return redirect("meetings:delegation", slug=meeting.slug)
    if request.method == "POST" and form is None and request_form is None:
        raise Http404  # no form to post to: not a focal point, or nominations closed
    seats_taken = sum(nomination.holds_seat for nomination in nominations)
    context = {
        "meeting": meeting,
        "country": country,
        "countries": member_states() if access.is_secretariat(request.user) else [],
        "nominations": nominations,
        "form": form,
        "seats_taken": seats_taken,
        "places_left": max((meeting.seats_per_country or 0) - seats_taken, 0),
        "waiting": sum(nomination.status == "waiting" for nomination in nominations),
        "closed_reason": delegations.closed_reason(meeting) if country else "",
        # An official who does not nominate is told who does, by name, or whom to write to.
        "contacts": delegation_reads.nomination_contacts(country)
        if country is not None and not access.can_act_for_country(request.user, country)
        else None,
        "shows_participants": access.admits(request.user, meeting.participants_audience),
        "requests": asked,
        "request_form": request_form,
        "may_request": access.may_request_participation(request.user),
        "is_secretariat": access.is_secretariat(request.user),
    }
    return render(request, "meetings/delegation.html", context)


@secretariat_view
def delegations_overview(request, slug):
    """Every country's delegation to the meeting at a glance, and the nominations awaiting
    confirmation, which the secretariat ticks and confirms in one go."""
    meeting = access.get_visible_or_404(Meeting.objects, request, slug=slug)
    error = ""
    if request.method == "POST":
        try:
            done = delegations.nominations_confirm(
                meeting=meeting,
                nomination_ids=_ticked(request.POST.getlist("nomination")),
                by=request.user,
            )
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            _report(request, done)
            return redirect("meetings:delegations", slug=meeting.slug)
    rows = delegation_reads.delegations_overview(meeting)
    context = {
        "meeting": meeting,
        "rows": rows,
        "totals": {
            status: sum(row[status] for row in rows)
            for status in ("nominated", "confirmed", "waiting")
        },
        "awaiting": delegation_reads.awaiting_confirmation(meeting, request.user),
        "closed_reason": delegations.closed_reason(meeting),
        "error": error,
    }
    return render(request, "meetings/delegations.html", context)


def _ticked(values: list[str]) -> list[int]:
    """The nomination numbers ticked. Anything else (a forged form) becomes 0, which names no
    nomination, so the service reports it rather than the page failing."""
    return [
        int(value) if value.isascii() and value.isdigit() and len(value) < 10 else 0
        for value in values
    ]


def _report(request, done: delegations.BulkConfirmation) -> None:
    if done.confirmed:
        messages.success(
            request,
            ngettext(
                "%(count)d participation confirmed: %(names)s. The nominee and the country's "
                "focal points are told by mail.",
                "%(count)d participations confirmed: %(names)s. Each nominee and their country's "
                "focal points are told by mail.",
                len(done.confirmed),
            )
            % {
                "count": len(done.confirmed),
                "names": ", ".join(str(nomination) for nomination in done.confirmed),
            },
        )
    for who, why in done.refused:
        if who:
            messages.error(
                request, _("Not confirmed: %(name)s. %(reason)s") % {"name": who, "reason": why}
            )
        else:
            messages.error(request, why)


@signed_in_view
def nomination_withdraw(request, slug, pk):
    nomination = _nomination_or_404(request, slug, pk)
    if not access.can_act_for_country(request.user, nomination.owner_country_id):
        raise Http404
    if request.method == "POST":
        try:
            delegations.nomination_withdraw(nomination=nomination, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The nomination of %(name)s was withdrawn.") % {"name": nomination}
            )
        return redirect(_delegation_url(nomination.meeting, nomination.owner_country, request))
    return render(request, "meetings/nomination_withdraw.html", {"nomination": nomination})


@secretariat_view
def nomination_decide(request, slug, pk):
    nomination = _nomination_or_404(request, slug, pk)
    decline_form = DeclineForm(request.POST if request.POST.get("decision") == "decline" else None)
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "confirm":
                delegations.nomination_confirm(nomination=nomination, by=request.user)
                done = _("The participation of %(name)s is confirmed.")
            elif decline_form.is_valid():
                delegations.nomination_decline(
                    nomination=nomination,
                    by=request.user,
                    reason=decline_form.cleaned_data["reason"],
                )
                done = _("The nomination of %(name)s was declined.")
            else:
                done = None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            done = None
        if done:
            messages.success(request, done % {"name": nomination})
            return redirect(_delegation_url(nomination.meeting, nomination.owner_country, request))
    return render(
        request,
        "meetings/nomination_decide.html",
        {"nomination": nomination, "decline_form": decline_form},
    )


def _nomination_or_404(request, slug, pk) -> Nomination:
    return access.get_visible_or_404(
        Nomination.objects.select_related("meeting", "owner_country").filter(meeting__slug=slug),
        request,
        pk=pk,
    )


def _country_shown(request) -> Country | None:
    """The user's own country; for the secretariat, the one chosen (?country=ISO code)."""
    user = request.user
    if access.is_secretariat(user):
        code = request.GET.get("country", "")
        return member_states().filter(iso_code=code).first() if code else None
    if access.own_country_id(user, officials=Nomination.COUNTRY_OFFICIALS):
        return user.country
    return None


def _open(meeting: Meeting) -> bool:
    return delegations.closed_reason(meeting) == ""


def _placed_message(nomination: Nomination) -> str:
    if nomination.status == Nomination.Status.WAITING:
        return _(
            "All seats are taken: %(name)s is on the waiting list and moves up when a seat frees."
        ) % {"name": nomination}
    return _("%(name)s is nominated. The Technical Secretariat will confirm.") % {
        "name": nomination
    }


def _delegation_url(meeting: Meeting, country: Country, request) -> str:
    url = reverse("meetings:delegation", args=[meeting.slug])
    if access.is_secretariat(request.user):
        url += f"?country={country.iso_code}"
    return url
