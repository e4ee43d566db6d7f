from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationDeskConfig(AppConfig):
    name = "puebla.translation_desk"
    verbose_name = _("Translation desk")

    def ready(self):
        from puebla.intranet import panels
        from puebla.translation_desk.selectors import panel_context

        # "My secretariat" counts what waits for translation (puebla.intranet.panels: the
        # intranet does not import the desk).
        panels.register(
            panels.Panel(
                key="translation_desk",
                template="translation_desk/_panel.html",
                context=panel_context,
                position=50,
            )
        )
