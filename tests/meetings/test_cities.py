"""The secretariat adds a city the list lacks from the meeting form, and finds it chosen there
with what it had typed; a city already listed, or a time zone of another country, is refused
with a message and writes nothing."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from puebla.directory.models import Country
from puebla.meetings.models import City, Meeting
from puebla.meetings.services import city_create
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def typed_meeting() -> dict:
    return {
        "slug": "grupo-ad-hoc-ottawa",
        "kind": "group",
        "title_es": "Reunión del grupo ad hoc en Ottawa",
        "title_en": "Ad hoc group meeting in Ottawa",
        "host_country": str(Country.objects.get(iso_code="CA").pk),
        "venue": "Global Affairs Canada",
        "participants_audience": "secretariat",
        "waiting_list": "on",
        "audience": "members",
    }


def test_a_city_added_from_the_meeting_form_comes_back_chosen(client, sign_in):
    sign_in("secretariat")
    canada = Country.objects.get(iso_code="CA")
    new_meeting = url("meetings:new", language="es")
    leave = client.post(new_meeting, typed_meeting() | {"add_city": "1"})
    assert leave.status_code == 302
    assert leave["Location"].startswith(url("meetings:city_new", language="es") + "?draft=")
    assert not Meeting.objects.filter(slug="grupo-ad-hoc-ottawa").exists()

    city_page = client.get(leave["Location"])
    assert "Añadir una ciudad" in city_page.content.decode()
    # The meeting's host country is proposed, and its zones are listed first.
    assert city_page.context["form"]["country"].value() == str(canada.pk)
    zones = city_page.context["form"].fields["time_zone"].choices
    assert zones[1][0] == "Canadá"
    assert ("America/Toronto", "America/Toronto") in zones[1][1]

    back = client.post(
        leave["Location"],
        {
            "name_es": "Ottawa",
            "name_en": "Ottawa",
            "country": str(canada.pk),
            "time_zone": "America/Toronto",
        },
    )
    ottawa = City.objects.get(name_en="Ottawa")
    assert (ottawa.country, ottawa.time_zone, ottawa.slug) == (canada, "America/Toronto", "ottawa")
    assert back["Location"].startswith(new_meeting + "?draft=")

    form_page = client.get(back["Location"])
    content = html.unescape(form_page.content.decode())
    assert "Ottawa se añadió a las ciudades y quedó elegida para la reunión." in content
    assert "Reunión del grupo ad hoc en Ottawa" in content  # what was typed is still there
    assert 'value="Global Affairs Canada"' in content
    assert f'<option value="{ottawa.pk}" selected>Ottawa, Canadá</option>' in content

    saved = client.post(back["Location"], typed_meeting() | {"city": str(ottawa.pk)}, follow=True)
    assert "La reunión se guardó." in saved.content.decode()
    assert Meeting.objects.get(slug="grupo-ad-hoc-ottawa").city == ottawa


def test_a_city_of_an_existing_meeting_keeps_its_other_changes(client, sign_in):
    sign_in("secretariat")
    edit = url("meetings:edit", "xxiv-rcm")
    data = {
        name: value
        for name, value in client.get(edit).context["form"].initial.items()
        if value not in (None, False) and not isinstance(value, list)
    }
    data["venue"] = "Palacio Nacional de la Cultura"
    leave = client.post(edit, data | {"add_city": "1"})
    client.post(
        leave["Location"],
        {
            "name_es": "Antigua Guatemala",
            "name_en": "Antigua Guatemala",
            "country": str(Country.objects.get(iso_code="GT").pk),
            "time_zone": "America/Guatemala",
        },
    )
    restored = f"{edit}?draft={leave['Location'].rsplit('=', 1)[1]}"
    form = client.get(restored).context["form"]
    antigua = City.objects.get(name_es="Antigua Guatemala")
    assert form["venue"].value() == "Palacio Nacional de la Cultura"
    assert form["city"].value() == str(antigua.pk)
    assert form["slug"].value() == "xxiv-rcm"  # not typed (it cannot change), still shown
    assert Meeting.objects.get(slug="xxiv-rcm").venue == ""  # nothing saved yet
    saved = client.post(restored, data | {"city": str(antigua.pk)}, follow=True)
    assert "The meeting was saved." in saved.content.decode()
    meeting = Meeting.objects.get(slug="xxiv-rcm")
    assert (meeting.city, meeting.venue) == (antigua, "Palacio Nacional de la Cultura")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"name_es": "ciudad de guatemala", "country": "GT", "time_zone": "America/Guatemala"},
            "name_es",
            "Guatemala City, Guatemala is already in the list: choose it in the meeting form.",
        ),
        (
            {"name_en": "Mexico City", "country": "MX", "time_zone": "America/Mexico_City"},
            "name_es",
            "Mexico City, Mexico is already in the list: choose it in the meeting form.",
        ),
        (
            {"name_en": "Ottawa", "country": "CA", "time_zone": "America/Mexico_City"},
            "time_zone",
            "Choose one of the time zones of Canada.",
        ),
        (
            {"name_es": "", "name_en": " ", "country": "CA", "time_zone": "America/Toronto"},
            "name_es",
            "Give the name in Spanish, in English, or in both.",
        ),
    ],
)
def test_a_bad_city_is_refused_with_a_message_and_nothing_written(
    client, sign_in, fields, field, message
):
    sign_in("secretariat")
    country = Country.objects.get(iso_code=fields.pop("country"))
    before = (City.objects.count(), City.history.count())
    response = client.post(url("meetings:city_new"), fields | {"country": str(country.pk)})
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message in html.unescape(response.content.decode())
    assert (City.objects.count(), City.history.count()) == before


def test_only_the_secretariat_adds_cities():
    official = make_user("official_a")
    refused = pytest.raises(ValidationError, match=r"Only the Technical Secretariat adds cities\.")
    with translation.override("en"), refused:
        city_create(
            name_es="Belmopán",
            name_en="Belmopan",
            country=Country.objects.get(iso_code="BZ"),
            time_zone="America/Belize",
            by=official,
        )
    assert not City.objects.filter(name_en="Belmopan").exists()


def test_the_zone_of_a_country_with_only_one_is_proposed(client, sign_in):
    sign_in("secretariat")
    belize = str(Country.objects.get(iso_code="BZ").pk)
    leave = client.post(
        url("meetings:new"), typed_meeting() | {"host_country": belize, "add_city": "1"}
    )
    form = client.get(leave["Location"]).context["form"]
    assert (form["country"].value(), form["time_zone"].value()) == (belize, "America/Belize")
