"""The permission matrix: every URL pattern of the project, as every role.

URLs come from the resolver, so a new URL without a declared expectation fails
`test_every_url_has_a_declared_expectation`. Admin URLs follow one declared rule (anonymous:
sign in; no admin access: 404; secretariat: its model permissions). List pages are also
checked for the titles of records the role may not see.
"""

import html
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import translation

from puebla.intranet.models import Notice
from tests.permission_urls import admin_cases, admin_model, all_patterns, create_samples
from tests.roles import ALL_ROLES, VISIBLE_NOTICES, make_user

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Expect:
    status: int
    location: str = ""  # for redirects: the start of the Location header

    def __str__(self):
        return f"{self.status}{' -> ' + self.location if self.location else ''}"


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


OK, NOT_FOUND, GONE = Expect(200), Expect(404), Expect(410)
SIGNED_IN_ROLES = [role for role in ALL_ROLES if role != "anonymous"]
MFA_ROLES = {"secretariat", "fund_officer"}


def sign_in_first():
    return Expect(302, en("account_login"))


def rule(anonymous, others, **per_role):
    """An expectation per role: anonymous, every signed-in role, with exceptions by role."""
    return lambda role: per_role.get(role, anonymous if role == "anonymous" else others)


def to(name):
    return Expect(302, en(name))


PUBLIC = rule(OK, OK)
SIGNED_IN = rule(sign_in_first(), OK)
SECRETARIAT_ONLY = rule(sign_in_first(), NOT_FOUND, secretariat=OK)
ANONYMOUS_FORM = rule(OK, to("intranet:home"))  # signed-in people are taken to their home

# name -> (kwargs, rule). Record-dependent URLs are expanded per record below.
EXPECTATIONS = {
    "portal:home": ({}, PUBLIC),
    "portal:members": ({}, PUBLIC),
    "portal:structure": ({}, PUBLIC),
    "portal:presidencies": ({}, PUBLIC),
    "portal:contact": ({}, PUBLIC),
    "accounts:invitation_accept": ({"token": "not-a-token"}, rule(GONE, GONE)),
    "account_login": ({}, ANONYMOUS_FORM),
    "account_signup": ({}, ANONYMOUS_FORM),  # shows "sign-up closed" to anonymous visitors
    "account_logout": ({}, rule(to("portal:home"), OK)),
    "account_inactive": ({}, PUBLIC),
    "account_reauthenticate": ({}, SIGNED_IN),
    "account_email": ({}, SIGNED_IN),
    "account_email_verification_sent": ({}, PUBLIC),
    "account_change_password": ({}, SIGNED_IN),
    "account_set_password": ({}, rule(sign_in_first(), to("account_change_password"))),
    "account_reset_password": ({}, PUBLIC),
    "account_reset_password_done": ({}, PUBLIC),
    "account_reset_password_from_key": (
        {"uidb36": "1", "key": "not-a-key"},
        PUBLIC,
    ),  # "bad link" page
    "account_reset_password_from_key_done": ({}, PUBLIC),
    "account_confirm_email": ({"key": "not-a-key"}, PUBLIC),  # "invalid link" page
    "account_confirm_login_code": ({}, rule(sign_in_first(), to("intranet:home"))),
    "mfa_index": ({}, SIGNED_IN),
    "mfa_authenticate": ({}, rule(sign_in_first(), to("intranet:home"))),
    "mfa_reauthenticate": (
        {},
        rule(sign_in_first(), to("account_reauthenticate"), secretariat=OK, fund_officer=OK),
    ),
    "mfa_activate_totp": ({}, rule(sign_in_first(), to("account_reauthenticate"))),
    "mfa_deactivate_totp": (
        {},
        rule(
            sign_in_first(),
            NOT_FOUND,
            secretariat=to("account_reauthenticate"),
            fund_officer=to("account_reauthenticate"),
        ),
    ),
    "mfa_generate_recovery_codes": ({}, rule(sign_in_first(), to("account_reauthenticate"))),
    "mfa_view_recovery_codes": ({}, rule(sign_in_first(), NOT_FOUND)),  # none generated yet
    "mfa_download_recovery_codes": ({}, rule(sign_in_first(), NOT_FOUND)),
    "usersessions_list": ({}, SIGNED_IN),
    "intranet:home": ({}, SIGNED_IN),
    "intranet:notices": ({}, SIGNED_IN),
    "intranet:notice": (None, None),  # per notice, below
    "intranet:changes": ({}, SECRETARIAT_ONLY),
    "invitations:list": ({}, SECRETARIAT_ONLY),
    "invitations:new": ({}, SECRETARIAT_ONLY),
}

