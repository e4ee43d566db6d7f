"""The calendar's filters, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from puebla.core.choices import ByNameModelChoiceField
from puebla.core.provenance import year_label
from puebla.core.widgets import LongSelect
from puebla.directory.models import Country
from puebla.meetings.models import Meeting


class When:
    UPCOMING = "upcoming"
    PAST = "past"
    UNDATED = "undated"
    CHOICES = [
        (UPCOMING, _("Upcoming")),
        (PAST, _("Past")),
        (UNDATED, _("Date not given")),
    ]


# The query parameters the calendar reads: the page cache keys its pages by exactly these.
PARAMETERS = ("when", "kind", "body", "country", "year", "q", "page")


class CalendarFilterForm(forms.Form):
    when = forms.ChoiceField(label=_("When"), choices=When.CHOICES, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Meeting.Kind.choices], required=False
    )
    # The bodies that have meetings, given by the view: a choice never leads to an empty list.
    body = forms.ChoiceField(label=_("Body"), required=False, widget=LongSelect)
    country = ByNameModelChoiceField(
        label=_("Host country"),
        queryset=Country.objects.all(),
        to_field_name="iso_code",
        empty_label=_("All countries"),
        required=False,
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    q = forms.CharField(label=_("Title contains"), max_length=100, required=False)

    def __init__(
        self, *args, years: list[tuple[int, int]], bodies: list[tuple[str, str]], **kwargs
    ):
        """`years`: each year with how many of its meetings have inferred dates
        (MeetingQuerySet.years): the option says so, as the list beside each date does.
        `bodies`: the bodies the reader's meetings belong to (MeetingQuerySet.body_choices)."""
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("All bodies")), *bodies]
        self.fields["year"].choices = [
            ("", _("All years")),
            *[(year, year_label(year, inferred)) for year, inferred in years],
        ]
