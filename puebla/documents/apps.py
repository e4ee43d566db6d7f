from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "puebla.documents"
    verbose_name = _("Documents")
    dataset = "puebla.documents.dataset"  # the records it ships (puebla.core.dataset_files)

    def ready(self):
        from puebla.core import pagecache
        from puebla.documents import models, search

        search.register_kinds()
        # The library and the document pages show these records.
        pagecache.bump_when_saved_or_deleted(models.Document, models.DocumentFile)
