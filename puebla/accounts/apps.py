from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "puebla.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from puebla.accounts import services
        from puebla.core import security_log

        security_log.connect()
        # Permissions are created app by app after migrate; refreshing the group after each app
        # (a few queries) leaves it with every permission once the last app is done.
        post_migrate.connect(
            services.secretariat_group_sync, dispatch_uid="puebla-secretariat-group"
        )
