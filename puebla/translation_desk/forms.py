from django import forms
from django.utils.translation import gettext_lazy as _


class TranslationForm(forms.Form):
    """The translation, beside its source on the page. The service checks the length against
    the record's own column, so the form does not repeat it."""

    text = forms.CharField(
        label=_("Translation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the translation: it is empty.")},
    )

    def __init__(self, *args, language: str, multiline: bool, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["text"].widget
        widget.attrs["lang"] = language
        if not multiline:
            self.fields["text"].widget = forms.TextInput(attrs={"lang": language})
