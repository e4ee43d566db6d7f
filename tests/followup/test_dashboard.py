"""The country dashboard on "My secretariat": what the reader's country owes (open and overdue
requests, nominations due, the soonest few and a link to them all) and what it submitted;
other countries' requests never show."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from puebla.followup.models import InputRequest
from puebla.followup.requests import services
from puebla.followup.requests.views.dashboard import OWED_PER_PAGE, OWED_SHOWN
from puebla.meetings.models import Nomination
from tests.followup import factories
from tests.meetings.factories import make_meeting
from tests.querybudget import assert_queries_constant
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


def owe(count: int, *, code: str = "CR", first_due_in: int = -5) -> None:
    """`count` requests to the country, due a day apart from `first_due_in` days from today."""
    today = timezone.localdate()
    made = InputRequest.objects.bulk_create(
        InputRequest(
            title_en=f"Owed request {n:02d}", due_date=today + datetime.timedelta(first_due_in + n)
        )
        for n in range(count)
    )
    InputRequest.countries.through.objects.bulk_create(
        InputRequest.countries.through(inputrequest=request, country=factories.country(code))
        for request in made
    )


def test_the_dashboard_lists_the_soonest_owed_and_links_to_them_all(client, secretariat):
    owe(OWED_SHOWN + OWED_PER_PAGE)  # five overdue, the rest open
    answered = InputRequest.objects.get(title_en="Owed request 00")
    focal = factories.person("CR", focal=True, language="en")
    services.answer_submit(request=answered, country=focal.country, by=focal, text="Sent")
    draft = InputRequest.objects.get(title_en="Owed request 01")
    services.answer_save_draft(request=draft, country=focal.country, by=focal, text="Later")
    factories.make_request(by=secretariat, codes=["GT"], title_en="Guatemala's request")
    client.force_login(factories.person("CR"))

    page = home(client)
    owed = page[page.index("What Costa Rica owes") : page.index("What Costa Rica has submitted")]
    # The soonest due first, answered ones left out, the overdue counted over them all.
    assert "4 requests are overdue." in owed
    assert "Owed request 00" not in owed
    assert "Owed request 01" in owed and "overdue Draft" in owed
    assert f"Owed request {OWED_SHOWN:02d}" in owed
    assert f"Owed request {OWED_SHOWN + 1:02d}" not in owed
    total = OWED_SHOWN + OWED_PER_PAGE - 1
    assert f"All {total} requests waiting for your country's answer" in owed

    with translation.override("en"):
        url = reverse("followup:owed")
    first = " ".join(html.unescape(strip_tags(client.get(url).content.decode())).split())
    assert "What Costa Rica owes" in first and "4 requests are overdue." in first
    assert "Owed request 01" in first and f"Owed request {OWED_PER_PAGE:02d}" in first
    assert "Owed request 00" not in first and "Guatemala's request" not in first
    assert "Page 1 of 2" in first
    second = " ".join(
        html.unescape(strip_tags(client.get(f"{url}?page=2").content.decode())).split()
    )
    assert f"Owed request {total:02d}" in second and "Owed request 01" not in second

    client.force_login(secretariat)  # no country of its own
    assert client.get(url).status_code == 404


def test_the_dashboard_and_the_owed_list_keep_their_queries_as_requests_grow(client):
    owe(1)
    client.force_login(factories.person("CR", focal=True))
    with translation.override("en"):
        urls = [reverse("intranet:home"), reverse("followup:owed")]
    for url in urls:
        _before, after = assert_queries_constant(
            client, url, lambda: owe(OWED_SHOWN + OWED_PER_PAGE, first_due_in=-400)
        )
        assert "Owed request" in after.content.decode()
