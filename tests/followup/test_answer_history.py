"""An answer's state and history as people read them (issue 29, item 15): a returned answer
reads "Devuelta" in Spanish, and each step of the history says who acted, for whom they work
and, only when the secretariat wrote for a country, on whose behalf: the secretariat deciding
acts for itself, a focal point for their own country."""

import pytest

from puebla.followup.models import Transition
from puebla.followup.requests import services
from tests.followup.factories import country, make_request, person
from tests.followup.pages import url, words
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned():
    """Costa Rica's answer, submitted by its focal point and returned by the secretariat;
    Guatemala's, written and submitted by the secretariat on Guatemala's behalf."""
    secretariat = make_user("secretariat", email="ts-history@example.org")
    secretariat.full_name = "Ana Secretaría"
    secretariat.save()
    focal_point = person("CR", focal=True)
    request = make_request(by=secretariat, codes=("CR", "GT"))
    answer = services.answer_submit(
        request=request, country=country("CR"), by=focal_point, text="Ley 2025"
    )
    services.answer_return(answer=answer, by=secretariat, comment="Añadan la fecha.")
    for_guatemala = services.answer_submit(
        request=request, country=country("GT"), by=secretariat, text="Recibido por correo."
    )
    return secretariat, focal_point, request, answer, for_guatemala


def test_a_returned_answer_and_its_history_read_right_in_spanish(client, returned):
    secretariat, focal_point, request, answer, _guatemala = returned
    client.force_login(focal_point)
    page = words(client.get(url("followup:request", request.pk, language="es")))
    assert "Estado: Devuelta" in page and "Retornadas" not in page
    assert f"Enviada, {focal_point.full_name} (Costa Rica)" in page
    assert "Enviada → Devuelta, Ana Secretaría (Secretaría Técnica)" in page
    assert "por Costa Rica" not in page and "en nombre de" not in page

    client.force_login(secretariat)
    decision = words(client.get(url("followup:answer", request.pk, answer.pk, language="es")))
    assert "Devuelta" in decision and "en nombre de" not in decision


def test_the_secretariat_acting_for_a_country_is_said_in_both_languages(client, returned):
    secretariat, _focal_point, request, _answer, for_guatemala = returned
    client.force_login(secretariat)
    english = words(client.get(url("followup:answer", request.pk, for_guatemala.pk)))
    assert "Ana Secretaría (Technical Secretariat), on behalf of Guatemala" in english
    spanish = words(client.get(url("followup:answer", request.pk, for_guatemala.pk, language="es")))
    assert "Ana Secretaría (Secretaría Técnica), en nombre de Guatemala" in spanish
    # Stored so: the steps the secretariat took for Guatemala name it; its decisions do not.
    assert set(
        Transition.objects.filter(answer=for_guatemala).values_list(
            "on_behalf_of__iso_code", flat=True
        )
    ) == {"GT"}
    assert not Transition.objects.filter(to_state="returned", on_behalf_of__isnull=False).exists()
