from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    name = "puebla.fund"
    verbose_name = _("Reserve Fund")
