from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    name = "puebla.fund"
    verbose_name = _("Reserve Fund")

    def ready(self):
        from puebla.core import pagecache
        from puebla.fund import models, search

        search.register_kinds()
        # The public figures page is cached; a case's change of state changes its figures.
        pagecache.bump_when_saved_or_deleted(models.Case)
        # Its tables are labelled with the secretariat's categories and kinds.
        pagecache.bump_when_saved_or_deleted(models.CaseCategory)
        pagecache.bump_when_saved_or_deleted(models.RequesterKindOption)
