"""The secretariat's completeness page and export, and a commitment's trace from the meeting to
the answers and their files, each reader seeing only what they may."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from puebla.followup.models import Commitment, Declaration
from puebla.followup.requests import services
from puebla.planning.models import Item
from tests.followup import factories
from tests.followup.pages import url, words
from tests.meetings.factories import make_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return make_user("secretariat", email="ts-pages@example.org")


def test_completeness_statuses_counts_and_export(client, secretariat):
    late = factories.make_request(by=secretariat, codes=["CR", "GT"], title_en="First")
    second = factories.make_request(by=secretariat, codes=["CR"], title_en="Second")
    cr = factories.person("CR", focal=True)
    gt = factories.person("GT", focal=True)
    services.answer_submit(
        request=late,
        country=cr.country,
        by=cr,
        text="Late input",
        now=timezone.now() + datetime.timedelta(days=40),
    )
    services.answer_save_draft(request=late, country=gt.country, by=gt, text="Draft")
    services.answer_submit(request=second, country=cr.country, by=cr, text="On time")
    client.force_login(secretariat)
    page = words(client.get(url("followup:completeness")))
    assert "First" in page and "Second" in page
    assert "Submitted · late" in page and "Draft" in page
    # Costa Rica: 2 expected, 2 received, 1 on time; Guatemala: 1, 0, 0.
    assert "All requests Costa Rica 2 2 1" in page
    assert "All requests Guatemala 1 0 0" in page
    export = client.get(url("followup:completeness_export"))
    book = load_workbook(io.BytesIO(export.content))
    rows = list(book["Completeness"].iter_rows(values_only=True))
    assert rows[0][0] == "Country" and rows[0][-3:] == ("Expected", "Received", "On time")
    costa_rica = next(row for row in rows if row[0] == "Costa Rica")
    assert "Submitted · late" in costa_rica and costa_rica[-3:] == (2, 2, 1)
    guatemala = next(row for row in rows if row[0] == "Guatemala")
    assert "Draft" in guatemala and guatemala[-3:] == (1, 0, 0)
    spanish = words(client.get(url("followup:completeness", language="es")))
    assert "Respuestas esperadas, recibidas y a tiempo" in spanish


def test_a_commitments_trace_shows_only_what_the_reader_may_see(client, secretariat):
    hidden = make_meeting(kind="vice_ministerial", title_en="Secret", audience="secretariat")
    hidden_commitment = Commitment.objects.create(
        declaration=Declaration.objects.create(meeting=hidden, title_en="Hidden declaration"),
        number="1",
        text_en="Hidden commitment",
    )
    meeting = make_meeting(kind="vice_ministerial", title_en="Vice-Ministerial meeting 2026")
    declaration = Declaration.objects.create(meeting=meeting, title_en="Declaration of 2026")
    commitment = Commitment.objects.create(
        declaration=declaration, number="3", text_en="Protect migrant children"
    )
    item = Item.objects.filter(text_en__gt="").first()
    if item is not None:
        commitment.plan_items.add(item)
    made = factories.make_request(
        by=secretariat, codes=["CR", "GT"], commitments=[commitment], title_en="Children input"
    )
    cr = factories.person("CR", focal=True)
    gt = factories.person("GT", focal=True)
    services.answer_save_draft(
        request=made, country=cr.country, by=cr, text="x", uploads=[factories.pdf("cr-law.pdf")]
    )
    services.answer_save_draft(
        request=made, country=gt.country, by=gt, text="y", uploads=[factories.pdf("gt-law.pdf")]
    )
    client.force_login(secretariat)
    page = words(client.get(url("followup:commitment", commitment.pk)))
    assert "Vice-Ministerial meeting 2026" in page and "Declaration of 2026" in page
    assert "Protect migrant children" in page and "Children input" in page
    assert "cr-law.pdf" in page and "gt-law.pdf" in page
    if item is not None:
        assert item.text_en[:40] in page
    client.force_login(cr)
    page = words(client.get(url("followup:commitment", commitment.pk)))
    assert "Children input" in page and "cr-law.pdf" in page
    assert "gt-law.pdf" not in page and "Guatemala" not in page
    client.force_login(make_user("civil_society"))
    page = words(client.get(url("followup:commitment", commitment.pk)))
    assert "Protect migrant children" in page
    assert "Children input" not in page and "cr-law.pdf" not in page
    assert "No request for input about this commitment that you may read." in page
    # A commitment of a meeting the reader may not see is not there for them.
    assert client.get(url("followup:commitment", hidden_commitment.pk)).status_code == 404
    client.force_login(secretariat)
    assert "Hidden commitment" in words(
        client.get(url("followup:commitment", hidden_commitment.pk))
    )


def test_the_comparative_matrix_shows_what_changed_and_exports(client, secretariat):
    from docx import Document

    from puebla.followup.matrix import services as matrix_services

    earlier = make_meeting(
        kind="rcgm",
        title_en="RCGM 2025",
        start_date=datetime.date(2025, 6, 1),
        start_precision="day",
    )
    later = make_meeting(
        kind="rcgm",
        title_en="RCGM 2026",
        start_date=datetime.date(2026, 6, 1),
        start_precision="day",
    )
    first = matrix_services.cycle_create(meeting=earlier, by=secretariat)
    matrix_services.topic_add(cycle=first, by=secretariat, key="asylum", title_en="Asylum")
    second = matrix_services.cycle_create(meeting=later, by=secretariat)
    cr = factories.person("CR", focal=True)
    for cycle, text in ((first, "Law 1 on asylum"), (second, "Law 2 on asylum")):
        topic = cycle.topics.get(key="asylum")
        matrix_services.entry_save(
            topic=topic, country=cr.country, by=cr, legislation=text, submit=True
        )
    client.force_login(secretariat)
    page = words(client.get(url("followup:matrix", second.pk)))
    assert "Comparative matrix: RCGM 2026 — June 1, 2026" in page
    assert "Compared with the previous cycle: RCGM 2025 — June 1, 2025." in page
    assert "Legislation: Law 2 on asylum (changed since the previous cycle)" in page
    assert "Law 1 on asylum" in page  # the previous text, folded
    completeness_page = words(client.get(url("followup:completeness")))
    assert "RCGM 2026" in completeness_page
    with translation.override("es"):
        docx_url = reverse("followup:matrix_export", args=[second.pk, "es", "docx"])
    document = Document(io.BytesIO(client.get(docx_url).content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("Law 2 on asylum" in cell for cell in cells)
    xlsx = client.get(url("followup:matrix_export", second.pk, "en", "xlsx"))
    book = load_workbook(io.BytesIO(xlsx.content))
    values = [value for row in book.active.iter_rows(values_only=True) for value in row]
    assert "Law 2 on asylum" in values
    assert client.get(url("followup:matrix_export", second.pk, "fr", "xlsx")).status_code == 404
    client.force_login(cr)
    assert client.get(url("followup:matrix", second.pk)).status_code == 404
