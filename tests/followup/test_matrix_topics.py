"""The comparative matrix as the secretariat sets it up (issue 29, item 13): the page and the
topic form say which columns are built in and refuse a topic that repeats one; topics are
renamed, and removed after a confirmation unless a country has written on them; the first
cycle marks nothing "new since the previous cycle"; the meeting picker names each meeting in
the reader's language with its date, and offers only meetings that can hold a cycle."""

import re

import pytest

from puebla.followup.matrix import services as matrix_services
from puebla.followup.models import MatrixTopic
from puebla.meetings.models import City
from tests.followup.factories import country, person
from tests.followup.pages import url, words
from tests.meetings.factories import make_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return make_user("secretariat", email="ts-topics@example.org")


@pytest.fixture
def first_cycle(secretariat):
    """A first cycle (nothing before it) with one topic, and Costa Rica's submitted entry."""
    cycle = matrix_services.cycle_create(
        meeting=make_meeting(
            kind="rcgm",
            start_date="2024-03-01",
            start_precision="day",
            title_en="RCGM March",
            title_es="GRCM marzo",
        ),
        by=secretariat,
    )
    asylum = matrix_services.topic_add(
        cycle=cycle, by=secretariat, key="asylum", title_es="Asilo", title_en="Asylum"
    )
    matrix_services.entry_save(
        topic=asylum,
        country=country("CR"),
        by=person("CR", focal=True),
        policy="Costa Rica's refugee policy",
        submit=True,
    )
    return cycle


def test_the_first_cycle_marks_nothing_new_since_a_previous_one(client, secretariat, first_cycle):
    client.force_login(secretariat)
    page = words(client.get(url("followup:matrix", first_cycle.pk)))
    assert "Costa Rica's refugee policy" in page
    assert "This is the first cycle: there is nothing to compare with" in page
    assert "since the previous cycle" not in page


def test_the_pages_say_which_columns_are_built_in_and_refuse_a_topic_repeating_one(
    client, secretariat, first_cycle
):
    client.force_login(secretariat)
    built_in = "Every topic has three built-in columns: Policy, Legislation and Regulations."
    assert built_in in words(client.get(url("followup:cycle_topics", first_cycle.pk)))
    assert built_in in words(client.get(url("followup:matrix", first_cycle.pk)))
    for typed in (
        {"title_en": "Legislation", "key": "laws-2024"},
        {"title_es": "Reglamentación", "key": "reglas"},
        {"title_en": "Labour", "key": "policies"},
    ):
        response = client.post(
            url("followup:cycle_topics", first_cycle.pk), {"position": "5", **typed}
        )
        assert "is a built-in column of the matrix: every topic already has policy" in words(
            response
        )
    assert list(first_cycle.topics.values_list("key", flat=True)) == ["asylum"]

    # In Spanish, the same refusal.
    response = client.post(
        url("followup:cycle_topics", first_cycle.pk, language="es"),
        {"title_es": "Políticas", "key": "politicas", "position": "5"},
    )
    assert "es una columna fija de la matriz" in words(response)


def test_the_secretariat_renames_a_topic_and_removes_one_nobody_wrote_on(
    client, secretariat, first_cycle
):
    labour = matrix_services.topic_add(
        cycle=first_cycle, by=secretariat, key="labour", title_en="Labor"
    )
    client.force_login(secretariat)
    topics_page = client.get(url("followup:cycle_topics", first_cycle.pk)).content.decode()
    assert url("followup:topic_edit", labour.pk) in topics_page
    assert url("followup:topic_remove", labour.pk) in topics_page
    asylum = first_cycle.topics.get(key="asylum")
    assert url("followup:topic_remove", asylum.pk) not in topics_page  # Costa Rica wrote on it
    assert "Kept: 1 entry written on it" in words(
        client.get(url("followup:cycle_topics", first_cycle.pk))
    )

    # Renamed: the titles change, the key stays; a built-in column's name is refused.
    response = client.post(
        url("followup:topic_edit", labour.pk), {"title_en": "Regulations", "position": "100"}
    )
    assert "is a built-in column of the matrix" in words(response)
    response = client.post(
        url("followup:topic_edit", labour.pk),
        {"title_es": "Migración laboral", "title_en": "Labour migration", "position": "100"},
    )
    assert "The topic is now “Labour migration”." in words(client.get(response["Location"]))
    labour.refresh_from_db()
    assert (labour.key, labour.title_es) == ("labour", "Migración laboral")

    # Removed: the page asks first; the POST removes it.
    confirmation = words(client.get(url("followup:topic_remove", labour.pk)))
    assert "This cannot be undone." in confirmation and "Remove the topic" in confirmation
    assert MatrixTopic.objects.filter(pk=labour.pk).exists()
    response = client.post(url("followup:topic_remove", labour.pk))
    assert "The topic “Labour migration” was removed." in words(client.get(response["Location"]))
    assert not MatrixTopic.objects.filter(pk=labour.pk).exists()


