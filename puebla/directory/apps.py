from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "puebla.directory"
    verbose_name = _("Directory")
    dataset = "puebla.directory.dataset"  # the records it ships (puebla.core.dataset_files)
