from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError

from puebla.core import security_log


class AccountAdapter(DefaultAccountAdapter):
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
