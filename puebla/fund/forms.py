"""Forms of the Reserve Fund's pages: a request (what the decision needs, nothing more), the
officers' steps, and a contribution to the fund.

The forms check what a field alone can tell (a date, an amount with two decimals, the ceiling
per case); the rules that tie fields together (a category's ages, departure equal to return)
are the services', whose errors the views put back on these forms. The categories offered and
the ceiling are the secretariat's settings (puebla.fund.fund_settings), read when the form is
made.
"""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from puebla.core.bilingual import language_column
from puebla.core.forms import LanguageOfPartsMixin
from puebla.directory.models import Country, Membership
from puebla.fund import fund_settings

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

    # By key, not number: a form typed before a reload still names the same category.
    category = forms.ModelChoiceField(label=_("Category"), queryset=None, to_field_name="code")
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
    cost = forms.DecimalField(label=_("Cost of the return (USD)"), **MONEY)
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

    def __init__(self, *args, keep_category=None, **kwargs):
        """`keep_category`: a draft's own category, offered even if retired since."""
        super().__init__(*args, **kwargs)
        self.settings = fund_settings.fund_settings()
        self.fields["category"].queryset = fund_settings.offered_categories(keep=keep_category)
        ceiling = fund_settings.ceiling_text(self.settings)
        self.fields["cost"].help_text = (
            _("More than zero and at most %(ceiling)s, with at most two decimals.")
            % {"ceiling": ceiling}
            if ceiling
            else _("More than zero, with at most two decimals.")
        )
        # Returns are between the member states (the fund is the RCM's own).
        members = Membership.objects.current().filter(status=Membership.Status.MEMBER)
        countries = Country.objects.filter(pk__in=members.values("country")).order_by(
            language_column("name")
        )
        for name in ("departure_country", "return_country"):
            self.fields[name].queryset = countries

    def clean_cost(self):
        cost = self.cleaned_data["cost"]
        if cost is not None and (refusal := fund_settings.ceiling_refusal(cost, self.settings)):
            raise ValidationError(refusal, code="ceiling")
        return cost

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


# --- The fund's settings (the Technical Secretariat's) -----------------------------------------


class CeilingForm(forms.Form):
    ceiling_amount = forms.DecimalField(
        label=_("Ceiling per case"),
        required=False,
        min_value=Decimal("0.01"),
        help_text=_("Leave it empty for no ceiling: the request form then refuses no amount."),
        **MONEY,
    )
    ceiling_currency = forms.CharField(
        label=_("Currency"),
        max_length=3,
        initial="USD",
        help_text=_("USD: the fund keeps its accounts and the cases' costs in US dollars."),
    )


def _age(label, help_text):
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=125, help_text=help_text
    )


class CategoryForm(LanguageOfPartsMixin, forms.Form):
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    min_age = _age(_("From age"), _("Empty: no lower age. The request form checks the birth date."))
    under_age = _age(
        _("Under age"), _("Empty: no upper age. 18 means the person must be 17 or younger.")
    )
    guardian_required = forms.BooleanField(
        label=_("The request must name the guardian authority that took the decision"),
        required=False,
    )


class RequesterKindForm(LanguageOfPartsMixin, forms.Form):
    code = forms.ChoiceField(label=_("Who files requests of this kind"), choices=())
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)

    def __init__(self, *args, codes=None, **kwargs):
        """`codes`: (key, meaning) of the kinds that may be added; None when renaming one."""
        super().__init__(*args, **kwargs)
        if codes is None:
            del self.fields["code"]
        else:
            self.fields["code"].choices = [("", "---------"), *codes]

    def names(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name_es", "name_en")}
