"""One example person per role: the demo accounts, and the test suite's permission matrix."""

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction
from django.utils.text import slugify

from puebla.accounts.models import User
from puebla.accounts.services import invitation_accept, invitation_create
from puebla.directory.models import Appointment, Body, Country, Organisation, Person

# role -> affiliation, country (ISO code), organisation (slug), flags, body (slug) of appointment
ROLES = {
    "civil_society": {"affiliation": "civil_society", "organisation": "rncom"},
    "observer_organisation": {"affiliation": "observer_organisation", "organisation": "unhcr"},
    "observer_state": {"affiliation": "observer_state", "country": "PE"},
    "official_a": {"affiliation": "member_state", "country": "CR"},
    "focal_point_a": {"affiliation": "member_state", "country": "CR", "is_focal_point": True},
    "official_b": {"affiliation": "member_state", "country": "GT"},
    "liaison_officer": {
        "affiliation": "member_state",
        "country": "MX",
        "body": "network-consular-protection",
    },
    "secretariat": {"affiliation": "secretariat"},
    "fund_officer": {
        "affiliation": "observer_organisation",
        "organisation": "iom",
        "is_fund_officer": True,
    },
}


# Demo mode's accounts besides one per role: a second fund officer, so that the four-eyes
# approval can be tried (one officer reviews a request, the other approves it). Not a role of
# its own: the permission matrix (ROLES) does not list it.
DEMO_ONLY_ROLES = {"fund_officer_2": ROLES["fund_officer"]}


@dataclass
class RoleAccount:
    role: str
    email: str
    password: str
    totp_secret: str = ""


@transaction.atomic
def role_user_create(role: str, *, email: str, password: str, totp_secret: str = "") -> User:
    """Create the user of `role` as every account is made: an invitation, accepted.

    A role that sits on a body gets its directory entry and appointment first, and the
    invitation names that entry.
    """
    spec = dict({**ROLES, **DEMO_ONLY_ROLES}[role])
    body_slug = spec.pop("body", None)
    country = Country.objects.get(iso_code=spec.pop("country")) if "country" in spec else None
    organisation = (
        Organisation.objects.get(slug=spec.pop("organisation")) if "organisation" in spec else None
    )
    person = None
    if body_slug:
        person, _created = Person.objects.get_or_create(
            email=email,
            defaults={
                "slug": _free_person_slug(slugify(email.split("@")[0]) or "person"),
                "given_name": "Demo",
                "family_name": role.replace("_", " ").title(),
            },
        )
        Appointment.objects.get_or_create(
            person=person,
            body=Body.objects.get(slug=body_slug),
            start=None,
            defaults={
                "role": Appointment.Role.MEMBER,
                "title_es": "Funcionario de enlace",
                "title_en": "Liaison officer",
                "country": country,
            },
        )
    invitation = invitation_create(
        invited_by=None,
        email=email,
        given_name="Demo",
        family_name=role.replace("_", " "),
        language="es",
        country=country,
        organisation=organisation,
        person=person,
        notify=False,
        **spec,
    )
    user = invitation_accept(token=invitation.token, password=password)
    if totp_secret and user.requires_mfa:
        TOTP.activate(user, totp_secret)
    return user


def _free_person_slug(base: str) -> str:
    """`base`, or `base-2`, `base-3` ...: several test users may share a role."""
    slug, number = base, 1
    while Person.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def demo_accounts_ensure(*, secrets_file: Path) -> list[RoleAccount]:
    """Make sure one demo account per role exists; return them with their passwords.

    Passwords are generated once and kept in `secrets_file` (readable by its owner only), so
    every start can print them without resetting anything.
    """
    known = {}
    if secrets_file.exists():
        known = {
            entry["role"]: RoleAccount(**entry) for entry in json.loads(secrets_file.read_text())
        }
    accounts = []
    for role in [*ROLES, *DEMO_ONLY_ROLES]:
        account = known.get(role)
        email = f"demo-{role.replace('_', '-')}@puebla.invalid"
        user = User.objects.filter(email=email).first()
        if account is None or user is None:
            account = RoleAccount(role=role, email=email, password=secrets.token_urlsafe(12))
            if user is None:
                account.totp_secret = generate_totp_secret()
                user = role_user_create(
                    role, email=email, password=account.password, totp_secret=account.totp_secret
                )
            else:
                user.set_password(account.password)
                user.save(update_fields=["password"])
                Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
                if user.requires_mfa:
                    account.totp_secret = generate_totp_secret()
                    TOTP.activate(user, account.totp_secret)
        if not user.requires_mfa:
            account.totp_secret = ""
        accounts.append(account)
    secrets_file.parent.mkdir(parents=True, exist_ok=True)
    secrets_file.write_text(json.dumps([vars(account) for account in accounts], indent=2))
    os.chmod(secrets_file, 0o600)
    return accounts
