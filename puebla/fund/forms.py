"""Forms of the Reserve Fund's pages: a request (what the decision needs, nothing more), the
officers' steps, and a contribution to the fund.

The forms check what a field alone can tell (a date, an amount with two decimals); the rules
that tie fields together (a "child" who is 18, departure equal to return, the USD 1,000
ceiling) are the services', whose errors the views put back on these forms.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from puebla.core.bilingual import language_column
from puebla.directory.models import Country, Membership
from puebla.fund.models import Category

MONEY = {"max_digits": 12, "decimal_places": 2}


def _text(label, *, help_text="", rows=4, required=True):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label, *, help_text="", required=True):
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class RequestForm(forms.Form):
    """A request on a migrant's behalf. Field names are the services' (puebla.fund.services
    CASE_FIELDS and IDENTITY_FIELDS), so that their errors land on the right field."""

    category = forms.ChoiceField(label=_("Category"), choices=())
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    family_names = forms.CharField(label=_("Family names"), max_length=200)
    birth_date = _date(_("Date of birth"))
    departure_country = forms.ModelChoiceField(
        label=_("Country of departure"), queryset=Country.objects.none()
    )
    return_country = forms.ModelChoiceField(
        label=_("Country of return"), queryset=Country.objects.none()
    )
    return_plan = _text(
        _("Return plan"),
        help_text=_("The journey, who accompanies the person and who receives them."),
    )
    cost = forms.DecimalField(
        label=_("Cost of the return (USD)"),
        help_text=_("More than zero and at most USD 1,000, with at most two decimals."),
        **MONEY,
    )
    national_programmes_gap = _text(
        _("Why national programmes cannot cover it"),
        help_text=_("The programmes of the countries concerned, and why they do not suffice."),
    )
    decision_on = _date(_("Date of the migrant's decision to return"))
    decision_language = forms.CharField(
        label=_("Language in which the decision was explained and taken"), max_length=60
    )
    decision_by = forms.CharField(
        label=_("Who recorded the decision"),
        max_length=300,
        help_text=_("Name and institution of the person who heard the free and informed decision."),
    )
    guardian_authority = forms.CharField(
        label=_("Guardian authority (for a child or adolescent)"),
        max_length=300,
        required=False,
        help_text=_("The authority that decided with the child on the return."),
    )

    IDENTITY = ("given_names", "family_names", "birth_date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "---------"), *Category.choices]
        # Returns are between the member states (the fund is the RCM's own).
        members = Membership.objects.current().filter(status=Membership.Status.MEMBER)
        countries = Country.objects.filter(pk__in=members.values("country")).order_by(
            language_column("name")
        )
        for name in ("departure_country", "return_country"):
            self.fields[name].queryset = countries

    def case_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in self.IDENTITY}

    def identity_fields(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.IDENTITY}


class MessageForm(forms.Form):
    """A question to the requester, or the requester's answer."""

    text = _text(_("Message"))


class ApproveForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Approved amount (USD)"),
        help_text=_("At most the plan's cost; the fund must have it available."),
        **MONEY,
    )
    note = _text(_("Note to the requester"), required=False, rows=2)


class ReasonForm(forms.Form):
    reason = _text(_("Reason"), help_text=_("The requester reads it on the case."), rows=3)


class NoteForm(forms.Form):
    note = _text(_("Note"), required=False, rows=2)


class DisbursementForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount (USD)"), **MONEY)
    iom_office = forms.CharField(label=_("IOM office running the return"), max_length=200)
    entry_date = _date(_("Date of the transfer"))
    reference = forms.CharField(label=_("Transfer reference"), max_length=100, required=False)


class ReturnForm(forms.Form):
    returned_on = _date(_("Date of the return"))


class ContributionForm(forms.Form):
    donor = forms.CharField(label=_("Donor"), max_length=200)
    entry_date = _date(_("Date received"))
    reference = forms.CharField(label=_("Reference of the transfer or receipt"), max_length=100)
    currency = forms.CharField(
        label=_("Currency received"),
        max_length=3,
        initial="USD",
        help_text=_("Its three-letter ISO code. For another currency than USD give the rate."),
    )
    amount = forms.DecimalField(
        label=_("Amount in USD"),
        required=False,
        help_text=_("For a contribution in another currency it is worked out from the rate."),
        **MONEY,
    )
    original_amount = forms.DecimalField(
        label=_("Amount in the currency received"), required=False, **MONEY
    )
    rate = forms.DecimalField(
        label=_("Rate (USD for one unit)"), required=False, max_digits=14, decimal_places=6
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Kept in the ledger, which is never erased: name no migrant."),
    )

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper()

    def clean(self):
        data = super().clean()
        if (
            data.get("currency") == "USD"
            and data.get("amount") is None
            and "amount" not in self.errors
        ):
            self.add_error("amount", ValidationError(_("Give the amount in USD."), code="required"))
        return data


class CaseFileForm(forms.Form):
    upload = forms.FileField(
        label=_("File"),
        error_messages={"empty": _("The file is empty. Choose the file again.")},
    )

    def __init__(self, *args, **kwargs):
        from puebla.documents import filetypes

        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _("%(types)s; at most %(size)s MB.") % {
            "types": filetypes.accepted_names(),
            "size": settings.DOCUMENT_MAX_BYTES // 2**20,
        }
