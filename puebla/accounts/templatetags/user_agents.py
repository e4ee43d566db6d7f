from django import template

from puebla.accounts import user_agents

register = template.Library()
register.filter("browser_and_system", user_agents.browser_and_system)
