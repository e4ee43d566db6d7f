"""The comparative matrix's cycles as each person uses them: the secretariat opens a cycle for an
RCGM meeting and sets its topics; a member state's focal points write their changes per topic
beside what they gave last time, as a draft and then submitted; the secretariat follows who
has submitted and publishes. Bad input is refused with a message, keeping what was typed."""

import pytest

from puebla.followup.matrix import services as matrix_services
from puebla.followup.models import MatrixCycle, MatrixEntry, MatrixTopic
from puebla.meetings.models import Meeting
from tests.followup.factories import country, person
from tests.followup.pages import url, words
from tests.meetings.factories import make_meeting
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return make_user("secretariat", email="ts-cycles@example.org")


@pytest.fixture
def cycles(secretariat):
    """A first cycle (March 2024) with two topics and Costa Rica's and Guatemala's submitted
    entries; a second one (October 2024) not yet opened: its meeting only."""
    first = matrix_services.cycle_create(
        meeting=make_meeting(
            kind="rcgm",
            start_date="2024-03-01",
            start_precision="day",
            title_en="RCGM March",
            title_es="GRCM marzo",
        ),
        by=secretariat,
    )
    asylum = matrix_services.topic_add(
        cycle=first, by=secretariat, key="asylum", title_es="Asilo", title_en="Asylum"
    )
    matrix_services.topic_add(
        cycle=first, by=secretariat, key="labour", title_en="Labour migration"
    )
    for code, text in (("CR", "Costa Rica's 2023 refugee law"), ("GT", "Guatemala's decree")):
        matrix_services.entry_save(
            topic=asylum, country=country(code), by=secretariat, legislation=text, submit=True
        )
    october = make_meeting(
        kind="rcgm",
        start_date="2099-10-01",
        start_precision="day",
        title_en="RCGM October",
        title_es="GRCM octubre",
        audience="members",
    )
    return first, october


def test_the_secretariat_opens_a_cycle_and_sets_its_topics(client, secretariat, cycles):
    first, october = cycles
    client.force_login(secretariat)
    form = words(client.get(url("followup:cycle_new")))
    assert "RCGM October" in form
    assert "RCGM March" not in form  # it has its cycle already
    response = client.post(
        url("followup:cycle_new"), {"meeting": october.pk, "due_date": "2099-09-01"}
    )
    cycle = MatrixCycle.objects.get(meeting=october)
    assert cycle.previous == first
    assert response["Location"] == url("followup:cycle_topics", cycle.pk)
    page = words(client.get(response["Location"]))
    assert "The previous cycle's 2 topics were copied." in page
    assert "Asylum" in page and "Labour migration" in page and "Sept. 1, 2099" in page

    # A key already taken, and a topic with no title: refused, what was typed kept.
    response = client.post(
        url("followup:cycle_topics", cycle.pk),
        {"title_en": "Asylum again", "key": "asylum", "position": "5"},
    )
    assert "This cycle already has a topic with that key." in words(response)
    assert 'value="Asylum again"' in response.content.decode()
    response = client.post(
        url("followup:cycle_topics", cycle.pk), {"key": "returns", "position": "5"}
    )
    assert "Give the topic in Spanish, in English, or both." in words(response)
    assert cycle.topics.count() == 2

    response = client.post(
        url("followup:cycle_topics", cycle.pk),
        {"title_es": "Retorno", "title_en": "Returns", "key": "returns", "position": "5"},
    )
    assert "The topic “Returns” was added." in words(client.get(response["Location"]))
    assert list(cycle.topics.values_list("key", flat=True)) == ["returns", "asylum", "labour"]

    listing = words(client.get(url("followup:cycles")))
    assert "RCGM October" in listing and "RCGM March" in listing
    # Costa Rica and Guatemala submitted for March, out of the member states.
    assert "2 / 11" in listing


def test_the_last_rcgm_meeting_taken_says_what_to_do(client, secretariat, cycles):
    for meeting in Meeting.objects.filter(kind="rcgm", matrix_cycle__isnull=True):
        matrix_services.cycle_create(meeting=meeting, by=secretariat)
    client.force_login(secretariat)
    assert "Every RCGM meeting already has its cycle." in words(
        client.get(url("followup:cycle_new"))
    )


@pytest.fixture
def second(secretariat, cycles):
    _first, october = cycles
    return matrix_services.cycle_create(meeting=october, by=secretariat, due_date=None)


