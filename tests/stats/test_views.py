"""The statistics pages as their users meet them: the secretariat opens a round, a focal point
downloads the template and uploads a file with two mistakes, sees both, fixes them, and the
figures become the country's draft; who may open what."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from puebla.followup.models import InputRequest
from puebla.stats.models import DataStructure, Round, Submission
from tests.followup.factories import country, person
from tests.stats.conftest import ENTRIES_EXITS
from tests.stats.files import csv_file, figures

pytestmark = pytest.mark.django_db


def url(name, language="es", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def test_the_secretariat_opens_a_round(client, secretariat, django_capture_on_commit_callbacks):
    from django.core import mail

    client.force_login(secretariat)
    structure = DataStructure.objects.get(key="RETURNS")
    due = timezone.localdate() + datetime.timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("stats:round_new"),
            {
                "structure": structure.pk,
                "period_start": "2026-Q1",
                "period_end": "",
                "due_date": due.isoformat(),
                "late_rule": "accept_late",
                "countries": [country("CR").pk, country("PA").pk],
            },
            follow=True,
        )
    made = Round.objects.get()
    assert (made.period_start, made.period_end) == ("2026-Q1", "2026-Q1")
    assert made.request.title_es == "Retornos por país de retorno, sexo y edad: 2026-Q1"
    assert "Se abrió la ronda y se pidieron sus cifras a 2 países." in response.content.decode()
    assert DataStructure.objects.get(pk=structure.pk).frozen_at is not None
    # The focal points are asked as for any request for input (none exist here: nobody mailed).
    assert InputRequest.objects.get().countries.count() == 2
    assert mail.outbox == []


def test_a_bad_period_is_said_beside_its_field(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        url("stats:round_new"),
        {
            "structure": DataStructure.objects.get(key="ENTRIES_EXITS").pk,
            "period_start": "2026-Q1",
            "due_date": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
            "late_rule": "accept_late",
            "all_member_states": "on",
        },
    )
    assert "«2026-Q1» no es un periodo de esta estructura: escríbalo como 2026-01." in (
        response.content.decode()
    )
    assert not Round.objects.exists() and not InputRequest.objects.exists()


def test_a_focal_point_sees_both_mistakes_then_uploads_the_fixed_file(
    client, monthly_round, focal_point
):
    client.force_login(focal_point)
    page = url("stats:round", pk=monthly_round.pk)
    response = client.get(page)
    text = response.content.decode()
    assert "Aún no se han cargado cifras." in text
    template = client.get(url("stats:template", pk=monthly_round.structure_id, file_format="xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(template.content))
    assert workbook.sheetnames[0] == "datos"

    rows = figures(ENTRIES_EXITS, ["2026-01"])
    rows[3]["SEX"] = "X"
    rows[7]["OBS_VALUE"] = "-4"
    response = client.post(page, {"file": csv_file(rows)})
    assert response.status_code == 422
    text = response.content.decode()
    assert "El archivo no se aceptó: 2 problemas." in text
    assert "fila 5, columna SEX" in text and "«X» no es un código de CL_SEX" in text
    assert "fila 9, columna OBS_VALUE" in text and "«-4» es negativo" in text
    assert not Submission.objects.exists()

    response = client.post(
        page, {"file": csv_file(figures(ENTRIES_EXITS, ["2026-01"]))}, follow=True
    )
    text = response.content.decode()
    assert "El archivo se leyó sin problemas" in text
    assert Submission.objects.get().rows == len(rows)
    assert "cifras.csv" in text and "Borrador" in text
    # The request's page sends the focal point to the round's.
    request_page = client.get(url("followup:request", pk=monthly_round.request_id))
    assert page in request_page.content.decode()


def test_who_opens_the_round(client, monthly_round, focal_point):
    page = url("stats:round", pk=monthly_round.pk)
    client.force_login(person("GT"))  # Guatemala is asked too: its official reads, no form
    response = client.get(page)
    assert response.status_code == 200 and 'type="file"' not in response.content.decode()
    client.force_login(person("MX", focal=True))  # not asked
    assert client.get(page).status_code == 404
    client.force_login(person("MX", focal=True))
    assert (
        client.post(page, {"file": csv_file(figures(ENTRIES_EXITS, ["2026-01"]))}).status_code
        == 404
    )
    assert not Submission.objects.exists()


def test_the_secretariat_follows_each_country(client, monthly_round, focal_point, secretariat):
    from puebla.stats import services

    services.submission_upload(
        round=monthly_round,
        country=country("CR"),
        by=focal_point,
        upload=csv_file(figures(ENTRIES_EXITS, ["2026-01"])),
    )
    client.force_login(secretariat)
    text = client.get(url("stats:round", "en", pk=monthly_round.pk)).content.decode()
    assert "cifras.csv" in text and "Not uploaded" in text  # Costa Rica's, Guatemala's
    listed = client.get(url("stats:rounds", "en")).content.decode()
    assert "Entries and exits by nationality, sex and age" in listed


def test_my_secretariat_lists_the_rounds(client, monthly_round, focal_point, secretariat):
    from puebla.stats import services

    client.force_login(focal_point)
    home = client.get(url("intranet:home")).content.decode()
    assert "Estadísticas migratorias" in home
    assert "su país aún no ha cargado" in home
    services.submission_upload(
        round=monthly_round,
        country=country("CR"),
        by=focal_point,
        upload=csv_file(figures(ENTRIES_EXITS, ["2026-01"])),
    )
    assert "el archivo de su país está cargado" in client.get(url("intranet:home")).content.decode()
    client.force_login(secretariat)
    home = client.get(url("intranet:home", "en")).content.decode()
    assert "1 country uploaded" in home and url("stats:round_new", "en") in home
    client.force_login(person("MX"))  # Mexico is not asked: no panel
    assert "Estadísticas migratorias" not in client.get(url("intranet:home")).content.decode()


def test_the_secretariat_reopens_approved_figures_on_the_answer_page(
    client, monthly_round, focal_point, secretariat
):
    from puebla.followup.requests import services as requests
    from puebla.stats import services

    services.submission_upload(
        round=monthly_round,
        country=country("CR"),
        by=focal_point,
        upload=csv_file(figures(ENTRIES_EXITS, ["2026-01"])),
    )
    answer = requests.answer_submit(
        request=monthly_round.request, country=country("CR"), by=focal_point
    )
    requests.answer_accept(answer=answer, by=secretariat)
    client.force_login(secretariat)
    page = url("followup:answer", pk=monthly_round.request_id, answer_pk=answer.pk)
    assert "Reabrir la respuesta de Costa Rica" in client.get(page).content.decode()
    refused = client.post(page, {"decision": "reopen", "comment": ""})
    assert "Diga por qué se reabre la respuesta" in refused.content.decode()
    client.post(page, {"decision": "reopen", "comment": "Cifras de enero duplicadas."})
    answer.refresh_from_db()
    assert answer.state == "returned"


def test_a_large_change_is_shown_and_kept_once_confirmed(
    client, monthly_round, focal_point, secretariat
):
    from puebla.followup.requests import services as requests
    from puebla.stats import services

    earlier = services.round_create(
        by=secretariat,
        structure=monthly_round.structure,
        period_start="2025-01",
        period_end="2025-01",
        due_date=timezone.localdate() + datetime.timedelta(days=10),
        countries=[country("CR")],
    )
    services.submission_upload(
        round=earlier,
        country=country("CR"),
        by=focal_point,
        upload=csv_file(figures(ENTRIES_EXITS, ["2025-01"], values=lambda choose: 10)),
    )
    answer = requests.answer_submit(request=earlier.request, country=country("CR"), by=focal_point)
    requests.answer_accept(answer=answer, by=secretariat)
    client.force_login(focal_point)
    page = url("stats:round", pk=monthly_round.pk)
    rows = figures(ENTRIES_EXITS, ["2026-01"], values=lambda choose: 30)  # three times as many
    response = client.post(page, {"file": csv_file(rows)})
    text = response.content.decode()
    assert response.status_code == 422
    assert (
        "cifras cambiaron en más de la mitad" in text and "frente a 10 en 2025-01 (+200%)" in text
    )
    assert "Los cambios listados son correctos" in text
    assert not Submission.objects.filter(round=monthly_round).exists()
    response = client.post(page, {"file": csv_file(rows), "confirm": "on"}, follow=True)
    assert "El archivo se leyó sin problemas" in response.content.decode()
    assert Submission.objects.get(round=monthly_round).rows == len(rows)


def test_completeness_per_country_zero_and_not_available_apart(
    client, monthly_round, focal_point, secretariat
):
    from puebla.stats import selectors, services

    rows = figures(ENTRIES_EXITS, ["2026-01", "2026-02"], values=lambda choose: 0)
    parts = [index for index, row in enumerate(rows) if "_T" not in row.values()]
    for index in parts[:3]:
        rows[index].update(OBS_VALUE="", OBS_STATUS="M")
    services.submission_upload(
        round=monthly_round, country=country("CR"), by=focal_point, upload=csv_file(rows)
    )
    done = selectors.round_completeness(monthly_round)
    costa_rica, guatemala = done[country("CR").pk], done[country("GT").pk]
    assert (costa_rica.periods_received, costa_rica.periods_expected) == (2, 3)
    assert (costa_rica.reported, costa_rica.not_available) == (len(rows) - 3, 3)
    assert costa_rica.share_filled == (len(rows) - 3) / len(rows)  # zeros count as filled
    assert costa_rica.on_time is True
    assert (guatemala.periods_received, guatemala.on_time, guatemala.share_filled) == (
        0,
        None,
        None,
    )
    client.force_login(secretariat)
    text = client.get(url("stats:round", pk=monthly_round.pk)).content.decode()
    assert "2 / 3" in text and "3 no disponibles" in text
    assert f"{round((len(rows) - 3) / len(rows) * 100)} %" in text


def test_completeness_marks_a_late_upload(monthly_round, focal_point):
    from puebla.stats import selectors, services

    services.submission_upload(
        round=monthly_round,
        country=country("CR"),
        by=focal_point,
        upload=csv_file(figures(ENTRIES_EXITS, ["2026-01"])),
        now=monthly_round.request.closes_at,
    )
    assert selectors.round_completeness(monthly_round)[country("CR").pk].on_time is False
