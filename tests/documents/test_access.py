"""Who sees a document and its files, what the access marker says, and the download view."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from puebla.directory.models import Body, Country
from puebla.documents import services
from tests.documents import samples
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def make_document(slug, audience, **extra):
    secretariat = make_user("secretariat", email=f"ts-{slug}@example.org")
    bodies = extra.pop("bodies", ())
    document = services.document_create(
        fields={"slug": slug, "kind": "report", "title_en": f"Report {slug}", "audience": audience}
        | extra,
        bodies=bodies,
        by=secretariat,
    )
    stored = services.file_upload(
        document=document,
        language="es",
        upload=SimpleUploadedFile("informe.pdf", samples.pdf()),
        by=secretariat,
    )
    return document, stored


@pytest.mark.parametrize(
    ("audience", "role", "marker"),
    [
        (
            "members",
            "official_a",
            "Visible to: member states and the Technical Secretariat. "
            "You can see it because you are a member-state official.",
        ),
        (
            "observers",
            "observer_state",
            "Visible to: observers, member states and the Technical Secretariat. "
            "You can see it because your organisation or state is an observer.",
        ),
        (
            "participants",
            "civil_society",
            "Visible to: everyone signed in. You can see it because you are signed in.",
        ),
        (
            "body",
            "liaison_officer",
            "Visible to: members of {body}, and the Technical Secretariat. "
            "You can see it because you are a member of {body}.",
        ),
        (
            "country",
            "official_a",
            "Visible to: officials of Costa Rica, and the Technical Secretariat. "
            "You can see it because you are an official of Costa Rica.",
        ),
        (
            "secretariat",
            "secretariat",
            "Visible to: the Technical Secretariat only. "
            "You can see it because you are in the Technical Secretariat.",
        ),
    ],
)
def test_the_access_marker_says_who_and_why(client, sign_in, audience, role, marker):
    consular = Body.objects.get(slug="network-consular-protection")
    extra = {
        "body": {"bodies": [consular]},
        "country": {"audience_country": Country.objects.get(iso_code="CR")},
    }.get(audience, {})
    document, _stored = make_document(f"doc-{audience}", audience, **extra)
    sign_in(role)
    page = client.get(en("documents:document", slug=document.slug)).content.decode()
    assert html.unescape(marker.format(body=consular.name_en)) in html.unescape(page)
    library = client.get(en("documents:library")).content.decode()
    assert document.title_en in library


def test_a_document_nobody_else_may_see_is_not_found_and_neither_is_its_file(client, sign_in):
    document, stored = make_document("internal", "secretariat")
    for role in (None, "official_a", "observer_state"):
        if role:
            sign_in(role)
        assert client.get(en("documents:document", slug="internal")).status_code == 404
        download = en("documents:download", slug="internal", pk=stored.pk)
        assert client.get(download).status_code == 404
        assert document.title_en not in client.get(en("documents:library")).content.decode()


def test_the_download_is_the_file_under_a_safe_name_never_cached(client, sign_in, settings):
    document, stored = make_document("members-report", "members")
    sign_in("official_a")
    response = client.get(en("documents:download", slug=document.slug, pk=stored.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.pdf()
    assert response["Content-Disposition"] == 'attachment; filename="members-report-es-v1.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    # Behind nginx, the front server sends the file from its internal location.
    settings.DOCUMENTS_ACCEL_REDIRECT = "/protected-documents/"
    response = client.get(en("documents:download", slug=document.slug, pk=stored.pk))
    assert response["X-Accel-Redirect"] == f"/protected-documents/{stored.file.name}"
    assert response.content == b""


def test_a_folder_gives_new_documents_its_audience():
    from puebla.documents.models import Folder

    consular = Body.objects.get(slug="network-consular-protection")
    folder = Folder.objects.create(name_en="Consular network", body=consular, audience="body")
    folder.audience_bodies.set([consular])
    document = services.document_create(
        fields={"slug": "in-folder", "kind": "minutes", "title_en": "Minutes", "folder": folder},
        by=make_user("secretariat"),
    )
    assert document.audience == "body"
    assert list(document.audience_bodies.all()) == [consular]


def test_an_upload_refused_on_the_form_says_why_and_keeps_the_versions(client, sign_in):
    document, stored = make_document("form-upload", "members")
    sign_in("secretariat")
    page = client.post(
        en("documents:upload", slug=document.slug),
        {"language": "es", "file": SimpleUploadedFile("virus.pdf", samples.EXECUTABLE)},
    )
    assert page.status_code == 200
    assert "This file is not one of the accepted types" in html.unescape(page.content.decode())
    assert list(document.files.values_list("pk", flat=True)) == [stored.pk]
    with translation.override("es"):
        page = client.post(
            reverse("documents:upload", kwargs={"slug": document.slug}),
            {"language": "es", "file": SimpleUploadedFile("vacío.pdf", b"")},
        )
    assert "El archivo está vacío. Elija el archivo de nuevo." in page.content.decode()
    page = client.post(
        en("documents:upload", slug=document.slug),
        {"language": "en", "file": SimpleUploadedFile("report.pdf", samples.pdf("English"))},
        follow=True,
    )
    assert "Version 1 of the file was added." in page.content.decode()


def test_a_meeting_page_lists_its_documents_for_those_who_may_see_them(client, sign_in):
    from tests.meetings.factories import make_meeting

    meeting = make_meeting(audience="public")
    public, _file = make_document("meeting-report", "public", meeting=meeting)
    members, _file = make_document("meeting-minutes", "members", meeting=meeting)
    page = client.get(en("meetings:meeting", slug=meeting.slug)).content.decode()
    assert public.title_en in page
    assert members.title_en not in page
    sign_in("official_a")
    page = client.get(en("meetings:meeting", slug=meeting.slug)).content.decode()
    assert members.title_en in page


def test_the_library_follows_the_plan_of_action_s_themes_then_the_rest(client):
    for slug, theme in (("no-theme", ""), ("rights-doc", "rights"), ("policy-doc", "policy")):
        make_document(slug, "public", theme=theme)
    page = client.get(en("documents:library")).content.decode()
    headings = [
        page.index(name)
        for name in ("Migration policy and management", "Human rights", "Other documents")
    ]
    assert headings == sorted(headings)
