"""The public Plan of Action: the tree with status and progress on every level, its filters,
the Historical Plan of Action, a page per Global Compact objective, an item's page with its
history and the evidence its reader may see, and the export links, in both languages."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from puebla.documents.services import document_create
from puebla.planning import services
from puebla.planning.models import Item
from tests.planning.sample_plan import make_plan
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"planning:{name}", kwargs=kwargs or None)


def text_of(response) -> str:
    """The page's text, tags removed and spaces folded, as a reader meets it."""
    body = response.content.decode()
    body = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(body).split())


@pytest.fixture
def plan():
    return make_plan()


def test_the_addresses_are_translated():
    assert url("plan") == "/en/plan-of-action/"
    assert url("historical") == "/en/plan-of-action/historical/"
    assert url("item", pk=3) == "/en/plan-of-action/items/3/"
    assert url("gcm_objective", number=7) == "/en/plan-of-action/global-compact/7/"


def test_the_tree_shows_every_level_with_status_and_progress(client, plan):
    _plan, items = plan
    body = items["t1.1.1"].responsible_body
    page = text_of(client.get(url("plan"), {"detail": "all"}))
    assert "Sample Plan of Action" in page
    # An activity: its number and text, its status as text, its progress as text: the source
    # gives a status only, so the figure is an estimate from it, and says so.
    estimate = "estimated at 50 % from its status (no progress reported)"
    assert (
        "1.1.1 Information exchange within the Liaison Officer Networks "
        f"Activity · Status: Ongoing · {estimate}"
    ) in page
    # The action above it averages its two activities (ongoing 50, completed 100).
    assert (
        "1.1 To exchange information. Implementation action · estimated at 75 % from the "
        "statuses of 2 items below it (none has reported progress)"
    ) in page
    # The objective rolls up from the action, the theme from both objectives (75 and 0).
    assert "1 To develop a migration policy. Objective · estimated at 75 % from the" in page
    assert (
        "Migration policy and management Theme · estimated at 38 % from the statuses of 3 "
        "items below it (none has reported progress)"
    ) in page
    assert "% done" not in page  # nothing is reported: no figure reads as reported progress
    assert f"{estimate} · Responsible: {body}" in page
    assert "Responsible: Presidency Pro-Tempore" in page
    assert "Schedule: Ongoing" in page
    assert "Global Compact objectives: 7 21" in page


def test_unfiltered_the_page_is_an_overview_of_themes_and_objectives(client, plan):
    page = text_of(client.get(url("plan")))
    assert (
        "1 To develop a migration policy. Objective · estimated at 75 % from the statuses of "
        "2 items below it (none has reported progress) · 2 activities"
    ) in page
    assert (
        "Migration policy and management Theme · estimated at 38 % from the statuses of 3 "
        "items below it (none has reported progress) · 3 activities"
    ) in page
    assert "To exchange information." not in page  # an action: shown with every level
    assert "Information exchange within the Liaison Officer Networks" not in page
    assert (
        "The plan's themes and objectives, with the progress of its 4 activities. "
        "Show every level, down to the activities"
    ) in page
    body = client.get(url("plan")).content.decode()
    assert '<a href="?detail=all">' in body


def test_progress_is_a_labelled_bar_beside_its_text(client, plan):
    body = client.get(url("plan"), {"detail": "all"}).content.decode()
    assert (
        '<progress class="plan-progress-estimate" value="50" max="100" '
        'aria-label="Estimated progress"></progress>'
    ) in body


def test_the_spanish_page_is_in_spanish_and_marks_english_only_text(client, plan):
    page = client.get(url("plan", "es"), {"detail": "all"})
    body = page.content.decode()
    assert "Plan de Acción de prueba" in body
    assert "Intercambio de información en las redes" in body
    assert "Derechos humanos" in body
    # Text the source gives in English only is shown as English, and said to be so.
    assert '<span lang="en">To develop a migration policy.</span>' in body


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"status": "pending"}, ["2.1.1 IOM manual"], ["1.1.1 Information exchange"]),
        ({"gcm": "21"}, ["1.1.1 Information exchange"], ["Seminars, workshops", "2.1.1 IOM"]),
        ({"responsible": "presidency"}, ["Seminars, workshops"], ["2.1.1 IOM"]),
    ],
)
def test_filters_keep_the_matching_items_and_the_items_above_them(
    client, plan, query, shown, hidden
):
    page = text_of(client.get(url("plan"), query))
    for text in shown:
        assert text in page
    for text in hidden:
        assert text not in page


def test_the_theme_filter_keeps_the_whole_theme(client, plan):
    _plan, items = plan
    page = text_of(client.get(url("plan"), {"theme": items["rights"].pk}))
    assert "Seminars, workshops, campaigns on the rights of migrants" in page
    assert "To develop a migration policy" not in page
    assert "1 activity, shown with every level above it." in page


def test_the_responsible_filter_offers_every_body_named_by_name(client, plan):
    _plan, items = plan
    body = client.get(url("plan")).content.decode()
    body_id = items["t1.1.1"].responsible_body_id
    assert f'<option value="body-{body_id}">' in body
    page = text_of(client.get(url("plan"), {"responsible": f"body-{body_id}"}))
    assert "Information exchange within the Liaison Officer Networks" in page
    assert "Training for consular officers" not in page


