"""The public portal in both languages shows the RCM's real data."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from puebla.accounts.services import invitation_accept, invitation_create
from puebla.directory.models import Appointment, Body, Country, Person, Presidency
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def page(client, name: str, language: str) -> str:
    with translation.override(language):
        url = reverse(f"portal:{name}")
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Language"] == language
    return html.unescape(response.content.decode())


MEMBERS = {
    "es": [
        "Belice",
        "Canadá",
        "Costa Rica",
        "República Dominicana",
        "El Salvador",
        "Guatemala",
        "Honduras",
        "México",
        "Nicaragua",
        "Panamá",
        "Estados Unidos",
    ],
    "en": [
        "Belize",
        "Canada",
        "Costa Rica",
        "Dominican Republic",
        "El Salvador",
        "Guatemala",
        "Honduras",
        "Mexico",
        "Nicaragua",
        "Panama",
        "United States",
    ],
}
OBSERVER_STATES = {
    "es": ["Argentina", "Colombia", "Ecuador", "Jamaica", "Perú"],
    "en": ["Argentina", "Colombia", "Ecuador", "Jamaica", "Peru"],
}
OBSERVER_ORGANISATIONS = {
    "es": [
        "Comisión Interamericana de Derechos Humanos (CIDH)",
        "Organización Internacional para las Migraciones (OIM)",
        "(ACNUR)",
        "(CICR)",
        "(SICA)",
        "(UNFPA)",
        "(SEGIB)",
        "(CEPAL/CELADE)",
        # The special procedure's own Spanish name (OHCHR), not one made up by Puebla.
        "Relator Especial sobre los derechos humanos de los migrantes",
    ],
    "en": [
        "Inter-American Commission on Human Rights (IACHR)",
        "International Organization for Migration (IOM)",
        "(UNHCR)",
        "(ICRC)",
        "(SICA)",
        "(UNFPA)",
        "(SEGIB)",
        "(ECLAC/CELADE)",
        "UN Special Rapporteur for the Human Rights of Migrants",
    ],
}


@pytest.mark.parametrize("language", ["es", "en"])
def test_members_page_lists_members_observers_and_civil_society(client, language):
    content = page(client, "members", language)
    member_section, rest = content.split('id="observer-states"')
    for name in MEMBERS[language]:
        assert f"<li>{name}</li>" in member_section
    observer_section, organisation_section = rest.split('id="observer-organisations"')
    for name in OBSERVER_STATES[language]:
        assert f"<li>{name}</li>" in observer_section
    for text in OBSERVER_ORGANISATIONS[language]:
        assert text in organisation_section
    # No source gives the network's Spanish name: the English one, marked, not a made-up one.
    assert {
        "es": '<span lang="en">Regional Network of Civil Organizations for Migration</span> '
        '<small class="untranslated">(aún sin traducción al español)</small> '
        '(<span lang="en">RNCOM</span>',
        "en": "Regional Network of Civil Organizations for Migration (RNCOM)",
    }[language] in organisation_section
    assert "RROCM" not in organisation_section


def test_member_states_are_in_alphabetical_order_of_the_reader_language(client):
    content = page(client, "members", "es")
    positions = [content.index(f"<li>{name}</li>") for name in ["Panamá", "República Dominicana"]]
    assert positions == sorted(positions)
    english = page(client, "members", "en")
    assert english.index("<li>Dominican Republic</li>") < english.index("<li>El Salvador</li>")


@pytest.mark.parametrize("language", ["es", "en"])
def test_structure_page_shows_every_body(client, language):
    content = page(client, "structure", language)
    for body in Body.objects.all():
        # The seeds give the bodies' names in English: a Spanish page shows that one.
        assert (getattr(body, f"name_{language}") or body.name_en) in content
    assert {
        "es": '<span lang="en">Regional Consultation Group on Migration</span> '
        '<small class="untranslated">(aún sin traducción al español)</small> (GRCM)',
        "en": "Regional Consultation Group on Migration (RCGM)",
    }[language] in content
    secretariat = content.split('id="technical-secretariat"')[1]
    assert "<dd>2001</dd>" in secretariat


@pytest.mark.parametrize("language", ["es", "en"])
def test_each_body_description_is_folded_under_a_summary_naming_its_body(client, language):
    content = page(client, "structure", language)
    described = Body.objects.exclude(description_es="", description_en="")
    assert described.count() >= 5
    for body in described:
        article = content.split(f'<h3 id="{body.slug}">')[1].split("</article>")[0]
        folded = article.split("<details>")[1].split("</details>")[0]
        # The summary's name: its own word, then the body's heading.
        assert (
            f'<summary id="{body.slug}-description" '
            f'aria-labelledby="{body.slug}-description {body.slug}">'
        ) in folded
        description = getattr(body, f"description_{language}") or body.description_en
        assert description in folded
    if language == "en":
        assert '">Description</summary>' in content


@pytest.mark.parametrize("language", ["es", "en"])
def test_presidencies_page_lists_every_year_with_country_and_motto(client, language):
    content = page(client, "presidencies", language)
    rows = content.split("<tbody>")[1]
    for presidency in Presidency.objects.select_related("country"):
        assert f'<th scope="row">{presidency.year}' in rows
        assert getattr(presidency.country, f"name_{language}") in rows
    assert "Towards migration in action." in rows
    assert rows.index(">2020<") < rows.index(">1996<")


def presidency_row(content: str, year: int) -> str:
    rows = content.split("<tbody>")[1].split("</tbody>")[0]
    return next(row for row in rows.split("<tr") if f'<th scope="row">{year}' in row)


def test_an_inferred_presidency_is_marked_with_its_note_and_a_stated_one_is_not(client):
    content = page(client, "presidencies", "en")
    note = Presidency.objects.get(year=2016).note_en
    marked = f'<details class="inferred"><summary>Inferred: why?</summary><p>{note}</p></details>'
    row = presidency_row(content, 2016)
    # Both the year and the country are inferred, each marked, each with the note on demand.
    assert f'<th scope="row">2016{marked}</th>' in row
    assert f"<td>Honduras{marked}</td>" in row
    for stated in (2019, 2020):
        assert "<details" not in presidency_row(content, stated)
    # A stated year with an inferred country: only the country is marked.
    salvador = presidency_row(content, 2017)
    assert '<th scope="row">2017</th>' in salvador and salvador.count("<details") == 1
    # No motto in the seeds: "not given", never a guess.
    assert '<td><span class="not-given">not given</span></td>' in salvador


def test_the_note_is_in_the_readers_language(client):
    row = presidency_row(page(client, "presidencies", "es"), 2016)
    note_es = Presidency.objects.get(year=2016).note_es
    assert f"<p>{note_es}</p></details>" in row
    assert Presidency.objects.get(year=2016).note_en not in row


def test_the_troika_marks_an_inferred_presidency_too(client):
    Presidency.objects.filter(year__gte=2019).delete()
    content = page(client, "home", "en")  # the latest on record is now 2017, El Salvador
    assert (
        "The most recent Presidency Pro-Tempore on record is that of 2017: "
        "<strong>El Salvador</strong>" in content
    )
    troika = content.split('class="troika"')[1]
    assert troika.count('<details class="inferred">') == 2  # 2016 and 2017; 2018 is not on record
    assert "Not on record" in troika


def test_the_structure_page_says_not_given_and_marks_inferences(client):
    content = page(client, "structure", "en")
    borders = content.split("Working group on strengthening, modernising and managing borders")[1]
    borders = borders.split("</article>")[0]
    assert borders.count('<details class="inferred">') == 2  # its name and its purpose
    assert "the four Working Groups" in borders
    assert borders.count('<span class="not-given">not given</span>') == 2  # reports to, year


def test_home_shows_the_fundamental_tenets_and_how_the_process_is_funded(client):
    content = page(client, "home", "en")
    tenets = content.split('id="tenets-heading"')[1].split("</section>")[0]
    for text in [
        "The protection of and respect for the human rights of migrants.",
        "The promotion of orderly and secure migration.",
        "Dialogue and technical cooperation among countries.",
    ]:
        assert f">{text}</li>" in tenets
    funding = content.split('id="funding-heading"')[1].split("</section>")[0]
    assert "annual fees paid by the Member States" in funding
    assert "funded by member countries' contributions" in funding


def test_a_document_title_without_spanish_is_shown_in_english_and_marked(client):
    content = page(client, "home", "es")
    assert (
        '<span lang="en">Guidelines on Assistance and Protection of Women in the Context of '
        'Migration</span> <small class="untranslated">(aún sin traducción al español)</small>'
        in content
    )


def test_other_organisations_say_how_the_seeds_relate_them_to_the_rcm(client):
    content = page(client, "members", "en")
    others = content.split('id="other-organisations"')[1]
    assert "South American Conference on Migration (SACM)" in others
    assert "The RCM and the SACM hold regular bi-regional meetings" in others
    assert "FYBEMID" in others and "by its acronym only" in others
    # The kind of an organisation named by acronym only is our reading: marked, noted once.
    unodc = others.split("<li>UNODC")[1].split("</li>")[0]
    assert unodc.count('<details class="inferred">') == 1
    assert unodc.count("the kind shown is our reading") == 1


def test_the_contact_page_says_how_old_its_details_are(client):
    content = page(client, "contact", "en")
    assert "come from a page of the RCM that bears the year 2013" in content


def test_a_motto_without_spanish_says_so_in_spanish_and_marks_its_language(client):
    content = page(client, "presidencies", "es")
    assert (
        '<span lang="en">Towards migration in action.</span> <small class="untranslated">(aún sin traducción al español)</small>'
        in content
    )
    english = page(client, "presidencies", "en")
    assert "not yet translated" not in english.split("<tbody>")[1]


@pytest.mark.parametrize("language", ["es", "en"])
def test_home_shows_latest_presidency_troika_and_founding_facts(client, language):
    content = page(client, "home", language)
    expected = {
        "es": [
            "La Presidencia Pro Tempore más reciente registrada es la de 2020: "
            "<strong>Costa Rica</strong>",
            "Presidencia anterior · 2019",
            "Guatemala",
            "Presidencia siguiente · 2021",
            "Sin registro",
            "marzo 1996",
            "Primera reunión de la CRM en Puebla, México",
            "Cumbre Presidencial Tuxtla II",
            "11 Estados miembros",
        ],
        "en": [
            "The most recent Presidency Pro-Tempore on record is that of 2020: "
            "<strong>Costa Rica</strong>",
            "Previous presidency · 2019",
            "Guatemala",
            "Next presidency · 2021",
            "Not on record",
            "March 1996",
            "First meeting of the RCM in Puebla, Mexico",
            "Tuxtla II Presidential Summit",
            "11 member states",
        ],
    }[language]
    for text in expected:
        assert text in content


def test_home_names_the_current_presidency_when_the_year_has_one(client):
    this_year = datetime.date.today().year
    presidency = Presidency.objects.get(year=2020)
    presidency.year = this_year
    presidency.save()
    content = page(client, "home", "en")
    assert (
        f"In {this_year} the Presidency Pro-Tempore is held by <strong>Costa Rica</strong>."
        in content
    )
    assert f"Previous presidency · {this_year - 1}" in content
    assert f"Current presidency · {this_year}" in content
    assert f"The Troika around {this_year}" in content


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_year_without_a_presidency_shows_the_last_troika_on_record_as_such(client, language):
    assert not Presidency.objects.filter(year=datetime.date.today().year).exists()
    content = page(client, "home", language)
    current, last, heading = {
        "es": (
            "Presidencia en curso",
            "Última presidencia registrada · 2020",
            "La última Troika registrada, en torno a 2020",
        ),
        "en": (
            "Current presidency",
            "Last presidency on record · 2020",
            "The last Troika on record, around 2020",
        ),
    }[language]
    assert current not in content
    assert last in content and heading in content


@pytest.mark.parametrize("language", ["es", "en"])
def test_contact_page_shows_the_secretariat(client, language):
    content = page(client, "contact", language)
    for text in [
        "cmst@iom.int",
        "(506) 8851-1009",
        "(506) 2222-0590",
        "Oliver Bush",
        "Renán Rodas",
        "Maribel Muñoz",
        "San José, Costa Rica",
    ]:
        assert text in content
    assert {"es": "Coordinador", "en": "Coordinator"}[language] in content
    for address in ["obush@iom.int", "rrodas@iom.int", "mmunozc@iom.int"]:
        assert f'<a href="mailto:{address}">{address}</a>' in content


def secretariat_staff(slug, *, email_is_public=False, start=None, end=None):
    person = Person.objects.create(
        slug=slug,
        given_name=slug.title(),
        family_name="Staff",
        email=f"{slug}@private.example.org",
        email_is_public=email_is_public,
    )
    Appointment.objects.create(
        person=person,
        body=Body.objects.get(kind=Body.Kind.SECRETARIAT),
        title_en="Assistant",
        start=start,
        end=end,
    )
    return person


def test_the_contact_page_never_shows_an_address_not_marked_public(client):
    secretariat_staff("invitee")  # as an invitation naming the secretariat creates it
    content = page(client, "contact", "en")
    assert "Invitee Staff" in content
    assert "invitee@private.example.org" not in content


def test_an_invitees_address_never_reaches_the_contact_page(client):
    # The probe's attack (issue 14, finding 7): an invitation naming the Technical Secretariat
    # makes a directory entry with the invitee's own address.
    invitation = invitation_create(
        invited_by=make_user("secretariat"),
        email="invitee.private@example.org",
        given_name="Private",
        family_name="Invitee",
        language="en",
        affiliation="member_state",
        country=Country.objects.get(iso_code="SV"),
        bodies=[Body.objects.get(kind=Body.Kind.SECRETARIAT)],
        notify=False,
    )
    user = invitation_accept(token=invitation.token, password="a-long-and-unusual-password")
    assert user.person.appointments.filter(body__kind=Body.Kind.SECRETARIAT).exists()
    for language in ("en", "es"):
        content = page(client, "contact", language)
        assert "Private Invitee" in content  # listed as staff, as the secretariat decided
        assert "invitee.private@example.org" not in content


def test_the_contact_page_leaves_out_ended_and_future_appointments(client):
    today = timezone.localdate()
    secretariat_staff(
        "former",
        email_is_public=True,
        start=today - datetime.timedelta(days=400),
        end=today - datetime.timedelta(days=1),
    )
    secretariat_staff("future", email_is_public=True, start=today + datetime.timedelta(days=1))
    secretariat_staff("present", email_is_public=True, start=today)
    content = page(client, "contact", "en")
    assert "Former Staff" not in content and "former@private.example.org" not in content
    assert "Future Staff" not in content
    assert "Present Staff" in content and "present@private.example.org" in content


@pytest.mark.parametrize(
    ("spanish", "english"),
    [
        ("/es/", "/en/"),
        ("/es/miembros/", "/en/members/"),
        ("/es/estructura/", "/en/structure/"),
        ("/es/presidencias/", "/en/presidencies/"),
        ("/es/contacto/", "/en/contact/"),
    ],
)
def test_language_switch_keeps_the_reader_on_the_same_page(client, spanish, english):
    spanish_page = client.get(spanish).content.decode()
    assert f'<a href="{english}" hreflang="en" lang="en">English</a>' in spanish_page
    english_page = client.get(english).content.decode()
    assert f'<a href="{spanish}" hreflang="es" lang="es">Español</a>' in english_page


def test_root_redirects_by_the_browser_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es-CR")["Location"] == "/es/"


def test_layout_is_accessible_html(client):
    content = client.get("/es/miembros/").content.decode()
    assert '<html lang="es">' in content
    assert '<a class="skip-link" href="#main">Saltar al contenido principal</a>' in content
    assert '<main id="main"' in content
    assert '<nav aria-label="Navegación principal">' in content
    assert 'aria-current="page">Miembros y observadores</a>' in content
    assert content.count("<h1>") == 1


def test_text_from_the_database_is_escaped(client):
    Body.objects.filter(slug="rcgm").update(name_en="<script>alert(1)</script>")
    content = client.get("/en/structure/").content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_empty_directory_pages_say_so(client):
    Presidency.objects.all().delete()
    assert "No presidency is on record yet." in client.get("/en/presidencies/").content.decode()
    assert "No presidency is on record yet." in client.get("/en/").content.decode()


def test_not_found_page_is_in_the_site_layout_and_language(client):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "<h1>Página no encontrada</h1>" in content
    assert '<a class="skip-link"' in content


def test_every_page_names_its_language_versions_and_describes_itself(client, settings):
    content = page(client, "members", "es")
    with translation.override("en"):
        english = reverse("portal:members")
    with translation.override("es"):
        spanish = reverse("portal:members")
    for code, path in (("es", spanish), ("en", english)):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="{settings.SITE_URL}{path}">' in content
        )
    assert f'<link rel="alternate" hreflang="x-default" href="{settings.SITE_URL}/">' in content
    assert '<meta name="description" content="La Conferencia Regional sobre Migración' in content


def test_the_site_has_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert 'rel="icon"' in page(client, "home", "en")


def test_the_spanish_contact_page_shows_the_address_as_given_in_english_and_says_so(client):
    spanish = page(client, "contact", "es")
    assert '<span lang="en">Central Avenue, St. 27-29' in spanish
    assert "(la dirección tal como la da la fuente, en inglés)" in spanish
    assert "(the address as the source gives it" not in page(client, "contact", "en")
