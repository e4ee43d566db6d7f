"""The one reader of configuration from the environment (DESIGN.md §5.4).

Every setting that may differ between a laptop and production is read here, so the README can
list them all and a typo in a variable's value fails loudly at start-up instead of later.
"""

import base64
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def flag(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def integer(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def counts(name: str, default: str, labels: tuple[str, ...]) -> tuple[int, ...]:
    """Comma-separated whole numbers, one per label, none negative (`BACKUP_KEEP=7,4,12`)."""
    raw = os.environ.get(name, default)
    parts = [part.strip() for part in raw.split(",")]
    if len(parts) != len(labels) or not all(part.isdigit() for part in parts):
        raise ImproperlyConfigured(
            f"{name} must be {len(labels)} whole numbers separated by commas "
            f"({', '.join(labels)}), e.g. {default!r}; got {raw!r}."
        )
    return tuple(int(part) for part in parts)


def words(name: str, default: str = "") -> list[str]:
    """A comma-separated list, blanks dropped."""
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


HOW_TO_MAKE_A_KEY = (
    "export {name}=\"$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\""
)


DEBUG_FERNET_KEY = "ZGVidWctb25seS1rZXktbmV2ZXItcHJvZHVjdGlvbiE="
HOW_TO_MAKE_A_FERNET_KEY = (
    "export {name}=\"$(python3 -c 'import base64, os; "
    "print(base64.urlsafe_b64encode(os.urandom(32)).decode())')\""
)


def required_secret(
    name: str, *, debug: bool, debug_default: str, local_file: Path | None = None
) -> str:
    """A secret from NAME, from the file named by NAME_FILE, or from `local_file` if it exists
    (the one `make` creates for a local server); required outside debug mode.

    Never falls back to a placeholder in production: a server started without its key must
    stop, not sign sessions with a guessable one.
    """
    value = os.environ.get(name, "")
    file_name = os.environ.get(f"{name}_FILE", "")
    if not file_name and local_file is not None and local_file.exists():
        file_name = str(local_file)
    if not value and file_name:
        try:
            with open(file_name, encoding="utf-8") as secret_file:
                value = secret_file.read().strip()
        except OSError as error:
            raise ImproperlyConfigured(
                f"{name}_FILE names {file_name!r}: {error.strerror}."
            ) from None
        if not value:
            raise ImproperlyConfigured(f"{name}_FILE names {file_name!r}, which is empty.")
    if not value:
        if debug:
            return debug_default
        raise ImproperlyConfigured(
            f"{name} is not set and DEBUG is off. Set {name} (or {name}_FILE, the path of a file "
            f"holding it) in the environment, for example: {HOW_TO_MAKE_A_KEY.format(name=name)}"
        )
    if not debug and (len(value) < 50 or len(set(value)) < 5):
        # Django's check --deploy only warns (security.W009); a guessable key forges sessions.
        raise ImproperlyConfigured(
            f"{name} is too weak: it needs at least 50 characters and at least 5 different "
            f"ones. Make a new one, for example: {HOW_TO_MAKE_A_KEY.format(name=name)}"
        )
    return value


def fernet_keys(name: str, *, debug: bool, local_file: Path | None = None) -> list[str]:
    """Encryption keys (Fernet, newest first) from NAME, comma-separated, from the file named by
    NAME_FILE (one key a line or comma-separated), or from `local_file` if it exists (the one
    `make` creates for a local server); required outside debug mode.

    Several keys allow rotation: data is encrypted with the first and read with any of them.
    """
    raw = os.environ.get(name, "")
    file_name = os.environ.get(f"{name}_FILE", "")
    if not raw and not file_name and local_file is not None and local_file.exists():
        file_name = str(local_file)
    if not raw and file_name:
        try:
            with open(file_name, encoding="utf-8") as key_file:
                raw = key_file.read()
        except OSError as error:
            raise ImproperlyConfigured(
                f"{name}_FILE names {file_name!r}: {error.strerror}."
            ) from None
    keys = [key.strip() for key in raw.replace("\n", ",").split(",") if key.strip()]
    if not keys:
        if debug:
            # A fixed key: good enough to encrypt a laptop's test secrets, never used in production.
            return [DEBUG_FERNET_KEY]
        raise ImproperlyConfigured(
            f"{name} is not set and DEBUG is off. Set {name} (or {name}_FILE, the path of a file "
            f"holding it) in the environment, for example: {HOW_TO_MAKE_A_FERNET_KEY.format(name=name)}"
        )
    for key in keys:
        if not _is_fernet_key(key):
            raise ImproperlyConfigured(
                f"{name} holds a value that is not a Fernet key (32 bytes in url-safe base64). "
                f"Make one, for example: {HOW_TO_MAKE_A_FERNET_KEY.format(name=name)}"
            )
    return keys


def _is_fernet_key(key: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32
    except (ValueError, UnicodeEncodeError):
        return False


def choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of `choices` (case-insensitive); anything else stops the start with a message."""
    value = os.environ.get(name, default).strip().lower() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; got {value!r}.")
    return value
