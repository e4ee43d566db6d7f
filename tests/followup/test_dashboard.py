"""The country dashboard on "My secretariat": what the reader's country owes (open and overdue
requests, nominations due) and what it submitted; other countries' requests never show."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from puebla.followup.requests import services
from puebla.meetings.models import Nomination
from tests.followup import factories
from tests.meetings.factories import make_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def home(client, language="en") -> str:
    with translation.override(language):
        url = reverse("intranet:home")
    return " ".join(html.unescape(strip_tags(client.get(url).content.decode())).split())


@pytest.fixture
def secretariat():
    return make_user("secretariat", email="ts-dashboard@example.org")


def test_what_the_country_owes_and_has_submitted(client, secretariat):
    today = timezone.localdate()
    open_one = factories.make_request(by=secretariat, codes=["CR"], title_en="Open request")
    overdue = factories.make_request(by=secretariat, codes=["CR"], title_en="Overdue request")
    overdue.due_date = today - datetime.timedelta(days=2)
    overdue.save()
    factories.make_request(by=secretariat, codes=["GT"], title_en="Guatemala's request")
    done = factories.make_request(by=secretariat, codes=["CR"], title_en="Done request")
    focal = factories.person("CR", focal=True, language="en")
    services.answer_submit(request=done, country=focal.country, by=focal, text="Our input")
    meeting = make_meeting(
        title_en="Nominating workshop",
        audience="members",
        seats_per_country=2,
        nomination_deadline=today + datetime.timedelta(days=5),
    )
    Nomination.objects.create(
        meeting=meeting,
        owner_country=focal.country,
        given_name="Ana",
        family_name="Mora",
        email="ana@example.org",
        language="es",
        status="nominated",
    )
    Nomination.objects.create(  # on the waiting list: it holds no seat
        meeting=meeting,
        owner_country=focal.country,
        given_name="Luis",
        family_name="Mora",
        email="luis@example.org",
        language="es",
        status="waiting",
    )
    client.force_login(factories.person("CR"))  # an official reads it too
    page = home(client)
    assert "What Costa Rica owes" in page
    assert "1 request is overdue." in page
    owed = page[page.index("What Costa Rica owes") : page.index("What Costa Rica has submitted")]
    assert owed.index("Overdue request") < owed.index("Open request")  # by due date
    assert "overdue Not started" in owed
    assert "Done request" not in owed
    assert "Guatemala's request" not in page
    assert "Nominating workshop" in owed and "1 / 2" in owed
    submitted = page[page.index("What Costa Rica has submitted") :]
    assert "Done request: Submitted" in submitted
    assert open_one.title_en not in submitted
    # No digest choice for an official: only focal points are reminded.
    assert "Save my reminder preference" not in page


def test_in_spanish(client, secretariat):
    factories.make_request(by=secretariat, codes=["CR"], title_es="Solicitud abierta")
    client.force_login(factories.person("CR", focal=True))
    page = home(client, "es")
    assert "Lo que Costa Rica tiene pendiente" in page
    assert "Solicitud abierta" in page
    assert "Enviarme un solo correo con todas las solicitudes pendientes de mi país" in page


def test_the_secretariat_sees_answers_waiting_for_a_decision(client, secretariat):
    made = factories.make_request(by=secretariat, codes=["GT"], title_en="Decide me")
    focal = factories.person("GT", focal=True)
    services.answer_submit(request=made, country=focal.country, by=focal, text="Input")
    client.force_login(secretariat)
    page = home(client)
    assert "Answers waiting for your decision: Guatemala: Decide me" in page


def test_people_without_a_country_see_no_dashboard(client):
    client.force_login(make_user("civil_society"))
    page = home(client)
    assert "owes" not in page and "Answers waiting" not in page
