"""What the portal shows is what the sources say, or marked as not (issue 30, problems 5, 6, 7
and 10), read as a visitor reads it."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

MOTTO_2019 = (
    "Relaunching the Regional Conference on Migration as a consultation process in the context "
    "of the current migration dynamic."
)


def get(client, name: str, *args, language: str = "en") -> str:
    with translation.override(language):
        address = reverse(name, args=args)
    response = client.get(address)
    assert response.status_code == 200, address
    return html.unescape(response.content.decode())


def section(content: str, heading_id: str) -> str:
    return content.split(f'id="{heading_id}"')[1].split("</section>")[0]


def test_the_troika_definition_is_marked_as_puebla_s_reading(client):
    presidency = section(get(client, "portal:home"), "presidency-heading")
    troika = presidency.split('<div class="troika">')[0]
    assert '<details class="inferred"><summary>Inferred: why?</summary>' in troika
    assert "“Chairmanship Troika”" in troika
    assert "previous, current and next presidencies is Puebla's reading" in troika


def test_the_2019_motto_is_the_xxiv_conference_s_not_guatemala_s_presidency(client):
    content = get(client, "portal:presidencies")
    (row_2019,) = [row for row in content.split("<tr") if re.search(r">\s*2019\s*<", row)]
    motto_cell = row_2019.split("<td>")[2]
    # The presidency itself has no motto in the sources...
    assert motto_cell.startswith('<span class="not-given">not given</span>')
    # ...the motto is the Conference's, as seed 003 words it.
    xxiv = reverse("meetings:meeting", args=["xxiv-rcm"])
    assert (
        f'Motto of the <a href="{xxiv}">XXIV Regional Conference on Migration</a>:</small> '
        f"{MOTTO_2019}" in motto_cell
    )
    # The home page's Troika shows 2019 without it (the 2020 presidency keeps its own motto).
    home = section(get(client, "portal:home"), "presidency-heading")
    assert MOTTO_2019 not in home
    assert "Towards migration in action." in home


def test_the_xxiv_conference_page_shows_its_motto(client):
    content = get(client, "meetings:meeting", "xxiv-rcm")
    assert f"<dt>Motto of the conference</dt><dd>{MOTTO_2019}</dd>" in content


def test_the_honduras_workshop_is_convened_by_the_government_of_honduras(client):
    content = get(client, "meetings:meeting", "workshop-international-protection-consular-mexico")
    convened = content.split("<dt>Convened by</dt>")[1].split("</dd>")[0]
    assert convened == "<dd>The Government of Honduras (Presidency Pro-Tempore)"


OWN_SPANISH_NAMES = {
    "Comisión Interamericana de Derechos Humanos (CIDH)": "https://www.oas.org/es/cidh/",
    "Organización Internacional para las Migraciones (OIM)": "https://www.iom.int/es",
    "Oficina del Alto Comisionado de las Naciones Unidas para los Refugiados (ACNUR)": (
        "https://www.acnur.org"
    ),
    "Comité Internacional de la Cruz Roja (CICR)": "https://www.icrc.org/es",
    "(CEPAL/CELADE)": "https://www.cepal.org/es",
    # The Spanish official name is shorter than seed 000's English one.
    "Secretaría General Iberoamericana (SEGIB)": "https://www.segib.org",
}


@pytest.mark.parametrize(("name", "address"), OWN_SPANISH_NAMES.items())
def test_a_spanish_name_from_outside_the_sources_names_its_source(client, name, address):
    organisations = section(get(client, "portal:members", language="es"), "observer-organisations")
    (item,) = [item for item in organisations.split("<li>") if name in item]
    assert re.search(
        rf'{re.escape(name)} <small class="name-source">\([^<]+<a href="{re.escape(address)}"',
        item,
    ), item
    english = get(client, "portal:members", language="en")
    assert 'class="name-source"' not in english  # the English names are the seeds' own


def test_spanish_names_puebla_made_up_are_gone(client):
    members = get(client, "portal:members", language="es")
    assert "RROCM" not in members
    assert "Red Regional de Organizaciones Civiles" not in members
    assert "Relator Especial de las Naciones Unidas" not in members
    structure = get(client, "portal:structure", language="es")
    for made_up in (
        "Grupo Regional de Consulta sobre Migración",
        "Red de Funcionarios de Enlace",
        "Grupo Ad Hoc sobre",
    ):
        assert made_up not in structure
    # The English name, marked as not yet translated, and the Spanish acronym seed 003 gives.
    assert (
        '<h3 id="rcgm"><span lang="en">Regional Consultation Group on Migration</span> '
        '<small class="untranslated">(aún sin traducción al español)</small> (GRCM)</h3>'
    ) in structure
