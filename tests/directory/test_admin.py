"""Secretariat staff keep the directory in the Django admin."""

import html

import pytest
from django.urls import reverse

from puebla.directory.models import (
    Appointment,
    Body,
    Country,
    Fact,
    Membership,
    Milestone,
    Organisation,
    Person,
    Presidency,
)

pytestmark = pytest.mark.django_db

MODELS = [Country, Organisation, Membership, Body, Presidency, Person, Milestone, Fact]


@pytest.fixture
def staff_client(client, sign_in):
    sign_in("secretariat")
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_directory_list_opens_with_its_records(staff_client, model):
    response = staff_client.get(reverse(f"admin:directory_{model._meta.model_name}_changelist"))
    assert response.status_code == 200
    assert model.objects.count() > 0
    assert f"{model.objects.count()} " in response.content.decode()


def test_staff_edit_a_presidency_motto_in_both_languages(staff_client):
    presidency = Presidency.objects.get(year=2020)
    url = reverse("admin:directory_presidency_change", args=[presidency.pk])
    response = staff_client.post(
        url,
        {
            "year": 2020,
            "country": presidency.country_id,
            "motto_es": "Hacia una migración en acción",
            "motto_en": "Towards migration in action.",
            "source": presidency.source,
            "evidence": presidency.evidence,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    presidency.refresh_from_db()
    assert presidency.motto_es == "Hacia una migración en acción"


def test_a_second_presidency_for_a_year_is_refused_with_a_message(staff_client):
    response = staff_client.post(
        reverse("admin:directory_presidency_add"),
        {
            "year": 2019,
            "country": Country.objects.get(iso_code="PA").pk,
            "motto_es": "",
            "motto_en": "",
        },
    )
    assert response.status_code == 200
    assert Presidency.objects.filter(year=2019).count() == 1
    assert "Ya existe Presidencia pro tempore con este Año." in response.content.decode()


def test_a_person_with_appointments_opens(staff_client):
    person = Appointment.objects.first().person
    response = staff_client.get(reverse("admin:directory_person_change", args=[person.pk]))
    assert response.status_code == 200
    assert "Coordinador" in response.content.decode() or "Coordinator" in response.content.decode()


def test_people_without_staff_status_get_a_404_from_the_admin(client, sign_in):
    sign_in("official_a")
    response = client.get(reverse("admin:directory_presidency_changelist"))
    assert response.status_code == 404


def test_staff_see_and_keep_a_records_provenance(staff_client):
    presidency = Presidency.objects.get(year=2016)
    url = reverse("admin:directory_presidency_change", args=[presidency.pk])
    page = staff_client.get(url).content.decode()
    assert "002_b88516f6a8eb4702.txt" in page and "San Pedro Sula" in page
    response = staff_client.post(
        url,
        {
            "year": 2016,
            "country": presidency.country_id,
            "motto_es": "",
            "motto_en": "",
            "source": presidency.source,
            "evidence": presidency.evidence,
            "inferred": "country",
            "note_es": "",
            "note_en": "",
        },
    )
    assert response.status_code == 200  # refused: an inference needs its note
    assert "Say in the note why these values are inferred." in html.unescape(
        response.content.decode()
    ) or "Indique en la nota por qué se deducen estos valores." in html.unescape(
        response.content.decode()
    )
    presidency.refresh_from_db()
    assert presidency.note_en


def test_a_person_s_address_is_private_until_staff_mark_it_public(staff_client):
    response = staff_client.get(reverse("admin:directory_person_changelist"))
    assert "email_is_public" in response.content.decode()