# Pages that list records, with the model whose restricted titles must not appear.
LIST_PAGES = ["intranet:notices", "intranet:home"]


def notice_cases(role):
    for notice in Notice.objects.order_by("slug"):
        if role == "anonymous":
            expected = sign_in_first()
        else:
            expected = OK if notice.slug in VISIBLE_NOTICES[role] else NOT_FOUND
        yield f"intranet:notice[{notice.slug}]", en("intranet:notice", slug=notice.slug), expected


def admin_expectation(role, user, name, url):
    if role == "anonymous":
        anonymous_special = {
            "admin:login": Expect(302, "/es/accounts/login/"),
            "admin:logout": Expect(302, "/admin/"),
        }
        return anonymous_special.get(name, Expect(302, "/admin/login/"))
    if not user.is_staff:
        return NOT_FOUND
    special = {
        "admin:login": Expect(302, "/admin/"),  # already signed in
        "admin:logout": Expect(405),  # signing out takes a POST
        "admin:autocomplete": Expect(403),  # only answers the admin's own widget queries
        "admin:view_on_site": NOT_FOUND,  # countries have no public page of their own
        "admin:accounts_invitation_add": Expect(403),  # invitations are sent from the intranet
        "admin:accounts_user_add": Expect(403),  # accounts come from invitations
        "admin:auth_user_password_change": Expect(403),  # people reset their own password
        "admin:password_change": Expect(302, "/es/accounts/password/change/"),  # through allauth
    }
    if name in special:
        return special[name]
    if name.startswith("admin:<unnamed"):
        return Expect(302, "/admin/") if url != "/admin/directory/no-such-page/" else NOT_FOUND
    model, _action = admin_model(name)
    if model is None:  # index, app lists, password change, translations catalogue
        return OK
    allowed = user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    return OK if allowed else Expect(403)


def test_every_url_has_a_declared_expectation():
    undeclared = [
        name
        for name, _route in all_patterns()
        if not name.startswith("admin:") and name not in EXPECTATIONS
    ]
    assert not undeclared, f"declare the expected access to these URLs in {__file__}: {undeclared}"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_permission_matrix(client, role):
    secretariat = make_user("secretariat", email="matrix-secretariat@example.org")
    create_samples(secretariat)
    user = None if role == "anonymous" else make_user(role)
    if user is not None:
        client.force_login(user)

    cases = []
    for name, (kwargs, expect) in EXPECTATIONS.items():
        if name == "intranet:notice":
            cases.extend(notice_cases(role))
        else:
            cases.append((name, en(name, **kwargs), expect(role)))
    cases.extend(
        (name, url, admin_expectation(role, user, name, url)) for name, url in admin_cases()
    )

    mismatches = []
    for name, url, expected in cases:
        response = client.get(url)
        location = response.get("Location", "")
        if response.status_code != expected.status or not location.startswith(expected.location):
            mismatches.append(
                f"{name} {url}: expected {expected}, got {response.status_code} {location}"
            )
    assert not mismatches, f"{role}:\n" + "\n".join(mismatches)
    assert len(cases) > 140


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_list_pages_never_show_what_the_role_may_not_see(client, role):
    client.force_login(make_user(role))
    hidden = Notice.objects.exclude(slug__in=VISIBLE_NOTICES[role])
    for name in LIST_PAGES:
        for language in ("es", "en"):
            with translation.override(language):
                content = html.unescape(client.get(reverse(name)).content.decode())
            for notice in hidden:
                assert notice.title_es not in content and notice.title_en not in content, (
                    f"{role} sees {notice.slug} on {name}"
                )
    listing = html.unescape(client.get(en("intranet:notices")).content.decode())
    for notice in Notice.objects.filter(slug__in=VISIBLE_NOTICES[role]):
        assert notice.title_en in listing
