"""Show readers where a value comes from: inferred values are marked, missing ones said so.

Records carry their provenance (puebla.core.provenance). Next to a value, `{% inferred record
"field" %}` adds a disclosure "Inferred: why?" holding the record's note when that field is
inferred, and nothing otherwise (`{% inferred_here note %}` does the same for what a page itself
infers); a native <details> element, so it works without JavaScript
and is announced as a disclosure by screen readers. `{% not_given %}` stands where the sources
give no value, so that an empty cell is never mistaken for a missing page.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from puebla.core.templatetags.localized import localized

register = template.Library()


@register.simple_tag
def inferred(record, field_name: str):
    if record is None or not record.is_inferred(field_name):
        return ""
    return inferred_here(localized(record, "note"))


@register.simple_tag
def inferred_here(note):
    """The same disclosure for what the page itself infers, not a record (the Troika's members):
    `note` says why, in the reader's language."""
    return format_html(
        '<details class="inferred"><summary>{}</summary><p>{}</p></details>',
        _("Inferred: why?"),
        note,
    )


@register.simple_tag
def not_given():
    return format_html('<span class="not-given">{}</span>', _("not given"))


@register.simple_tag
def source_note(record):
    """The record's note in full, for facts that are stated but need context (e.g. their date).

    Nothing when the record has inferred fields: their disclosures already hold the note.
    """
    if record is None or not record.has_note() or record.inferred_fields:
        return ""
    return format_html(
        '<p class="source-note"><small>{} {}</small></p>',
        _("About this information:"),
        localized(record, "note"),
    )


@register.simple_tag
def spanish_name_source(record):
    """Beside a record's name on a Spanish page, when that Spanish name comes from outside the
    sources (the organisation's own usage, `spanish_name_source`): says so and where from.
    Nothing on an English page, or for anything else (a text, a body)."""
    address = getattr(record, "spanish_name_source", "")
    if not address or not record.name_es or not (get_language() or "").startswith("es"):
        return ""
    return format_html(
        ' <small class="name-source">({} <a href="{}" rel="noopener">{}</a>)</small>',
        _("Spanish name not from the sources; the organisation's own, at"),
        address,
        address.split("://", 1)[-1].rstrip("/"),
    )
