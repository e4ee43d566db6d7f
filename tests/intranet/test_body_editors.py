"""The secretariat appoints and removes a body's editors from the body's page in the intranet
(issue 29, item 6): a person with an account, through a service that takes `by=`, a removal
after a page that asks, the history kept. And a document's audience that cannot apply is
refused with a message, never saved as another."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from puebla.accounts.body_editors import body_editor_appoint, body_editor_remove
from puebla.directory.models import Appointment, Body
from puebla.documents.models import Document, Folder
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def es(name, **kwargs):
    with translation.override("es"):
        return reverse(name, kwargs=kwargs or None)


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


@pytest.fixture
def consular():
    return Body.objects.get(slug="network-consular-protection")


def test_the_secretariat_appoints_an_editor_who_then_adds_the_body_s_documents(
    client, sign_in, consular
):
    secretariat = sign_in("secretariat")
    official = make_user("official_b", email="ana.editora@example.org")
    page = text(client.get(es("intranet:body", slug=consular.slug)))
    assert "Editores" in page and "ana.editora@example.org" in page  # offered by its account
    response = client.post(es("intranet:body", slug=consular.slug), {"user": official.pk})
    assert response.status_code == 302
    page = text(client.get(response["Location"]))
    assert "ahora es editor de este órgano" in page
    appointment = Appointment.objects.get(body=consular, role="editor", person=official.person)
    assert appointment.start == timezone.localdate()
    assert appointment.history.first().history_user == secretariat

    client.force_login(type(official).objects.get(pk=official.pk))
    assert client.get(es("documents:new")).status_code == 200


def test_appointing_someone_twice_is_refused_with_a_message(client, sign_in, consular):
    sign_in("secretariat")
    official = make_user("official_b", email="ana.editora@example.org")
    client.post(es("intranet:body", slug=consular.slug), {"user": official.pk})
    response = client.post(es("intranet:body", slug=consular.slug), {"user": official.pk})
    assert "ya es editor de este órgano" in text(response)
    assert Appointment.objects.filter(body=consular, role="editor").count() == 1


def test_removal_asks_first_then_ends_the_appointment_and_keeps_its_history(
    client, sign_in, consular
):
    secretariat = sign_in("secretariat")
    official = make_user("official_b", email="ana.editora@example.org")
    appointment = body_editor_appoint(body=consular, user=official, by=secretariat)
    # Appointed a while ago: the removal ends it yesterday, the record stays.
    Appointment.objects.filter(pk=appointment.pk).update(start=datetime.date(2024, 1, 1))
    remove = es("intranet:body_editor_remove", slug=consular.slug, pk=appointment.pk)
    assert f'href="{remove}"' in text(client.get(es("intranet:body", slug=consular.slug)))
    question = text(client.get(remove))
    assert "dejará de agregar o modificar los registros" in question
    assert Appointment.objects.get(pk=appointment.pk).end is None  # the GET only asks
    response = client.post(remove)
    assert "ya no es editor de este órgano" in text(client.get(response["Location"]))
    appointment.refresh_from_db()
    assert appointment.end == timezone.localdate() - datetime.timedelta(days=1)
    assert appointment.history.first().history_user == secretariat
    official = type(official).objects.get(pk=official.pk)
    assert consular.pk not in official.edited_body_ids
    assert client.get(remove).status_code == 404  # no longer an editor to remove


def test_only_the_secretariat_appoints_or_removes_editors(consular):
    official = make_user("official_b", email="ana.editora@example.org")
    liaison = make_user("liaison_officer")
    translation.activate("en")
    with pytest.raises(ValidationError, match="Only the Technical Secretariat"):
        body_editor_appoint(body=consular, user=official, by=liaison)
    assert not Appointment.objects.filter(body=consular, role="editor").exists()
    appointment = body_editor_appoint(body=consular, user=official, by=make_user("secretariat"))
    with pytest.raises(ValidationError, match="Only the Technical Secretariat"):
        body_editor_remove(appointment=appointment, by=liaison)
    assert Appointment.objects.filter(pk=appointment.pk, end__isnull=True).exists()


def test_the_body_pages_are_the_secretariat_s(client, sign_in, consular):
    sign_in("liaison_officer")
    assert client.get(es("intranet:bodies")).status_code == 404
    assert client.get(es("intranet:body", slug=consular.slug)).status_code == 404


# --- A document's audience that cannot apply ------------------------------------------------

FORM = {"slug": "acta-sin-carpeta", "kind": "minutes", "title_es": "Acta"}


def test_with_no_folder_as_its_folder_is_not_offered_and_a_forged_one_is_refused(client, sign_in):
    sign_in("secretariat")
    assert not Folder.objects.exists()
    page = text(client.get(es("documents:new")))
    assert "La de su carpeta" not in page
    response = client.post(es("documents:new"), FORM | {"audience": "folder"})
    assert response.status_code == 200
    assert not Document.objects.filter(slug="acta-sin-carpeta").exists()


def test_a_folder_that_has_no_audience_is_refused_with_a_message(client, sign_in):
    sign_in("secretariat")
    folder = Folder.objects.create(name_es="Carpeta Zafiro", audience="body")
    response = client.post(es("documents:new"), FORM | {"audience": "folder", "folder": folder.pk})
    assert "La carpeta «Carpeta Zafiro» no tiene público" in text(response)
    assert not Document.objects.filter(slug="acta-sin-carpeta").exists()


def test_the_saved_message_says_who_may_see_the_document(client, sign_in):
    sign_in("secretariat")
    response = client.post(es("documents:new"), FORM | {"audience": "secretariat"}, follow=True)
    assert "El documento se guardó. Quién puede verlo: solo la Secretaría Técnica." in text(
        response
    )
