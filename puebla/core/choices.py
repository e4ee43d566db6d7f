"""Choice lists of records sorted by their names in the reader's language, accents handled
("Panamá" before "Perú"; "Estados Unidos" among the E's in Spanish, "United States" near the
end in English), instead of by the table's order (country codes)."""

from django import forms
from django.forms.models import ModelChoiceIterator

from puebla.core.text import collation_key


class ByNameChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # Sorted when the form is rendered, so in the language of that request.
        for record in sorted(self.queryset, key=lambda record: collation_key(str(record))):
            yield self.choice(record)


class ByNameModelChoiceField(forms.ModelChoiceField):
    iterator = ByNameChoiceIterator
