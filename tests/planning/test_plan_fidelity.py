"""The shipped Plan of Action says only what its source says (issue 30, fidelity problems 1,
2, 3 and 9), read as a visitor reads the pages and the exports, in Spanish and English:

- the source gives statuses, never progress: a figure worked out from a status is an estimate
  and says so, and a roll-up says how many of the items below it have reported progress;
- the italic "Refer to the work plan…" rows are what the source's legend says of its bold
  italics, "active, ongoing, or pending input", marked as inferred wherever the status shows;
- the source's <i> markup never shows as text;
- the theme the table names "DERECHOS HUMANOS" is "Human Rights" in English, as seed 000
  names it."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from puebla.planning import importer, shipped, sources
from puebla.planning.models import Item, Plan, Status
from tests.planning.sample_plan import gcm
from tests.planning.test_exports import export_url, rows_of, table_of
from tests.planning.test_views import text_of, url
from tests.roles import make_user

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
ITALICS = "(inferred from the source's bold italics)"
CURSIVAS = "(deducido de la negrita y cursiva de la fuente)"


@pytest.fixture
def plan():
    shipped.load()
    return Plan.objects.get(slug="plan-of-action")


def item(plan, key):
    return Item.objects.get(plan=plan, key=key)


def csv_rows(client, language, **query):
    content = client.get(export_url("csv", language, **query)).content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


# --- 1. Progress: an estimate from a status says so -----------------------------------------


def test_the_plan_page_calls_every_figure_from_a_status_an_estimate(client, plan):
    english = text_of(client.get(url("plan")))
    # A theme's roll-up: an estimate, and how many of the items below it reported progress.
    assert re.search(
        r"MIGRATION POLICY AND MANAGEMENT Theme · estimated at \d+ % from the statuses of \d+ "
        r"items below it \(none has reported progress\)",
        english,
    )
    assert "% done" not in english  # no figure reads as reported progress: none is
    spanish = text_of(client.get(url("plan", "es")))
    assert re.search(
        r"Tema · estimado en \d+ % según el estado de \d+ elementos que contiene "
        r"\(ninguno ha informado avance\)",
        spanish,
    )
    assert "% de avance" not in spanish


def test_an_ongoing_activity_is_an_estimate_from_its_status_on_every_page(client, plan):
    activity = item(plan, "policy/8.1.1")
    assert activity.status.key == "ongoing"
    everything = text_of(client.get(url("plan"), {"detail": "all"}))
    assert (
        "8.1.1 Equipment, software, and infrastructure provisions. Activity · Status: Ongoing · "
        "estimated at 50 % from its status (no progress reported)"
    ) in everything
    page = text_of(client.get(url("item", pk=activity.pk)))
    assert "Progress estimated at 50 % from its status (no progress reported)" in page
    body = client.get(url("item", "es", pk=activity.pk)).content.decode()
    assert 'aria-label="Avance estimado"' in body
    assert "estimado en 50 % según su estado (sin avance informado)" in text_of(
        client.get(url("item", "es", pk=activity.pk))
    )


def test_reported_progress_says_so_and_the_theme_counts_it(client, plan):
    reported = item(plan, "policy/8.1.1")
    Item.objects.filter(pk=reported.pk).update(progress_override=40)
    page = text_of(client.get(url("plan"), {"detail": "all"}))
    assert "Status: Ongoing · 40 % done (reported)" in page
    # The theme: still an estimate, and it says one of its items has reported progress.
    assert re.search(
        r"MIGRATION POLICY AND MANAGEMENT Theme · estimated at \d+ % from \d+ items below it: "
        r"1 with reported progress, the rest estimated from their statuses",
        page,
    )
    # The action above it has only that activity: reported progress, said where it comes from.
    action = text_of(client.get(url("item", pk=reported.parent_id)))
    assert "40 % done, from the reported progress of 1 item below it" in action
    spanish = text_of(client.get(url("plan", "es"), {"detail": "all"}))
    assert "Estado: Permanente · 40 % de avance (informado)" in spanish
    assert re.search(
        r"estimado en \d+ % a partir de \d+ elementos que contiene: 1 con avance informado, el "
        r"resto estimado según su estado",
        spanish,
    )


def test_the_global_compact_page_gives_the_estimate_as_the_plan_does(client, plan):
    activity = item(plan, "policy/8.1.1")
    activity.gcm_objectives.add(gcm(1))  # by its number: its key differs between databases
    page = text_of(client.get(url("gcm_objective", number=1)))
    assert "Status: Ongoing · estimated at 50 % from its status (no progress reported)" in page
    spanish = text_of(client.get(url("gcm_objective", "es", number=1)))
    assert "Estado: Permanente · estimado en 50 % según su estado (sin avance informado)" in (
        spanish
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx", "docx"])
def test_the_exports_call_an_estimate_an_estimate(client, plan, kind):
    for language, ongoing, estimate in (
        ("en", "Ongoing", "estimated at 50 % from its status (no progress reported)"),
        ("es", "Permanente", "estimado en 50 % según su estado (sin avance informado)"),
    ):
        first = "TOPICS" if language == "en" else "TEMAS"
        rows = rows_of(client.get(export_url(kind, language)).content, kind)
        _header, body = table_of(rows, first)
        row = next(row for row in body if row[3].startswith("8.1.1 "))
        assert row[5:] == [ongoing, estimate]
        assert not any(re.fullmatch(r"\d+\*?", row[6]) for row in body)  # no bare figure


# --- 2. The italic rows: the source's legend, inferred ---------------------------------------


def test_the_italic_rows_have_the_sources_legend_as_status_marked_inferred(client, plan):
    page = text_of(client.get(url("plan"), {"status": Status.MARKED}))
    assert (
        "Refer to the work plan for the Traffic Network Activity · Status: Active, ongoing or "
        f"pending input {ITALICS} · progress not given"
    ) in page
    assert "Pending input ·" not in page.split("Filter", 1)[1]
    # The filter names the status as inferred too.
    body = client.get(url("plan")).content.decode()
    assert f'<option value="marked">Active, ongoing or pending input {ITALICS}</option>' in (
        body.replace("&#x27;", "'")
    )
    spanish = text_of(client.get(url("plan", "es"), {"status": Status.MARKED}))
    assert f"Estado: Activo, permanente o pendiente de insumos {CURSIVAS}" in spanish


def test_the_italic_rows_item_page_says_why_the_status_is_inferred(client, plan):
    row = item(plan, "policy/4/~4.1")
    page = text_of(client.get(url("item", pk=row.pk)))
    assert f"Status Active, ongoing or pending input {ITALICS} (since" in page
    assert (
        "Inferred: why? The source gives this item no status. It sets it in bold italics, which "
        "its legend says mean “active, ongoing, or pending input”: one of the three"
    ) in page
    spanish = text_of(client.get(url("item", "es", pk=row.pk)))
    assert f"Activo, permanente o pendiente de insumos {CURSIVAS}" in spanish


@pytest.mark.parametrize("kind", ["csv", "xlsx", "docx"])
def test_the_exports_mark_the_inferred_status_and_import_it_back(client, plan, kind):
    for language, ongoing, status in (
        ("en", "Ongoing", f"Active, ongoing or pending input {ITALICS}"),
        ("es", "Permanente", f"Activo, permanente o pendiente de insumos {CURSIVAS}"),
    ):
        first = "TOPICS" if language == "en" else "TEMAS"
        content = client.get(export_url(kind, language)).content
        _header, body = table_of(rows_of(content, kind), first)
        # 3.1.1 (its schedule says "Ongoing"), then the rows of objectives 4 and 5.
        marked = [row[5] for row in body if "Refer to the work plan for the Traffic" in row[3]]
        assert marked == [ongoing, status, status]
    # Read back, the status stays the legend's, and inferred.
    table = sources.read(Path(f"x.{kind}"), content)
    importer.apply(importer.parse(table), plan_slug="copy", source="export", commit=True)
    copy = Item.objects.get(plan__slug="copy", key="policy/4/~4.1")
    assert copy.status.key == Status.MARKED and copy.is_inferred("status")


def test_the_intranet_list_marks_the_inferred_status(client, sign_in, plan):
    sign_in("secretariat")
    with translation.override("en"):
        address = reverse("planning:intranet_list")
    pages = [text_of(client.get(address, {"page": n})) for n in range(1, 4)]
    assert any(f"Active, ongoing or pending input {ITALICS}" in page for page in pages)


def test_a_person_choosing_the_status_ends_the_inference(plan):
    from puebla.planning import services

    row = item(plan, "policy/4/~4.1")
    assert row.is_inferred("status")
    services.item_update(
        item=row,
        expected_version=row.version,
        changes={"status": Status.objects.get(key="ongoing")},
        meeting_keys=[],
        document_keys=[],
        comment="Confirmed with the network",
        by=make_user("secretariat"),
    )
    row.refresh_from_db()
    assert not row.is_inferred("status")
    assert row.is_inferred("responsible_kind")  # the other inference stays


# --- 3. The <i> markup never shows as text ---------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_search_results_show_the_italic_rows_without_their_markup(client, plan, language):
    with translation.override(language):
        address = reverse("search:results")
    response = client.get(address, {"q": "Refer to the work plan"})
    body = response.content.decode()
    assert "&lt;i&gt;" not in body and "&lt;/i&gt;" not in body
    page = text_of(response)
    assert "3.1.1 The technical secretariat supports the Presidency Pro-Tempore" in page
    assert "2.1.2 To train involved officers (IOM and UNHCR). Refer to the work plan" in page


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_plan_and_item_pages_show_the_markup_as_emphasis(client, plan, language):
    body = client.get(url("plan", language), {"detail": "all"}).content.decode()
    assert "&lt;i&gt;" not in body
    assert '<em class="plan-source-marked">Refer to the work plan for the Traffic Network</em>' in (
        body
    )
    for key in ("policy/3.1.1", "policy/4/~4.1", "policy/5/~4.1", "rights/1.1.1", "rights/2.1.2"):
        page = client.get(url("item", language, pk=item(plan, key).pk)).content.decode()
        assert "&lt;i&gt;" not in page, key
        assert '<em class="plan-source-marked">Refer to the work plan' in page, key


def test_the_spreadsheet_exports_say_what_the_markup_means(client, plan):
    rows = csv_rows(client, "es")
    assert any(
        "El texto entre <i> y </i> está en negrita y cursiva en la fuente" in row[0]
        for row in rows[:4]
    )
    rows = rows_of(client.get(export_url("xlsx", "en")).content, "xlsx")
    assert any("Text between <i> and </i> is in bold italics in the source" in r[0] for r in rows)


# --- 9. "Human Rights", as seed 000 names the theme -------------------------------------------


def test_the_theme_has_the_english_name_seed_000_gives(client, plan):
    body = client.get(url("plan")).content.decode()
    assert "(not yet translated into English)</small></a></h2>" not in body
    page = text_of(client.get(url("plan")))
    assert "Human Rights Theme ·" in page
    assert "DERECHOS HUMANOS" not in page
    # In Spanish, the table's own name.
    assert "DERECHOS HUMANOS Tema ·" in text_of(client.get(url("plan", "es")))
    # The name is quoted from seed 000.
    theme = item(plan, "rights")
    seed = " ".join((SEEDS / "000_190f8ec4f9cce0c1.txt").read_text(encoding="utf-8").split())
    quote = theme.evidence.splitlines()[-1]
    assert "; Human Rights;" in quote and quote in seed
    assert "000_190f8ec4f9cce0c1.txt" in theme.source.splitlines()


def test_the_theme_filter_and_the_exports_give_the_english_name(client, plan):
    theme = item(plan, "rights")
    body = client.get(url("plan")).content.decode()
    assert f'<option value="{theme.pk}">Human Rights</option>' in body
    rows = csv_rows(client, "en", theme=theme.pk)
    assert [
        "Only the items these filters show, with the items above them: Theme: Human Rights"
    ] in (rows)
    _header, body_rows = table_of(rows, "TOPICS")
    assert {row[0] for row in body_rows} == {"Human Rights"}
    _header, spanish = table_of(csv_rows(client, "es", theme=theme.pk), "TEMAS")
    assert {row[0] for row in spanish} == {"DERECHOS HUMANOS"}
