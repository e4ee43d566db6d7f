"""The Plan of Action's forms: the public page's filters and the intranet's edit form."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from puebla.core import access
from puebla.core.forms import LanguageOfPartsMixin
from puebla.core.text import text_in
from puebla.core.widgets import ListedChoices, LongSelect
from puebla.directory.models import Body, Country, Organisation
from puebla.documents.models import Document
from puebla.meetings.models import Meeting
from puebla.planning import services
from puebla.planning.markup import STATUS_INFERRED
from puebla.planning.models import Item, Status

# The query parameters of the plan's filters: each combination is a cached page of its own.
CRITERIA = ("status", "theme", "responsible", "gcm")
FILTER_PARAMETERS = (*CRITERIA, "detail")
# `detail`: the plan page shows themes and objectives unless asked for every level (or filtered).
EVERY_LEVEL = "all"
# Every level (or a filter) is shown a page at a time (puebla.planning.views.paging).
PAGE_PARAMETER = "page"
# An export takes the filters, and `columns`: with status and progress (the default), or the
# source's five columns only.
EXPORT_PARAMETERS = (*CRITERIA, "columns")
SOURCE_COLUMNS = "source"


def responsible_value(item) -> str:
    """The filter's value for an item's responsible party: "secretariat", "body-3" ..."""
    kind = item.responsible_kind
    named = {
        Item.Responsible.BODY: item.responsible_body_id,
        Item.Responsible.COUNTRY: item.responsible_country_id,
        Item.Responsible.ORGANISATION: item.responsible_organisation_id,
    }
    if kind in named:
        return f"{kind}-{named[kind]}"
    return kind


def responsible_label(item) -> str:
    """Who is responsible, in words; empty when the source names nobody."""
    kind = item.responsible_kind
    if kind == Item.Responsible.BODY and item.responsible_body_id:
        return str(item.responsible_body)
    if kind == Item.Responsible.COUNTRY and item.responsible_country_id:
        return str(item.responsible_country)
    if kind == Item.Responsible.ORGANISATION and item.responsible_organisation_id:
        return str(item.responsible_organisation)
    return str(Item.Responsible(kind).label) if kind else ""


class PlanFilterForm(forms.Form):
    """GET filters of the plan page; a value that is not a choice is dropped, not an error."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    # Every party the plan names: as many as there are bodies, so written in one pass.
    responsible = forms.ChoiceField(label=_("Responsible party"), required=False, widget=LongSelect)
    gcm = forms.ChoiceField(label=_("Global Compact objective"), required=False)
    detail = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Themes and objectives")),
            (EVERY_LEVEL, _("Down to the activities")),  # short: a select cannot wrap on a phone
        ],
    )

    def __init__(self, data, *, statuses, themes, responsible, objectives):
        super().__init__(data)
        every = [("", gettext("All"))]
        self.fields["status"].choices = every + [
            (status.key, _status_choice(status)) for status in statuses
        ]
        self.fields["theme"].choices = every + [
            (str(theme.pk), text_in(theme, "text")) for theme in themes
        ]
        self.fields["responsible"].choices = ListedChoices(every + responsible)
        self.fields["gcm"].choices = every + [
            (str(objective.number), f"{objective.number}. {text_in(objective, 'title')}")
            for objective in objectives
        ]

    def criteria(self) -> dict[str, str]:
        """The filters chosen (not `detail`, which says how deep to show them)."""
        self.is_valid()
        return {
            name: value for name, value in self.cleaned_data.items() if value and name != "detail"
        }

    def every_level(self) -> bool:
        self.is_valid()
        return self.cleaned_data.get("detail") == EVERY_LEVEL

    def chosen(self) -> list[tuple[str, str]]:
        """The filters chosen, as (label, value) in words: an export's heading names them."""
        return [
            (str(self.fields[name].label), str(dict(self.fields[name].choices)[value]))
            for name, value in self.criteria().items()
        ]


def _status_choice(status: Status) -> str:
    """The status's name; the one the importer reads from the source's bold italics says it
    is inferred, as the items that have it do."""
    name = text_in(status, "name")
    if status.key == Status.MARKED:
        return f"{name} ({gettext(STATUS_INFERRED)})"
    return name


class KeysField(forms.CharField):
    """Records named by their keys (slugs), one a line or separated by spaces or commas."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value) or ""
        keys = [key.strip() for key in text.replace(",", " ").split()]
        return list(dict.fromkeys(key for key in keys if key))


class StatusChoiceField(forms.ModelChoiceField):
    """A status by its name in the reader's language ("Permanente", not "Ongoing")."""

    def label_from_instance(self, obj):
        return text_in(obj, "name") or obj.key


class ItemEditForm(LanguageOfPartsMixin, forms.Form):
    """What the secretariat and the responsible body's editors change on an item. The version
    read with the page comes back with the form (optimistic locking, services.item_update)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    status = StatusChoiceField(
        label=_("Status"), queryset=Status.objects.all(), required=False, empty_label=_("None")
    )
    schedule_es = forms.CharField(
        label=_("Schedule (Spanish)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    schedule_en = forms.CharField(
        label=_("Schedule (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible_kind = forms.ChoiceField(
        label=_("Responsible party"), choices=Item.Responsible.choices, required=False
    )
    responsible_body = forms.ModelChoiceField(
        label=_("Responsible body"), queryset=Body.objects.all(), required=False
    )
    responsible_country = forms.ModelChoiceField(
        label=_("Responsible country"), queryset=Country.objects.all(), required=False
    )
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.all(), required=False
    )
    evidence_meetings = KeysField(
        label=_("Evidence: meetings"),
        required=False,
        help_text=_("The meetings' keys, as in their addresses (e.g. xxi-rcm), one a line."),
    )
    evidence_documents = KeysField(
        label=_("Evidence: documents"),
        required=False,
        help_text=_(
            "The documents' keys, as in their addresses (e.g. plan-of-action), one a line."
        ),
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=services.COMMENT_LENGTH,
        help_text=_("What changed and why, in a sentence: it is shown in the item's history."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not access.is_secretariat(user):
            # A body's editors keep the item with one of their bodies: they could not edit it
            # again otherwise (the service checks this too).
            self.fields["responsible_kind"].choices = [
                (Item.Responsible.BODY, Item.Responsible.BODY.label)
            ]
            self.fields["responsible_body"].queryset = Body.objects.filter(
                pk__in=user.edited_body_ids
            )
            for name in ("responsible_country", "responsible_organisation"):
                self.fields[name].queryset = self.fields[name].queryset.none()

    @staticmethod
    def initial_for(item, user) -> dict:
        """The form's values for `item` as it is now: its version, and the keys of the
        evidence `user` may see (the service keeps the rest as it is)."""
        meetings = Meeting.objects.visible_to(user).filter(
            pk__in=item.evidence_meetings.values("pk")
        )
        documents = Document.objects.visible_to(user).filter(
            pk__in=item.evidence_documents.values("pk")
        )
        return {
            "version": item.version,
            "status": item.status_id,
            "schedule_es": item.schedule_es,
            "schedule_en": item.schedule_en,
            "responsible_kind": item.responsible_kind,
            "responsible_body": item.responsible_body_id,
            "responsible_country": item.responsible_country_id,
            "responsible_organisation": item.responsible_organisation_id,
            "evidence_meetings": "\n".join(
                meetings.order_by("slug").values_list("slug", flat=True)
            ),
            "evidence_documents": "\n".join(
                documents.order_by("slug").values_list("slug", flat=True)
            ),
        }
