"""The secretariat's completeness page and export, and a commitment's trace from the meeting to
the answers and their files, each reader seeing only what they may."""

import datetime
import html
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from openpyxl import load_workbook

from puebla.followup import services
from puebla.followup.models import Commitment, Declaration
from puebla.planning.models import Item
from tests.followup import factories
from tests.meetings.factories import make_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def words(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


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
    status = list(book["Status"].iter_rows(values_only=True))
    assert status[0][:2] == ("Request", "Due date") and set(status[0][2:]) == {
        "Costa Rica",
        "Guatemala",
    }
    first = next(row for row in status if row[0] == "First")
    assert "Submitted · late" in first and "Draft" in first
    counts = list(book["Counts"].iter_rows(values_only=True))
    assert ("All requests", "Costa Rica", 2, 2, 1) in counts
    spanish = words(client.get(url("followup:completeness", language="es")))
    assert "Respuestas esperadas, recibidas y a tiempo" in spanish


def test_a_commitments_trace_shows_only_what_the_reader_may_see(client, secretariat):
    meeting = make_meeting(kind="vice_ministerial", title_en="Vice-Ministerial meeting 2026")
    declaration = Declaration.objects.create(meeting=meeting, title_en="Declaration of 2026")
    commitment = Commitment.objects.create(
        declaration=declaration, number="3", text_en="Protect migrant children"
    )
    item = Item.objects.filter(text_en__gt="").first()
    if item is not None:
        commitment.plan_items.add(item)
    made = factories.make_request(
        by=secretariat, codes=["CR", "GT"], commitment=commitment, title_en="Children input"
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
