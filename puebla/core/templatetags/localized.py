"""Show a translated field in the reader's language, and say so when only another one exists."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from puebla.core.text import text_and_language

register = template.Library()


def _missing_notice(language: str) -> str:
    notices = {
        "es": _("not yet translated into Spanish"),
        "en": _("not yet translated into English"),
    }
    return notices.get(language, _("not yet translated"))


@register.simple_tag
def localized(record, field_name: str):
    """The value of `field_name` in the active language.

    When that language's value is empty, the first other language that has one is shown,
    marked with its `lang` (for screen readers) and a visible notice; when no language has
    one, a notice says the text is missing. Never an empty string.
    """
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    value, found_in = text_and_language(record, field_name, language)
    if not value:
        return format_html('<span class="untranslated">{}</span>', _("Not available yet"))
    if found_in == language:
        return value
    return format_html(
        '<span lang="{}">{}</span> <small class="untranslated">({})</small>',
        found_in,
        value,
        _missing_notice(language),
    )
