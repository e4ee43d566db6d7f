from allauth.mfa.adapter import DefaultMFAAdapter


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        """People whose role requires a second factor cannot switch it off."""
        return not authenticator.user.requires_mfa
