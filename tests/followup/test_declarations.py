"""The declarations and their commitments as each person sees them: the secretariat records and
edits them through the pages; members read those of the meetings they may see; bad input is
refused with a message, keeping what was typed and writing nothing."""

import pytest
from django.core.exceptions import ValidationError

from puebla.directory.models import Body
from puebla.documents.services import document_create
from puebla.followup.declarations.services import (
    commitment_create,
    commitment_update,
    declaration_create,
    declaration_update,
)
from puebla.followup.models import Declaration
from puebla.planning.models import Item
from tests.followup import factories
from tests.followup.pages import url, words
from tests.meetings.factories import make_meeting
from tests.planning.sample_plan import Builder, gcm
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return make_user("secretariat", email="ts-declarations@example.org")


@pytest.fixture
def meeting():
    return make_meeting(kind="vice_ministerial", title_en="Vice-Ministerial meeting 2026")


def declaration_of(meeting, by, **fields):
    values = {"title_en": "Declaration of Panama", "title_es": "Declaración de Panamá"}
    return declaration_create(meeting=meeting, by=by, **(values | fields))


def test_the_secretariat_records_a_declaration_and_a_commitment(client, secretariat, meeting):
    objective = gcm(7)
    builder = Builder()
    theme = builder.add(None, Item.Level.THEME, "protection", "Protection")
    item = builder.add(theme, Item.Level.OBJECTIVE, "2", "Protection of migrants")
    client.force_login(secretariat)
    form = words(client.get(url("followup:declaration_new")))
    assert "Vice-Ministerial meeting 2026" in form
    response = client.post(
        url("followup:declaration_new"),
        {
            "meeting": meeting.pk,
            "title_en": "Declaration of Panama",
            "title_es": "Declaración de Panamá",
            "adopted_on": "2026-06-15",
        },
    )
    declaration = Declaration.objects.get(title_en="Declaration of Panama")
    assert response["Location"] == url("followup:declaration", declaration.pk)
    assert declaration.history.get().history_user == secretariat
    page = words(client.get(response["Location"]))
    assert "The declaration was recorded." in page
    assert "Vice-Ministerial meeting 2026" in page and "June 15, 2026" in page
    assert "No commitment of this declaration has been recorded yet." in page

    form = client.get(url("followup:commitment_new", declaration.pk)).content.decode()
    # The Plan of Action's items are grouped by plan and labelled by number.
    assert '<optgroup label="Sample Plan of Action">' in form
    assert f'<option value="{item.pk}">2 Protection of migrants</option>' in form
    response = client.post(
        url("followup:commitment_new", declaration.pk),
        {
            "number": "3.a",
            "position": "30",
            "text_en": "Protect migrant children",
            "text_es": "Proteger a la niñez migrante",
            "theme": "",
            "responsible_en": "Every member state",
            "responsible_countries": [factories.country("CR").pk],
            "gcm_objectives": [objective.pk],
            "plan_items": [item.pk],
        },
    )
    assert response["Location"] == url("followup:declaration", declaration.pk)
    commitment = declaration.commitments.get()
    assert commitment.history.latest().history_user == secretariat
    page = words(client.get(response["Location"]))
    assert "Commitment 3.a was recorded." in page
    assert "Commitment 3.a Protect migrant children" in page
    assert "Every member state" in page and "Costa Rica" in page
    assert "7. Compact objective 7" in page and "2. Protection of migrants" in page
    # In Spanish, the Spanish text; the English-only responsible party says it is untranslated.
    spanish = words(client.get(url("followup:declaration", declaration.pk, language="es")))
    assert "Proteger a la niñez migrante" in spanish and "Declaración de Panamá" in spanish
    assert "Every member state (aún sin traducción al español)" in spanish
    listing = words(client.get(url("followup:declarations")))
    assert "Declaration of Panama Vice-Ministerial meeting 2026 June 15, 2026 1" in listing


def test_the_secretariat_edits_a_declaration_and_a_commitment(client, secretariat, meeting):
    declaration = declaration_of(meeting, secretariat)
    commitment = commitment_create(
        declaration=declaration, by=secretariat, number="1", text_en="Old text"
    )
    client.force_login(secretariat)
    form = client.get(url("followup:declaration_edit", declaration.pk)).content.decode()
    assert 'value="Declaración de Panamá"' in form
    response = client.post(
        url("followup:declaration_edit", declaration.pk),
        {"meeting": meeting.pk, "title_en": "Panama Declaration", "title_es": ""},
    )
    assert response["Location"] == url("followup:declaration", declaration.pk)
    declaration.refresh_from_db()
    assert (declaration.title_en, declaration.title_es) == ("Panama Declaration", "")
    assert declaration.history.latest().history_user == secretariat
    assert "The declaration was saved." in words(client.get(response["Location"]))

    commitment_page = words(client.get(url("followup:commitment", commitment.pk)))
    assert "Edit commitment 1" in commitment_page and "Panama Declaration" in commitment_page
    assert "Old text" in words(client.get(url("followup:commitment_edit", commitment.pk)))
    response = client.post(
        url("followup:commitment_edit", commitment.pk),
        {"number": "2", "position": "20", "text_es": "Texto nuevo", "text_en": ""},
    )
    assert response["Location"] == url("followup:commitment", commitment.pk)
    commitment.refresh_from_db()
    assert (commitment.number, commitment.text_es, commitment.text_en) == ("2", "Texto nuevo", "")
    assert commitment.history.latest().history_user == secretariat
    assert "Commitment 2 was saved." in words(client.get(response["Location"]))


