"""`{{ item.text_en|plan_text }}`: a plan item's text with the source's markup as emphasis."""

from django import template

from puebla.planning.markup import as_html

register = template.Library()


@register.filter
def plan_text(text: str):
    return as_html(text)
