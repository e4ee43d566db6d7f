"""A person's private calendar address: what they may see, for programs that cannot sign in;
revocable; dead once the account is; never written to the access log."""

import datetime
import logging

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from puebla.accounts.services import user_deactivate, user_reactivate
from puebla.meetings.models import City
from tests.meetings.factories import make_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def day():
    """Twenty days ahead of when a test asks (not of when the module was imported)."""
    return timezone.localdate() + datetime.timedelta(days=20)


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def make_address(client) -> str:
    page = client.post(en("meetings:my_feed"), {"action": "create"})
    assert "Copy it now: it is shown only this once." in page.content.decode()
    return page.context["address"].split("://", 1)[1].split("/", 1)[1]


def summaries(address: str) -> set[str]:
    response = Client().get("/" + address)  # a calendar program: no session
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    parsed = icalendar.Calendar.from_ical(response.content)
    return {str(event["summary"]) for event in parsed.walk("VEVENT")}


def test_the_private_address_lists_what_its_owner_may_see(client, sign_in, caplog):
    official = sign_in("official_a")
    members = make_meeting(
        start_date=day(), start_precision="day", audience="members", title_en="For members"
    )
    make_meeting(
        start_date=day(), start_precision="day", audience="secretariat", title_en="Internal"
    )
    address = make_address(client)
    with caplog.at_level(logging.INFO, logger="puebla.access"):
        listed = summaries(address)
    assert "For members" in listed
    assert "Internal" not in listed
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in caplog.text
    assert "/feeds/[redacted].ics" in caplog.text
    page = client.get(en("meetings:my_feed")).content.decode()
    assert token not in page  # shown once, never again
    assert members.title_en in summaries(address)

    # A new address replaces the old one; revoking leaves none.
    newer = make_address(client)
    assert Client().get("/" + address).status_code == 404
    client.post(en("meetings:my_feed"), {"action": "revoke"})
    assert Client().get("/" + newer).status_code == 404

    # An account switched off takes its address with it, and reactivation does not bring it
    # back (as its sessions do not come back): the person makes a new one.
    latest = make_address(client)
    secretariat = make_user("secretariat")
    user_deactivate(user=official, by=secretariat, reason="Left the ministry")
    assert Client().get("/" + latest).status_code == 404
    user_reactivate(user=official, by=secretariat, reason="Back at the ministry")
    assert Client().get("/" + latest).status_code == 404
    official.refresh_from_db()
    client.force_login(official)
    page = client.get(en("meetings:my_feed")).content.decode()
    assert "Make my private address" in page
    assert "For members" in summaries(make_address(client))


def test_an_unknown_address_is_not_found(client):
    assert client.get(en("meetings:personal_ics", token="x" * 43)).status_code == 404


def test_the_spanish_private_address_gives_times_zones_and_places_in_spanish(client, sign_in):
    sign_in("official_a")
    make_meeting(
        title_es="Reunión de la Red de Protección Consular",
        audience="members",
        city=City.objects.get(slug="san-jose"),
        venue="Cancillería",
        start_date=day(),
        start_precision="day",
        start_time=datetime.time(9, 0),
        end_date=day() + datetime.timedelta(days=1),
        end_precision="day",
        end_time=datetime.time(13, 0),
    )
    with translation.override("es"):
        page = client.post(reverse("meetings:my_feed"), {"action": "create"})
    address = page.context["address"].split("://", 1)[1].split("/", 1)[1]
    parsed = icalendar.Calendar.from_ical(Client().get("/" + address).content)
    assert str(parsed["x-wr-calname"]) == "Conferencia Regional sobre Migración: mis reuniones"
    (event,) = [
        event
        for event in parsed.walk("VEVENT")
        if str(event["summary"]) == "Reunión de la Red de Protección Consular"
    ]
    assert event["dtstart"].params["TZID"] == "America/Costa_Rica"
    assert (event.decoded("dtstart").hour, event.decoded("dtend").hour) == (9, 13)
    assert "America/Costa_Rica" in [str(zone["tzid"]) for zone in parsed.walk("VTIMEZONE")]
    assert str(event["location"]) == "Cancillería, San José, Costa Rica"
