"""The 2009 Plan of Action ships as a plan, imported from seed 004 by the importer people use:
its tree checked against the seed (themes, objectives, a sample of actions, activities and
schedules by number and text), what it keeps of the source's quirks, and the reference lists
with their public sources."""

from pathlib import Path

import pytest
import yaml

from puebla import rcm
from puebla.planning import cells, importer, shipped, sources
from puebla.planning.models import GcmObjective, Item, Plan, SdgTarget

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "004_d69214afa6cd72ab.txt"
SEEDS = SEED.parent
Level = Item.Level


@pytest.fixture
def plan():
    shipped.load()
    return Plan.objects.get(slug="plan-of-action")


def item(plan, key):
    return Item.objects.select_related("status", "parent").get(plan=plan, key=key)


def test_the_shipped_copy_is_the_seed_byte_for_byte():
    assert (rcm.FOLDER / "plan_of_action_2009.txt").read_bytes() == SEED.read_bytes()


def test_the_plan_cites_its_seed_and_its_quotes_are_in_it(plan):
    seed = SEED.read_text(encoding="utf-8")
    assert plan.source == "004_d69214afa6cd72ab.txt"
    for quote in plan.evidence.splitlines():
        assert quote in seed
    assert plan.title_en == "PLAN OF ACTION REGIONAL CONFERENCE ON MIGRATION (RCM)"
    assert plan.title_es == ""  # the seed gives no Spanish title
    assert str(plan.updated_on) == "2009-11-13"
    assert plan.document is not None and plan.document.slug == "plan-of-action"


def test_three_themes_one_named_in_spanish_in_the_table_and_in_english_by_seed_000(plan):
    themes = list(Item.objects.filter(plan=plan, level=Level.THEME).order_by("position"))
    assert [(t.key, t.text_en, t.text_es) for t in themes] == [
        ("policy", "MIGRATION POLICY AND MANAGEMENT", ""),
        # The table's Spanish name, and the English name seed 000 gives the theme.
        ("rights", "Human Rights", "DERECHOS HUMANOS"),
        ("development", "LINK BETWEEN MIGRATION AND DEVELOPMENT", ""),
    ]
    rights = themes[1]
    assert rights.source.splitlines() == ["004_d69214afa6cd72ab.txt", "000_190f8ec4f9cce0c1.txt"]
    seed_000 = " ".join((SEEDS / "000_190f8ec4f9cce0c1.txt").read_text(encoding="utf-8").split())
    quote = rights.evidence.splitlines()[-1]
    assert "Human Rights" in quote and quote in seed_000


def test_importing_the_table_again_keeps_the_english_name_seed_000_gives(plan):
    table = sources.read(shipped.FOLDER / "plan_of_action_2009.txt")
    changes = importer.apply(
        importer.parse(table, plan=plan), plan_slug=plan.slug, source="again", commit=True
    )
    assert "rights" not in [key for key, _fields in changes.changed]
    assert item(plan, "rights").text_en == "Human Rights"


def test_objectives_per_theme_numbered_as_the_seed(plan):
    def numbers(theme):
        return list(
            Item.objects.filter(plan=plan, level=Level.OBJECTIVE, parent__key=theme)
            .order_by("position")
            .values_list("number", flat=True)
        )

    assert numbers("policy") == [str(n) for n in range(1, 12)]
    assert numbers("rights") == [str(n) for n in range(1, 6)]
    assert numbers("development") == [str(n) for n in range(1, 5)]
    assert item(plan, "policy/8").text_en == (
        "Technical cooperation to acquire equipment and to modernize information, control, "
        "and security systems."
    )
    assert item(plan, "rights/3").text_en == "To advance international protection of refugees."


@pytest.mark.parametrize(
    ("key", "level", "parent", "text", "schedule", "status"),
    [
        (
            "policy/1.3",
            Level.ACTION,
            "policy/1",
            "To share experiences about alternative inspection programs.",
            "",
            None,
        ),
        (
            "policy/7.2.2",
            Level.ACTIVITY,
            "policy/7.2",
            "To establish initial contact with member countries and potential donors to procure "
            "funds",
            "Ongoing",
            "ongoing",
        ),
        (
            "policy/7.2.1",
            Level.ACTIVITY,
            "policy/7.2",
            "Execute the Multilateral Cooperation Program for the Assisted Return of "
            "Extra-Regional Migrants Stranded within Member Countries of the Regional "
            "Conference on Migration (RCM).",
            "In accordance with country's agreements",
            None,  # the schedule names no status: none is invented
        ),
        (
            "policy/2.2.1",  # its action 2.2 does not exist: kept under objective 2
            Level.ACTIVITY,
            "policy/2",
            "IOM manual on the detection of fraudulent documents.",
            "In progress",
            "in_progress",
        ),
        (
            "rights/2.4.3",
            Level.ACTIVITY,
            "rights/2.4",
            "To create a space for gender and migration at the virtual secretariat, on the RCM "
            "website, including a list of contacts, documents, and information to facilitate "
            "information sharing on research about topics relating to gender and migration and "
            "to encourage networking and information associations among women's groups, labor "
            "organizations, academic institutions, and other experts within the context of RCM "
            "objectives.",
            "Pending",
            "pending",
        ),
        (
            "development/2.1",
            Level.ACTION,
            "development/2",
            "To favor activities on the matter",
            "",
            None,
        ),
    ],
)
def test_a_sample_of_actions_and_activities_by_number_text_and_schedule(
    plan, key, level, parent, text, schedule, status
):
    found = item(plan, key)
    assert found.level == level
    assert found.parent.key == parent
    assert found.text_en == text
    assert found.text_es == ""
    assert found.schedule_en == schedule
    assert (found.status.key if found.status else None) == status


