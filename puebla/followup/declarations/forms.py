"""Forms of the secretariat's declaration and commitment pages. The services
(puebla.followup.declarations.services) validate again; the forms turn what was typed into
their arguments and offer only sensible choices."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from puebla.core.bilingual import language_column
from puebla.core.forms import LanguageOfPartsMixin
from puebla.core.text import text_in
from puebla.directory.models import Body, Country
from puebla.documents.models import Document, Theme
from puebla.followup.models import Commitment, Declaration
from puebla.meetings.models import Meeting
from puebla.meetings.querysets import member_states
from puebla.planning import cells
from puebla.planning.models import GcmObjective, Item


class DeclarationForm(LanguageOfPartsMixin, forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Vice-Ministerial meeting"),
        queryset=Meeting.objects.none(),
        empty_label=_("Choose the meeting"),
        error_messages={
            "required": _("Choose the Vice-Ministerial meeting that adopted the declaration."),
            "invalid_choice": _("Choose one of the Vice-Ministerial meetings listed."),
        },
    )
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write the date as year-month-day, e.g. 2026-06-15.")},
    )
    document = forms.ModelChoiceField(
        label=_("Document"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=_("No document"),
        help_text=_("Optional: the declaration's text in the document library (kind Declaration)."),
        error_messages={"invalid_choice": _("Choose one of the documents listed.")},
    )

    def __init__(self, *args, declaration: Declaration | None = None, **kwargs):
        if declaration is not None:
            kwargs.setdefault(
                "initial",
                {
                    "meeting": declaration.meeting_id,
                    "title_es": declaration.title_es,
                    "title_en": declaration.title_en,
                    "adopted_on": declaration.adopted_on,
                    "document": declaration.document_id,
                },
            )
        super().__init__(*args, **kwargs)
        kept_meeting = Q(pk=declaration.meeting_id) if declaration else Q(pk__in=[])
        # Only Vice-Ministerial meetings adopt declarations (Declaration.clean says so too).
        self.fields["meeting"].queryset = Meeting.objects.filter(
            Q(kind=Meeting.Kind.VICE_MINISTERIAL) | kept_meeting
        ).order_by("-start_date", "slug")
        kept_document = Q(pk=declaration.document_id) if declaration else Q(pk__in=[])
        # The library's declarations: offering every document would bury them.
        self.fields["document"].queryset = Document.objects.filter(
            Q(kind=Document.Kind.DECLARATION) | kept_document
        )

    def clean(self):
        data = super().clean()
        if not (data.get("title_es", "").strip() or data.get("title_en", "").strip()):
            self.add_error("title_es", _("Give the title in Spanish, in English, or both."))
        return data


class CommitmentForm(LanguageOfPartsMixin, forms.Form):
    number = forms.CharField(
        label=_("Number"),
        max_length=20,
        help_text=_('As the declaration numbers it, e.g. "3" or "3.a".'),
        error_messages={"required": _("Give the commitment's number, as in the declaration.")},
    )
    position = forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=32767,
        initial=100,
        help_text=_("Commitments are listed by position, smallest first."),
        error_messages={"invalid": _("Give the position as a whole number, e.g. 10.")},
    )
    text_es = forms.CharField(
        label=_("Text (Spanish)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    text_en = forms.CharField(
        label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    theme = forms.ChoiceField(
        label=_("Theme"), choices=[("", _("No theme")), *Theme.choices], required=False
    )
    responsible_es = forms.CharField(
        label=_("Responsible (Spanish)"), max_length=300, required=False
    )
    responsible_en = forms.CharField(
        label=_("Responsible (English)"), max_length=300, required=False
    )
    responsible_bodies = forms.ModelMultipleChoiceField(
        label=_("Responsible bodies"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    responsible_countries = forms.ModelMultipleChoiceField(
        label=_("Responsible countries"),
        queryset=Country.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    plan_items = forms.TypedMultipleChoiceField(
        label=_("Plan of Action items"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_(
            "Grouped by plan, labelled by the item's number. Hold Ctrl (⌘ on a Mac) to "
            "choose several."
        ),
    )
    gcm_objectives = forms.ModelMultipleChoiceField(
        label=_("Global Compact objectives"),
        queryset=GcmObjective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, commitment: Commitment | None = None, **kwargs):
        if commitment is not None:
            kwargs.setdefault("initial", _commitment_initial(commitment))
        super().__init__(*args, **kwargs)
        self.fields["responsible_bodies"].queryset = Body.objects.all()
        self.fields["responsible_bodies"].label_from_instance = lambda body: text_in(body, "name")
        # Member states answer for commitments; a country chosen before stays offered.
        kept = commitment.responsible_countries.all() if commitment else Country.objects.none()
        self.fields["responsible_countries"].queryset = Country.objects.filter(
            Q(pk__in=member_states()) | Q(pk__in=kept)
        ).order_by(language_column("name"))
        self.fields["gcm_objectives"].queryset = GcmObjective.objects.all()
        self.fields["gcm_objectives"].label_from_instance = lambda objective: (
            f"{objective.number}. {text_in(objective, 'title')}"
        )
        self.fields["plan_items"].choices = _plan_item_choices()

    def clean(self):
        data = super().clean()
        if not (data.get("text_es", "").strip() or data.get("text_en", "").strip()):
            self.add_error("text_es", _("Give the text in Spanish, in English, or both."))
        return data

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["plan_items"] = list(Item.objects.filter(pk__in=data["plan_items"]))
        for name in ("responsible_bodies", "responsible_countries", "gcm_objectives"):
            data[name] = list(data[name])
        return data


def _commitment_initial(commitment: Commitment) -> dict:
    initial = {
        name: getattr(commitment, name)
        for name in (
            "number", "position", "text_es", "text_en", "theme", "responsible_es",
            "responsible_en",
        )
    }  # fmt: skip
    for name in ("responsible_bodies", "responsible_countries", "gcm_objectives", "plan_items"):
        initial[name] = [record.pk for record in getattr(commitment, name).all()]
    return initial


def _plan_item_choices() -> list:
    """Every plan's items as option groups, in the plan's own order, each labelled by its
    number and the start of its text."""
    groups: dict[int, tuple[str, list]] = {}
    items = Item.objects.select_related("plan").order_by("plan__position", "plan__slug", "position")
    for item in items:
        plan_label = text_in(item.plan, "title") or item.plan.slug
        text = cells.without_markup(text_in(item, "text"))  # an option shows no <i> tag
        label = f"{item.number} {text}" if item.number else text
        groups.setdefault(item.plan_id, (plan_label, []))[1].append(
            (item.pk, label[:100] + ("…" if len(label) > 100 else ""))
        )
    return list(groups.values())
