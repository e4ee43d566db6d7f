"""What every form of bilingual records shares."""

from django.conf import settings
from django.core.exceptions import ValidationError


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


def add_service_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on `form`: a field's message beside that field, the
    rest above the form (Form.add_error refuses a field the form does not have)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
