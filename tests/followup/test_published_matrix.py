"""The published comparative matrix, for the audience it was published to (issue 29, item 17):
publication opens entries to an audience, and that audience reads the matrix of the cycle, and
its DOCX and XLSX, with the published entries only; anyone outside it is answered "not found"."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from puebla.followup.matrix import services as matrix_services
from tests.followup.factories import country, person
from tests.followup.pages import url, words
from tests.meetings.factories import make_meeting
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return make_user("secretariat", email="ts-published@example.org")


@pytest.fixture
def published(secretariat):
    """Two cycles. In the first, Costa Rica's entry is published to the member states; in the
    second, Costa Rica's is published to them too, Guatemala's is submitted but not published
    (it was submitted after publication), and Mexico's is a draft."""
    first = matrix_services.cycle_create(
        meeting=make_meeting(
            kind="rcgm",
            start_date="2025-03-01",
            start_precision="day",
            title_en="RCGM March 2025",
            title_es="GRCM marzo de 2025",
            audience="members",
        ),
        by=secretariat,
    )
    asylum = matrix_services.topic_add(
        cycle=first, by=secretariat, key="asylum", title_es="Asilo", title_en="Asylum"
    )
    matrix_services.entry_save(
        topic=asylum, country=country("CR"), by=secretariat, policy="Política 2024", submit=True
    )
    matrix_services.cycle_publish(cycle=first, by=secretariat, audience="members")
    second = matrix_services.cycle_create(
        meeting=make_meeting(
            kind="rcgm",
            start_date="2025-10-01",
            start_precision="day",
            title_en="RCGM October 2025",
            title_es="GRCM octubre de 2025",
            audience="members",
        ),
        by=secretariat,
    )
    topic = second.topics.get(key="asylum")
    matrix_services.entry_save(
        topic=topic, country=country("CR"), by=secretariat, policy="Política 2025", submit=True
    )
    matrix_services.cycle_publish(cycle=second, by=secretariat, audience="members")
    matrix_services.entry_save(
        topic=topic,
        country=country("GT"),
        by=secretariat,
        policy="Decreto sin publicar",
        submit=True,
    )
    matrix_services.entry_save(
        topic=topic, country=country("MX"), by=secretariat, policy="Borrador de México"
    )
    return first, second


def test_a_member_official_reads_the_published_matrix_and_its_files(client, published):
    _first, second = published
    client.force_login(person("HN"))  # Honduras wrote nothing: it reads what was published
    listing = words(client.get(url("followup:published_matrices")))
    assert "RCGM October 2025 — Oct. 1, 2025" in listing and "RCGM March 2025" in listing

    page = words(client.get(url("followup:published_matrix", second.pk)))
    assert "Published comparative matrix: RCGM October 2025 — Oct. 1, 2025" in page
    assert "Only the entries published by the Technical Secretariat are shown." in page
    assert "Policy: Política 2025 (changed since the previous cycle)" in page
    assert "Decreto sin publicar" not in page and "Borrador de México" not in page

    book = load_workbook(
        io.BytesIO(
            client.get(url("followup:published_matrix_export", second.pk, "en", "xlsx")).content
        )
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert ("Costa Rica", "Asylum", "Policy", "Política 2025") in [row[:4] for row in rows]
    assert not any("Decreto sin publicar" in str(value) for row in rows for value in row)
    document = Document(
        io.BytesIO(
            client.get(url("followup:published_matrix_export", second.pk, "es", "docx")).content
        )
    )
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("Política 2025" in cell for cell in cells)
    assert not any("Decreto sin publicar" in cell for cell in cells)

    # In Spanish.
    spanish = words(client.get(url("followup:published_matrix", second.pk, language="es")))
    assert "Matriz comparativa publicada: GRCM octubre de 2025" in spanish


def test_a_reader_outside_the_audience_is_told_it_does_not_exist(client, secretariat, published):
    _first, second = published
    for role in ("observer_state", "civil_society"):
        client.force_login(make_user(role))
        assert client.get(url("followup:published_matrix", second.pk)).status_code == 404
        export = url("followup:published_matrix_export", second.pk, "en", "xlsx")
        assert client.get(export).status_code == 404
        assert "RCGM October 2025" not in words(client.get(url("followup:published_matrices")))
    # A cycle with nothing published is no published matrix, even for a member state.
    empty = matrix_services.cycle_create(
        meeting=make_meeting(kind="rcgm", title_en="RCGM 2026", audience="members"),
        by=secretariat,
    )
    client.force_login(person("CR", focal=True))
    assert client.get(url("followup:published_matrix", empty.pk)).status_code == 404
    # Published to the observers, the observers read it (the meeting being theirs too).
    open_meeting = make_meeting(kind="rcgm", title_en="Open RCGM", audience="observers")
    cycle = matrix_services.cycle_create(meeting=open_meeting, by=secretariat)
    topic = matrix_services.topic_add(cycle=cycle, by=secretariat, key="returns", title_en="R")
    matrix_services.entry_save(
        topic=topic, country=country("CR"), by=secretariat, policy="Abierto", submit=True
    )
    matrix_services.cycle_publish(cycle=cycle, by=secretariat, audience="observers")
    client.force_login(make_user("observer_state", email="observer-2@example.org"))
    assert "Abierto" in words(client.get(url("followup:published_matrix", cycle.pk)))


def test_the_published_matrix_keeps_its_query_count(client, secretariat, published):
    _first, second = published
    codes = iter(["GT", "MX", "HN", "SV", "PA", "NI"])

    def more_entries():
        for _ in range(2):
            code = next(codes)
            topic = matrix_services.topic_add(
                cycle=second, by=secretariat, key=f"topic-{code.lower()}", title_en=f"Topic {code}"
            )
            matrix_services.entry_save(
                topic=topic,
                country=country(code),
                by=secretariat,
                policy=f"Text {code}",
                submit=True,
            )
        matrix_services.cycle_publish(cycle=second, by=secretariat, audience="members")

    client.force_login(person("CR"))
    _before, after = assert_queries_constant(
        client, url("followup:published_matrix", second.pk), more_entries
    )
    assert "Text MX" in words(after)
