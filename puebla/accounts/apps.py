from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "puebla.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from puebla.accounts import services
        from puebla.core import security_log

        security_log.connect()
        # Django saves the user on every sign-in to stamp last_login, and each save writes a
        # history row: sign-ins would flood "Recent changes" with edits nobody made. The stamp
        # is written without a history row instead (last_login is not in the history anyway).
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(services.user_stamp_sign_in, dispatch_uid="puebla-last-login")
        # Permissions are created app by app after migrate; refreshing the group after each app
        # (a few queries) leaves it with every permission once the last app is done.
        post_migrate.connect(
            services.secretariat_group_sync, dispatch_uid="puebla-secretariat-group"
        )
