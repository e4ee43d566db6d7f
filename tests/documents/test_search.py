"""Documents in the site search: found by title, summary and the text of their files, in
either language, accents and endings aside; never by someone who may not see them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from puebla.directory.models import Body
from puebla.documents import services
from puebla.search.query import search
from tests.documents import samples
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def documents_found(user, words):
    return search(user, words, kinds=["documents.document"])


def found_slugs(results) -> list[str]:
    return [hit.record.slug for hit in results.hits]


def test_a_file_s_text_is_found_and_a_restricted_document_is_not(
    django_capture_on_commit_callbacks,
):
    secretariat = make_user("secretariat")
    consular = Body.objects.get(slug="network-consular-protection")
    with django_capture_on_commit_callbacks(execute=True):
        network_only = services.document_create(
            fields={
                "slug": "consular-protocol",
                "kind": "manual",
                "title_es": "Protocolo consular reservado",
                "audience": "body",
                "body": consular,
            },
            bodies=[consular],
            by=secretariat,
        )
        services.file_upload(
            document=network_only,
            language="es",
            upload=SimpleUploadedFile("p.pdf", samples.pdf("Atencion a niñas migrantes")),
            by=secretariat,
        )
        public = services.document_create(
            fields={
                "slug": "public-guide",
                "kind": "guideline",
                "title_en": "Return guide",
                "audience": "public",
            },
            by=secretariat,
        )
        services.file_upload(
            document=public,
            language="en",
            upload=SimpleUploadedFile("g.docx", samples.docx_file("Returns of children")),
            by=secretariat,
        )
    member_of_network = make_user("liaison_officer")
    assert "consular-protocol" in found_slugs(documents_found(member_of_network, "niña migrante"))
    for outsider in (None, make_user("official_a"), make_user("observer_state")):
        found = documents_found(outsider, "niña migrante")
        assert found.total == 0
        assert "Protocolo consular reservado" not in str(found.facets)
    assert "public-guide" in found_slugs(documents_found(None, "return children"))


def test_the_theme_facet_names_each_theme_in_the_reader_s_language():
    secretariat = make_user("secretariat")
    services.document_create(
        fields={
            "slug": "rights-guide",
            "kind": "guideline",
            "title_es": "Guía de derechos",
            "title_en": "Rights guide",
            "audience": "public",
            "theme": "rights",
        },
        by=secretariat,
    )
    facet = documents_found(AnonymousUser(), "guía").facets["theme"]
    assert [(value.value, value.label, value.count) for value in facet] == [
        ("rights", "Derechos humanos", 1)
    ]
    with translation.override("en"):
        facet = documents_found(AnonymousUser(), "guide").facets["theme"]
    assert [value.label for value in facet] == ["Human rights"]
