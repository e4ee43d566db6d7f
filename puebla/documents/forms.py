"""Forms of the document repository: the record, and a file for it."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from puebla.core import access
from puebla.core.access import Audience
from puebla.core.forms import LanguageOfPartsMixin
from puebla.directory.models import Body
from puebla.documents import filetypes
from puebla.documents.models import Document, DocumentFile, Folder
from puebla.meetings.models import Meeting

# The audience choice of a new document that takes its folder's audience.
AS_ITS_FOLDER = "folder"


class DocumentForm(LanguageOfPartsMixin, forms.ModelForm):
    external_url = forms.URLField(
        label=capfirst(Document._meta.get_field("external_url").verbose_name),
        help_text=Document._meta.get_field("external_url").help_text,
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    audience_bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies (for the audience “members of named bodies”)"),
        queryset=Body.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Document
        fields = [
            "slug",
            "kind",
            "title_es",
            "title_en",
            "summary_es",
            "summary_en",
            "year",
            "date",
            "body",
            "meeting",
            "folder",
            "theme",
            "external_url",
            "audience",
            "audience_bodies",
            "audience_country",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "summary_es": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "title_es": _("Title in Spanish"),
            "title_en": _("Title in English"),
            "summary_es": _("Summary in Spanish"),
            "summary_en": _("Summary in English"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["slug"].disabled = True
        # Choices are records too: only those the person may see, or may file into.
        self.fields["meeting"].queryset = Meeting.objects.visible_to(user)
        self.fields["folder"].queryset = Folder.objects.editable_by(user)
        self.user = user
        # "As its folder" only where there is a folder to take the audience from.
        if not self.instance.pk and self.fields["folder"].queryset.exists():
            self.fields["audience"].choices = [
                (AS_ITS_FOLDER, _("As its folder (choose the folder above)")),
                *self.fields["audience"].choices,
            ]
        if not user.is_secretariat:  # a body's editor files documents under their bodies
            self.fields["body"].queryset = Body.objects.filter(pk__in=user.edited_body_ids)
            self.fields["body"].required = True
            if not self.instance.pk:  # by default, for the members of their bodies
                self.initial.setdefault("audience", Audience.BODY)
                self.initial.setdefault("audience_bodies", list(user.edited_body_ids))

    def clean(self):
        data = super().clean()
        if not (data.get("title_es") or data.get("title_en")):
            self.add_error("title_es", _("Give the title in Spanish, in English, or in both."))
        if data.get("date") and data.get("year") and data["date"].year != data["year"]:
            self.add_error("date", _("The date is not in the year given."))
        if data.get("date") and not data.get("year"):
            data["year"] = data["date"].year
        if data.get("audience") == AS_ITS_FOLDER and not self._take_folder_audience(data):
            return data
        if data.get("audience") == "body" and not data.get("audience_bodies"):
            self.add_error("audience_bodies", _("Choose the bodies whose members may see it."))
        elif data.get("audience") and not self._includes_its_author(data):
            self.add_error(
                "audience",
                _(
                    "You would not see this document yourself: choose an audience that "
                    "includes you, such as the members of your body."
                ),
            )
        return data

    def _take_folder_audience(self, data) -> bool:
        """Put the folder's audience in `data`; False, with the error said, when it cannot
        apply: no folder chosen, or a folder whose audience names nobody (members of named
        bodies, and no body). Never a silent fallback to another audience."""
        folder = data.get("folder")
        if folder is None:
            self.add_error(
                "folder",
                _("Choose the folder whose audience the document takes, or choose an audience."),
            )
            return False
        bodies = list(folder.audience_bodies.all())
        if folder.audience == Audience.BODY and not bodies:
            self.add_error(
                "audience",
                _(
                    "The folder “%(folder)s” has no audience: it names no body whose members "
                    "may see its documents. Choose an audience for this document."
                )
                % {"folder": folder},
            )
            return False
        data["audience"] = folder.audience
        data["audience_country"] = folder.audience_country
        data["audience_bodies"] = bodies
        return True

    def _includes_its_author(self, data) -> bool:
        """Whether the person saving may see the document with the audience chosen (the
        secretariat sees everything)."""
        country = data.get("audience_country")
        return access.would_see(
            self.user,
            Document,
            data["audience"],
            body_ids=[body.pk for body in data.get("audience_bodies", [])],
            country_id=country.pk if country is not None else None,
        )


class UploadForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the file"), choices=DocumentFile.Language)
    file = forms.FileField(
        label=_("File"),
        # Django's own says "fichero", Spain's word; the region says "archivo".
        error_messages={"empty": _("The file is empty. Choose the file again.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(types)s; at most %(size)s MB.") % {
            "types": filetypes.accepted_names(),
            "size": settings.DOCUMENT_MAX_BYTES // 2**20,
        }
