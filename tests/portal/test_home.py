"""A first visitor's home page (issue 29, item 14): what the RCM is, as the seeds say it; the
next meetings (or the latest held, said to be such); the latest documents; and a presidency
line that names the latest on record before saying the current one is not recorded."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from puebla.documents import services as documents
from puebla.documents.models import Document
from puebla.meetings.models import Meeting
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def visit(client, name: str, language: str = "es", **kwargs) -> str:
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).split())


def section(content: str, heading_id: str) -> str:
    return content.split(f'id="{heading_id}"')[1].split("</section>")[0]


def test_a_first_visitor_reads_what_the_rcm_is_quoted_from_the_seeds_with_its_source(client):
    content = visit(client, "portal:home")
    assert (
        "La Conferencia Regional sobre Migración (CRM) es un foro regional intergubernamental "
        "sobre migración" in content
    )
    assert "Tiene 11 Estados miembros." in content
    assert "Sobre esta información: Texto de la sección «Background»" in content
    english = visit(client, "portal:home", "en")
    assert (
        '<blockquote class="about-rcm" id="fact-about-rcm">The Regional Conference on Migration (RCM) is an '
        "inter-governmental regional migration forum" in english
    )
    # The page opens with it, not with what is missing.
    assert content.index("foro regional intergubernamental") < content.index("aún no está")


def test_with_no_meeting_ahead_the_home_page_shows_the_latest_held_and_says_so(client):
    today = timezone.localdate()
    assert not Meeting.objects.filter(audience="public", last_day__gte=today).exists()
    latest = Meeting.objects.filter(audience="public").past(today).first()
    meetings = section(visit(client, "portal:home"), "meetings-heading")
    assert "Últimas reuniones celebradas" in meetings
    assert "No hay próximas reuniones registradas. Estas son las últimas celebradas:" in meetings
    assert latest.title_es in meetings


def test_the_next_public_meetings_come_first_and_a_restricted_one_is_not_shown(client):
    today = timezone.localdate()
    make_meeting(
        title_es="Taller próximo Zafiro",
        start_date=today + datetime.timedelta(days=20),
        start_precision="day",
    )
    make_meeting(
        title_es="Reunión reservada Ónix",
        audience="members",
        start_date=today + datetime.timedelta(days=10),
        start_precision="day",
    )
    meetings = section(visit(client, "portal:home"), "meetings-heading")
    assert "Próximas reuniones" in meetings
    assert "Taller próximo Zafiro" in meetings
    assert "Reunión reservada Ónix" not in meetings
    assert "últimas celebradas" not in meetings


def test_the_latest_public_documents_are_listed_newest_first(client):
    newest = documents.document_create(
        fields={
            "slug": "declaracion-zafiro",
            "kind": "declaration",
            "title_es": "Declaración Zafiro",
            "year": timezone.localdate().year,
            "audience": "public",
        },
        by=None,
    )
    documents.document_create(
        fields={
            "slug": "acta-reservada",
            "kind": "minutes",
            "title_es": "Acta reservada Ónix",
            "year": timezone.localdate().year,
            "audience": "secretariat",
        },
        by=None,
    )
    listed = section(visit(client, "portal:home"), "documents-heading")
    assert listed.count("<li>") == 5
    assert listed.index(newest.title_es) < listed.index("</li>")  # the first one
    assert "Acta reservada Ónix" not in listed
    assert "no hay archivo" not in listed.lower()


def test_the_presidency_line_names_the_latest_on_record_then_that_this_year_s_is_not(client):
    this_year = timezone.localdate().year
    presidency = section(visit(client, "portal:home"), "presidency-heading")
    assert (
        "La Presidencia Pro Tempore más reciente registrada es la de 2020: "
        f"<strong>Costa Rica</strong>. La presidencia de {this_year} aún no está registrada."
        in presidency
    )
    assert "Aún no hay una presidencia registrada" not in presidency


def test_the_library_says_once_whom_to_ask_for_a_document_without_a_file(client):
    content = visit(client, "documents:library")
    public = Document.objects.filter(audience="public")
    assert public.filter(files__isnull=True).count() > 1
    assert "no hay archivo" not in content.lower()
    assert content.count("la Secretaría Técnica puede indicar dónde obtenerlo") == 1
    assert 'href="mailto:cmst@iom.int"' in content


def test_a_document_kept_elsewhere_links_there_from_the_library(client):
    documents.document_create(
        fields={
            "slug": "nota-conceptual",
            "kind": "other",
            "title_es": "Nota conceptual Zafiro",
            "audience": "public",
            "external_url": "https://example.org/nota.pdf",
        },
        by=None,
    )
    content = visit(client, "documents:library")
    row = content.split("Nota conceptual Zafiro")[1].split("</li>")[0]
    assert (
        '<a href="https://example.org/nota.pdf" rel="noopener">se conserva en otro sitio</a>' in row
    )
