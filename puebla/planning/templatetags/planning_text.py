"""A plan's texts on its pages, with the source's markup as emphasis (puebla.planning.markup):
`{{ item.text_en|plan_text }}` for one language's text, `{% plan_localized item "text" %}` for
the reader's language, marked as the `localized` tag marks a missing translation."""

from django import template

from puebla.planning.markup import as_html, localized_html

register = template.Library()


@register.filter
def plan_text(text: str):
    return as_html(text)


@register.simple_tag
def plan_localized(record, field_name: str):
    return localized_html(record, field_name)
