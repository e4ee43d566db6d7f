"""Show readers where a value comes from: inferred values are marked, missing ones said so.

Records carry their provenance (puebla.core.provenance). Next to a value, `{% inferred record
"field" %}` adds a disclosure "Inferred: why?" holding the record's note when that field is
inferred, and nothing otherwise (`{% inferred_here note %}` does the same for what a page itself
infers); a native <details> element, so it works without JavaScript
and is announced as a disclosure by screen readers. `{% not_given %}` stands where the sources
give no value, so that an empty cell is never mistaken for a missing page. `{% source_quote
record %}` shows the passages a record quotes and the documents they come from.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from puebla.core.seed_sources import title_of
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
def source_quote(record):
    """The record's evidence, word for word, and the documents it comes from, in a disclosure.

    The passages are in the sources' language (English), marked so for screen readers; their
    documents are named as readers know them (puebla.core.seed_sources). Nothing without
    evidence.
    """
    if record is None or not record.evidence.strip():
        return ""
    passages = format_html_join(
        "", "<p>“{}”</p>", ((line,) for line in record.evidence.splitlines() if line.strip())
    )
    documents = format_html_join(
        "; ", "<cite>{}</cite>", ((title_of(name),) for name in record.source.split())
    )
    return format_html(
        '<details class="source-quote"><summary>{}</summary>'
        '<blockquote lang="en">{}</blockquote><p><small>{} {}</small></p></details>',
        _("Source and quote"),
        passages,
        _("From:"),
        documents,
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
