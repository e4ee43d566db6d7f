"""Never a dead end: what a visitor may reach on the portal is found by the site search and
links to the page that shows it (milestones, facts, presidencies, Global Compact objectives,
the Reserve Fund's page, the Technical Secretariat's staff), and a person the public pages do
not show is not in the index at all."""

import datetime
import html
from urllib.parse import urlencode

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from puebla.directory.models import (
    Appointment,
    Body,
    Country,
    Fact,
    Milestone,
    Person,
    Presidency,
)
from puebla.fund.models import Fund
from puebla.planning import shipped
from puebla.planning.models import GcmObjective
from puebla.search import tasks
from puebla.search.models import Entry
from puebla.search.query import search
from puebla.search.services import index_rebuild, index_record
from tests.querybudget import assert_queries_constant

pytestmark = pytest.mark.django_db
anonymous = AnonymousUser()


def reversed_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def page(client, language, query):
    path = reversed_in(language, "search:results")
    response = client.get(f"{path}?{urlencode({'q': query})}")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def hits(query, language="es", **filters):
    with translation.override(language):
        return search(anonymous, query, **filters).hits


def hit_of(record, query, language="es", **filters):
    found = [hit for hit in hits(query, language, **filters) if hit.record == record]
    assert found, f"{record!r} is not found by {query!r} in {language}"
    return found[0]


def rows_of(kind, record):
    return Entry.objects.filter(kind=kind, record_id=record.pk)


def shown_on(client, url, fragment):
    """The page at `url` answers and holds the entry the fragment names."""
    response = client.get(url.split("#")[0])
    assert response.status_code == 200
    assert f'id="{fragment}"' in response.content.decode()


# --- The Reserve Fund's page ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [
        ("es", "fondo de reserva", "Fondo de Reserva para el Retorno Voluntario Asistido"),
        ("en", "reserve fund", "Reserve Fund for the Assisted Voluntary Return of Migrants"),
    ],
)
def test_the_reserve_fund_page_is_found_by_its_title_and_links_to_it(
    client, language, query, title
):
    url = reversed_in(language, "fund:statistics")
    content = page(client, language, query)
    assert f'<a href="{url}">' in content
    hit = hit_of(Fund.objects.get(), query, language)
    assert hit.url == url
    assert title in hit.title.replace("<mark>", "").replace("</mark>", "")
    assert [h.kind for h in hits(query, language)].count("fund.fund") == 1  # one page, one hit
    assert title in client.get(url).content.decode()  # the page it links to says the same


def test_the_reserve_fund_page_is_found_by_its_introduction():
    hit = hit_of(Fund.objects.get(), "mecanismo regional retorno voluntario")
    assert "2004" in hit.snippet


def test_a_migration_indexes_what_no_save_indexed():
    """The fund's row is made by a migration and never saved: `migrate` (which `puebla setup`
    runs) indexes it, and the records of a kind an upgrade made searchable."""
    Entry.objects.filter(kind__in=["fund.fund", "directory.milestone"]).delete()
    assert not hits("fondo de reserva")
    call_command("migrate", verbosity=0)
    assert hit_of(Fund.objects.get(), "fondo de reserva")
    assert hit_of(Milestone.objects.get(slug="tuxtla-ii"), "Tuxtla")


# --- Milestones, facts, presidencies ----------------------------------------------------------


def test_a_milestone_is_found_and_links_to_its_entry_on_the_home_page(client):
    milestone = Milestone.objects.get(slug="tuxtla-ii")
    hit = hit_of(milestone, "cumbre presidencial tuxtla")
    assert hit.url == "/es/#milestone-tuxtla-ii"
    assert hit.kind_label == "Hito"
    assert '<a href="/es/#milestone-tuxtla-ii">' in page(client, "es", "cumbre tuxtla")
    shown_on(client, hit.url, "milestone-tuxtla-ii")
    assert hit_of(milestone, "Tuxtla", year=1996)
    assert not [h for h in hits("Tuxtla", year=1997) if h.record == milestone]


def test_the_reserve_fund_milestone_titled_in_english_only_is_found_in_both_languages():
    milestone = Milestone.objects.get(slug="reserve-fund-established")
    assert hit_of(milestone, "reserve fund", "en").url == "/en/#milestone-reserve-fund-established"
    hit = hit_of(milestone, "apoyo financiero operativo", "es")
    assert "Reserve Fund" in hit.title  # the only title there is, in English


