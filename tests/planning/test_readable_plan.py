"""The shipped 2009 Plan of Action read as a visitor reads it (issue 29, item 8 and part of
15): the source's italics shown as emphasis and never as a literal <i>; each activity nested
under its action (1.1.1 between 1.1 and 1.2); a responsible filter with the parties the items
name; every status in the reader's language, on every Plan page."""

import importlib
import re

import pytest
from django.apps import apps

from puebla.directory.models import Body
from puebla.planning import services, shipped
from puebla.planning.models import GcmObjective, Item, Plan, Status
from tests.planning.test_editing import url
from tests.planning.test_views import text_of
from tests.roles import make_user

pytestmark = pytest.mark.django_db

TRAFFIC = "Refer to the work plan for the Traffic Network"


@pytest.fixture
def plan():
    shipped.load()
    return Plan.objects.get(slug="plan-of-action")


def test_the_sources_italics_are_emphasis_and_no_tag_shows_as_text(client, plan):
    for language in ("en", "es"):
        body = client.get(url("plan", language), {"detail": "all"}).content.decode()
        assert f'<em class="plan-source-marked">{TRAFFIC}</em>' in body
        assert "&lt;i&gt;" not in body and "&lt;/i&gt;" not in body
        assert "<i>" not in body
    # On the Spanish page the English text is still marked as English, its italics inside.
    body = client.get(url("plan", "es"), {"detail": "all"}).content.decode()
    assert (
        f'<span lang="en"><em class="plan-source-marked">{TRAFFIC}</em></span> '
        '<small class="untranslated">(aún sin traducción al español)</small>'
    ) in body
    # An item's own page, and the page of the action above it (its parts).
    item = Item.objects.filter(plan=plan, text_en=f"<i>{TRAFFIC}</i>").first()
    for address in (url("item", pk=item.pk), url("item", pk=item.parent_id)):
        page = client.get(address).content.decode()
        assert f'<em class="plan-source-marked">{TRAFFIC}</em>' in page
        assert "&lt;i&gt;" not in page


def test_markup_around_other_tags_is_escaped_on_the_page(client, plan):
    item = Item.objects.get(plan=plan, key="policy/1.1")
    item.text_en = '<i>ok</i> <b>bold</b> <script>alert("x")</script>'
    item.save()
    body = client.get(url("plan"), {"detail": "all"}).content.decode()
    assert '<em class="plan-source-marked">ok</em> &lt;b&gt;bold&lt;/b&gt; &lt;script&gt;' in body
    assert "<script>alert" not in body


def test_each_activity_is_nested_under_its_action(client, plan):
    page = text_of(client.get(url("plan"), {"detail": "all"}))
    action_1 = page.index("1.1 To exchange information about migration policy")
    activity = page.index("1.1.1 Information exchange within the framework")
    action_2 = page.index("1.2 To consider and promote")
    assert action_1 < activity < action_2
    # In the markup too: the activity is in the list of the action's parts.
    body = client.get(url("plan"), {"detail": "all"}).content.decode()
    after_action = body[body.index("To exchange information about migration policy") :]
    parts = after_action[: after_action.index("To consider and promote")]
    assert '<ul class="plan-parts">' in parts
    assert "Information exchange within the framework" in parts


def test_positions_are_the_trees_reading_order(plan):
    numbers = [
        item.number
        for item in Item.objects.filter(plan=plan, key__startswith="policy/").order_by("position")
        if item.number
    ]
    assert numbers[:6] == ["1", "1.1", "1.1.1", "1.2", "1.2.1", "1.3"]


def test_the_migration_puts_a_plan_imported_before_in_the_trees_order(plan):
    # As the importer used to number them: the table's order, actions before activities.
    items = list(Item.objects.filter(plan=plan).order_by("position"))
    table_order = sorted(items, key=lambda item: (item.level > 2, item.position))
    for position, item in enumerate(table_order):
        Item.objects.filter(pk=item.pk).update(position=position)
    migration = importlib.import_module("puebla.planning.migrations.0004_items_in_tree_order")
    migration.renumber(apps, None)
    after = [item.pk for item in Item.objects.filter(plan=plan).order_by("position")]
    assert after == [item.pk for item in items]