def test_a_declaration_without_a_title_or_of_another_meeting_is_refused(
    client, secretariat, meeting
):
    workshop = make_meeting(kind="workshop", title_en="A workshop")
    client.force_login(secretariat)
    assert "A workshop" not in words(client.get(url("followup:declaration_new")))
    response = client.post(
        url("followup:declaration_new", language="es"),
        {"meeting": meeting.pk, "title_es": "", "title_en": "", "adopted_on": "2026-06-15"},
    )
    page = words(response)
    assert response.status_code == 200
    assert "Indique el título en español, en inglés o en ambos." in page
    assert 'value="2026-06-15"' in response.content.decode()
    response = client.post(
        url("followup:declaration_new"), {"meeting": workshop.pk, "title_en": "Kept title"}
    )
    assert "Choose one of the Vice-Ministerial meetings listed." in words(response)
    assert 'value="Kept title"' in response.content.decode()
    assert not Declaration.objects.exists()


def test_a_duplicate_number_or_a_commitment_without_text_is_refused(client, secretariat, meeting):
    declaration = declaration_of(meeting, secretariat)
    first = commitment_create(declaration=declaration, by=secretariat, number="1", text_en="First")
    second = commitment_create(
        declaration=declaration, by=secretariat, number="2", text_en="Second"
    )
    client.force_login(secretariat)
    response = client.post(
        url("followup:commitment_new", declaration.pk),
        {"number": "1", "position": "10", "text_en": "Typed and kept"},
    )
    assert "This declaration already has a commitment 1." in words(response)
    assert "Typed and kept" in response.content.decode()
    response = client.post(
        url("followup:commitment_new", declaration.pk, language="es"),
        {"number": "3", "position": "10", "responsible_en": "Kept responsible"},
    )
    assert "Indique el texto en español, en inglés o en ambos." in words(response)
    assert 'value="Kept responsible"' in response.content.decode()
    assert declaration.commitments.count() == 2
    response = client.post(
        url("followup:commitment_edit", second.pk),
        {"number": "1", "position": "10", "text_en": "Second, edited"},
    )
    assert "This declaration already has a commitment 1." in words(response)
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.number, second.text_en, first.number) == ("2", "Second", "1")


def test_declarations_of_a_hidden_meeting_are_not_there_for_members(client, secretariat, meeting):
    hidden = make_meeting(kind="vice_ministerial", title_en="Secret", audience="secretariat")
    hidden_declaration = declaration_of(hidden, secretariat, title_en="Hidden declaration")
    declaration = declaration_of(meeting, secretariat, title_en="Open declaration")
    commitment_create(
        declaration=declaration, by=secretariat, number="1", text_en="Protect migrant children"
    )
    member = factories.person("CR", focal=True, language="en")
    client.force_login(member)
    listing = words(client.get(url("followup:declarations")))
    assert "Open declaration" in listing and "Hidden declaration" not in listing
    assert "New declaration" not in listing
    page = words(client.get(url("followup:declaration", declaration.pk)))
    assert "Protect migrant children" in page
    assert "Edit the declaration" not in page and "Add a commitment" not in page
    assert client.get(url("followup:declaration", hidden_declaration.pk)).status_code == 404
    commitment = declaration.commitments.get()
    for name, args in (
        ("followup:declaration_new", ()),
        ("followup:declaration_edit", (declaration.pk,)),
        ("followup:commitment_new", (declaration.pk,)),
        ("followup:commitment_edit", (commitment.pk,)),
    ):
        assert client.get(url(name, *args)).status_code == 404, name
    response = client.post(
        url("followup:commitment_edit", commitment.pk),
        {"number": "9", "position": "1", "text_en": "Forged"},
    )
    assert response.status_code == 404
    commitment.refresh_from_db()
    assert commitment.text_en == "Protect migrant children"
    client.force_login(secretariat)
    assert "Hidden declaration" in words(client.get(url("followup:declarations")))


def test_an_empty_list_says_so(client):
    client.force_login(factories.person("CR"))
    assert "No declaration has been recorded yet." in words(
        client.get(url("followup:declarations"))
    )


