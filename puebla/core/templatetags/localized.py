"""Show a bilingual field in the reader's language, with the notes of puebla.core.text_marks:
"not yet translated" when only another language exists, "translated by the Technical
Secretariat" (and "out of date") when the translation desk wrote it."""

from django import template

from puebla.core.text_marks import localized_markup

register = template.Library()


@register.simple_tag
def localized(record, field_name: str):
    """The value of `field_name` in the active language.

    When that language's value is empty, the first other language that has one is shown,
    marked with its `lang` (for screen readers) and a visible notice; when no language has
    one, a notice says the text is missing. Never an empty string.
    """
    return localized_markup(record, field_name)