def test_a_topic_a_country_wrote_on_is_not_removed_and_the_page_says_why(
    client, secretariat, first_cycle
):
    asylum = first_cycle.topics.get(key="asylum")
    client.force_login(secretariat)
    reason = (
        "Costa Rica has written an entry on this topic: it cannot be removed, so that the text "
        "is not lost. Rename it instead if its title is wrong."
    )
    assert reason in words(client.get(url("followup:topic_remove", asylum.pk)))
    assert reason in words(client.post(url("followup:topic_remove", asylum.pk)))
    assert MatrixTopic.objects.filter(pk=asylum.pk).exists()
    # A draft counts too: its text would be lost just the same.
    drafted = matrix_services.topic_add(
        cycle=first_cycle, by=secretariat, key="returns", title_en="Returns"
    )
    matrix_services.entry_save(
        topic=drafted, country=country("GT"), by=person("GT", focal=True), policy="borrador"
    )
    with pytest.raises(Exception, match="Guatemala has written an entry"):
        matrix_services.topic_remove(topic=drafted, by=secretariat)
    # Only the secretariat removes.
    with pytest.raises(Exception, match="Only the Technical Secretariat"):
        matrix_services.topic_remove(topic=drafted, by=person("GT", focal=True))


def test_the_meeting_picker_names_each_meeting_in_the_reader_language_with_its_date(
    client, secretariat, first_cycle
):
    city = City.objects.filter(name_es__gt="", name_en__gt="").first()
    same_title = "Meeting of the Regional Consultation Group on Migration"
    dated = make_meeting(
        kind="rcgm",
        title_en=same_title,
        title_es="",
        start_date="2019-11-12",
        start_precision="day",
        city=city,
    )
    undated = make_meeting(kind="rcgm", title_en=same_title, title_es="")
    cancelled = make_meeting(
        kind="rcgm", title_en="Cancelled RCGM", title_es="GRCM cancelada", status="cancelled"
    )
    workshop = make_meeting(kind="workshop", title_en="A workshop", title_es="Un taller")
    client.force_login(secretariat)
    spanish = client.get(url("followup:cycle_new", language="es")).content.decode()
    options = {
        int(value): label
        for value, label in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', spanish)
    }
    assert options[dated.pk] == (f"Reunión del GRCM — {city.name_es}, 12 de noviembre de 2019")
    assert options[undated.pk] == "Reunión del GRCM — fecha no indicada"
    assert cancelled.pk not in options and workshop.pk not in options
    assert first_cycle.meeting_id not in options  # it has its cycle
    english = client.get(url("followup:cycle_new")).content.decode()
    assert f"{same_title} — {city.name_en}, Nov. 12, 2019" in english

    # A cancelled meeting is refused by the service too, with the reason.
    response = client.post(url("followup:cycle_new"), {"meeting": cancelled.pk})
    assert "Choose one of the RCGM meetings listed." in words(response)
    with pytest.raises(Exception, match="cancelled"):
        matrix_services.cycle_create(meeting=cancelled, by=secretariat)


def test_the_meeting_picker_marks_a_date_the_sources_imply(client, secretariat):
    # Seed 002 gives the XXI's RCGM meeting its days; its year is the Vice-Ministerial
    # meeting's (issue 30): the matrix's pages and files name it with the mark.
    client.force_login(secretariat)
    english = words(client.get(url("followup:cycle_new")))
    assert (
        "Meeting of the Regional Consultation Group on Migration (XXI RCM) — San Pedro Sula, "
        "Nov. 15, 2016 (date inferred: the meeting's page says why)"
    ) in english
