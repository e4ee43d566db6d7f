"""`python -m bench.member`: a member-state official's account in the benchmark's database,
signed in; prints {"email", "cookie"} as JSON, the cookie as `name=session key` for the
Cookie header of wrk's requests.

The account is made as every account is (puebla.accounts.roles.role_user_create: an
invitation, accepted): a liaison officer of a member state, who sits on one of the RCM's
networks and needs no second factor. Run with the benchmark server's environment.
"""

import json
import os
import secrets

EMAIL = "bench-member@puebla.invalid"
ROLE = "liaison_officer"
# The secretariat's pages (the follow-up's completeness matrix) are measured as a member of the
# Technical Secretariat, with the second factor its role requires set up (signed in as after it).
SECRETARIAT_EMAIL = "bench-secretariat@puebla.invalid"


def signed_in_member() -> dict[str, str]:
    from puebla.accounts.models import User
    from puebla.accounts.roles import role_user_create

    user = User.objects.filter(email=EMAIL).first()
    if user is None:
        user = role_user_create(ROLE, email=EMAIL, password=secrets.token_urlsafe(16))
    if user.requires_mfa:
        raise SystemExit(f"bench: the {ROLE} role now requires a second factor; pick another")
    return {"email": EMAIL, "cookie": session_cookie(user)}


def signed_in_secretariat() -> str:
    """The session cookie of a secretariat account whose authenticator is set up."""
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    from puebla.accounts.models import User
    from puebla.accounts.roles import role_user_create

    user = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    if user is None:
        user = role_user_create(
            "secretariat",
            email=SECRETARIAT_EMAIL,
            password=secrets.token_urlsafe(16),
            totp_secret=generate_totp_secret(),
        )
    return session_cookie(user)


def session_cookie(user) -> str:
    """A new signed-in session of `user`, stored as a sign-in stores it, as the cookie
    `name=session key`. A role's second factor counts as passed when its authenticator is set
    up (the gate sends only people without one to the set-up page)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    print(json.dumps({**signed_in_member(), "secretariat_cookie": signed_in_secretariat()}))


if __name__ == "__main__":
    main()
