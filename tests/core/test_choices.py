"""Country lists in forms follow the reader's language, accents handled, not country codes."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def country_options(client, language) -> list[str]:
    with translation.override(language):
        page = client.get(reverse("meetings:calendar")).content.decode()
    select = page.split('name="country"')[1].split("</select>")[0]
    return re.findall(r"<option[^>]*>([^<]+)</option>", select)[1:]


def test_the_calendars_countries_are_in_the_readers_alphabetical_order(client):
    spanish = country_options(client, "es")
    assert spanish.index("Panamá") < spanish.index("Perú") < spanish.index("República Dominicana")
    assert (
        spanish.index("El Salvador") < spanish.index("Estados Unidos") < spanish.index("Guatemala")
    )
    english = country_options(client, "en")
    assert english.index("Guatemala") < english.index("United States")
    assert english[-1] != "Estados Unidos" and english == sorted(english, key=str.casefold)


def test_the_invitation_form_sorts_countries_by_name(client, sign_in):
    sign_in("secretariat")
    with translation.override("es"):
        page = client.get(reverse("invitations:new")).content.decode()
    select = page.split('name="country"')[1].split("</select>")[0]
    names = re.findall(r"<option[^>]*>([^<]+)</option>", select)[1:]
    assert names.index("Belice") < names.index("Canadá") < names.index("México")
