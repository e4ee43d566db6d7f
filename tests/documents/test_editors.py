"""A body's editors add and change their body's documents, and no other body's."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from puebla.directory.models import Appointment, Body, Person
from puebla.documents import services
from puebla.documents.models import Document
from tests.documents import samples
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(f"documents:{name}", kwargs=kwargs)


@pytest.fixture
def consular_editor(client):
    user = make_user("official_a", email="editor@example.org")
    person = Person.objects.create(slug="editor", given_name="Eva", family_name="Editora")
    Appointment.objects.create(
        person=person,
        body=Body.objects.get(slug="network-consular-protection"),
        role=Appointment.Role.EDITOR,
    )
    user.person = person
    user.save()
    user = type(user).objects.get(pk=user.pk)  # fresh: body_ids and edited_body_ids are cached
    client.force_login(user)
    return user


FORM = {
    "slug": "consular-minutes",
    "kind": "minutes",
    "title_es": "Acta de la red consular",
    "body": "",
    "audience": "body",
}


def test_an_editor_adds_a_document_of_their_body_and_its_file(client, consular_editor):
    consular = Body.objects.get(slug="network-consular-protection")
    response = client.post(
        en("new"), FORM | {"body": consular.pk, "audience_bodies": [consular.pk]}, follow=True
    )
    assert "The document was saved." in response.content.decode()
    document = Document.objects.get(slug="consular-minutes")
    assert (document.body, list(document.audience_bodies.all())) == (consular, [consular])
    client.post(
        en("upload", slug=document.slug),
        {"language": "es", "file": SimpleUploadedFile("acta.pdf", samples.pdf())},
    )
    assert document.files.count() == 1


def test_an_editor_cannot_file_under_another_body_nor_touch_its_documents(client, consular_editor):
    other = Body.objects.get(slug="network-smuggling-trafficking")
    response = client.post(en("new"), FORM | {"body": other.pk, "audience_bodies": [other.pk]})
    assert "Select a valid choice." in response.content.decode()
    assert not Document.objects.filter(slug="consular-minutes").exists()
    theirs = services.document_create(
        fields={
            "slug": "smuggling-plan",
            "kind": "plan",
            "title_en": "Plan",
            "body": other,
            "audience": "members",
        },
        by=make_user("secretariat"),
    )
    for name in ("edit", "upload"):
        assert client.get(en(name, slug=theirs.slug)).status_code == 404
    assert client.get(en("edit", slug="smuggling-plan")).status_code == 404


def test_a_person_who_edits_no_body_may_not_add_documents(client, sign_in):
    sign_in("official_a")
    assert client.get(en("new")).status_code == 404


def test_the_form_offers_only_the_meetings_and_folders_the_editor_may_see(client, consular_editor):
    from puebla.documents.models import Folder
    from tests.meetings.factories import make_meeting

    make_meeting(title_en="Secret meeting Zzyzx", audience="secretariat")
    make_meeting(title_en="Members meeting Qwerty", audience="members")
    Folder.objects.create(name_en="Secret folder Qwzx", audience="secretariat")
    page = client.get(en("new")).content.decode()
    assert "Members meeting Qwerty" in page
    assert "Secret meeting Zzyzx" not in page
    assert "Secret folder Qwzx" not in page


def test_an_editor_cannot_save_a_document_they_would_not_see(client, consular_editor):
    consular = Body.objects.get(slug="network-consular-protection")
    form = client.get(en("new")).context["form"]
    assert form.initial["audience"] == "body"
    response = client.post(en("new"), FORM | {"body": consular.pk, "audience": "secretariat"})
    assert "You would not see this document yourself" in response.content.decode()
    assert not Document.objects.filter(slug="consular-minutes").exists()


def test_a_new_document_may_take_its_folder_s_audience(client, consular_editor):
    from puebla.documents.models import Folder

    consular = Body.objects.get(slug="network-consular-protection")
    folder = Folder.objects.create(name_en="Network minutes", body=consular, audience="body")
    folder.audience_bodies.set([consular])
    response = client.post(
        en("new"), FORM | {"body": consular.pk, "audience": "folder", "folder": folder.pk}
    )
    assert response.status_code == 302
    document = Document.objects.get(slug="consular-minutes")
    assert (document.audience, list(document.audience_bodies.all())) == ("body", [consular])


def test_as_its_folder_without_a_folder_says_what_to_choose(client, consular_editor):
    from puebla.documents.models import Folder

    consular = Body.objects.get(slug="network-consular-protection")
    # The choice is offered only where there is a folder the editor may file into.
    Folder.objects.create(name_en="Network minutes", body=consular, audience="body")
    response = client.post(en("new"), FORM | {"body": consular.pk, "audience": "folder"})
    assert "Choose the folder whose audience the document takes" in response.content.decode()
    assert not Document.objects.filter(slug="consular-minutes").exists()


def test_the_services_refuse_who_may_not_edit_and_write_nothing(consular_editor):
    """Issue 28: document, meeting and notice writes are services that take `by` and check
    it, the same rule as the pages (editable_by), after the write so that nothing stays."""
    from django.core.exceptions import ValidationError

    from puebla.intranet import services as notices
    from puebla.intranet.models import Notice
    from puebla.meetings import services as meetings
    from tests.meetings.factories import make_meeting

    translation.activate("en")  # the messages read in English (the suite resets the language)
    consular = Body.objects.get(slug="network-consular-protection")
    smuggling = Body.objects.get(slug="network-smuggling-trafficking")
    outsider = make_user("official_b")
    fields = {"slug": "by-check", "kind": "minutes", "title_es": "Acta", "audience": "members"}
    before = Document.objects.count()
    with pytest.raises(ValidationError, match="You may not make this change"):
        services.document_create(fields=fields | {"body": consular}, by=outsider)
    assert Document.objects.count() == before

    # The body's editor writes it, but cannot move it to another body's keeping.
    document = services.document_create(fields=fields | {"body": consular}, by=consular_editor)
    with pytest.raises(ValidationError, match="You may not make this change"):
        services.document_update(document=document, changes={"body": smuggling}, by=consular_editor)
    document.refresh_from_db()
    assert document.body == consular

    meeting = make_meeting(title_en="Kept as it was")
    with pytest.raises(ValidationError, match="You may not make this change"):
        meetings.meeting_update(meeting=meeting, changes={"title_en": "Changed"}, by=outsider)
    meeting.refresh_from_db()
    assert meeting.title_en == "Kept as it was"

    notice = Notice.objects.first()
    with pytest.raises(ValidationError, match="You may not make this change"):
        notices.notice_delete(notice=notice, by=outsider)
    assert Notice.objects.filter(pk=notice.pk).exists()
