"""The document repository's upload page (documents:upload), as the secretariat uses it: any
file, any name, any language value. Accepted, the newest version holds exactly the bytes sent;
refused, the page says why and nothing is written. tests/documents/test_uploads.py checks
each refusal's words through the service; this sends what no one chose."""

import hashlib

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from puebla.documents import services
from puebla.documents.models import DocumentFile
from puebla.documents.sample_files import docx_with_text, pdf_with_text
from tests.documents import samples
from tests.hostile import hostile_settings, inputs, multipart, outcome
from tests.hostile.kept import read_stored, rolled_back
from tests.roles import make_user

pytestmark = pytest.mark.django_db

valid_languages = st.sampled_from(DocumentFile.Language.values)
languages = st.one_of(valid_languages, valid_languages, inputs.form_text, st.none())


@pytest.fixture
def secretariat(client):
    person = make_user("secretariat")
    client.force_login(person)
    return person


@pytest.fixture
def document(secretariat):
    return services.document_create(
        fields={"slug": "hostile", "kind": "guideline", "title_en": "Guide", "audience": "members"},
        by=secretariat,
    )


def upload_url(document, language="en") -> str:
    with translation.override(language):
        return reverse("documents:upload", args=[document.slug])


def check_upload(client, document, *, language, name, content, page_language="en"):
    with rolled_back() as before:
        fields = [] if language is None else [("language", language)]
        response = multipart.post(
            client, upload_url(document, page_language), fields, [("file", name, content)]
        )
        after = outcome.check(response, before)
        if after is None:
            return response
        [(alias, stored_name)] = after.new_files(before)
        assert read_stored(alias, stored_name) == content
        made = DocumentFile.objects.get(document=document, file=stored_name)
        assert (made.language, made.size) == (language, len(content))
        assert made.sha256 == hashlib.sha256(content).hexdigest()
        assert not {"/", "\\", "\x00"} & set(made.original_name), made.original_name
    return response


@hostile_settings(25)
@given(
    language=languages,
    name=inputs.file_names,
    # Real files more often still: of the documents' paths, this one checks what is kept most.
    content=st.one_of(st.sampled_from(inputs.real_files()), inputs.file_contents),
)
@example(language="es", name="informe.pdf", content=samples.pdf())
@example(language="es", name="../../etc/passwd", content=samples.pdf())
@example(language="es", name="a\x00b.pdf", content=samples.pdf())
@example(language="en", name="nota.odt", content=inputs.odd_archives()[1])  # Deflate64
@example(language="en", name="nota.odt", content=inputs.odd_archives()[2])  # encrypted part
def test_any_upload_is_stored_as_sent_or_refused_with_nothing_written(
    client, document, language, name, content
):
    check_upload(client, document, language=language, name=name, content=content)


def test_a_refusal_is_said_in_spanish_on_the_spanish_page(client, document):
    response = check_upload(
        client, document, language="es", name="vacío.pdf", content=b"", page_language="es"
    )
    shown = outcome.page_text(response)
    assert "El archivo está vacío. Elija el archivo de nuevo." in shown
    assert "Corrija los errores indicados abajo. Nada se ha guardado todavía." in shown


def with_text(kind: str, text: str) -> bytes:
    """A PDF or Word file holding `text`, as far as the format can hold it."""
    if kind == "pdf":
        return pdf_with_text(text.encode("latin-1", "replace").decode("latin-1"))
    return docx_with_text(inputs.NOT_IN_XML.sub("", text))


texts = st.one_of(inputs.form_text, st.just("Informe (final) \\ a\x00b"))


@hostile_settings(8)
@given(
    content=st.one_of(
        st.builds(with_text, st.sampled_from(["pdf", "docx"]), texts),
        st.sampled_from(inputs.real_files()[:3]).flatmap(inputs.damaged),
    )
)
@example(content=with_text("pdf", "a\x00b"))  # its text held NUL: PostgreSQL would not keep it
def test_the_text_of_any_accepted_file_is_read_or_said_unreadable(
    client, document, django_capture_on_commit_callbacks, content
):
    """Reading an accepted file's text for search (a job after the upload) ends read or
    unreadable, never stuck as not read yet by a job that failed."""
    with rolled_back() as before:
        with django_capture_on_commit_callbacks(execute=True):
            response = multipart.post(
                client, upload_url(document), [("language", "es")], [("file", "f", content)]
            )
        if outcome.check(response, before) is None:
            return
        made = DocumentFile.objects.filter(document=document).latest("pk")
        assert made.text_state != DocumentFile.TextState.PENDING
        assert "\x00" not in made.text
