"""Reads of the follow-up's records as named querysets (DESIGN.md §5.2), the access model's
rule for each (puebla.core.access): apart from the models so that they stay one module."""

from django.db import models

from puebla.core import access


class InputRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A request is seen by the secretariat, and by the officials of the member states it
        is addressed to (as the country-owned answers count officials)."""
        if access.is_secretariat(user):
            return self.all()
        country_id = access.own_country_id(user)
        if country_id is None:
            return self.none()
        return self.filter(countries=country_id)
