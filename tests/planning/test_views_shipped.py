"""The shipped 2009 Plan of Action (seed 004, imported by import-plan's importer) as readers
see it on the public pages, in both languages: its themes, objectives, actions and activities
with their numbers, the schedule lines, the theme the table names in Spanish only, the note proposing to
drop an objective, and the Global Compact's 23 objectives."""

import pytest

from puebla.planning import shipped
from puebla.planning.models import Item, Plan
from tests.planning.test_editing import url
from tests.planning.test_views import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    shipped.load()
    return Plan.objects.get(slug="plan-of-action")


def test_the_plan_page_shows_the_seeds_table(client, plan):
    page = text_of(client.get(url("plan"), {"detail": "all"}))
    assert "7.1.2 Regional Guidelines for the Assistance to Unaccompanied Children in Cases of" in (
        page
    )
    assert "Schedule: Ongoing 7 To develop a regional strategy and approach" in page
    assert "2.4.3 To create a space for gender and migration at the virtual secretariat" in page
    # The theme the table names in Spanish only has the English name seed 000 gives it.
    body = client.get(url("plan"), {"detail": "all"}).content.decode()
    assert ">Human Rights</a></h2>" in body
    # The note proposing to drop an objective is kept with it, and its status says so.
    assert (
        "NOTE: THE TS PROPOSES ELIMINATING THIS OBJECTIVE FROM THE PLAN OF ACTION SINCE NO "
        "CONCRTER ACTIVITIES HAVE BEEN CARRIED OUT IN THIS TOPIC. Objective · Status: Proposed "
        "for removal"
    ) in page


def test_the_spanish_page_marks_the_english_only_text(client, plan):
    body = client.get(url("plan", "es")).content.decode()
    assert "Plan de Acción" in body
    assert (
        '<span lang="en">Technical cooperation for the reintegration of returned migrants.</span>'
        ' <small class="untranslated">(aún sin traducción al español)</small>'
    ) in body


def test_every_item_of_the_plan_has_a_page(client, plan):
    activity = Item.objects.get(plan=plan, key__endswith="/7.1.2")
    page = text_of(client.get(url("item", pk=activity.pk)))
    assert "Activity 7.1.2" in page
    assert "Regional Guidelines for the Assistance to Unaccompanied Children" in page
    assert "Objective 7" in page  # where it is, above it


def test_the_global_compacts_objectives_each_have_a_page(client, plan):
    for number in (1, 23):
        assert client.get(url("gcm_objective", number=number)).status_code == 200
