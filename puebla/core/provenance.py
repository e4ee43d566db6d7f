"""Where a record's facts come from, kept on the record itself and shown to readers.

Every record loaded from the RCM dataset names the seed files it comes from (`source`) and
quotes them (`evidence`). A value the seeds imply without stating it is listed in `inferred`
(field names), and `note` says, in our own words and in both languages, why it is inferred.
The portal marks such values as inferred and shows the note on demand
(puebla.core.templatetags.provenance).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from puebla.core.bilingual import base_name as bilingual_base_name
from puebla.core.bilingual import bilingual


class Provenance(models.Model):
    source = models.TextField(
        _("sources"), blank=True, help_text=_("The source documents of these facts, one a line.")
    )
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Passages quoted from the sources, one a line.")
    )
    inferred = models.CharField(
        _("inferred fields"),
        max_length=200,
        blank=True,
        help_text=_(
            "Names of the fields whose values the sources imply but do not state, separated by "
            "spaces. The note must say why."
        ),
    )
    # Our own words, so in both languages.
    note_es, note_en = bilingual(models.TextField, _("note"))

    class Meta:
        abstract = True

    @property
    def inferred_fields(self) -> frozenset[str]:
        return frozenset(self.inferred.split())

    def is_inferred(self, field_name: str) -> bool:
        return field_name in self.inferred_fields

    def has_note(self) -> bool:
        return any(getattr(self, f"note_{code}") for code, _name in settings.LANGUAGES)

    def clean(self):
        super().clean()
        known = set()
        for field in self._meta.get_fields():
            # A text kept per language is inferred under its name without the language.
            known.update({field.name, *bilingual_base_name(field.name)})
        unknown = sorted(self.inferred_fields - known)
        if unknown:
            raise ValidationError(
                {"inferred": _("%(names)s: no such field.") % {"names": ", ".join(unknown)}}
            )
        if self.inferred_fields and not self.has_note():
            # Keyed on `inferred`: forms show the note per language, never the field `note`.
            raise ValidationError({"inferred": _("Say in the note why these values are inferred.")})


def year_label(year: int, inferred: int) -> str:
    """A year offered as a filter (the calendar's, the search's), saying for how many of its
    records the sources imply the year without stating it: "2014 (year inferred for 1)"."""
    if not inferred:
        return str(year)
    return gettext("%(year)s (year inferred for %(count)s)") % {"year": year, "count": inferred}
