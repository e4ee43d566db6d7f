from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "puebla.followup"
    verbose_name = _("Commitments follow-up")
