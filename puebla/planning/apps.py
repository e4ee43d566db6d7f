from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "puebla.planning"
    verbose_name = _("Plan of Action")

    def ready(self):
        from puebla.core import pagecache
        from puebla.planning import models, search

        search.register_kinds()

        # The plan's pages, its items' pages and its exports show these records. Evidence is
        # set through many-to-many relations, which no save announces: the services save the
        # item afterwards (its history row), which bumps.
        pagecache.bump_when_saved_or_deleted(
            models.Plan, models.Item, models.Status, models.GcmObjective, models.SdgTarget
        )