def entries_form(cycle, **texts):
    """The entries form as Costa Rica's page shows it now (every topic's three areas and what
    the page saw of each entry), with `texts` (`asylum_policy="..."`) typed in."""
    entries = {
        entry.topic_id: entry
        for entry in MatrixEntry.objects.filter(topic__cycle=cycle, owner_country=country("CR"))
    }
    data = {}
    for topic in cycle.topics.all():
        entry = entries.get(topic.pk)
        for area in ("policy", "legislation", "regulations"):
            data[f"{topic.key}-{area}"] = getattr(entry, area) if entry else ""
        data[f"{topic.key}-seen"] = matrix_services.entry_token(entry)
    return data | {name.replace("_", "-"): text for name, text in texts.items()}


def test_a_focal_point_drafts_and_submits_the_country_changes(client, second):
    focal_point = person("CR", focal=True, language="en")
    client.force_login(focal_point)
    dashboard = words(client.get(url("intranet:home")))
    assert "Changes for the comparative matrix" in dashboard
    assert "RCGM October" in dashboard and "0 / 2" in dashboard

    page = words(client.get(url("followup:cycle_entries", second.pk)))
    assert "Asylum" in page and "Labour migration" in page
    # What Costa Rica gave in March is beside the form; Guatemala's is not Costa Rica's to read.
    assert "What your country gave for RCGM March" in page
    assert "Costa Rica's 2023 refugee law" in page
    assert "Guatemala's decree" not in page

    response = client.post(
        url("followup:cycle_entries", second.pk),
        entries_form(second, asylum_policy="A new asylum procedure") | {"action": "draft"},
    )
    assert "The draft is saved. It is not submitted yet." in words(client.get(response["Location"]))
    draft = MatrixEntry.objects.get(topic__cycle=second, owner_country=country("CR"))
    assert draft.policy == "A new asylum procedure" and draft.submitted_at is None
    # Nothing typed on labour: no empty entry was made.
    assert MatrixEntry.objects.filter(topic__cycle=second).count() == 1

    # Submitting with nothing on labour is refused, naming the topic; nothing is written.
    response = client.post(
        url("followup:cycle_entries", second.pk),
        entries_form(second, asylum_policy="A newer asylum procedure") | {"action": "submit"},
    )
    assert response.status_code == 200
    assert "Say what changed on “Labour migration”" in words(response)
    assert "A newer asylum procedure" in response.content.decode()
    draft.refresh_from_db()
    assert draft.policy == "A new asylum procedure" and draft.submitted_at is None

    response = client.post(
        url("followup:cycle_entries", second.pk),
        entries_form(second, asylum_policy="A newer asylum procedure", labour_regulations="none")
        | {"action": "submit"},
    )
    page = words(client.get(response["Location"]))
    assert "Your country's changes were submitted for the comparative matrix." in page
    assert (
        MatrixEntry.objects.filter(
            topic__cycle=second, owner_country=country("CR"), submitted_at__isnull=False
        ).count()
        == 2
    )
    # Submitted everything: the dashboard no longer lists the cycle.
    assert "Changes for the comparative matrix" not in words(client.get(url("intranet:home")))


def test_a_draft_of_one_topic_leaves_the_others_submitted_and_a_stale_page_is_refused(
    client, second
):
    entries = url("followup:cycle_entries", second.pk)
    client.force_login(person("CR", focal=True))
    client.post(
        entries,
        entries_form(second, asylum_policy="Asylum law", labour_policy="Labour law")
        | {"action": "submit"},
    )
    opened_by_colleague = entries_form(second)  # a colleague opens the page now
    client.post(
        entries, entries_form(second, labour_policy="Labour law, amended") | {"action": "draft"}
    )
    asylum = MatrixEntry.objects.get(topic__cycle=second, topic__key="asylum")
    labour = MatrixEntry.objects.get(topic__cycle=second, topic__key="labour")
    assert asylum.submitted_at is not None  # untouched: still in the matrix
    assert labour.policy == "Labour law, amended" and labour.submitted_at is None

    # The colleague's page predates that change: refused, their text kept, nothing written.
    client.force_login(person("CR", focal=True))
    response = client.post(
        entries, opened_by_colleague | {"labour-policy": "The colleague's text", "action": "draft"}
    )
    assert response.status_code == 200
    assert "Someone changed “Labour migration” since you opened this page." in words(response)
    assert "The colleague's text" in words(response)
    labour.refresh_from_db()
    assert labour.policy == "Labour law, amended"


