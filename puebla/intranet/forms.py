"""The notice form of the intranet: both languages side by side, and who may read it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from puebla.core.access import Audience
from puebla.core.choices import ByNameModelChoiceField
from puebla.core.forms import LanguageOfPartsMixin
from puebla.directory.models import Body
from puebla.intranet.models import Notice


class NoticeForm(LanguageOfPartsMixin, forms.ModelForm):
    audience_bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies"),
        queryset=Body.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for the audience “members of named bodies”."),
    )

    class Meta:
        model = Notice
        fields = [
            "title_es",
            "title_en",
            "body_es",
            "body_en",
            "audience",
            "audience_bodies",
            "audience_country",
            "published_on",
        ]
        labels = {
            "title_es": _("Title in Spanish"),
            "title_en": _("Title in English"),
            "body_es": _("Text in Spanish"),
            "body_en": _("Text in English"),
            "audience_country": _("Country"),
            "published_on": _("Publication date"),
        }
        help_texts = {
            "audience_country": _("Only for the audience “one country”."),
            "published_on": _(
                "Today or earlier: published now. A later day: only the secretariat sees it "
                "until then. Format: YYYY-MM-DD."
            ),
        }
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"})}
        field_classes = {"audience_country": ByNameModelChoiceField}

    def clean(self):
        data = super().clean()
        if not (data.get("title_es") or data.get("title_en")):
            self.add_error("title_es", _("Give the title in Spanish, in English, or in both."))
        audience = data.get("audience")
        if audience == Audience.BODY and not data.get("audience_bodies"):
            self.add_error("audience_bodies", _("Choose the bodies whose members may read it."))
        if audience != Audience.BODY and data.get("audience_bodies"):
            self.add_error(
                "audience_bodies",
                _(
                    "Bodies apply only to the audience “members of named bodies”; leave them unchecked."
                ),
            )
        if audience == Audience.COUNTRY and not data.get("audience_country"):
            self.add_error("audience_country", _("Choose the country whose officials may read it."))
        if audience != Audience.COUNTRY and data.get("audience_country"):
            self.add_error(
                "audience_country",
                _("A country applies only to the audience “one country”; leave it empty."),
            )
        return data