@pytest.mark.parametrize(
    ("slug", "query", "page_name"),
    [
        ("decisions-closed-door", "puerta cerrada", "portal:structure"),
        ("tenet-human-rights", "principio fundamental derechos humanos", "portal:home"),
        ("funding-process", "cuotas anuales", "portal:home"),
        ("executive-secretary", "secretario ejecutivo", "portal:contact"),
    ],
)
def test_a_fact_is_found_and_links_to_its_entry_where_the_portal_shows_it(
    client, slug, query, page_name
):
    fact = Fact.objects.get(slug=slug)
    hit = hit_of(fact, query)
    assert hit.url == f"{reversed_in('es', page_name)}#fact-{slug}"
    shown_on(client, hit.url, f"fact-{slug}")
    assert f'<a href="{hit.url}">' in page(client, "es", query)


def test_a_fact_is_titled_by_its_topic():
    hit = hit_of(Fact.objects.get(slug="tenet-human-rights"), "fundamental tenet", "en")
    assert hit.title == "<mark>Fundamental</mark> <mark>tenet</mark>"


def test_a_presidency_is_found_by_its_motto_and_by_its_country(client):
    costa_rica = Presidency.objects.get(year=2020)
    hit = hit_of(costa_rica, "migration in action", "en", year=2020)
    assert hit.url == "/en/presidencies/#presidency-2020"
    assert "Costa Rica" in hit.title
    shown_on(client, hit.url, "presidency-2020")
    nicaragua = Presidency.objects.get(year=2014)
    assert hit_of(nicaragua, "Nicaragua").url == "/es/presidencias/#presidency-2014"
    content = page(client, "es", "Nicaragua")
    assert '<a href="/es/presidencias/#presidency-2014">' in content


def test_a_country_renamed_renames_its_presidencies_in_the_index():
    country = Country.objects.get(iso_code="NI")
    country.name_es = "Nicaragüita"
    country.save()
    assert hit_of(Presidency.objects.get(year=2014), "Nicaragüita")


# --- Global Compact objectives ------------------------------------------------------------------


def test_a_global_compact_objective_is_found_and_links_to_its_page(client):
    shipped.load_reference_lists()
    objective = GcmObjective.objects.get(number=1)
    hit = hit_of(objective, "disaggregated data", "en")
    assert hit.url == "/en/plan-of-action/global-compact/1/"
    assert hit.title.startswith("1. Collect and utilize accurate and <mark>disaggregated</mark>")
    response = client.get(hit.url)
    assert "Collect and utilize accurate and disaggregated data" in response.content.decode()
    # The Spanish page's heading finds it in Spanish, though its title is given in English only.
    assert hit_of(objective, "objetivo 1 pacto mundial").url == (
        "/es/plan-de-accion/pacto-mundial/1/"
    )


def test_reloading_the_reference_list_reindexes_a_changed_objective():
    shipped.load_reference_lists()
    GcmObjective.objects.filter(number=1).update(title_en="Obsolete wording")
    index_record(GcmObjective.objects.get(number=1))
    assert hits("obsolete wording", "en")
    shipped.load_reference_lists()
    assert not hits("obsolete wording", "en")
    assert hit_of(GcmObjective.objects.get(number=1), "disaggregated data", "en")


# --- People: only those the public pages show --------------------------------------------------


@pytest.fixture
def secretariat():
    return Body.objects.get(kind=Body.Kind.SECRETARIAT)


@pytest.fixture
def hidden():
    """Someone in the directory whom no public page shows: a member of a network."""
    person = Person.objects.create(
        slug="zacarias-quintanilla", given_name="Zacarías", family_name="Quintanilla"
    )
    Appointment.objects.create(person=person, body=Body.objects.get(slug="rcgm"))
    return person


def test_a_person_on_the_contact_page_is_found_and_links_to_their_entry(client):
    person = Person.objects.get(slug="oliver-bush")
    hit = hit_of(person, "Oliver Bush")
    assert hit.url == "/es/contacto/#person-oliver-bush"
    assert "Coordinador" in hit.snippet
    shown_on(client, hit.url, "person-oliver-bush")
    assert '<a href="/es/contacto/#person-oliver-bush">' in page(client, "es", "Oliver Bush")
    assert hit_of(person, "coordinator technical secretariat", "en")


