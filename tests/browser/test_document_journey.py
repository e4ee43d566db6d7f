"""A body's editor uploads a restricted document that a member of another body cannot find, in
a real browser.

An editor of the Liaison Officers Network for Consular Protection adds a document for the
network through the intranet ("Add a document"), restricted to the network's members, adds its
Spanish file (a small real PDF), sees the version, the access marker and downloads the same
bytes. A member of the network against smuggling and trafficking then searches for it, looks
for it in the library and opens its address directly: nothing, and a 404. The form (empty and
with its errors), the upload page with its table and the document page are checked with axe in
English, the library and the document page in Spanish too.

The browser tests' server runs without a job worker (`puebla serve`, HUEY_IMMEDIATE unset): the
job that reads an uploaded file's text is run here as the worker would run it, and the editor
then finds the document by a word that is only inside the file (FILE_WORD); the outsider finds
it neither by that word nor by a word of its title.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from puebla.documents.sample_files import pdf_with_text
from tests.browser.support import assert_accessible
from tests.browser.test_intranet_journeys import PASSWORD

pytestmark = pytest.mark.browser

SLUG = "xolotlan-protocol"
# "Xolotlan" is in no other record: the search's positive and negative answers are this
# document's alone. "Ometepe" is in no record either, and only inside this document's file.
WORD = "Xolotlan"
FILE_WORD = "Ometepe"
TITLE_ES = "Protocolo Xolotlan de asistencia consular"
TITLE_EN = "Xolotlan consular assistance protocol"
SUMMARY_ES = "Pasos para asistir a personas migrantes detenidas."
SUMMARY_EN = "Steps to assist detained migrants."
CONSULAR_EN = "Liaison Officers Network for Consular Protection"
# The seeds name the network in English only, and Puebla makes up no Spanish name for it.
CONSULAR_ES = CONSULAR_EN
# Short addresses, this module's own: test_intranet_journeys checks the width of "Recent
# changes" after this module has run, and other modules' accounts share the database.
EDITOR = "doc-editor@example.org"
OUTSIDER = "doc-outsider@example.org"


@pytest.fixture
def browser_locale() -> str:
    return "en-US"


@pytest.fixture(scope="module")
def journey(puebla_command, tmp_path_factory):
    """The two accounts, made once in the server's database, and the PDF to upload.

    The editor is a member-state official (Mexico) whose appointment to the consular network
    is as its editor; the outsider is Guatemala's official, a member of the network against
    smuggling and trafficking only.
    """
    script = (
        "from puebla.accounts.roles import role_user_create\n"
        "from puebla.directory.models import Appointment, Body, Person\n"
        f"editor = role_user_create('liaison_officer', email='{EDITOR}', password='{PASSWORD}')\n"
        "Appointment.objects.filter(person=editor.person).update(role=Appointment.Role.EDITOR)\n"
        "consular = Body.objects.get(slug='network-consular-protection')\n"
        "editor = type(editor).objects.get(pk=editor.pk)\n"
        "assert editor.edited_body_ids == {consular.pk}, editor.edited_body_ids\n"
        f"outsider = role_user_create('official_b', email='{OUTSIDER}', password='{PASSWORD}')\n"
        "entry = Person.objects.create(slug='doc-journey-outsider', given_name='Demo', "
        f"family_name='Outsider', email='{OUTSIDER}')\n"
        "Appointment.objects.create(person=entry, role=Appointment.Role.MEMBER, "
        "body=Body.objects.get(slug='network-smuggling-trafficking'), "
        "title_es='Funcionario de enlace', title_en='Liaison officer', country=outsider.country)\n"
        "outsider.person = entry\n"
        "outsider.save()\n"
        "outsider = type(outsider).objects.get(pk=outsider.pk)\n"
        "assert outsider.body_ids and consular.pk not in outsider.body_ids\n"
        "assert not outsider.edited_body_ids\n"
    )
    puebla_command("shell", "-c", script)
    pdf = tmp_path_factory.mktemp("document-journey") / "protocolo-consular.pdf"
    pdf.write_bytes(pdf_with_text(f"Protocolo de asistencia consular, borrador de {FILE_WORD}"))
    return {"editor": EDITOR, "outsider": OUTSIDER, "pdf": pdf}


def sign_in_in_english(page, email: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My secretariat")


def test_an_editor_uploads_a_restricted_document_that_another_body_cannot_find(
    page, journey, live_server_url, puebla_command
):
    # The editor signs in and finds "Add a document" in the intranet's menu.
    sign_in_in_english(page, journey["editor"])
    page.get_by_role("navigation", name="Intranet").get_by_role(
        "link", name="Add a document"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/intranet/documents/new/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a document")
    # An editor files documents under the bodies they edit, and only those.
    body = page.get_by_label("Body:", exact=True)
    expect(body.locator("option")).to_have_text(["---------", CONSULAR_EN])
    assert_accessible(page)  # the empty form

    # Saving it without a title (or anything else) says what is missing, and saves nothing.
    page.get_by_role("button", name="Save the document").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing has been saved yet")
    expect(
        page.get_by_text("Give the title in Spanish, in English, or in both.").first
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"/en/intranet/documents/new/$"))
    assert_accessible(page)  # the form with its errors

    page.get_by_label("Key").fill(SLUG)
    page.get_by_label("Kind:", exact=True).select_option(label="Guidelines")
    page.get_by_label("Title in Spanish").fill(TITLE_ES)
    page.get_by_label("Title in English").fill(TITLE_EN)
    page.get_by_label("Summary in Spanish").fill(SUMMARY_ES)
    page.get_by_label("Summary in English").fill(SUMMARY_EN)
    body.select_option(label=CONSULAR_EN)
    page.get_by_label("Audience:", exact=True).select_option(label="Members of named bodies")
    page.get_by_role("checkbox", name=CONSULAR_EN).check()
    page.get_by_role("button", name="Save the document").click()

    # The upload page: choose the language and the file, add it, see version 1 in the table.
    expect(page).to_have_url(re.compile(rf"/en/intranet/documents/{SLUG}/files/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Files of a document")
    expect(page.get_by_role("status")).to_contain_text("The document was saved.")
    expect(page.get_by_text("No file yet.")).to_be_visible()
    page.get_by_label("Language of the file").select_option(label="Spanish")
    page.get_by_label("File:", exact=True).set_input_files(journey["pdf"])
    page.get_by_role("button", name="Add the file").click()
    expect(page.get_by_role("status")).to_contain_text("Version 1 of the file was added.")
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(2)
    version = rows.nth(1).get_by_role("cell")
    expect(version.nth(0)).to_have_text("Spanish")
    expect(version.nth(1)).to_have_text("1")
    expect(version.nth(2).get_by_role("link")).to_have_text(journey["pdf"].name)
    assert_accessible(page)  # the upload form and the version table

    # The document page: who may see it and why this reader can, and the file to download.
    page.get_by_role("link", name=TITLE_EN).click()
    expect(page).to_have_url(re.compile(rf"/en/documents/{SLUG}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(page.locator(".access-marker")).to_have_text(
        f"Visible to: members of {CONSULAR_EN}, and the Technical Secretariat. "
        f"You can see it because you are a member of {CONSULAR_EN}."
    )
    expect(page.get_by_text(SUMMARY_EN)).to_be_visible()
    with page.expect_download() as downloading:
        page.get_by_role("link", name=re.compile(r"^Spanish \(PDF, ")).click()
    download = downloading.value
    assert download.suggested_filename == f"{SLUG}-es-v1.pdf"
    assert Path(download.path()).read_bytes() == journey["pdf"].read_bytes()
    assert_accessible(page)

    # The worker reads the file's text (run here as the worker runs it); the editor finds the
    # document by a word that is only inside the file.
    puebla_command(
        "shell",
        "-c",
        "from puebla.documents.models import DocumentFile\n"
        "from puebla.documents.tasks import read_text\n"
        f"for stored in DocumentFile.objects.filter(document__slug='{SLUG}'):\n"
        "    read_text.call_local(stored.pk)\n",
    )
    page.goto(f"/en/search/?q={FILE_WORD}")
    expect(page.get_by_role("heading", level=2)).to_have_text(f"1 result for “{FILE_WORD}”")
    # The hit is the Spanish file's: its title in Spanish, the word marked in its snippet.
    hit = page.get_by_role("article", name=TITLE_ES)
    expect(hit.get_by_role("link", name=TITLE_ES)).to_be_visible()
    expect(hit.locator("mark")).to_have_text(FILE_WORD)

    # And by a word of its title (indexed on save).
    page.goto(f"/en/search/?q={WORD}")
    expect(page.get_by_role("heading", level=2)).to_have_text(f"1 result for “{WORD}”")
    expect(page.get_by_role("article").get_by_role("link", name=TITLE_EN)).to_be_visible()
    expect(page.get_by_role("article")).to_contain_text(
        "Visible to: members of Liaison Officers Network for Consular Protection, "
        "and the Technical Secretariat"
    )

    # In Spanish: the library lists it, and its page says who may see it.
    page.goto("/es/documentos/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Documentos")
    expect(page.get_by_role("link", name=TITLE_ES)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=TITLE_ES).click()
    expect(page).to_have_url(re.compile(rf"/es/documentos/{SLUG}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_ES)
    expect(page.locator(".access-marker")).to_have_text(
        f"Visible para: integrantes de «{CONSULAR_ES}», y la Secretaría Técnica. "
        f"Usted lo ve porque usted integra «{CONSULAR_ES}»."
    )
    assert_accessible(page)
    document_path = f"/en/documents/{SLUG}/"
    download_path = page.get_by_role("link", name=re.compile(r"^Español \(PDF, ")).get_attribute(
        "href"
    )

    # A member of another network, in a browser of their own: the search finds nothing...
    other = page.context.browser.new_context(base_url=live_server_url, locale="en-US")
    outsider = other.new_page()
    sign_in_in_english(outsider, journey["outsider"])
    outsider.goto(f"/en/search/?q={FILE_WORD}")
    expect(outsider.get_by_role("heading", level=2)).to_have_text(f"No results for “{FILE_WORD}”")
    outsider.goto(f"/en/search/?q={WORD}")
    expect(outsider.get_by_role("heading", level=2)).to_have_text(f"No results for “{WORD}”")
    expect(outsider.get_by_role("article")).to_have_count(0)
    expect(outsider.get_by_role("group", name="Narrow the results")).to_have_count(0)
    content = outsider.content()
    for hidden in (TITLE_EN, TITLE_ES, SLUG, SUMMARY_EN, SUMMARY_ES):
        assert hidden not in content, f"{hidden!r} is on the outsider's search page"
    # ... nor does a search for a word every document's page has, in any facet either.
    outsider.goto("/en/search/?q=consular")
    expect(outsider.get_by_role("heading", level=2)).to_contain_text("for “consular”")
    assert TITLE_EN not in outsider.content()
    assert SLUG not in outsider.content()
    # The library does not list it.
    outsider.goto("/en/documents/")
    expect(outsider.get_by_role("heading", level=1)).to_have_text("Documents")
    expect(outsider.get_by_role("link", name=TITLE_EN)).to_have_count(0)
    assert SLUG not in outsider.content()
    # Its address, and its file's, are not found.
    assert outsider.goto(document_path).status == 404
    expect(outsider.get_by_role("heading", level=1)).not_to_have_text(TITLE_EN)
    assert TITLE_EN not in outsider.content()
    assert outsider.request.get(download_path).status == 404
    # Nor are its files' page, and adding a document, for someone who edits no body.
    assert outsider.goto(f"/en/intranet/documents/{SLUG}/files/").status == 404
    assert outsider.goto("/en/intranet/documents/new/").status == 404
    outsider.goto("/en/intranet/")
    expect(outsider.get_by_role("heading", level=1)).to_have_text("My secretariat")
    expect(
        outsider.get_by_role("navigation", name="Intranet").get_by_role(
            "link", name="Add a document"
        )
    ).to_have_count(0)
    other.close()
