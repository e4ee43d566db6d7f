from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "puebla.followup"
    verbose_name = _("Commitments follow-up")

    def ready(self):
        from puebla.followup.requests.views.dashboard import dashboard
        from puebla.intranet import panels

        # "My secretariat" shows what the reader's country owes, or what waits for the
        # secretariat (puebla.intranet.panels: the intranet does not import the follow-up).
        panels.register(
            panels.Panel(
                key="followup",
                template="followup/_dashboard.html",
                context=lambda request: {"user": request.user, **dashboard(request.user)},
            )
        )
