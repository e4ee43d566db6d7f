"""Uploads: every accepted type by its content; every refusal leaves the document, its rows
and its stored files exactly as they were; versions and restore; the text read for search."""

import hashlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from puebla.documents import services
from puebla.documents.models import DocumentFile
from tests.documents import samples
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The services speak the active language; these tests read their English."""
    with translation.override("en"):
        yield


@pytest.fixture
def secretariat():
    return make_user("secretariat")


@pytest.fixture
def document(secretariat):
    return services.document_create(
        fields={"slug": "guide", "kind": "guideline", "title_en": "Guide", "audience": "members"},
        by=secretariat,
    )


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def stored_state():
    """Every file row, and every stored file's bytes: what a refusal must not change."""
    storage = DocumentFile._meta.get_field("file").storage
    rows = list(DocumentFile.objects.order_by("pk").values())
    _folders, names = storage.listdir("")
    return rows, {name: storage.open(name).read() for name in sorted(names)}


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("guia.pdf", samples.pdf(), "pdf"),
        ("guia.docx", samples.docx_file(), "docx"),
        ("matriz.xlsx", samples.xlsx_file(), "xlsx"),
        ("presentacion.pptx", samples.pptx_file(), "pptx"),
        ("nota.odt", samples.odt_file(), "odt"),
        ("datos.ods", samples.ods_file(), "ods"),
        ("logo.png", samples.PNG, "png"),
        ("foto.jpeg", samples.JPEG, "jpg"),
        ("named-wrongly.bin", samples.pdf(), "pdf"),  # the content decides, not the name
    ],
)
def test_each_accepted_type_is_stored_with_its_checksum(
    document, secretariat, name, content, extension
):
    stored = services.file_upload(
        document=document, language="es", upload=upload(name, content), by=secretariat
    )
    assert (stored.extension, stored.version, stored.size) == (extension, 1, len(content))
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.file.name.endswith(f".{extension}")
    assert name not in stored.file.name  # a safe name of our own
    assert stored.file.open("rb").read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("informe.pdf", b"Solo texto, no un PDF", "not one of the accepted types"),
        ("vacío.pdf", b"", "The file is empty."),
        ("programa.docx", samples.EXECUTABLE, "not one of the accepted types"),
        ("bomba.docx", samples.zip_bomb(), "would expand to more than 200 MB"),
        ("archivo.zip", samples._zip({"a.txt": b"hola"}), "not a Word, Excel, PowerPoint"),
    ],
)
def test_refused_files_change_nothing(document, secretariat, name, content, message):
    services.file_upload(
        document=document, language="es", upload=upload("v1.pdf", samples.pdf()), by=secretariat
    )
    before = stored_state()
    with pytest.raises(ValidationError) as refused:
        services.file_upload(
            document=document, language="es", upload=upload(name, content), by=secretariat
        )
    assert message in " ".join(refused.value.messages)
    assert stored_state() == before


def test_a_file_over_the_size_limit_is_refused(document, secretariat, settings):
    settings.DOCUMENT_MAX_BYTES = 1024 * 1024
    before = stored_state()
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        services.file_upload(
            document=document,
            language="es",
            upload=upload("big.pdf", samples.pdf() + b"\n%" + b"x" * 1024 * 1024),
            by=secretariat,
        )
    assert stored_state() == before


def test_a_row_that_cannot_be_written_takes_its_stored_file_with_it(
    document, secretariat, monkeypatch
):
    before = stored_state()

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(DocumentFile, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.file_upload(
            document=document, language="es", upload=upload("a.pdf", samples.pdf()), by=secretariat
        )
    monkeypatch.undo()
    assert stored_state() == before


def test_versions_are_kept_and_an_old_one_can_be_restored(document, secretariat):
    first = services.file_upload(
        document=document,
        language="en",
        upload=upload("a.pdf", samples.pdf("First")),
        by=secretariat,
    )
    second = services.file_upload(
        document=document,
        language="en",
        upload=upload("b.pdf", samples.pdf("Second")),
        by=secretariat,
    )
    assert [first.version, second.version] == [1, 2]
    restored = services.file_restore(version=first, by=secretariat)
    assert (restored.version, restored.sha256, restored.restored_from) == (3, first.sha256, first)
    assert restored.file.open("rb").read() == first.file.open("rb").read()
    assert DocumentFile.objects.filter(document=document).count() == 3
    with pytest.raises(ValidationError, match="Only the Technical Secretariat"):
        services.file_restore(version=first, by=make_user("official_a"))


def test_only_editors_add_files(document):
    with pytest.raises(ValidationError, match="may not add files"):
        services.file_upload(
            document=document,
            language="es",
            upload=upload("a.pdf", samples.pdf()),
            by=make_user("official_a"),
        )


def test_the_text_of_a_pdf_and_a_word_file_is_read_for_search(
    document, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        from_pdf = services.file_upload(
            document=document, language="es", upload=upload("a.pdf", samples.pdf()), by=secretariat
        )
        from_word = services.file_upload(
            document=document,
            language="en",
            upload=upload("b.docx", samples.docx_file()),
            by=secretariat,
        )
        image = services.file_upload(
            document=document, language="es_en", upload=upload("c.png", samples.PNG), by=secretariat
        )
    for stored in (from_pdf, from_word, image):
        stored.refresh_from_db()
    assert (from_pdf.text_state, from_pdf.text.strip()) == ("read", "Migración segura y ordenada")
    assert "Retorno voluntario asistido" in from_word.text
    assert image.text_state == "none"


def test_a_malformed_pdf_is_stored_and_marked_unreadable(
    document, secretariat, django_capture_on_commit_callbacks
):
    broken = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n" + b"[" * 5000 + b"\n%%EOF"
    with django_capture_on_commit_callbacks(execute=True):
        stored = services.file_upload(
            document=document, language="es", upload=upload("roto.pdf", broken), by=secretariat
        )
    stored.refresh_from_db()
    assert stored.text_state == "unreadable"
    assert stored.text_problem
    assert stored.file.open("rb").read() == broken  # kept, and downloadable
    [told] = [m for m in mail.outbox if m.to == [secretariat.email]]
    assert told.subject == "[CRM] No se pudo leer el texto de un archivo: Guide"
    assert "roto.pdf" in told.body
