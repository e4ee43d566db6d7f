"""The fund's ledger for its officers: balance, committed and available (derived from the
entries, puebla.fund.ledger), the entries newest first, and a contribution's entry."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core.forms import add_service_error
from puebla.core.gates import fund_view
from puebla.fund import ledger as fund_ledger
from puebla.fund.forms import ContributionForm, ReasonForm
from puebla.fund.models import LedgerEntry

PER_PAGE = 50


@fund_view
def ledger(request):
    entries = LedgerEntry.objects.select_related("case", "recorded_by", "reverses").order_by(
        "-entry_date", "-pk"
    )
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "fund/ledger.html", {"page": page, "position": fund_ledger.position()})


@fund_view
def contribution_new(request):
    form = ContributionForm(request.POST or None, initial={"entry_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        if values["currency"] == "USD":  # the service refuses a rate for dollars
            values["original_amount"] = values["rate"] = None
        try:
            entry = fund_ledger.contribution_record(by=request.user, **values)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The contribution of USD %(amount)s from %(donor)s was recorded.")
                % {"amount": entry.amount, "donor": entry.donor},
            )
            return redirect("fund:ledger")
    return render(request, "fund/contribution_form.html", {"form": form})


@fund_view
def entry_reverse(request, pk):
    """Correct a mistaken entry with its opposite (the ledger is never edited): asked first."""
    entry = get_object_or_404(LedgerEntry.objects.select_related("case"), pk=pk)
    form = ReasonForm(request.POST or None)
    # The ledger outlives the erasure of personal data: its texts must never name anyone.
    form.fields["reason"].help_text = _(
        "Kept with the reversing entry in the ledger, which is never erased: do not name the "
        "migrant or give details that identify them."
    )
    if request.method == "POST" and form.is_valid():
        try:
            fund_ledger.entry_reverse(
                entry=entry, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The entry was reversed."))
            return redirect("fund:ledger")
    reversible = entry.kind != LedgerEntry.Kind.REVERSAL and not hasattr(entry, "reversed_by")
    return render(
        request,
        "fund/entry_reverse.html",
        {"entry": entry, "form": form, "reversible": reversible},
    )
