"""`{% country_dashboard %}`: the follow-up's section of "My secretariat" (the intranet sits
below the follow-up in the import layers, so it includes this tag instead of importing us)."""

from django import template

from puebla.followup.views.dashboard import dashboard

register = template.Library()


@register.inclusion_tag("followup/_dashboard.html", takes_context=True)
def country_dashboard(context):
    user = context["request"].user
    return {"user": user, **dashboard(user)}
