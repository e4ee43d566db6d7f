"""The access model on every kind of record: audience records, their children and grandchildren,
country-owned records, and who edits what (puebla.core.access, through tests/accessapp).

The expectations are written out by hand from DESIGN.md §3, never derived from the code.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from puebla.core.access import can_edit, can_view, is_focal_point_of
from puebla.directory.models import Appointment, Body, Country
from tests.accessapp.models import Answer, AnswerFile, Folder, Nomination, Paper, PaperFile
from tests.roles import ALL_ROLES, make_user

pytestmark = pytest.mark.django_db

CONSULAR = "network-consular-protection"
# Folder titles by audience; the "country" folder is addressed to Costa Rica.
EVERYONE = {"public"}
PARTICIPANTS = EVERYONE | {"participants"}
OBSERVERS = PARTICIPANTS | {"observers"}
MEMBERS = OBSERVERS | {"members"}
FOLDERS_SEEN = {
    "anonymous": EVERYONE,
    "civil_society": PARTICIPANTS,
    "observer_organisation": OBSERVERS,
    "observer_state": OBSERVERS,  # Peru
    "official_a": MEMBERS | {"country"},  # Costa Rica
    "focal_point_a": MEMBERS | {"country"},
    "official_b": MEMBERS,  # Guatemala
    "liaison_officer": MEMBERS | {"body"},  # Mexico, consular network
    "secretariat": MEMBERS | {"body", "country", "secretariat"},
    "fund_officer": OBSERVERS,  # IOM
}


def user_of(role):
    return AnonymousUser() if role == "anonymous" else make_user(role)


@pytest.fixture
def folders():
    consular = Body.objects.get(slug=CONSULAR)
    made = {}
    for audience in ("public", "participants", "observers", "members", "secretariat"):
        made[audience] = Folder.objects.create(title=audience, audience=audience)
    made["body"] = Folder.objects.create(title="body", audience="body", body=consular)
    made["body"].audience_bodies.set([consular])
    made["country"] = Folder.objects.create(
        title="country", audience="country", audience_country=Country.objects.get(iso_code="CR")
    )
    for folder in made.values():
        paper = Paper.objects.create(folder=folder, title=f"paper in {folder.title}")
        PaperFile.objects.create(paper=paper, name=f"file in {folder.title}")
    return made


@pytest.mark.parametrize("role", ALL_ROLES)
def test_children_and_grandchildren_are_visible_exactly_when_their_folder_is(role, folders):
    user = user_of(role)
    assert (
        set(Folder.objects.visible_to(user).values_list("title", flat=True)) == (FOLDERS_SEEN[role])
    )
    assert set(Paper.objects.visible_to(user).values_list("title", flat=True)) == {
        f"paper in {title}" for title in FOLDERS_SEEN[role]
    }
    assert set(PaperFile.objects.visible_to(user).values_list("name", flat=True)) == {
        f"file in {title}" for title in FOLDERS_SEEN[role]
    }


def test_a_folder_named_for_two_bodies_is_listed_once(folders):
    officer = make_user("liaison_officer")
    folders["body"].audience_bodies.add(Body.objects.get(slug="rcgm"))
    Appointment.objects.create(
        person=officer.person,
        body=Body.objects.get(slug="rcgm"),
        title_en="Delegate",
        start=datetime.date(2020, 1, 1),
    )
    officer = type(officer).objects.get(pk=officer.pk)  # body_ids is cached per instance
    titles = list(PaperFile.objects.visible_to(officer).values_list("name", flat=True))
    assert titles.count("file in body") == 1


@pytest.fixture
def answers():
    countries = {code: Country.objects.get(iso_code=code) for code in ("CR", "GT", "PE")}
    now = timezone.now()
    made = {
        "CR draft": Answer.objects.create(title="CR draft", owner_country=countries["CR"]),
        "CR published to members": Answer.objects.create(
            title="CR published to members",
            owner_country=countries["CR"],
            published_at=now,
            audience="members",
        ),
        "GT draft": Answer.objects.create(title="GT draft", owner_country=countries["GT"]),
        "PE draft": Answer.objects.create(title="PE draft", owner_country=countries["PE"]),
    }
    for answer in made.values():
        AnswerFile.objects.create(answer=answer, name=f"file of {answer.title}")
    Nomination.objects.create(title="PE nomination", owner_country=countries["PE"])
    Nomination.objects.create(title="CR nomination", owner_country=countries["CR"])
    return made


# Answers count member-state officials only as their country's; nominations count observer
# states' officials too.
ANSWERS_SEEN = {
    "anonymous": set(),
    "civil_society": set(),
    "observer_organisation": set(),
    "observer_state": set(),  # Peru's own draft answer is not for an observer state's officials
    "official_a": {"CR draft", "CR published to members"},
    "focal_point_a": {"CR draft", "CR published to members"},
    "official_b": {"GT draft", "CR published to members"},
    "liaison_officer": {"CR published to members"},
    "secretariat": {"CR draft", "CR published to members", "GT draft", "PE draft"},
    "fund_officer": set(),
}
NOMINATIONS_SEEN = {
    "observer_state": {"PE nomination"},
    "official_a": {"CR nomination"},
    "focal_point_a": {"CR nomination"},
    "secretariat": {"PE nomination", "CR nomination"},
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_country_owned_records_are_seen_by_their_country_until_published(role, answers):
    user = user_of(role)
    assert (
        set(Answer.objects.visible_to(user).values_list("title", flat=True)) == (ANSWERS_SEEN[role])
    )
    assert set(AnswerFile.objects.visible_to(user).values_list("name", flat=True)) == {
        f"file of {title}" for title in ANSWERS_SEEN[role]
    }
    assert set(Nomination.objects.visible_to(user).values_list("title", flat=True)) == (
        NOMINATIONS_SEEN.get(role, set())
    )


def test_only_the_countrys_focal_points_edit_its_unpublished_records(answers):
    focal_point, official = make_user("focal_point_a"), make_user("official_a")
    other_focal_point = make_user("focal_point_a", email="gt-focal@example.org")
    other_focal_point.country = Country.objects.get(iso_code="GT")
    other_focal_point.save()

    assert set(Answer.objects.editable_by(focal_point).values_list("title", flat=True)) == {
        "CR draft"
    }
    assert set(AnswerFile.objects.editable_by(focal_point).values_list("name", flat=True)) == {
        "file of CR draft"
    }
    assert not Answer.objects.editable_by(official).exists()
    assert set(Answer.objects.editable_by(other_focal_point).values_list("title", flat=True)) == {
        "GT draft"
    }
    assert is_focal_point_of(focal_point, Country.objects.get(iso_code="CR"))
    assert not is_focal_point_of(focal_point, Country.objects.get(iso_code="GT"))
    assert not is_focal_point_of(official, Country.objects.get(iso_code="CR"))


def appoint(user, body_slug, *, role, start=None, end=None):
    return Appointment.objects.create(
        person=user.person,
        body=Body.objects.get(slug=body_slug),
        title_en="Test appointment",
        role=role,
        start=start,
        end=end,
    )


def test_a_bodys_current_editors_edit_its_records_and_nobody_else_but_the_secretariat(folders):
    editor = make_user("liaison_officer", email="editor@example.org")
    appoint(editor, CONSULAR, role=Appointment.Role.EDITOR, start=datetime.date(2020, 1, 1))
    member = make_user("liaison_officer")
    former_editor = make_user("liaison_officer", email="former@example.org")
    appoint(
        former_editor,
        CONSULAR,
        role=Appointment.Role.EDITOR,
        start=datetime.date(2019, 1, 1),
        end=timezone.localdate() - datetime.timedelta(days=1),
    )
    body_folder = folders["body"]

    assert list(Folder.objects.editable_by(editor)) == [body_folder]
    assert set(PaperFile.objects.editable_by(editor).values_list("name", flat=True)) == {
        "file in body"
    }
    assert can_edit(editor, body_folder)
    for person in (member, former_editor, make_user("official_a"), AnonymousUser()):
        assert not Folder.objects.editable_by(person).exists()
        assert not can_edit(person, body_folder)
    assert Folder.objects.editable_by(make_user("secretariat")).count() == len(folders)


def test_a_former_liaison_officer_no_longer_sees_the_networks_records(folders):
    former = make_user("liaison_officer")
    former.person.appointments.update(
        start=datetime.date(2018, 1, 1), end=timezone.localdate() - datetime.timedelta(days=1)
    )
    former = type(former).objects.get(pk=former.pk)
    assert not can_view(former, folders["body"])
    assert set(Folder.objects.visible_to(former).values_list("title", flat=True)) == MEMBERS


def test_a_deactivated_secretariat_account_sees_only_public_records(folders):
    secretariat = make_user("secretariat")
    secretariat.is_active = False
    assert set(Folder.objects.visible_to(secretariat).values_list("title", flat=True)) == EVERYONE
    assert not Folder.objects.editable_by(secretariat).exists()


def test_the_user_selectors_agree_with_the_predicates():
    """Whom an action reaches (User querysets) is whom the predicates allow, one by one."""
    from puebla.accounts.models import User

    costa_rica, guatemala = (Country.objects.get(iso_code=code) for code in ("CR", "GT"))
    consular = Body.objects.get(slug=CONSULAR)
    people = [make_user(role) for role in ALL_ROLES if role != "anonymous"]
    editor = make_user("liaison_officer", email="editor@example.org")
    appoint(editor, CONSULAR, role=Appointment.Role.EDITOR, start=datetime.date(2020, 1, 1))
    retired_focal_point = make_user("focal_point_a", email="retired@example.org")
    retired_focal_point.is_active = False
    retired_focal_point.save()
    people += [editor, retired_focal_point]

    for country in (costa_rica, guatemala):
        assert set(User.objects.focal_points_of(country)) == {
            person for person in people if is_focal_point_of(person, country)
        }
    assert [user.email for user in User.objects.focal_points_of(costa_rica)] == [
        "focal-point-a@example.org"
    ]
    assert list(User.objects.editors_of(consular)) == [editor]
    assert [user.email for user in User.objects.fund_officers()] == ["fund-officer@example.org"]