def test_a_filter_value_that_is_not_a_choice_is_dropped(client, plan):
    response = client.get(url("plan"), {"status": "no-such-status", "gcm": "x", "detail": "all"})
    assert response.status_code == 200
    assert "IOM manual" in text_of(response)


def test_no_match_says_so(client, plan):
    page = text_of(client.get(url("plan"), {"status": "proposed_removal"}))
    assert "No item of the plan matches these filters." in page
    assert "0 activities, shown with every level above them." in page


def test_an_archived_activity_leaves_the_plan_for_the_historical_page(client, plan):
    moved = services.items_archive(today=datetime.date(2020, 1, 1))
    assert moved == 1
    page = text_of(client.get(url("plan"), {"detail": "all"}))
    assert "Training for consular officers" not in page
    historical = text_of(client.get(url("historical")))
    assert "1.1.2 Training for consular officers Activity · Status: Completed" in historical
    # Read in context: the action and objective above it, not its siblings.
    assert "1.1 To exchange information." in historical
    assert "Information exchange within the Liaison Officer Networks" not in historical


def test_the_historical_page_says_when_it_is_empty(client, plan):
    page = text_of(client.get(url("historical", "es")))
    assert url("historical", "es") == "/es/plan-de-accion/historico/"
    assert "Plan de Acción Histórico" in page
    assert "Aún no ha pasado ninguna actividad al Plan de Acción Histórico." in page


def test_a_global_compact_objective_lists_its_items(client, plan):
    page = text_of(client.get(url("gcm_objective", number=7)))
    assert "Global Compact objective 7" in page
    assert "1.1.1 Information exchange within the Liaison Officer Networks" in page
    assert "Seminars, workshops, campaigns on the rights of migrants" in page
    assert "IOM manual" not in page
    assert client.get(url("gcm_objective", number=99)).status_code == 404


def test_an_item_page_shows_its_place_status_history_and_public_evidence(client, plan):
    _plan, items = plan
    activity = items["t1.1.1"]
    secretariat = make_user("secretariat")
    public = document_create(
        fields={"slug": "network-report", "kind": "report", "title_en": "Network report"},
        by=secretariat,
    )
    public.audience = "public"
    public.save()
    document_create(
        fields={
            "slug": "secret-minutes",
            "kind": "minutes",
            "title_en": "Secret minutes",
            "audience": "secretariat",
        },
        by=secretariat,
    )
    services.item_update(
        item=activity,
        expected_version=activity.version,
        changes={"status": items["t1.1.2"].status, "schedule_en": "Done in 2010"},
        meeting_keys=[],
        document_keys=["network-report", "secret-minutes"],
        comment="The network finished it",
        by=secretariat,
    )
    page = text_of(client.get(url("item", pk=activity.pk)))
    assert "Activity 1.1.1" in page
    assert "Status Completed" in page
    assert "Schedule Done in 2010" in page
    assert "Document: Network report" in page
    assert "Secret minutes" not in page  # not for an anonymous reader, not even in the history
    assert "Comment: The network finished it" in page
    assert "Status Ongoing Completed" in page  # what changed, from what to what
    assert "Schedule (English) Ongoing Done in 2010" in page
    # The public reads who made a change by role; signed-in readers by name.
    assert "— the Technical Secretariat Comment: The network finished it" in page
    assert secretariat.full_name not in page
    # The secretariat sees its own restricted document, marked as such.
    assert client.get(url("item", pk=activity.pk)).status_code == 200
    client.force_login(secretariat)
    signed_in = text_of(client.get(url("item", pk=activity.pk)))
    assert "Document: Secret minutes" in signed_in
    assert f"— {secretariat.full_name} Comment: The network finished it" in signed_in
    assert "Edit this item" in signed_in


def test_an_item_that_does_not_exist_is_a_404(client, plan):
    assert client.get(url("item", pk=999999)).status_code == 404


def test_the_export_links_offer_each_format_in_each_language(client, plan):
    body = client.get(url("plan")).content.decode()
    for language in ("es", "en"):
        for file_format in ("xlsx", "docx", "csv"):
            assert f'formaction="{url("export", language, file_format=file_format)}"' in body


def test_an_export_downloads_in_the_addresses_language(client, plan):
    response = client.get(url("export", "en", file_format="csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "Information exchange within the Liaison Officer Networks" in response.content.decode()
    assert client.get(url("export", "en", file_format="pdf")).status_code == 404


def test_the_pages_are_cached_and_a_save_shows_at_once(client, plan):
    _plan, items = plan
    every = {"detail": "all"}
    first = client.get(url("plan"), every).content
    assert client.get(url("plan"), every).content == first
    item = Item.objects.get(pk=items["t2.1.1"].pk)
    item.text_en = "IOM manual, second edition"
    item.save()
    assert "IOM manual, second edition" in client.get(url("plan"), every).content.decode()


def test_the_navigation_leads_to_the_plan(client, plan):
    body = client.get(reverse("portal:home")).content.decode()
    assert f'href="{url("plan", "es")}"' in body
