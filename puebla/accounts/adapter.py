import re
from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from puebla.accounts.services import subject_prefixed
from puebla.core import logs, security_log


def configured_site() -> SimpleNamespace:
    """The site as the settings name it (SITE_NAME, SITE_URL), for mail: never the Host header
    of the request, which whoever sends it chooses."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def lockout_minutes() -> int | None:
    """How long an account stays locked after too many failures: the period of the per-account
    limit in LOGIN_FAILED_RATE ("5/15m/key" gives 15), or None if the setting names none."""
    rate = settings.ACCOUNT_RATE_LIMITS.get("login_failed", "")
    found = re.search(r"\d+/(\d*)([smhd])/key", rate)
    if not found:
        return None
    amount = int(found.group(1) or 1)
    return max(1, amount * {"s": 1, "m": 60, "h": 3600, "d": 86400}[found.group(2)] // 60)


class AccountAdapter(DefaultAccountAdapter):
    def validation_error(self, code, *args):
        if code == "too_many_login_attempts":
            return ValidationError(_lockout_message(), code=code)
        if code == "enter_current_password":  # allauth says "Please type ...", as if it were empty
            return ValidationError(
                gettext(
                    "This is not your current password. Type the password you sign in with; "
                    "if you have forgotten it, sign out and reset it."
                ),
                code=code,
            )
        return super().validation_error(code, *args)

    def get_client_ip(self, request) -> str:
        """The address the sign-in limits count, read as the logs read it (TRUSTED_PROXY_COUNT).
        A request with fewer X-Forwarded-For entries than trusted proxies came past them, so
        its own peer address counts, where allauth would fail with a server error."""
        return logs.client_address(request)

    def is_open_for_signup(self, request) -> bool:
        """Accounts exist only by invitation from the secretariat (puebla.accounts.services)."""
        return False

    def pre_authenticate(self, request, **credentials) -> None:
        """allauth refuses a locked-out sign-in here, with a form error; log the lock-out."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            security_log.lockout(request)
            raise

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth prefixes the site's domain, which without django.contrib.sites comes from the
        # Host header: a new Host would start a new count. The account alone is the key.
        login = credentials.get("email", credentials.get("username", ""))
        return login.strip().lower()

    def format_email_subject(self, subject: str) -> str:
        """The prefix in the reader's language: [RCM] in English, [CRM] in Spanish."""
        return subject_prefixed(subject)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(template_prefix, email, {**context, "current_site": configured_site()})

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return settings.SITE_URL + path.replace("UID-KEY", quote(key))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return settings.SITE_URL + reverse("account_confirm_email", args=[emailconfirmation.key])


def _lockout_message() -> str:
    minutes = lockout_minutes()
    wait = (
        ngettext(
            "Too many failed sign-ins for this account: it is locked for %(minutes)s minute.",
            "Too many failed sign-ins for this account: it is locked for %(minutes)s minutes.",
            minutes,
        )
        % {"minutes": minutes}
        if minutes
        else gettext("Too many failed sign-ins for this account: it is locked for a while.")
    )
    return " ".join(
        (
            wait,
            gettext(
                "Try again then, or reset your password with the link below. If you think "
                "someone else is trying your account, contact the Technical Secretariat."
            ),
        )
    )
