"""The secretariat's meeting form: every field of the meeting in both languages. Its documents
are documents of the repository that name it (puebla.documents)."""

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from puebla.core.access import Audience
from puebla.core.bilingual import text_label
from puebla.core.choices import ByNameModelChoiceField
from puebla.core.forms import LanguageOfPartsMixin
from puebla.directory.models import Body, Organisation
from puebla.meetings.models import Meeting

TRANSLATED = (
    "title",
    "description",
    "objectives_general",
    "objectives_specific",
    "expected_results",
    "participant_profile",
    "costs_note",
    "documents_note",
)


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
        field_classes = {"host_country": ByNameModelChoiceField}
        help_texts = {
            "slug": _("Part of the meeting's address: letters, digits and hyphens."),
            "start_date": _(
                "Known to the month: the 1st of the month. Known to the year: 1 January."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TRANSLATED:
            field = capfirst(text_label(Meeting, name))
            self.fields[f"{name}_es"].label = _("%(field)s, in Spanish") % {"field": field}
            self.fields[f"{name}_en"].label = _("%(field)s, in English") % {"field": field}
        if self.instance.pk:
            self.fields["slug"].disabled = True  # calendar programs and links keep it

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        if audience == Audience.BODY and not data.get("audience_bodies"):
            self.add_error("audience_bodies", _("Choose the bodies whose members may see it."))
        return data
