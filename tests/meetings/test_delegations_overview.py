"""A meeting's delegations for the secretariat (issue 29, item 12): every country on one page,
the nominations awaiting confirmation confirmed in one go and mailed one by one, the
participant exports one click away; and an official who does not nominate is told who does."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from puebla.core.models import OutgoingMail
from puebla.directory.models import Body, Country
from puebla.meetings import delegations
from puebla.meetings.models import Nomination
from tests.meetings.factories import make_meeting
from tests.meetings.test_delegations import row_cells
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def open_meeting(**fields):
    today = timezone.localdate()
    values = {
        "start_date": today + datetime.timedelta(days=30),
        "start_precision": "day",
        "status": "confirmed",
        "seats_per_country": 2,
        "nomination_deadline": today + datetime.timedelta(days=10),
    }
    return make_meeting(**(values | fields))


def url(name, meeting, *args):
    with translation.override("en"):
        return reverse(f"meetings:{name}", args=[meeting.slug, *args])


def nominate(meeting, country, given_name, *, by):
    return delegations.nomination_create(
        meeting=meeting,
        country=country,
        by=by,
        given_name=given_name,
        family_name="Delegate",
        email=f"{given_name.lower()}@example.org",
        language="en",
    )


@pytest.fixture
def two_delegations():
    """Costa Rica's focal point fills its two seats (Ana, Beto) and puts Carla on the waiting
    list; the secretariat nominates Gabriela for Guatemala, which has no focal point."""
    focal_point = make_user("focal_point_a")
    secretariat = make_user("secretariat")
    meeting = open_meeting()
    costa_rica, guatemala = focal_point.country, Country.objects.get(iso_code="GT")
    people = {
        name: nominate(meeting, costa_rica, name, by=focal_point)
        for name in ("Ana", "Beto", "Carla")
    }
    people["Gabriela"] = nominate(meeting, guatemala, "Gabriela", by=secretariat)
    mail.outbox.clear()
    return meeting, focal_point, secretariat, people


def statuses(meeting) -> dict[str, str]:
    return dict(Nomination.objects.filter(meeting=meeting).values_list("given_name", "status"))


def test_the_page_shows_every_country_and_the_nominations_awaiting_confirmation(
    client, two_delegations
):
    meeting, focal_point, secretariat, _people = two_delegations
    client.force_login(secretariat)
    page = client.get(url("delegations", meeting)).content.decode()
    # Seats left, nominated, confirmed, waiting, focal points.
    assert row_cells(page, "Costa Rica") == ["0", "2", "0", "1", focal_point.full_name]
    assert row_cells(page, "Guatemala") == ["1", "1", "0", "0", "none in Puebla"]
    # A member state that nominated nobody has its row too.
    assert row_cells(page, "Panama") == ["2", "0", "0", "0", "none in Puebla"]
    # Those holding a seat can be ticked; the waiting list is decided on the country's page.
    ticks = page.split('id="awaiting"')[1]
    for name in ("Ana Delegate", "Beto Delegate", "Gabriela Delegate"):
        assert f">{name}</label>" in ticks
    assert "Carla Delegate" not in ticks
    # The participant list and its exports, one click away.
    for file_format in ("xlsx", "csv"):
        assert f'href="{url("participants_export", meeting, file_format)}"' in page
    assert f'href="{url("participants", meeting)}"' in page


def test_the_secretariat_confirms_the_ticked_nominations_at_once_and_each_is_mailed(
    client, two_delegations, django_capture_on_commit_callbacks
):
    meeting, focal_point, secretariat, people = two_delegations
    client.force_login(secretariat)
    page = client.get(url("delegations", meeting))
    assert page.status_code == 200
    # Meanwhile Costa Rica withdraws Beto: Carla moves up, and Beto can no longer be confirmed.
    delegations.nomination_withdraw(nomination=people["Beto"], by=focal_point)
    mail.outbox.clear()
    ticked = [people[name].pk for name in ("Ana", "Beto", "Gabriela")]
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url("delegations", meeting), {"nomination": ticked}, follow=True)
    assert statuses(meeting) == {
        "Ana": "confirmed",
        "Beto": "withdrawn",
        "Carla": "nominated",
        "Gabriela": "confirmed",
    }
    text = page.content.decode()
    assert "2 participations confirmed: Ana Delegate, Gabriela Delegate." in text
    assert (
        "Not confirmed: Beto Delegate (Costa Rica). Only a nomination that holds a seat can be "
        "confirmed; this one is: Withdrawn."
    ) in text
    assert row_cells(text, "Costa Rica")[:4] == ["0", "1", "1", "0"]

    # Each confirmation is mailed as one confirmed alone is: the nominee, with the calendar,
    # and the country's focal points, in their own language.
    for address in ("ana@example.org", "gabriela@example.org"):
        [message] = [m for m in mail.outbox if m.to == [address]]
        assert message.subject == f"[RCM] Participation confirmed: {meeting.title_en}"
        assert [name for name, _content, _type in message.attachments] == [f"{meeting.slug}.ics"]
    [to_focal_point] = [m for m in mail.outbox if m.to == [focal_point.email]]
    assert to_focal_point.subject == f"[CRM] Participación confirmada: {meeting.title_es}"
    assert "Ana Delegate" in to_focal_point.body
    assert not [m for m in mail.outbox if m.to == ["beto@example.org"]]


class Undone(Exception):
    """Raised to roll back what a test did once it has read what was written."""


def mail_written_by(action) -> list[tuple]:
    """The mail `action` writes (recipients, subject, text, attachment names), then undone."""
    before = list(OutgoingMail.objects.values_list("pk", flat=True))
    written = []
    try:
        with transaction.atomic():
            action()
            for message in OutgoingMail.objects.exclude(pk__in=before):
                names = [attachment["filename"] for attachment in message.attachments]
                written.append((message.to, message.subject, message.body, names))
            raise Undone
    except Undone:
        return sorted(written)


def test_a_confirmation_in_bulk_is_mailed_exactly_as_one_confirmed_alone(two_delegations):
    meeting, _focal_point, secretariat, people = two_delegations
    alone = mail_written_by(
        lambda: delegations.nomination_confirm(nomination=people["Ana"], by=secretariat)
    )
    in_bulk = mail_written_by(
        lambda: delegations.nominations_confirm(
            meeting=meeting, nomination_ids=[people["Ana"].pk], by=secretariat
        )
    )
    assert len(alone) == 2  # Ana, and Costa Rica's focal point
    assert in_bulk == alone


def test_nothing_ticked_or_a_forged_tick_says_so_and_writes_nothing(client, two_delegations):
    meeting, _focal_point, secretariat, people = two_delegations
    client.force_login(secretariat)
    before = statuses(meeting)
    page = client.post(url("delegations", meeting), {})
    assert page.status_code == 200
    alert = page.content.decode().split('role="alert"')[1].split("</div>")[0]
    assert "Tick at least one nomination to confirm." in alert
    # Another meeting's nomination, and something that is no number, are named as such.
    other = nominate(open_meeting(), people["Ana"].owner_country, "Olga", by=secretariat)
    page = client.post(
        url("delegations", meeting), {"nomination": [other.pk, "1; DROP"]}, follow=True
    )
    assert "2 ticked nominations are not among this meeting&#x27;s." in page.content.decode()
    assert statuses(meeting) == before
    assert other.status == Nomination.objects.get(pk=other.pk).status == "nominated"
    assert not mail.outbox


def test_only_the_secretariat_confirms_in_bulk(client, two_delegations):
    meeting, focal_point, _secretariat, people = two_delegations
    with pytest.raises(ValidationError, match="Only the Technical Secretariat"):
        delegations.nominations_confirm(
            meeting=meeting, nomination_ids=[people["Ana"].pk], by=focal_point
        )
    client.force_login(focal_point)
    response = client.post(url("delegations", meeting), {"nomination": [people["Ana"].pk]})
    assert response.status_code == 404
    assert statuses(meeting)["Ana"] == "nominated"
    assert not mail.outbox


def test_an_official_whose_country_has_no_focal_point_is_told_to_write_to_the_secretariat(
    client, sign_in
):
    meeting = open_meeting()
    sign_in("official_b")  # Guatemala: no focal point in Puebla
    secretariat = Body.objects.get(kind=Body.Kind.SECRETARIAT)
    page = client.get(url("delegation", meeting)).content.decode()
    told = page.split('id="who-nominates">')[1].split("</p>")[0]
    assert "Your country has no focal point in Puebla to nominate its delegates." in told
    assert f'<a href="mailto:{secretariat.email}">{secretariat.email}</a>' in told
    assert secretariat.email == "cmst@iom.int"  # the directory's, from the seeds
    # The address is the directory's as it stands, not one written into the page.
    secretariat.email = "delegations@example.org"
    secretariat.save()
    page = client.get(url("delegation", meeting)).content.decode()
    assert "mailto:delegations@example.org" in page
    assert "cmst@iom.int" not in page
    # Without an address in the directory, the page sends to the contact page, guessing none.
    secretariat.email = ""
    secretariat.save()
    told = client.get(url("delegation", meeting)).content.decode().split('id="who-nominates">')[1]
    assert 'href="/en/contact/"' in told.split("</p>")[0]
    assert "mailto:" not in told.split("</p>")[0]


def test_an_official_whose_country_has_focal_points_sees_their_names(client, sign_in):
    meeting = open_meeting()
    focal_point = make_user("focal_point_a")
    sign_in("official_a")  # Costa Rica
    page = client.get(url("delegation", meeting)).content.decode()
    told = page.split('id="who-nominates">')[1].split("</p>")[0]
    assert f"Your country's focal point nominates its delegates: {focal_point.full_name}." in told
    assert "Technical Secretariat" not in told
    # In Spanish, with two focal points.
    second = make_user("focal_point_a", email="second-focal@example.org")
    second.full_name = "María Pérez"
    second.save()
    with translation.override("es"):
        page = client.get(reverse("meetings:delegation", args=[meeting.slug])).content.decode()
    told = page.split('id="who-nominates">')[1].split("</p>")[0]
    assert "Los puntos focales de su país designan a sus delegados" in told
    assert focal_point.full_name in told and second.full_name in told


def test_the_intranet_list_leads_to_the_delegations_and_the_exports(client, sign_in):
    meeting = open_meeting(title_en="Workshop with delegations", participants_audience="members")
    sign_in("secretariat")
    page = client.get(reverse("meetings:intranet_list")).content.decode()
    assert f'href="{url("delegations", meeting)}"' in page
    for file_format in ("xlsx", "csv"):
        assert f'href="{url("participants_export", meeting, file_format)}"' in page
    assert "Download the participants of Workshop with delegations (XLSX)" in page

    # An observer does not read this meeting's participant list: no link to it.
    client.force_login(make_user("observer_state"))
    page = client.get(reverse("meetings:intranet_list")).content.decode()
    assert "Workshop with delegations" in page
    assert url("participants_export", meeting, "xlsx") not in page
    # A member state's official does, from the list and from the delegation page.
    client.force_login(make_user("official_b"))
    for listing in (reverse("meetings:intranet_list"), url("delegation", meeting)):
        assert url("participants_export", meeting, "csv") in client.get(listing).content.decode()
    assert (
        url("delegations", meeting) not in client.get(url("delegation", meeting)).content.decode()
    )
