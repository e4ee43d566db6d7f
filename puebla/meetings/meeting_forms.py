"""The secretariat's meeting form: every field of the meeting in both languages. Its documents
are documents of the repository that name it (puebla.documents).

A typed date is taken as the day it names, an empty one as "not given": the precision is asked
for only when the date is known to the month or the year alone. The parts of the form that most
meetings leave empty are folded (`FOLDED`), and open by themselves when they hold a value or an
error, so nothing typed is hidden.
"""

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from puebla.core.access import Audience
from puebla.core.bilingual import text_label
from puebla.core.choices import ByNameModelChoiceField
from puebla.core.forms import LanguageOfPartsMixin
from puebla.directory.models import Body, Organisation
from puebla.meetings import precision
from puebla.meetings.models import City, Meeting
from puebla.meetings.precision import Precision

TRANSLATED = (
    "title",
    "description",
    "motto",
    "objectives_general",
    "objectives_specific",
    "expected_results",
    "participant_profile",
    "costs_note",
    "documents_note",
)


# The folded parts of the form, by name, and the fields each holds.
FOLDED = {
    "convening": (
        "convened_by_presidency",
        "convening_country",
        "convening_bodies",
        "convening_organisations",
        "supporting_bodies",
        "supporting_organisations",
    ),
    "precision": ("start_precision", "end_precision"),
    "content": (
        *[
            f"{name}_{code}"
            for name in TRANSLATED[1:]
            if name != "costs_note"
            for code in ("es", "en")
        ],
        "documents_language",
    ),
    "participation": (
        "costs_note_es",
        "costs_note_en",
        "seats_per_country",
        "nomination_deadline",
        "waiting_list",
        "participants_audience",
        "observers_may_request",
    ),
    "audience_details": ("audience_bodies", "audience_country"),
}

# A typed date is a day (the blank choice); a coarser precision is the secretariat's to choose.
AS_TYPED = ""
PRECISION_CHOICES = [
    # Short enough for a phone's select; the section's text says an empty date is "not given".
    (AS_TYPED, _("The day typed")),
    (Precision.MONTH, _("Only the month is known")),
    (Precision.YEAR, _("Only the year is known")),
]


class CityChoiceField(ByNameModelChoiceField):
    """A city by its name and country: two cities may share a name ("Santa Ana")."""

    def label_from_instance(self, city):
        return f"{city}, {city.country}" if city.country_id else str(city)


def _choices(model, label):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=model.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _https_by_default(model_field, **kwargs):
    """An address typed without its scheme is taken as https (Django 6's default)."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class MeetingForm(LanguageOfPartsMixin, forms.ModelForm):
    convening_bodies = _choices(Body, _("Convened by (bodies)"))
    convening_organisations = _choices(Organisation, _("Convened by (organisations)"))
    supporting_bodies = _choices(Body, _("Supported by (bodies)"))
    supporting_organisations = _choices(Organisation, _("Supported by (organisations)"))
    audience_bodies = _choices(Body, _("Bodies (for the audience “members of named bodies”)"))

    class Meta:
        model = Meeting
        formfield_callback = _https_by_default
        fields = [
            "slug",
            "kind",
            *[f"{name}_{code}" for name in TRANSLATED[:1] for code in ("es", "en")],
            "status",
            "body",
            "convened_by_presidency",
            "convening_country",
            "host_country",
            "city",
            "venue",
            "online",
            "online_link",
            "start_date",
            "start_precision",
            "start_time",
            "end_date",
            "end_precision",
            "end_time",
            *[f"{name}_{code}" for name in TRANSLATED[1:] for code in ("es", "en")],
            "documents_language",
            "seats_per_country",
            "nomination_deadline",
            "waiting_list",
            "participants_audience",
            "observers_may_request",
            "audience",
            "audience_country",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "nomination_deadline": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
            **{
                f"{name}_{code}": forms.Textarea(attrs={"rows": 3})
                for name in TRANSLATED[1:]
                for code in ("es", "en")
            },
        }
        field_classes = {
            "host_country": ByNameModelChoiceField,
            "convening_country": ByNameModelChoiceField,
            "city": CityChoiceField,
        }
        help_texts = {
            "slug": _("Part of the meeting's address: letters, digits and hyphens."),
            "start_date": _("Leave it empty when the date is not known yet."),
        }

    start_precision = forms.ChoiceField(
        label=_("Start known to"), choices=PRECISION_CHOICES, required=False
    )
    end_precision = forms.ChoiceField(
        label=_("End known to"), choices=PRECISION_CHOICES, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.select_related("country")
        for end in ("start", "end"):
            stored = getattr(self.instance, f"{end}_precision")
            coarse = stored in (Precision.MONTH, Precision.YEAR)
            self.initial[f"{end}_precision"] = stored if coarse else AS_TYPED
        for name in TRANSLATED:
            field = capfirst(text_label(Meeting, name))
            self.fields[f"{name}_es"].label = _("%(field)s, in Spanish") % {"field": field}
            self.fields[f"{name}_en"].label = _("%(field)s, in English") % {"field": field}
        if self.instance.pk:
            self.fields["slug"].disabled = True  # calendar programs and links keep it

    def clean(self):
        data = super().clean()
        for end in ("start", "end"):
            self._settle_precision(data, end)
        audience = data.get("audience")
        if audience == Audience.BODY and not data.get("audience_bodies"):
            self.add_error("audience_bodies", _("Choose the bodies whose members may see it."))
        return data

    def _settle_precision(self, data: dict, end: str) -> None:
        """The precision of what was typed: a date is a day unless the month or the year was
        chosen (then the date is stored as the first day of that month or year); no date is
        "not given"."""
        date_name, precision_name = f"{end}_date", f"{end}_precision"
        if date_name not in data:
            return  # not a date: its own error is shown
        date, chosen = data[date_name], data.get(precision_name) or AS_TYPED
        if date is None:
            if chosen != AS_TYPED:
                self.add_error(
                    date_name,
                    _("Type a day of that month or year, or leave the date empty."),
                )
            data[precision_name] = Precision.NOT_GIVEN
            return
        known_to = chosen or Precision.DAY
        data[precision_name] = known_to
        data[date_name] = precision.truncate(date, known_to)

    @property
    def open_sections(self) -> set[str]:
        """The folded parts to show open: those holding a value or an error."""
        return {
            section
            for section, names in FOLDED.items()
            if any(self[name].errors or self._holds_value(name) for name in names)
        }

    def _holds_value(self, name: str) -> bool:
        """Whether the field says more than the meeting's default (an empty text, no bodies,
        a date known to the day ...)."""
        field, value = self.fields[name], self[name].value()
        if name.endswith("_precision"):
            return (value or AS_TYPED) != AS_TYPED
        default = Meeting._meta.get_field(name).get_default()
        if isinstance(field, forms.BooleanField):
            return bool(value) != bool(default)
        if value in (None, "", [], ()):
            return False
        return str(value) != str(default if default is not None else "")
