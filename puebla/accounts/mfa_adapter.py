import functools

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

# Every Fernet token starts so (version byte 0x80); a TOTP secret (base32, upper case) or a
# recovery-code seed (hexadecimal) never does.
ENCRYPTED_VALUE_START = "gAAAAA"


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        """People whose role requires a second factor cannot switch it off."""
        return not authenticator.user.requires_mfa

    def encrypt(self, text: str) -> str:
        """TOTP secrets and recovery-code seeds are stored encrypted with the newest of
        MFA_ENCRYPTION_KEYS, so that a database dump alone yields no second factor."""
        return fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        # A value stored before encryption was switched on is read as it is, until
        # `manage.py mfa_reencrypt` encrypts it.
        if not is_encrypted(encrypted_text):
            return encrypted_text
        return fernet().decrypt(encrypted_text.encode()).decode()


def is_encrypted(value: str) -> bool:
    return value.startswith(ENCRYPTED_VALUE_START)


def fernet() -> MultiFernet:
    """Encrypts with the first key of MFA_ENCRYPTION_KEYS, decrypts with any of them."""
    return _fernet(tuple(settings.MFA_ENCRYPTION_KEYS))


@functools.cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])
