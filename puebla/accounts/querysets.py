"""Reads of users for actions: whom to ask, remind or notify. Each agrees with the predicate of
the same name in puebla.core.access, which decides for one user."""

from django.db import models

from puebla.core.affiliation import Affiliation
from puebla.directory.models import Appointment


class UserQuerySet(models.QuerySet):
    def addresses(self) -> dict[str, str]:
        """{e-mail address: language} of these people, to write to each in their language."""
        return dict(self.values_list("email", "language"))

    def active(self):
        return self.filter(is_active=True)

    def focal_points(self):
        """The current focal points of every member state (each account names its country)."""
        return self.active().filter(affiliation=Affiliation.MEMBER_STATE, is_focal_point=True)

    def focal_points_of(self, country):
        """The current focal points of a member state (a Country or its primary key)."""
        return self.focal_points().filter(country=country)

    def editors_of(self, body):
        """People with a current appointment to `body` as its editor."""
        editing = Appointment.objects.current().filter(body=body, role=Appointment.Role.EDITOR)
        return self.active().filter(person__appointments__in=editing).distinct()

    def secretariat(self):
        """The Technical Secretariat's active staff."""
        return self.active().filter(affiliation=Affiliation.SECRETARIAT)

    def fund_officers(self):
        return self.active().filter(is_fund_officer=True)
