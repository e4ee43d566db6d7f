from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "puebla.portal"
    verbose_name = _("Public portal")

    def ready(self):
        from puebla.core import pagecache
        from puebla.directory import models

        # The public pages show these records; a change to any of them makes them stale.
        pagecache.bump_when_saved_or_deleted(
            models.Country,
            models.Organisation,
            models.Membership,
            models.Body,
            models.Presidency,
            models.Person,
            models.Appointment,
            models.Milestone,
            models.Fact,
        )