def test_the_responsible_filter_offers_the_parties_the_items_name(client, plan):
    body = client.get(url("plan")).content.decode()
    select = re.search(r'<select name="responsible"[^>]*>(.*?)</select>', body, re.S).group(1)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    consular = Body.objects.get(slug="network-consular-protection")
    smuggling = Body.objects.get(slug="network-smuggling-trafficking")
    named = ["Technical Secretariat", str(consular), str(smuggling)]
    assert options == ["All", *sorted(named, key=str.casefold)]
    # Choosing one shows its activities, said to be inferred, and not the others'.
    page = text_of(client.get(url("plan"), {"responsible": f"body-{smuggling.pk}"}))
    assert f"Responsible: {smuggling} (inferred: its page says why)" in page
    assert "Consular Network" not in page
    # The item's page says why.
    item = Item.objects.filter(plan=plan, responsible_body=smuggling).first()
    assert "Inferred: why? The activity refers to" in text_of(client.get(url("item", pk=item.pk)))


def test_the_inference_leaves_alone_what_a_person_set(client, plan):
    item = Item.objects.filter(plan=plan, responsible_kind="secretariat").get()
    assert item.is_inferred("responsible_kind")
    services.item_update(
        item=item,
        expected_version=item.version,
        changes={"responsible_kind": "presidency"},
        meeting_keys=[],
        document_keys=[],
        comment="The presidency follows it up",
        by=make_user("secretariat"),
    )
    item.refresh_from_db()
    assert not item.is_inferred("responsible_kind")
    Item.objects.filter(pk=item.pk).update(responsible_kind="")
    assert shipped.load()[-1].endswith(": 0 responsible parties inferred from the items' words")
    assert Item.objects.get(pk=item.pk).responsible_kind == ""


@pytest.mark.parametrize(
    "name", ["plan", "item", "historical", "gcm_objective", "intranet_list", "edit"]
)
def test_every_status_is_in_spanish_on_the_spanish_pages(client, sign_in, plan, name):
    sign_in("secretariat")
    ongoing, completed = Item.objects.filter(plan=plan, level=4, status__key="ongoing")[:2]
    ongoing.gcm_objectives.add(GcmObjective.objects.get(number=1))
    Item.objects.filter(pk=completed.pk).update(
        status=Status.objects.get(key="completed"), status_since="2025-11-13"
    )
    kwargs = {"pk": ongoing.pk} if name in ("item", "edit") else {}
    if name == "gcm_objective":
        kwargs = {"number": 1}
    query = {"detail": "all"} if name == "plan" else {}
    body = client.get(url(name, "es", **kwargs), query).content.decode()
    page = text_of(client.get(url(name, "es", **kwargs), query))
    # Every status badge and label (a schedule's own words, "Ongoing", are the source's text).
    badges = re.findall(r'<span class="plan-status plan-status-\w+">([^<]*)</span>', body)
    labels = re.findall(r"Estado:? ([A-Za-zñáéíóú ]+?)(?: ·|,|$| \()", page)
    since = re.findall(r"(\w+) desde el", page)  # the historical page's list
    cells = re.findall(r"<td>([^<]*)</td>", body)  # the intranet's list
    shown = [*badges, *labels, *since, *cells]
    assert shown
    for english in ("Ongoing", "Completed", "Pending input", "In progress", "Pending"):
        assert not any(english in label for label in shown), shown
        assert f"{english} since" not in page
    assert ("Completada desde" if name == "historical" else "Permanente") in page
    if name == "edit":
        options = re.findall(r"<option[^>]*>([^<]*)</option>", body)
        assert "Permanente" in options and "Pendiente de insumos" in options
        assert "Ongoing" not in options and "Pending input" not in options
