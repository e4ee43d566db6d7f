"""The people of the permission matrix: one user per role (puebla.accounts.roles)."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, generate_totp_secret, hotp_value

from puebla.accounts.models import User
from puebla.accounts.roles import ROLES, role_user_create

PASSWORD = "correct-horse-battery-staple-9"
ALL_ROLES = ["anonymous", *ROLES]


def make_user(role: str, *, email: str | None = None, enrol_mfa: bool = True) -> User:
    """A user of `role`; roles that require MFA get a TOTP authenticator (secret on the user)."""
    secret = generate_totp_secret() if enrol_mfa else ""
    user = role_user_create(
        role,
        email=email or f"{role.replace('_', '-')}@example.org",
        password=PASSWORD,
        totp_secret=secret,
    )
    user.totp_secret = secret
    return user


# The window (30 s) whose code each account last used: allauth takes a code once per account.
_LAST_WINDOW: dict[tuple[str, str], int] = {}


def totp_code(secret: str, *, account: str = "") -> str:
    """The code an authenticator app shows now, for a sign-in that must succeed: near the end
    of a window (MFA_TOTP_TOLERANCE is 0) it waits for the next, so the code is still valid
    when it arrives, and it waits too when `account` already used this window's code. The one
    helper for the real clock's codes (browser and server tests); `current_code` is the
    suite's clock's."""
    window = int(time.time()) // 30
    if 30 - time.time() % 30 < 5 or _LAST_WINDOW.get((secret, account)) == window:
        time.sleep(30 - time.time() % 30 + 1)
        window = int(time.time()) // 30
    _LAST_WINDOW[(secret, account)] = window
    return format_hotp_value(hotp_value(secret, window))


def current_code(secret: str, offset: int = 0) -> str:
    """The TOTP code an authenticator app would show now (offset in 30-second steps)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


# The sample notices (puebla/rcm/notices.yaml) each role may see, by DESIGN.md §3's audiences:
# written out by hand, not derived from the code under test.
VISIBLE_NOTICES = {
    "anonymous": set(),
    "civil_society": {"welcome-virtual-secretariat", "civil-society-in-workshops"},
    "observer_organisation": {"welcome-virtual-secretariat", "civil-society-in-workshops", "observer-working-mechanisms"},
    "observer_state": {"welcome-virtual-secretariat", "civil-society-in-workshops", "observer-working-mechanisms"},
    "official_a": {"welcome-virtual-secretariat", "civil-society-in-workshops", "observer-working-mechanisms", "comparative-matrix-input", "costa-rica-ppt-2020"},
    "focal_point_a": {"welcome-virtual-secretariat", "civil-society-in-workshops", "observer-working-mechanisms", "comparative-matrix-input", "costa-rica-ppt-2020"},
    "official_b": {"welcome-virtual-secretariat", "civil-society-in-workshops", "observer-working-mechanisms", "comparative-matrix-input"},
    "liaison_officer": {"welcome-virtual-secretariat", "civil-society-in-workshops", "observer-working-mechanisms", "comparative-matrix-input", "consular-network-work-plan"},
    "secretariat": {
        "welcome-virtual-secretariat", "civil-society-in-workshops", "observer-working-mechanisms", "comparative-matrix-input",
        "consular-network-work-plan", "costa-rica-ppt-2020", "commitment-reminders",
    },
    "fund_officer": {"welcome-virtual-secretariat", "civil-society-in-workshops", "observer-working-mechanisms"},
}  # fmt: skip
