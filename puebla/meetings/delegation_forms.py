"""Forms of the delegation pages: nominate a delegate, decline a nomination."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from puebla.directory.models import Appointment, Person


class NominationForm(forms.Form):
    """A directory person of the country, or a new person with name, position and e-mail."""

    person = forms.ModelChoiceField(
        label=_("A person in the directory"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Someone else (fill in below)"),
    )
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("Where the delegate receives the confirmation. Needed for someone new."),
    )
    language = forms.ChoiceField(
        label=_("Language of the delegate's mail"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, country, **kwargs):
        super().__init__(*args, **kwargs)
        current = Appointment.objects.current().filter(country=country)
        self.fields["person"].queryset = (
            Person.objects.filter(appointments__in=current)
            .distinct()
            .order_by("family_name", "given_name")
        )
        self.fields["language"].initial = (get_language() or "es")[:2]

    def clean(self):
        data = super().clean()
        if data.get("person") is None:
            missing = {
                "given_name": _("Give the delegate's given name."),
                "family_name": _("Give the delegate's family name."),
                "email": _("Give the delegate's e-mail address."),
            }
            for name, message in missing.items():
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Sent to the nominee and the country's focal points."),
    )


class ParticipationRequestForm(forms.Form):
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"))
