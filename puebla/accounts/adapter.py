import math
from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from puebla.core import logs, security_log
from puebla.core.mail import subject_prefixed


def configured_site() -> SimpleNamespace:
    """The site as the settings name it (SITE_NAME, SITE_URL), for mail: never the Host header
    of the request, which whoever sends it chooses."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def login_failed_rates() -> list:
    """The limits on failed sign-ins (LOGIN_FAILED_RATE): per address ("ip") and per
    account ("key"), as allauth reads them."""
    return ratelimit.get_rates(app="allauth.account", action="login_failed")


def exhausted_limit(request, key: str) -> str:
    """Which limit refused a sign-in: "key" (the account's) when it is spent, else "ip" (the
    address's). Asked of the cache without counting a new attempt."""
    for per in ("key", "ip"):
        for rate in login_failed_rates():
            if rate.per == per and not ratelimit._consume_single_rate(
                request,
                app="allauth.account",
                action="login_failed",
                rate=rate,
                key=key,
                dry_run=True,
            ):
                return per
    return "key"


def limit_minutes(per: str) -> int | None:
    """How long the limit `per` ("key" or "ip") holds, in whole minutes (at least one), or
    None if LOGIN_FAILED_RATE names no such limit."""
    durations = [rate.duration for rate in login_failed_rates() if rate.per == per]
    return max(1, math.ceil(max(durations) / 60)) if durations else None


class AccountAdapter(DefaultAccountAdapter):
    def validation_error(self, code, *args):
        if code == "too_many_login_attempts":
            return ValidationError(_lockout_message(getattr(self, "_exhausted", "key")), code=code)
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
        """allauth refuses a locked-out sign-in here, with a form error; say which limit
        refused it (the account's or the address's) and for how long, and log the lock-out."""
        key = self._get_login_attempts_cache_key(request, **credentials)
        self._exhausted = "key"
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            self._exhausted = exhausted_limit(request, key)
            security_log.lockout(request, limit="account" if self._exhausted == "key" else "ip")
            raise ValidationError(
                _lockout_message(self._exhausted), code="too_many_login_attempts"
            ) from None

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


def _lockout_message(per: str) -> str:
    minutes = limit_minutes(per)
    if per == "ip":
        wait = (
            ngettext(
                "Too many failed sign-ins from your network: signing in from it is paused for "
                "%(minutes)s minute.",
                "Too many failed sign-ins from your network: signing in from it is paused for "
                "%(minutes)s minutes.",
                minutes,
            )
            % {"minutes": minutes}
            if minutes
            else gettext("Too many failed sign-ins from your network: signing in is paused.")
        )
        return " ".join(
            (wait, gettext("Your account is not locked: try again then, from here or elsewhere."))
        )
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
