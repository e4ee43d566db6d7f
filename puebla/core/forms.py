"""What every form of bilingual records shares."""

from django.conf import settings


class LanguageOfPartsMixin:
    """A field kept per language (`title_es`, `title_en`) marks its input with that language,
    so screen readers read what is typed in its voice (WCAG 3.1.2). The mark goes on the
    input, not on a wrapper: the label is in the page's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            for code, _name in settings.LANGUAGES:
                if name.endswith(f"_{code}"):
                    field.widget.attrs.setdefault("lang", code)