def test_the_list_and_a_declaration_cost_the_same_queries_as_they_grow(
    client, secretariat, meeting
):
    declaration = declaration_of(meeting, secretariat, title_en="Declaration 0")
    objectives = [gcm(1), gcm(2)]
    builder = Builder()
    theme = builder.add(None, Item.Level.THEME, "1", "A theme")
    plan_items = [theme, builder.add(theme, Item.Level.OBJECTIVE, "1.1", "An objective")]
    numbers = iter(range(1, 100))

    def add_commitment():
        number = next(numbers)
        made = commitment_create(
            declaration=declaration,
            by=secretariat,
            number=str(number),
            text_en=f"Commitment text {number}",
            responsible_countries=[factories.country("CR"), factories.country("GT")],
            gcm_objectives=objectives,
            plan_items=plan_items,
            responsible_bodies=Body.objects.all()[:2],
        )
        return made

    add_commitment()
    client.force_login(factories.person("CR"))

    def grow_declarations():
        for number in (1, 2, 3):
            other = declaration_of(meeting, secretariat, title_en=f"Declaration {number}")
            commitment_create(declaration=other, by=secretariat, number="1", text_en="Another")

    _before, after = assert_queries_constant(
        client, url("followup:declarations"), grow_declarations
    )
    assert "Declaration 3" in words(after)

    def grow_commitments():
        for _ in range(3):
            add_commitment()

    _before, after = assert_queries_constant(
        client, url("followup:declaration", declaration.pk), grow_commitments
    )
    assert "Commitment text 4" in words(after)


def test_the_declarations_document_is_offered_and_linked_only_to_who_may_open_it(
    client, secretariat, meeting
):
    kept_back = document_create(
        fields={
            "slug": "declaration-draft",
            "kind": "declaration",
            "title_en": "Declaration text kept back",
            "audience": "secretariat",
        },
        by=secretariat,
    )
    document_create(
        fields={
            "slug": "a-report",
            "kind": "report",
            "title_en": "Some report",
            "audience": "public",
        },
        by=secretariat,
    )
    client.force_login(secretariat)
    form = words(client.get(url("followup:declaration_new")))
    # The library's declarations are offered, not every document.
    assert "Declaration text kept back" in form and "Some report" not in form
    client.post(
        url("followup:declaration_new"),
        {"meeting": meeting.pk, "title_en": "With its text", "document": kept_back.pk},
    )
    declaration = Declaration.objects.get(title_en="With its text")
    assert declaration.document == kept_back
    assert "Declaration text kept back" in words(
        client.get(url("followup:declaration", declaration.pk))
    )
    commitment = commitment_create(
        declaration=declaration, by=secretariat, number="1", text_en="A commitment"
    )
    document_link = f'href="{url("documents:document", kept_back.slug)}"'
    trace = client.get(url("followup:commitment", commitment.pk)).content.decode()
    assert document_link in trace
    client.force_login(factories.person("CR"))
    page = words(client.get(url("followup:declaration", declaration.pk)))
    assert "With its text" in page and "Declaration text kept back" not in page
    # The commitment's trace links the document only for a reader who may open it too.
    trace = client.get(url("followup:commitment", commitment.pk)).content.decode()
    assert "A commitment" in trace and document_link not in trace


def test_only_the_secretariat_edits_declarations_and_commitments(secretariat, meeting):
    declaration = declaration_of(meeting, secretariat)
    commitment = commitment_create(
        declaration=declaration, by=secretariat, number="1", text_en="Kept"
    )
    member = factories.person("CR", focal=True)
    with pytest.raises(ValidationError, match="Solo la Secretaría Técnica registra declaraciones"):
        declaration_update(declaration=declaration, by=member, title_en="Changed")
    with pytest.raises(ValidationError, match="Solo la Secretaría Técnica registra compromisos"):
        commitment_update(commitment=commitment, by=member, number="1", text_en="Changed")
    declaration.refresh_from_db()
    commitment.refresh_from_db()
    assert (declaration.title_en, commitment.text_en) == ("Declaration of Panama", "Kept")


def test_a_plan_items_bold_italics_show_as_emphasis_never_as_tags(client, secretariat, meeting):
    """The Plan of Action's <i> markup (the source's bold italics): emphasis on the
    declaration's and the commitment's pages, plain text in the form's choices."""
    builder = Builder()
    theme = builder.add(None, Item.Level.THEME, "1", "A theme")
    item = builder.add(
        theme, Item.Level.OBJECTIVE, "4", "<i>Refer to the work plan for the Traffic Network</i>"
    )
    declaration = declaration_of(meeting, secretariat)
    commitment = commitment_create(
        declaration=declaration, by=secretariat, number="1", text_en="Act", plan_items=[item]
    )
    client.force_login(secretariat)
    for page in (
        client.get(url("followup:declaration", declaration.pk)),
        client.get(url("followup:commitment", commitment.pk)),
    ):
        body = page.content.decode()
        assert "&lt;i&gt;" not in body
        assert '<em class="plan-source-marked">Refer to the work plan for the Traffic' in body
    form = client.get(url("followup:commitment_new", declaration.pk)).content.decode()
    assert (
        f'<option value="{item.pk}">4 Refer to the work plan for the Traffic Network</option>'
        in (form)
    )
