from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "puebla.search"
    verbose_name = _("Search")

    def ready(self):
        from puebla.search import directory, signals

        directory.register_kinds()
        directory.connect()
        signals.connect(self)
