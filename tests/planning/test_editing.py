"""Editing plan items in the intranet: the secretariat edits every item, a body's editors the
items their body is responsible for and no other; every change lands in the item's history
with its author and comment; refused input writes nothing and says why."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from puebla.directory.models import Appointment, Body, Person
from puebla.documents.services import document_create
from puebla.planning import services
from puebla.planning.models import Item, Status
from tests.planning.sample_plan import make_plan
from tests.planning.test_views import text_of
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"planning:{name}", kwargs=kwargs)


@pytest.fixture
def plan():
    return make_plan()


def editor_of(client, body_slug, email="editor@example.org"):
    """A member-state official appointed editor of the body, signed in."""
    user = make_user("official_a", email=email)
    person = Person.objects.create(slug=email.split("@")[0], given_name="Eva", family_name="Ed")
    Appointment.objects.create(
        person=person, body=Body.objects.get(slug=body_slug), role=Appointment.Role.EDITOR
    )
    user.person = person
    user.save()
    user = type(user).objects.get(pk=user.pk)  # body_ids and edited_body_ids are cached
    client.force_login(user)
    return user


def form_for(item, **changes):
    """The edit form as the page fills it for `item`, with `changes`."""
    item.refresh_from_db()
    data = {
        "version": item.version,
        "status": item.status_id or "",
        "schedule_es": item.schedule_es,
        "schedule_en": item.schedule_en,
        "responsible_kind": item.responsible_kind,
        "responsible_body": item.responsible_body_id or "",
        "responsible_country": item.responsible_country_id or "",
        "responsible_organisation": item.responsible_organisation_id or "",
        "evidence_meetings": "",
        "evidence_documents": "",
        "comment": "Updated after the RCGM",
    }
    return data | changes


def test_the_secretariat_changes_status_schedule_and_evidence_and_the_history_shows_it(
    client, sign_in, plan
):
    _plan, items = plan
    activity = items["t2.1.1"]
    secretariat = sign_in("secretariat")
    document_create(
        fields={
            "slug": "iom-manual",
            "kind": "manual",
            "title_en": "IOM manual",
            "audience": "public",
        },
        by=secretariat,
    )
    form = client.get(url("edit", pk=activity.pk))
    assert form.status_code == 200
    assert 'name="version" value="1"' in form.content.decode()
    completed = Status.objects.get(key="completed")
    response = client.post(
        url("edit", pk=activity.pk),
        form_for(
            activity,
            status=completed.pk,
            schedule_en="Published in 2010",
            schedule_es="Publicado en 2010",
            evidence_documents="iom-manual",
            comment="The manual is out",
        ),
        follow=True,
    )
    page = text_of(response)
    assert "The item was saved. Its history shows the change." in page
    assert "Status Completed" in page
    assert "Document: IOM manual" in page
    assert "Comment: The manual is out" in page
    assert "Status Pending Completed" in page
    assert "Evidence: documents — IOM manual" in page
    activity.refresh_from_db()
    assert (activity.status, activity.version) == (completed, 2)
    assert activity.status_since is not None
    assert activity.history.first().history_user == secretariat


def test_a_comment_is_required_and_nothing_is_written_without_it(client, sign_in, plan):
    _plan, items = plan
    activity = items["t2.1.1"]
    sign_in("secretariat")
    response = client.post(
        url("edit", pk=activity.pk), form_for(activity, schedule_en="Changed", comment="")
    )
    assert "This field is required." in response.content.decode()
    activity.refresh_from_db()
    assert (activity.schedule_en, activity.version) == ("", 1)


def test_unknown_or_hidden_evidence_is_refused_by_name(client, sign_in, plan):
    _plan, items = plan
    activity = items["t1.1.1"]
    editor_of(client, "network-consular-protection")
    document_create(
        fields={
            "slug": "secretariat-notes",
            "kind": "minutes",
            "title_en": "Notes",
            "audience": "secretariat",
        },
        by=make_user("secretariat"),
    )
    response = client.post(
        url("edit", pk=activity.pk),
        form_for(activity, evidence_documents="secretariat-notes\nno-such-document"),
    )
    assert "No document you may see has the key: secretariat-notes, no-such-document." in text_of(
        response
    )
    assert not Item.objects.get(pk=activity.pk).evidence_documents.exists()


def test_a_bodys_editor_edits_their_bodys_items_and_no_other(client, plan):
    _plan, items = plan
    ours, theirs = items["t1.1.1"], items["t1.1.2"]  # consular; smuggling and trafficking
    editor = editor_of(client, "network-consular-protection")
    assert client.get(url("edit", pk=ours.pk)).status_code == 200
    response = client.post(
        url("edit", pk=ours.pk), form_for(ours, schedule_en="Twice a year"), follow=True
    )
    assert "The item was saved." in text_of(response)
    assert Item.objects.get(pk=ours.pk).history.first().history_user == editor

    # Another body's item: the same 404 as an item that does not exist, and nothing written.
    assert client.get(url("edit", pk=theirs.pk)).status_code == 404
    assert client.post(url("edit", pk=theirs.pk), form_for(theirs)).status_code == 404
    assert client.get(url("edit", pk=items["t2.1.1"].pk)).status_code == 404  # secretariat's
    assert Item.objects.get(pk=theirs.pk).version == 1
    # Their item page offers no edit link.
    assert "Edit this item" not in text_of(client.get(url("item", pk=theirs.pk)))
    assert "Edit this item" in text_of(client.get(url("item", pk=ours.pk)))


def test_an_editor_cannot_hand_an_item_to_a_body_they_do_not_edit(client, plan):
    _plan, items = plan
    ours = items["t1.1.1"]
    editor_of(client, "network-consular-protection")
    other = Body.objects.get(slug="network-smuggling-trafficking")
    response = client.post(url("edit", pk=ours.pk), form_for(ours, responsible_body=other.pk))
    assert "Select a valid choice." in response.content.decode()
    response = client.post(url("edit", pk=ours.pk), form_for(ours, responsible_kind="secretariat"))
    assert "Select a valid choice." in response.content.decode()
    assert Item.objects.get(pk=ours.pk).responsible_body.slug == "network-consular-protection"


@pytest.mark.parametrize("role", ["official_a", "observer_state", "civil_society"])
def test_people_who_edit_nothing_get_a_404(client, sign_in, plan, role):
    _plan, items = plan
    sign_in(role)
    assert client.get(url("edit", pk=items["t1.1.1"].pk)).status_code == 404


def test_anonymous_visitors_are_asked_to_sign_in(client, plan):
    _plan, items = plan
    response = client.get(url("edit", pk=items["t1.1.1"].pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_form_is_in_spanish_with_spanish_errors(client, sign_in, plan):
    _plan, items = plan
    sign_in("secretariat")
    activity = items["t2.1.1"]
    page = text_of(client.get(url("edit", "es", pk=activity.pk)))
    assert "Editar un elemento del plan" in page
    response = client.post(
        url("edit", "es", pk=activity.pk), form_for(activity, evidence_meetings="no-existe")
    )
    assert "Ninguna reunión que usted pueda ver tiene la clave: no-existe." in text_of(response)


def test_the_service_refuses_a_comment_longer_than_the_history_keeps(plan):
    _plan, items = plan
    activity = items["t2.1.1"]
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        services.item_update(
            item=activity,
            expected_version=1,
            changes={"schedule_en": "Changed"},
            meeting_keys=[],
            document_keys=[],
            comment="x" * 101,
            by=make_user("secretariat"),
        )
    assert refused.value.message_dict == {"comment": ["Say it in at most 100 characters."]}
    assert Item.objects.get(pk=activity.pk).schedule_en == ""


def test_the_intranet_lists_the_items_each_person_edits(client, sign_in, plan):
    _plan, items = plan
    editor_of(client, "network-consular-protection")
    page = text_of(client.get(url("intranet_list")))
    assert "1 item you may edit" in page
    assert "Activity 1.1.1 — Information exchange within the Liaison Officer Networks" in page
    assert "Training for consular officers" not in page  # another body's
    nav = client.get(url("intranet_list")).content.decode()
    assert f'href="{url("edit", pk=items["t1.1.1"].pk)}"' in nav

    sign_in("secretariat")
    page = text_of(client.get(url("intranet_list")))
    assert "12 items you may edit" in page
    sign_in("official_a")
    page = text_of(client.get(url("intranet_list")))
    assert "You edit no item of the plan" in page