def test_the_secretariat_follows_and_publishes(client, secretariat, second):
    costa_rica = person("CR", focal=True)
    asylum = second.topics.get(key="asylum")
    labour = second.topics.get(key="labour")
    matrix_services.entry_save(
        topic=asylum, country=country("CR"), by=costa_rica, policy="x", submit=True
    )
    matrix_services.entry_save(topic=labour, country=country("CR"), by=costa_rica, policy="a draft")
    client.force_login(secretariat)
    status = client.get(url("followup:cycle_entries", second.pk)).content.decode()
    assert '<th scope="row">Costa Rica</th><td>Submitted</td><td>Draft</td>' in status
    assert '<th scope="row">Guatemala</th><td>Not started</td><td>Not started</td>' in status

    confirmation = words(client.get(url("followup:cycle_publish", second.pk)))
    assert "1 submitted entry will be published." in confirmation
    assert "1 draft stays with its country and is not published." in confirmation
    assert MatrixEntry.objects.filter(published_at__isnull=False).count() == 0
    response = client.post(url("followup:cycle_publish", second.pk), {"audience": "members"})
    assert response["Location"] == url("followup:matrix", second.pk)
    assert "1 submitted entry was published; it can no longer change." in words(
        client.get(response["Location"])
    )
    published = MatrixEntry.objects.get(topic=asylum)
    assert published.audience == "members" and published.published_at is not None
    assert "No submitted entry is waiting to be published." in words(
        client.get(url("followup:cycle_publish", second.pk))
    )

    # The focal point reads the published topic; only the draft topic is still a form.
    client.force_login(costa_rica)
    page = client.get(url("followup:cycle_entries", second.pk)).content.decode()
    assert 'name="labour-policy"' in page and 'name="asylum-policy"' not in page
    assert "Published" in words(client.get(url("followup:cycle_entries", second.pk)))


def test_who_may_read_and_write_a_country_entries(client, second):
    matrix_services.entry_save(
        topic=second.topics.get(key="asylum"),
        country=country("CR"),
        by=person("CR", focal=True),
        policy="Costa Rica's draft",
    )
    official = person("CR")
    client.force_login(official)
    page = client.get(url("followup:cycle_entries", second.pk))
    assert "Costa Rica's draft" in words(page)
    assert "Your country's focal points write and submit these changes." in words(page)
    assert 'name="asylum-policy"' not in page.content.decode()
    assert (
        client.post(url("followup:cycle_entries", second.pk), {"action": "draft"}).status_code
        == 404
    )

    client.force_login(person("GT", focal=True))
    assert "Costa Rica's draft" not in words(client.get(url("followup:cycle_entries", second.pk)))

    for role in ("observer_state", "civil_society"):
        client.force_login(make_user(role))
        assert client.get(url("followup:cycle_entries", second.pk)).status_code == 404


def test_a_cycle_of_a_meeting_hidden_from_the_member_states_is_not_theirs(
    client, secretariat, second
):
    hidden = make_meeting(
        kind="rcgm",
        start_date="2099-12-01",
        start_precision="day",
        title_en="RCGM for the secretariat",
        audience="secretariat",
    )
    cycle = matrix_services.cycle_create(
        meeting=hidden, by=secretariat
    )  # takes the topics before it
    client.force_login(person("CR", focal=True))
    assert client.get(url("followup:cycle_entries", cycle.pk)).status_code == 404
    dashboard = words(client.get(url("intranet:home")))
    assert "RCGM October" in dashboard and "RCGM for the secretariat" not in dashboard


def test_spanish_page_and_topic_titles(client, second):
    client.force_login(person("CR", focal=True, language="es"))
    page = words(client.get(url("followup:cycle_entries", second.pk, language="es")))
    assert "Cambios para la matriz comparativa de GRCM octubre" in page
    assert "Lo que su país envió para GRCM marzo" in page
    assert "Asilo" in page
    assert "Guardar el borrador" in page and "Enviar a la Secretaría Técnica" in page


def test_entries_and_status_pages_keep_their_query_count(client, secretariat, second):
    focal_point = person("CR", focal=True)
    added = iter(range(100))

    def more_topics():
        for _ in range(3):
            number = next(added)
            topic = MatrixTopic.objects.create(
                cycle=second, key=f"topic-{number}", title_en=f"Topic {number}"
            )
            matrix_services.entry_save(
                topic=topic, country=country("CR"), by=focal_point, policy="p"
            )

    client.force_login(focal_point)
    _before, after = assert_queries_constant(
        client, url("followup:cycle_entries", second.pk), more_topics
    )
    assert "Topic 2" in words(after)
    client.force_login(secretariat)
    _before, after = assert_queries_constant(
        client, url("followup:cycle_entries", second.pk), more_topics
    )
    assert "Topic 5" in words(after)
