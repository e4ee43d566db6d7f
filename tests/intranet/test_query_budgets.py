"""Intranet list pages run as many queries with many rows as with the sample few."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from puebla.accounts.models import Invitation
from puebla.directory.models import Body, Country, Presidency
from puebla.intranet.models import Notice
from tests.querybudget import assert_queries_constant

pytestmark = pytest.mark.django_db


def en(name: str) -> str:
    with translation.override("en"):
        return reverse(name)


def add_notices(count: int, **fields) -> None:
    for number in range(count):
        notice = Notice.objects.create(
            slug=f"budget-{fields.get('audience', 'x')}-{number}",
            title_es=f"Aviso {number}",
            title_en=f"Notice number {number}",
            published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
            **fields,
        )
        if notice.audience == "body":
            notice.audience_bodies.set(
                Body.objects.filter(slug__in=["network-consular-protection", "rcgm"])
            )


@pytest.mark.parametrize("role", ["liaison_officer", "official_a", "secretariat"])
def test_notice_list(client, sign_in, role):
    sign_in(role)

    def grow():
        add_notices(10, audience="public")
        add_notices(10, audience="body")
        add_notices(5, audience="country", audience_country=Country.objects.get(iso_code="CR"))

    _before, after = assert_queries_constant(client, en("intranet:notices"), grow)
    assert "Notice number 9" in after.content.decode()


def test_my_secretariat(client, sign_in):
    sign_in("liaison_officer")
    _before, after = assert_queries_constant(
        client, en("intranet:home"), lambda: add_notices(20, audience="members")
    )
    assert "Notice number 19" in after.content.decode()


def test_invitation_list(client, sign_in):
    secretariat = sign_in("secretariat")

    def invite(numbers):
        for number in numbers:
            Invitation.objects.create(
                email=f"person{number}@example.org",
                given_name="Person",
                family_name=str(number),
                affiliation="member_state",
                country=Country.objects.get(iso_code="HN"),
                token_hash=f"{number:064d}",
                invited_by=secretariat,
                expires_at=timezone.now() + datetime.timedelta(days=7),
            )

    invite([0])  # compare a list with one row to one with many, not the empty page
    _before, after = assert_queries_constant(
        client, en("invitations:list"), lambda: invite(range(1, 30))
    )
    assert "person29@example.org" in after.content.decode()


def test_recent_changes(client, sign_in):
    secretariat = sign_in("secretariat")

    def grow():
        for presidency in Presidency.objects.all():
            presidency._history_user = secretariat
            presidency.motto_es = f"Lema {presidency.year}"
            presidency.save()

    assert_queries_constant(client, en("intranet:changes"), grow)


def test_account_list(client, sign_in):
    from tests.roles import make_user

    sign_in("secretariat")

    def grow():
        for number in range(15):
            make_user("official_a", email=f"budget-{number}@example.org")
            make_user("observer_organisation", email=f"budget-org-{number}@example.org")

    _before, after = assert_queries_constant(client, en("user_accounts:list"), grow)
    assert "budget-14@example.org" in after.content.decode()
