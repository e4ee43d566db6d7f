from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntranetConfig(AppConfig):
    name = "puebla.intranet"
    verbose_name = _("Intranet")
    dataset = "puebla.intranet.dataset"  # the records it ships (puebla.core.dataset_files)
