"""The secretariat's form for a city the meetings' list lacks: its name in each language, its
country, and a time zone among that country's (puebla.meetings.time_zones)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from puebla.core.choices import ByNameModelChoiceField
from puebla.core.forms import LanguageOfPartsMixin
from puebla.core.text import collation_key
from puebla.directory.models import Country
from puebla.meetings import time_zones


class CityForm(LanguageOfPartsMixin, forms.Form):
    name_es = forms.CharField(label=_("Name, in Spanish"), max_length=100, required=False)
    name_en = forms.CharField(label=_("Name, in English"), max_length=100, required=False)
    country = ByNameModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        required=False,
        empty_label=_("Not in the directory"),
        help_text=_("Leave it empty only when the country is not in the directory."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_(
            "The zones are listed by country: choose one of the city's country. "
            "The meeting's times in calendars are read in this zone."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        country = self._country()
        self.fields["time_zone"].choices = self._zone_choices(first=country)
        zones = time_zones.zones_of(country.iso_code) if country else ()
        if len(zones) == 1:
            self.initial.setdefault("time_zone", zones[0])

    def _country(self) -> Country | None:
        """The country chosen (posted) or proposed (initial), to list its zones first."""
        value = self["country"].value()
        if not value:
            return None
        return Country.objects.filter(pk=value).first() if str(value).isdigit() else None

    @staticmethod
    def _zone_choices(*, first: Country | None):
        """The zones grouped by country (the chosen country first), then every other zone for
        a city whose country is not in the directory."""
        countries = sorted(Country.objects.all(), key=lambda country: collation_key(str(country)))
        if first is not None:
            countries.sort(key=lambda country: country.pk != first.pk)
        groups, listed = [("", "---------")], set()
        for country in countries:
            zones = time_zones.zones_of(country.iso_code)
            if zones:
                groups.append((str(country), [(zone, zone) for zone in zones]))
                listed.update(zones)
        others = sorted(set(time_zones.all_listed()) - listed)
        groups.append((str(_("Other countries")), [(zone, zone) for zone in others]))
        return groups
