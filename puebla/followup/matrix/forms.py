"""Forms of the comparative-matrix pages: opening a cycle, adding a topic, a country's entries
(three texts per topic), publishing. The services (puebla.followup.matrix.services) validate
again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from puebla.core.access import Audience
from puebla.core.forms import LanguageOfPartsMixin
from puebla.followup.matrix.columns import AREA_NAMES, AREAS
from puebla.followup.matrix.naming import meeting_label
from puebla.followup.matrix.selectors import meetings_open_for_a_cycle
from puebla.followup.matrix.services import entry_token
from puebla.meetings.models import Meeting


class CycleForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("RCGM meeting"),
        queryset=Meeting.objects.none(),
        empty_label=_("Choose the meeting"),
        error_messages={
            "required": _("Choose the RCGM meeting the matrix is prepared for."),
            "invalid_choice": _("Choose one of the RCGM meetings listed."),
        },
    )
    due_date = forms.DateField(
        label=_("Input due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Optional: the day by which the member states send their changes."),
        error_messages={"invalid": _("Write the date as year-month-day, e.g. 2026-06-15.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings_open_for_a_cycle()
        # Many shipped RCGM meetings share one English title: each is named in the reader's
        # language with where and when it is held.
        self.fields["meeting"].label_from_instance = meeting_label


BUILT_IN_HELP = _(
    "A subject, such as asylum or labour migration. Every topic already has the built-in "
    "columns policy, legislation and regulations: do not add them as topics."
)


class TopicTitlesForm(LanguageOfPartsMixin, forms.Form):
    """A topic's titles and place: renaming a topic (its key stays)."""

    title_es = forms.CharField(
        label=_("Topic (Spanish)"), max_length=200, required=False, help_text=BUILT_IN_HELP
    )
    title_en = forms.CharField(label=_("Topic (English)"), max_length=200, required=False)
    position = forms.IntegerField(
        label=_("Place in the list"),
        min_value=0,
        max_value=32767,
        initial=100,
        help_text=_("Topics are shown by position, lowest first."),
    )

    def clean(self):
        data = super().clean()
        if not (data.get("title_es", "").strip() or data.get("title_en", "").strip()):
            self.add_error("title_es", _("Give the topic in Spanish, in English, or both."))
        return data


class TopicForm(TopicTitlesForm):
    """A new topic: its titles, its key and its place."""

    field_order = ["title_es", "title_en", "key", "position"]
    key = forms.SlugField(
        label=_("Key"),
        max_length=60,
        help_text=_(
            "Short, with letters, digits and hyphens, e.g. refugee-protection. The next cycle "
            "compares the topic of the same key."
        ),
        error_messages={
            "required": _("Give the topic a key, e.g. refugee-protection."),
            "invalid": _("Write the key with letters, digits and hyphens only."),
        },
    )


class EntriesForm(forms.Form):
    """A country's three texts for each topic of a cycle, in fields named `<key>-<area>`, and
    what the page showed of each entry (`<key>-seen`, matrix.entry_token)."""

    def __init__(self, *args, topics, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = topics
        for topic in topics:
            entry = entries.get(topic.pk)
            for area in AREAS:
                self.fields[self.name_of(topic, area)] = forms.CharField(
                    label=AREA_NAMES[area],
                    required=False,
                    initial=getattr(entry, area) if entry else "",
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            self.fields[self.name_of(topic, "seen")] = forms.CharField(
                required=False, initial=entry_token(entry), widget=forms.HiddenInput
            )

    @staticmethod
    def name_of(topic, area: str) -> str:
        return f"{topic.key}-{area}"

    def service_arguments(self) -> dict:
        """matrix.entries_save's `texts` and `seen`."""
        data = self.cleaned_data
        return {
            "texts": {
                topic: {area: data[self.name_of(topic, area)] for area in AREAS}
                for topic in self.topics
            },
            "seen": {topic: data[self.name_of(topic, "seen")] for topic in self.topics},
        }

    def add_topic_errors(self, error) -> None:
        """matrix.entries_save's errors, keyed by topic key, beside each topic's first field."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.error_dict.items():
            self.add_error(f"{key}-{AREAS[0]}", messages)

    def fields_of(self, topic):
        return [self[self.name_of(topic, name)] for name in (*AREAS, "seen")]


class PublishForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Who may read the published entries"),
        choices=[
            (value, label)
            for value, label in Audience.choices
            if value not in (Audience.BODY, Audience.COUNTRY)
        ],
        initial=Audience.MEMBERS,
        widget=forms.RadioSelect,
    )
