"""Control characters (issue 27 finding 5): none enters through a form, and one already stored
breaks no export: the public Plan exports, the comparative matrix, the participants list."""

import io

import docx
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from puebla.followup.matrix import services as matrix_services
from puebla.meetings.models import Nomination
from puebla.planning.models import Item
from tests.followup import factories
from tests.meetings.factories import make_meeting
from tests.meetings.test_delegations import confirmed_participant, nominate, open_meeting
from tests.planning.sample_plan import make_plan
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def en(name, *args, **kwargs):
    with translation.override("en"):
        return reverse(name, args=args or None, kwargs=kwargs or None)


def xlsx_values(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [value for row in book.active.iter_rows(values_only=True) for value in row if value]


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_a_stored_control_character_in_a_plan_schedule_breaks_no_public_export(client):
    _plan, items = make_plan()
    Item.objects.filter(pk=items["t1.1.1"].pk).update(schedule_en="Every\x01 year")
    for file_format in ("xlsx", "docx", "csv"):
        response = client.get(en("planning:export", file_format=file_format))
        assert response.status_code == 200, file_format
    xlsx = client.get(en("planning:export", file_format="xlsx")).content
    assert any("Every year" in str(value) for value in xlsx_values(xlsx))
    document = client.get(en("planning:export", file_format="docx")).content
    assert "Every year" in docx_text(document)


def test_a_stored_control_character_in_a_matrix_entry_breaks_no_matrix_export(client):
    secretariat = make_user("secretariat")
    cycle = matrix_services.cycle_create(
        meeting=make_meeting(kind="rcgm", title_en="RCGM"), by=secretariat
    )
    topic = matrix_services.topic_add(cycle=cycle, by=secretariat, key="asylum", title_en="Asylum")
    focal_point = factories.person("CR", focal=True)
    entry = matrix_services.entry_save(
        topic=topic, country=focal_point.country, by=focal_point, legislation="Law 1", submit=True
    )
    type(entry).objects.filter(pk=entry.pk).update(legislation="Law\x0b 1 on asylum")
    client.force_login(secretariat)
    xlsx = client.get(en("followup:matrix_export", cycle.pk, "en", "xlsx"))
    document = client.get(en("followup:matrix_export", cycle.pk, "en", "docx"))
    assert (xlsx.status_code, document.status_code) == (200, 200)
    assert "Law 1 on asylum" in xlsx_values(xlsx.content)
    assert "Law 1 on asylum" in docx_text(document.content)


def test_a_stored_control_character_in_a_nominee_name_breaks_no_participants_export(client):
    meeting, nomination = confirmed_participant(family_name="Pérez")
    Nomination.objects.filter(pk=nomination.pk).update(given_name="An\x01a")
    client.force_login(make_user("secretariat", email="ts2@example.org"))
    response = client.get(en("meetings:participants_export", meeting.slug, "xlsx"))
    assert response.status_code == 200
    assert "Ana" in xlsx_values(response.content)


def test_a_form_never_stores_a_control_character(client, sign_in):
    """A nominee's name pasted with \\x01 and \\x0b is stored without them; a line break and
    a tab in a text stay."""
    focal_point = sign_in("focal_point_a")
    meeting = open_meeting()
    nominate(client, meeting, "Jo\x01s\x0be")
    nomination = Nomination.objects.get(meeting=meeting, owner_country=focal_point.country)
    assert nomination.given_name == "Jose"
