"""`{% access_marker record %}`: who may see a restricted record, and why the reader can."""

from django import template
from django.utils.html import format_html

from puebla.core import access

register = template.Library()


@register.simple_tag(takes_context=True)
def access_marker(context, record):
    text = access.access_marker(context["request"].user, record)
    if not text:
        return ""
    return format_html('<p class="access-marker"><small>{}</small></p>', text)
