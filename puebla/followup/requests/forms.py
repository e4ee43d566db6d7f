"""Forms of the requests' pages: the secretariat's request, a country's answer, the decision
on an answer, the reminders, a head of delegation, the digest preference. The services
(puebla.followup.requests.services) validate again; the forms only turn what was typed into
their arguments."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puebla.core.bilingual import language_column
from puebla.core.forms import LanguageOfPartsMixin
from puebla.followup.declarations.selectors import commitment_choices
from puebla.followup.models import LANGUAGES, Commitment, HeadOfDelegation, InputRequest
from puebla.followup.requests.services import DEFAULT_SCHEDULE, REMINDER_SETTINGS
from puebla.meetings.querysets import member_states

SCHEDULE_LINE = re.compile(r"^\s*([+-]?\d{1,3})\s*(?:/\s*(\d{1,3}))?\s*$")


def schedule_text(schedule) -> str:
    """The schedule as the form shows it: one rule a line, "days from the due date[/repeat]"."""
    return "\n".join(f"{offset}" + (f"/{repeat}" if repeat else "") for offset, repeat in schedule)


def parse_schedule(text: str) -> list[tuple[int, int | None]]:
    rules = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = SCHEDULE_LINE.match(line)
        if match is None:
            raise forms.ValidationError(
                _(
                    "Line %(number)s is not a reminder: write the days from the due date "
                    "(-14 before it, 0 on it, 7 after it), and /7 to repeat every 7 days."
                ),
                params={"number": number},
            )
        rules.append((int(match[1]), int(match[2]) if match[2] else None))
    return rules


class ReminderForm(LanguageOfPartsMixin, forms.Form):
    """When a request's reminders go, to whom, and the text added to them: part of a new
    request (RequestForm), and changed on the request's reminders page."""

    schedule = forms.CharField(
        label=_("Reminder schedule"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        initial=schedule_text(DEFAULT_SCHEDULE),
        help_text=_(
            "One reminder a line: days from the due date (-14 is two weeks before, 0 the day "
            "itself, 7 a week after), and /7 to repeat every 7 days. Empty: no reminders."
        ),
    )
    remind_focal_points = forms.BooleanField(
        label=_("Remind the focal points"), required=False, initial=True
    )
    remind_officials = forms.BooleanField(
        label=_("Remind all the country's officials"), required=False
    )
    remind_head = forms.BooleanField(label=_("Remind the head of delegation"), required=False)
    escalate_to_head = forms.BooleanField(
        label=_("After the due date, remind the head of delegation too"), required=False
    )
    reminder_text_es = forms.CharField(
        label=_("Reminder text (Spanish)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Optional: added to the reminder mail."),
    )
    reminder_text_en = forms.CharField(
        label=_("Reminder text (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Optional: added to the reminder mail."),
    )

    def clean_schedule(self):
        return parse_schedule(self.cleaned_data["schedule"])

    @staticmethod
    def initial_for(request: InputRequest) -> dict:
        """The request's reminders as the form shows them."""
        rules = request.reminder_rules.all()
        return {
            "schedule": schedule_text((rule.offset_days, rule.repeat_days) for rule in rules),
            **{name: getattr(request, name) for name in REMINDER_SETTINGS},
        }

    def reminder_arguments(self) -> dict:
        """services.reminder_schedule_set's `schedule` and settings."""
        return {name: self.cleaned_data[name] for name in ("schedule", *REMINDER_SETTINGS)}


class RequestForm(ReminderForm):
    title_es = forms.CharField(label=_("Topic (Spanish)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Topic (English)"), max_length=300, required=False)
    instructions_es = forms.CharField(
        label=_("Instructions (Spanish)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    instructions_en = forms.CharField(
        label=_("Instructions (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    commitments = forms.TypedMultipleChoiceField(
        label=_("Commitments followed up"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Optional: the commitments of one declaration that this request follows up. Each "
            "commitment's page then lists the request and each country's answer."
        ),
        error_messages={"invalid_choice": _("Choose among the commitments listed.")},
    )
    template = forms.FileField(
        label=_("Template file"),
        required=False,
        help_text=_("Optional. The document library's rules apply: PDF, Word, Excel or similar."),
    )
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    late_rule = forms.ChoiceField(
        label=_("Late answers"),
        choices=InputRequest.LateRule.choices,
        initial=InputRequest.LateRule.ACCEPT_LATE,
        widget=forms.RadioSelect,
    )
    all_member_states = forms.BooleanField(label=_("All member states"), required=False)
    countries = forms.ModelMultipleChoiceField(
        label=_("Addressed countries"),
        queryset=member_states().order_by(language_column("name")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The list of member states changes with memberships: read it for each form.
        self.fields["countries"].queryset = member_states().order_by(language_column("name"))
        self.fields["commitments"].choices = commitment_choices()

    def commitment_groups(self):
        """(declaration, its commitments' checkboxes) for each declaration, so that the page
        groups the commitments under the declaration that states them."""
        boxes = iter(self["commitments"].subwidgets)
        return [
            (declaration, [next(boxes) for _option in options])
            for declaration, options in self.fields["commitments"].choices
        ]

    def clean_commitments(self):
        chosen = self.cleaned_data["commitments"]
        return list(Commitment.objects.filter(pk__in=chosen).order_by("position", "pk"))

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date has already passed."))
        return due

    def clean(self):
        data = super().clean()
        if not data.get("all_member_states") and not data.get("countries"):
            self.add_error("countries", _("Choose the countries asked, or all member states."))
        if not (data.get("title_es", "").strip() or data.get("title_en", "").strip()):
            self.add_error("title_es", _("Name the topic the request is about."))
        return data

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["countries"] = list(data["countries"] or [])
        template = data.pop("template")
        if template:
            data["template"] = template
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your country's answer"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_(
            "Markdown: a blank line between paragraphs, *italics*, **bold**, lists with - ."
        ),
    )
    files = MultipleFileField(label=_("Files"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the focal points"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Required to return the answer: say what to revise."),
    )


class DigestForm(forms.Form):
    digest = forms.BooleanField(
        label=_("Send me one mail listing all my country's pending requests"), required=False
    )


class HeadOfDelegationForm(forms.Form):
    """Who "remind the head of delegation" reaches for one member state."""

    country = forms.ModelChoiceField(
        label=_("Country"), queryset=member_states().order_by(language_column("name"))
    )
    full_name = forms.CharField(
        label=_("Full name"), max_length=HeadOfDelegation._meta.get_field("full_name").max_length
    )
    email = forms.EmailField(label=_("E-mail address"))
    language = forms.ChoiceField(
        label=_("Language of the reminders"),
        choices=LANGUAGES,
        initial="es",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = member_states().order_by(language_column("name"))
