"""Strings of allauth's own templates that Puebla words differently in Spanish.

Listed here so that `make messages` keeps them in Puebla's catalogue, which Django reads before
allauth's: allauth says "doble factor" on one page and "dos factores" on others, and Puebla says
"dos factores" everywhere.
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = (gettext_noop("Two-Factor Authentication"),)
