"""A request for input names the commitments it follows up (issue 29, item 16): the sources say
the secretariat "sends reminders to the Member States of the commitments stated at the
Vice-Ministerial Declaration and establishes a due date" (seed 001), so a request follows up
several commitments of one declaration. The trace reads declaration, commitment, request,
answer: a commitment's page lists its requests with each country's state."""

import datetime

import pytest
from django.utils import timezone

from puebla.followup.declarations.services import commitment_create, declaration_create
from puebla.followup.models import InputRequest
from puebla.followup.requests import services
from tests.followup.factories import country, person
from tests.followup.pages import url, words
from tests.meetings.factories import make_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return make_user("secretariat", email="ts-commitments@example.org")


@pytest.fixture
def declarations(secretariat):
    """The San José declaration (commitments 3 and 4) and another one (commitment 1)."""
    meeting = make_meeting(kind="vice_ministerial", title_en="XXV RCM", title_es="XXV CRM")
    san_jose = declaration_create(
        meeting=meeting,
        by=secretariat,
        title_en="San José Declaration",
        title_es="Declaración de San José",
        adopted_on=datetime.date(2025, 6, 20),
    )
    other = declaration_create(
        meeting=make_meeting(kind="vice_ministerial", title_en="XXIV RCM"),
        by=secretariat,
        title_en="Other declaration",
    )
    made = {
        number: commitment_create(
            declaration=san_jose,
            by=secretariat,
            number=number,
            text_en=text,
            text_es=f"Compromiso {number}",
        )
        for number, text in (("3", "Share changes to migration law"), ("4", "Protect children"))
    }
    made["other"] = commitment_create(
        declaration=other, by=secretariat, number="1", text_en="Another commitment"
    )
    return made


def request_form(**fields):
    due = timezone.localdate() + datetime.timedelta(days=30)
    return {
        "title_en": "Follow-up of the San José Declaration",
        "due_date": due.isoformat(),
        "late_rule": "accept_late",
        "countries": [country("CR").pk, country("GT").pk],
        "schedule": "-3",
        "remind_focal_points": "on",
        **fields,
    }


def test_a_request_follows_up_commitments_and_each_commitment_lists_it_with_the_states(
    client, secretariat, declarations
):
    client.force_login(secretariat)
    form = words(client.get(url("followup:request_new")))
    assert "Commitments followed up" in form
    assert "San José Declaration (June 20, 2025)" in form
    assert "3. Share changes to migration law" in form and "4. Protect children" in form

    response = client.post(
        url("followup:request_new"),
        request_form(commitments=[declarations["3"].pk, declarations["4"].pk]),
    )
    made = InputRequest.objects.get(title_en="Follow-up of the San José Declaration")
    assert response["Location"] == url("followup:request", made.pk)
    assert list(made.commitments.all()) == [declarations["3"], declarations["4"]]
    page = words(client.get(response["Location"]))
    assert "Commitments followed up San José Declaration" in page
    assert "3. Share changes to migration law" in page and "4. Protect children" in page
    assert "Commitments followed up: 3, 4" in words(client.get(url("followup:requests")))

    # Costa Rica answers; Guatemala has not started.
    focal_point = person("CR", focal=True)
    services.answer_submit(request=made, country=country("CR"), by=focal_point, text="Ley 2025")
    commitment_page = words(client.get(url("followup:commitment", declarations["4"].pk)))
    assert "Follow-up of the San José Declaration" in commitment_page
    assert "Costa Rica: Submitted" in commitment_page
    assert "Guatemala: Not started" in commitment_page
    # The other declaration's commitment is not followed up by it.
    assert "Follow-up of the San José Declaration" not in words(
        client.get(url("followup:commitment", declarations["other"].pk))
    )

    # Costa Rica's official reads their own country's state, not Guatemala's.
    client.force_login(person("CR"))
    commitment_page = words(client.get(url("followup:commitment", declarations["3"].pk)))
    assert "Costa Rica: Submitted" in commitment_page and "Guatemala" not in commitment_page
    # Spanish: the request's page names the commitments in Spanish.
    spanish = words(client.get(url("followup:request", made.pk, language="es")))
    assert "Compromisos a los que da seguimiento" in spanish and "3. Compromiso 3" in spanish


def test_commitments_of_two_declarations_are_refused_and_nothing_is_sent(
    client, secretariat, declarations
):
    client.force_login(secretariat)
    response = client.post(
        url("followup:request_new"),
        request_form(commitments=[declarations["3"].pk, declarations["other"].pk]),
    )
    assert response.status_code == 200
    assert "Choose commitments of one declaration" in words(response)
    assert not InputRequest.objects.exists()


def test_the_commitment_page_keeps_its_query_count(client, secretariat, declarations):
    from tests.querybudget import assert_queries_constant

    commitment = declarations["3"]

    def more_requests():
        for number in range(3):
            made = services.input_request_create(
                by=secretariat,
                due_date=timezone.localdate() + datetime.timedelta(days=10 + number),
                countries=[country("CR"), country("GT"), country("MX")],
                commitments=[commitment],
                title_en=f"Request {number}",
            )
            services.answer_save_draft(
                request=made, country=country("GT"), by=secretariat, text="borrador"
            )

    more_requests()
    client.force_login(secretariat)
    _before, after = assert_queries_constant(
        client, url("followup:commitment", commitment.pk), more_requests
    )
    assert "Mexico: Not started" in words(after)
