from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "puebla.search"
    verbose_name = _("Search")
    dataset = "puebla.search.dataset"  # the thesaurus it ships (puebla.core.dataset_files)

    def ready(self):
        from puebla.search import directory, signals, thesaurus

        directory.register_kinds()
        directory.connect()
        signals.connect(self)
        thesaurus.connect()
