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
from django.utils.translation import gettext_lazy as _


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
    # Our own words, so translated (the subclass's translation.py registers it).
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True

    @property
    def inferred_fields(self) -> frozenset[str]:
        return frozenset(self.inferred.split())

    def is_inferred(self, field_name: str) -> bool:
        return field_name in self.inferred_fields

    def has_note(self) -> bool:
        languages = [code for code, _name in settings.LANGUAGES]
        return any(getattr(self, f"note_{code}", "") for code in languages) or bool(self.note)

    def clean(self):
        super().clean()
        known = {field.name for field in self._meta.get_fields()}
        unknown = sorted(self.inferred_fields - known)
        if unknown:
            raise ValidationError(
                {"inferred": _("%(names)s: no such field.") % {"names": ", ".join(unknown)}}
            )
        if self.inferred_fields and not self.has_note():
            # Keyed on `inferred`: forms show the note per language, never the field `note`.
            raise ValidationError({"inferred": _("Say in the note why these values are inferred.")})
