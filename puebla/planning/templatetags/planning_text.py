"""A plan's texts on its pages, with the source's markup as emphasis (puebla.planning.markup):
`{{ item.text_en|plan_text }}` for one language's text, `{% plan_localized item "text" %}` for
the reader's language, marked as the `localized` tag marks a missing translation;
`{% plan_progress item.progress %}` for its progress in words (an estimate says so)."""

from django import template
from django.utils.html import format_html

from puebla.planning.markup import as_html, localized_html
from puebla.planning.progress_words import bar_label, progress_words

register = template.Library()


@register.filter
def plan_text(text: str):
    return as_html(text)


@register.simple_tag
def plan_localized(record, field_name: str):
    return localized_html(record, field_name)


@register.simple_tag
def plan_progress(progress, bar=False):
    """A progress in words (puebla.planning.progress_words): an estimate from a status says
    so; `bar=True` puts a bar, named for screen readers, before the words."""
    words = progress_words(progress)
    if not progress.known:
        return format_html('<span class="not-given">{}</span>', words)
    if not bar:
        return words
    kind = "estimate" if progress.estimated else "reported"
    return format_html(
        '<progress class="plan-progress-{}" value="{}" max="100" aria-label="{}"></progress> '
        '<span class="plan-progress">{}</span>',
        kind,
        progress.percent,
        bar_label(progress),
        words,
    )