def test_a_person_no_public_page_shows_is_not_in_the_index_at_all(client, hidden):
    assert not rows_of("directory.person", hidden).exists()
    assert not hits("Quintanilla")
    content = page(client, "es", "Zacarías Quintanilla")
    assert "No hay resultados para «Zacarías Quintanilla»" in content
    assert "/es/contacto/#" not in content
    index_rebuild()
    assert not rows_of("directory.person", hidden).exists()


def test_a_person_becomes_findable_with_a_current_secretariat_appointment(
    client, hidden, secretariat
):
    appointment = Appointment.objects.create(person=hidden, body=secretariat, title_es="Asistente")
    assert hit_of(hidden, "Quintanilla").url == "/es/contacto/#person-zacarias-quintanilla"
    # The index says what the contact page says.
    assert "Quintanilla" in client.get("/es/contacto/").content.decode()
    appointment.delete()
    assert not rows_of("directory.person", hidden).exists()
    assert not hits("Quintanilla")
    assert "Quintanilla" not in client.get("/es/contacto/").content.decode()


def test_a_person_whose_appointment_ends_is_taken_out_of_the_index(client):
    person = Person.objects.get(slug="oliver-bush")
    appointment = person.appointments.get()
    appointment.end = timezone.localdate() - datetime.timedelta(days=1)
    appointment.save()
    assert not rows_of("directory.person", person).exists()
    assert not [h for h in hits("Oliver Bush") if h.record == person]
    assert "person-oliver-bush" not in page(client, "es", "Oliver Bush")
    assert "Oliver Bush" not in client.get("/es/contacto/").content.decode()


def test_the_daily_job_takes_out_a_person_whose_appointment_ended_without_a_save():
    person = Person.objects.get(slug="oliver-bush")
    appointment = person.appointments.get()
    appointment.end = timezone.localdate() + datetime.timedelta(days=1)
    appointment.save()
    assert rows_of("directory.person", person).exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert tasks.reindex_people_of_the_day.call_local() == 3  # the three of the dataset
    assert not rows_of("directory.person", person).exists()
    assert rows_of("directory.person", Person.objects.get(slug="renan-rodas")).exists()


def test_an_appointment_yet_to_start_shows_no_one():
    person = Person.objects.create(slug="future-staff", given_name="Ximena", family_name="Futura")
    Appointment.objects.create(
        person=person,
        body=Body.objects.get(kind=Body.Kind.SECRETARIAT),
        start=timezone.localdate() + datetime.timedelta(days=1),
    )
    assert not rows_of("directory.person", person).exists()


def test_the_reindex_counts_only_the_people_it_indexes(hidden):
    shown = Person.objects.filter(appointments__body__kind=Body.Kind.SECRETARIAT).distinct()
    assert index_rebuild()["directory.person"] == shown.count() == 3
    assert Entry.objects.filter(kind="directory.person").count() == 2 * shown.count()


# --- The search page says what it searches ------------------------------------------------------


def test_the_search_page_names_what_it_finds(client):
    content = page(client, "en", "")
    assert (
        "milestones, facts about the process, the Reserve Fund and the Technical Secretariat's"
        in (content)
    )
    assert "its presidencies, milestones and facts, the Reserve Fund's page" in content


def test_query_budget_with_every_new_kind_on_the_page(client, secretariat):
    """One query per kind on the page, whatever the number of its hits: their pages' addresses
    and titles need nothing more than the records."""
    country = Country.objects.get(iso_code="CR")
    made = {"year": 2100}

    def add(number):
        Milestone.objects.create(
            slug=f"zarzamora-{number}", year=2001, title_es=f"Zarzamora {number}"
        )
        Fact.objects.create(slug=f"zarzamora-{number}", topic="tenet", text_es="Zarzamora.")
        made["year"] += 1
        Presidency.objects.create(year=made["year"], country=country, motto_es="Zarzamora")
        GcmObjective.objects.create(number=100 + number, title_es=f"Zarzamora {number}")
        person = Person.objects.create(
            slug=f"zarzamora-{number}", given_name="Zarzamora", family_name=str(number)
        )
        Appointment.objects.create(person=person, body=secretariat)

    add(0)

    def grow():
        for number in range(1, 4):
            add(number)

    with translation.override("es"):
        path = reverse("search:results")
    before, after = assert_queries_constant(client, f"{path}?q=zarzamora", grow)
    assert before.content.decode().count("<article") == 5
    assert after.content.decode().count("<article") == 20
