from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "puebla.stats"
    verbose_name = _("Migration statistics")

    def ready(self):
        from puebla.intranet import panels
        from puebla.stats.selectors import panel_context

        # "My secretariat" lists the latest rounds (the intranet does not import this app).
        panels.register(
            panels.Panel(
                key="statistics",
                template="stats/_panel.html",
                context=panel_context,
                position=60,
            )
        )
