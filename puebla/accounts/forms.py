from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from puebla.accounts.models import Invitation, User
from puebla.accounts.permissions import fund_officer_change_refusal
from puebla.core.affiliation import Affiliation
from puebla.core.choices import ByNameModelChoiceField


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = [
            "email",
            "given_name",
            "family_name",
            "language",
            "affiliation",
            "country",
            "organisation",
            "is_focal_point",
            "is_fund_officer",
            "bodies",
            "person",
        ]
        widgets = {"bodies": forms.CheckboxSelectMultiple}
        field_classes = {"country": ByNameModelChoiceField, "organisation": ByNameModelChoiceField}
        # Which fields apply to which affiliation, said where they are filled in.
        help_texts = {
            "country": _("Only for member-state and observer-state officials."),
            "organisation": _("Only for the staff of observer organisations and civil society."),
            "is_focal_point": _("Only for member-state officials: their country's focal point."),
            "is_fund_officer": _("Only for people who handle Reserve Fund cases."),
        }

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered only to who may grant it; the others are told who can.
        if refusal := fund_officer_change_refusal(by=by):
            self.fields["is_fund_officer"].disabled = True
            self.fields["is_fund_officer"].help_text = refusal

    def clean(self):
        data = super().clean()
        affiliation = data.get("affiliation")
        needs_country = affiliation in {Affiliation.MEMBER_STATE, Affiliation.OBSERVER_STATE}
        needs_organisation = affiliation in {
            Affiliation.OBSERVER_ORGANISATION,
            Affiliation.CIVIL_SOCIETY,
        }
        if needs_country and not data.get("country"):
            self.add_error("country", _("Choose the country this person works for."))
        if not needs_country and data.get("country"):
            self.add_error("country", _("Only state officials have a country; leave it empty."))
        if needs_organisation and not data.get("organisation"):
            self.add_error("organisation", _("Choose the organisation this person works for."))
        if not needs_organisation and data.get("organisation"):
            self.add_error(
                "organisation", _("Only organisation staff have an organisation; leave it empty.")
            )
        if data.get("is_focal_point") and affiliation != Affiliation.MEMBER_STATE:
            self.add_error("is_focal_point", _("Only member-state officials can be focal points."))
        return data


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password, not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error(
                "password2", _("The two passwords differ. Type the same password twice.")
            )
        elif first:
            invitee = User(
                email=self.invitation.email,
                full_name=f"{self.invitation.given_name} {self.invitation.family_name}",
            )
            try:
                password_validation.validate_password(first, user=invitee)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_('Kept in the account\'s history, e.g. "left the ministry in March".'),
    )


class AddEmailForm(AllauthAddEmailForm):
    """A new address for one's account, never one that belongs to another account or awaits
    another person's invitation: Puebla would mail its confirmation link there. Refused with
    as few words as possible, which say nothing of whose it is."""

    def clean_email(self):
        value = self.cleaned_data["email"].strip().lower()
        others = User.objects.exclude(pk=self.user.pk)
        taken = (
            others.filter(email__iexact=value).exists()
            or EmailAddress.objects.filter(email__iexact=value).exclude(user=self.user).exists()
            or Invitation.objects.pending().filter(email__iexact=value).exists()
        )
        if taken:
            raise forms.ValidationError(_("This address cannot be used."), code="unusable")
        return super().clean_email()


class LoginForm(AllauthLoginForm):
    """allauth's sign-in form with the cursor in the e-mail field when the page opens: the page
    is there to sign in, and a keyboard user should not have to find the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].widget.attrs["autofocus"] = True
