"""Forms of the statistics pages: the secretariat's round and a country's file. The services
(puebla.stats.services) validate again; the forms only turn what was typed into arguments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from puebla.core.bilingual import language_column
from puebla.followup.models import InputRequest
from puebla.meetings.querysets import member_states
from puebla.stats.models import DataStructure


class RoundForm(forms.Form):
    structure = forms.ModelChoiceField(
        label=_("Data structure"),
        queryset=DataStructure.objects.none(),
        empty_label=None,
        # Radio buttons: a structure's name is long, and a phone's select would cut it.
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the structures listed.")},
    )
    period_start = forms.CharField(
        label=_("First period"),
        max_length=8,
        help_text=_("A month as 2026-01, a quarter as 2026-Q1, as the structure counts time."),
    )
    period_end = forms.CharField(
        label=_("Last period"),
        max_length=8,
        required=False,
        help_text=_("Empty: the first period only."),
    )
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    late_rule = forms.ChoiceField(
        label=_("Late figures"),
        choices=InputRequest.LateRule.choices,
        initial=InputRequest.LateRule.ACCEPT_LATE,
        widget=forms.RadioSelect,
    )
    all_member_states = forms.BooleanField(label=_("All member states"), required=False)
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries asked"),
        queryset=member_states(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = DataStructure.objects.order_by("key", "-version")
        self.fields["countries"].queryset = member_states().order_by(language_column("name"))

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "structure": data["structure"],
            "period_start": data["period_start"],
            "period_end": data["period_end"] or data["period_start"],
            "due_date": data["due_date"],
            "late_rule": data["late_rule"],
            "all_member_states": data["all_member_states"],
            "countries": list(data["countries"]),
        }


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File with the figures"),
        help_text=_(
            "The template filled in, as CSV (comma or semicolon) or Excel (XLSX), or an "
            "SDMX-CSV file. Every problem is listed at once; nothing is kept until the file is "
            "right."
        ),
    )
    confirm = forms.BooleanField(
        label=_("The changes listed are right: keep the figures"),
        required=False,
        help_text=_("Choose the file again: a browser does not keep it between two sends."),
    )


class PublishForm(forms.Form):
    note_es = forms.CharField(
        label=_("Note, in Spanish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What this release corrects or adds: needed from the second release on."),
    )
    note_en = forms.CharField(
        label=_("Note, in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
