"""The library and a document page cost as many queries with many documents and files as
with few, for anonymous visitors and for a member who sees restricted ones."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from puebla.directory.models import Body
from puebla.documents import services
from tests.documents import samples
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(f"documents:{name}", kwargs=kwargs)


def add_documents(count, *, start, secretariat):
    consular = Body.objects.get(slug="network-consular-protection")
    audiences = ["public", "members", "body", "observers"]
    for number in range(start, start + count):
        audience = audiences[number % len(audiences)]
        document = services.document_create(
            fields={
                "slug": f"budget-{number}",
                "kind": "study",
                "title_en": f"Budget document {number}",
                "audience": audience,
                "year": 2000 + number % 20,
                "theme": ["policy", "rights", "development", ""][number % 4],
                "body": consular if number % 2 else None,
            },
            bodies=[consular] if audience == "body" else [],
            by=secretariat,
        )
        for language in ("es", "en"):
            services.file_upload(
                document=document,
                language=language,
                upload=SimpleUploadedFile("a.pdf", samples.pdf()),
                by=secretariat,
            )


@pytest.mark.parametrize("role", [None, "liaison_officer"])
def test_the_library(client, sign_in, role):
    secretariat = make_user("secretariat")
    add_documents(2, start=0, secretariat=secretariat)
    if role:
        sign_in(role)
    _before, after = assert_queries_constant(
        client, en("library"), lambda: add_documents(30, start=2, secretariat=secretariat)
    )
    assert "Budget document 28" in after.content.decode()  # a public one


def test_a_document_page_with_many_versions(client, sign_in):
    secretariat = make_user("secretariat")
    add_documents(1, start=0, secretariat=secretariat)  # budget-0: public
    from puebla.documents.models import Document

    document = Document.objects.get(slug="budget-0")

    def grow():
        for _ in range(10):
            services.file_upload(
                document=document,
                language="es",
                upload=SimpleUploadedFile("a.pdf", samples.pdf()),
                by=secretariat,
            )

    sign_in("official_a")
    _before, after = assert_queries_constant(client, en("document", slug="budget-0"), grow)
    assert "Spanish, version 10" in after.content.decode()
