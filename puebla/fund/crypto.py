"""Encryption of the Reserve Fund's personal data, field by field (Fernet, with key rotation).

A migrant's identity and the case's free texts are stored as Fernet tokens made with the first
key of FUND_ENCRYPTION_KEYS and read with any of them: the database file, a `pg_dump`, a
backup and the history rows (which copy the stored value) hold ciphertext only. To rotate, put
a new key first, run `fund_reencrypt` (puebla.fund.erasure) and then drop the old key.

The duplicate-person warning needs equality on name and birth date without storing them in
clear: a keyed hash (HMAC-SHA256) of the normalised name and the date, keyed per Fernet key so
that a hash made before a rotation still matches until the data is re-encrypted.
"""

import base64
import datetime
import functools
import hashlib
import hmac
import unicodedata

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

# Every Fernet token starts so (version byte 0x80).
TOKEN_START = "gAAAAA"  # noqa: S105 (a format marker, not a secret)


def fernet() -> MultiFernet:
    """Encrypts with the first key of FUND_ENCRYPTION_KEYS, decrypts with any of them."""
    return _fernet(tuple(settings.FUND_ENCRYPTION_KEYS))


@functools.cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return fernet().decrypt(token.encode()).decode()


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return fernet().decrypt(token)


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; Python code sees the clear text.

    Empty text is stored empty (nothing to hide, and erasure leaves the column empty). Such a
    column cannot be filtered or ordered on: the same text encrypts differently every time.
    """

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value)

    def to_python(self, value):
        # A serialised copy (dumpdata, value_to_string) holds the token: read it back as text.
        value = super().to_python(value)
        return _clear(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def value_to_string(self, obj):
        # Fixtures and dumps get ciphertext too, never the clear text.
        value = self.value_from_object(obj)
        return encrypt(value) if value else value


class EncryptedDateField(models.TextField):
    """A date stored as a Fernet token of its ISO form; Python code sees a `datetime.date`."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return None
        return datetime.date.fromisoformat(decrypt(value))

    def to_python(self, value):
        if value is None or value == "" or isinstance(value, datetime.date):
            return value or None
        return datetime.date.fromisoformat(_clear(str(value)))

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return encrypt(value.isoformat()) if value else ""

    def get_prep_value(self, value):
        if value is None or value == "":
            return None
        return encrypt(self.to_python(value).isoformat())

    def formfield(self, **kwargs):
        from django import forms

        return super(models.TextField, self).formfield(**{"form_class": forms.DateField, **kwargs})


def _clear(value: str) -> str:
    """`value` decrypted if it is one of our tokens, else `value` as it is."""
    if value.startswith(TOKEN_START):
        try:
            return decrypt(value)
        except InvalidToken:
            pass
    return value


def normalised_name(name: str) -> str:
    """Lower case, no accents or punctuation, words sorted: "José  PÉREZ-Gómez" and
    "Perez Gomez, Jose" normalise alike (name order differs between countries' documents)."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(
        character if character.isalnum() else " "
        for character in decomposed
        if not unicodedata.combining(character)
    )
    return " ".join(sorted(letters.casefold().split()))


def person_hash(name: str, birth_date: datetime.date, key: str | None = None) -> str:
    """The keyed hash of a person (name and birth date) under `key` (the newest by default)."""
    key = key or settings.FUND_ENCRYPTION_KEYS[0]
    message = f"{normalised_name(name)}|{birth_date.isoformat()}".encode()
    secret = hashlib.sha256(b"puebla.fund.person_hash|" + base64.urlsafe_b64decode(key)).digest()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def person_hashes(name: str, birth_date: datetime.date) -> list[str]:
    """The person's hash under every current key: what a stored hash may be equal to."""
    return [person_hash(name, birth_date, key) for key in settings.FUND_ENCRYPTION_KEYS]
