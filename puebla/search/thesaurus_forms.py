from django import forms

from puebla.search.thesaurus_models import ThesaurusPair


class ThesaurusPairForm(forms.ModelForm):
    """A pair's terms, source and note. The model says what is wrong (empty, identical,
    already there, too many words), so the form and the service give the same messages."""

    class Meta:
        model = ThesaurusPair
        fields = ["term_es", "term_en", "source", "note"]
        widgets = {
            "term_es": forms.TextInput(attrs={"lang": "es"}),
            "term_en": forms.TextInput(attrs={"lang": "en"}),
            "source": forms.Textarea(attrs={"rows": 4}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        # The model's own words for an empty field (the form checks it first).
        error_messages = {
            name: {"required": ThesaurusPair._meta.get_field(name).error_messages["blank"]}
            for name in ("term_es", "term_en", "source")
        }
