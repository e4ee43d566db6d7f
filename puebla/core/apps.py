from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "puebla.core"
    verbose_name = _("Core")

    def ready(self):
        # Registers the system check that the access middleware is installed.
        from puebla.core import gates  # noqa: F401