def test_what_it_keeps_of_the_seeds_quirks(plan):
    # The repeated schedule number: both lines kept on activity 1.2.1.
    assert item(plan, "policy/1.2.1").schedule_en == (
        "Ongoing\nThe following workshop will be held in Guatemala, dates to be defined"
    )
    # A schedule line whose activity does not exist stays, with its number, on what exists.
    assert item(plan, "policy/11").schedule_en.startswith(
        "11.2.1.1 Ongoing \u2013 the guidelines regarding this type of participation"
    )
    assert item(plan, "rights/1.2").schedule_en == "1.2.1.1 Ongoing"
    # Unnumbered text in italics: an activity without a number, "active, ongoing, or pending
    # input" as the source's legend says, which of the three unsaid: that status, inferred.
    unnumbered = item(plan, "policy/4/~4.1")
    assert unnumbered.number == ""
    assert unnumbered.parent.key == "policy/4"
    assert unnumbered.text_en == "<i>Refer to the work plan for the Traffic Network</i>"
    assert unnumbered.marked
    assert unnumbered.status.key == "marked"
    assert unnumbered.is_inferred("status")
    # Markup after a number stays in that item's text; the schedule gives its status.
    marked = item(plan, "rights/2.1.2")
    assert marked.text_en == (
        "To train involved officers (IOM and UNHCR). "
        "<i>Refer to the work plan for the Consular Network</i>"
    )
    assert marked.marked and marked.status.key == "ongoing"
    assert not marked.is_inferred("status")
    # The note proposing to drop an objective: kept in its text, status "proposed for removal".
    border = item(plan, "development/4")
    assert "NOTE: THE TS PROPOSES ELIMINATING THIS OBJECTIVE" in border.text_en
    assert border.status.key == "proposed_removal"


def test_every_item_quotes_the_seed(plan):
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    for found in Item.objects.filter(plan=plan).exclude(level=Level.THEME):
        assert found.source == "004_d69214afa6cd72ab.txt"
        assert " ".join(found.evidence.split()) in seed, found.key


def test_counts_and_loading_again_changes_nothing(plan):
    levels = {
        level: Item.objects.filter(plan=plan, level=level).count()
        for level in (Level.THEME, Level.OBJECTIVE, Level.ACTION, Level.ACTIVITY)
    }
    assert levels == {Level.THEME: 3, Level.OBJECTIVE: 20, Level.ACTION: 33, Level.ACTIVITY: 37}
    history = Item.history.count()
    shipped.load()
    assert Item.history.count() == history
    assert Item.objects.filter(plan=plan).count() == 93


def test_loading_again_keeps_what_the_intranet_changed(plan):
    activity = item(plan, "policy/1.1.1")
    activity.schedule_en = "Ongoing, reviewed in 2026"
    activity.save()
    report = shipped.load()
    assert "plan-of-action: already there, left as the intranet keeps it" in report
    assert report[-1] == "plan-of-action: 0 responsible parties inferred from the items' words"
    assert item(plan, "policy/1.1.1").schedule_en == "Ongoing, reviewed in 2026"


def test_the_reference_lists_cite_their_public_source():
    shipped.load_reference_lists()
    objectives = list(GcmObjective.objects.all())
    assert [o.number for o in objectives] == list(range(1, 24))
    assert (
        objectives[8].title_en == "Strengthen the transnational response to smuggling of migrants"
    )
    assert all(o.title_en and not o.title_es for o in objectives)  # no Spanish invented
    assert all("A/RES/73/195" in o.source for o in objectives)
    target = SdgTarget.objects.get(code="10.7")
    assert target.text_en.startswith("Facilitate orderly, safe, regular and responsible migration")
    assert "A/RES/70/1" in target.source


def test_the_responsible_parties_inferred_are_the_ones_the_items_words_name(plan):
    """Each rule of plan_responsible.yaml quotes words of the seed; each item it gave a party
    holds those words, and says the party is inferred and why, in both languages."""
    rules = yaml.safe_load((rcm.FOLDER / "plan_responsible.yaml").read_text(encoding="utf-8"))
    seed = SEED.read_text(encoding="utf-8")
    for rule in rules["rules"]:
        assert rule["words"] in seed
    named = Item.objects.filter(plan=plan).exclude(responsible_kind="")
    assert named.count() == 6
    for named_item in named:
        assert named_item.is_inferred("responsible_kind")
        assert named_item.is_inferred("responsible_body") == bool(named_item.responsible_body_id)
        assert named_item.note_es and named_item.note_en
        rule = next(
            r for r in rules["rules"] if r["words"] in cells.without_markup(named_item.text_en)
        )
        assert named_item.responsible_kind == rule["responsible"]
        assert (
            named_item.responsible_body.slug if named_item.responsible_body else None
        ) == rule.get("body")
