"""Statistics in a real browser: the Technical Secretariat opens a round for Costa Rica; its
focal point finds it on My secretariat, downloads the template, uploads a file with two
mistakes and sees both, uploads the fixed one and submits; the secretariat reads each
country's completeness, accepts and publishes; a visitor, with JavaScript off and then on,
reads the chart and its table and downloads the SDMX-CSV. The pages pass axe."""

import csv
import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible
from tests.browser.test_followup_journey import open_as
from tests.browser.test_intranet_journeys import PASSWORD, TOTP_SECRET, sign_in
from tests.stats.files import csv_file, figures

pytestmark = pytest.mark.browser

ACCOUNTS = {"secretariat": "stats-ts@example.org", "costa_rica": "stats-cr@example.org"}
DIMENSIONS = ["FLOW", "NATIONALITY", "SEX", "AGE"]


@pytest.fixture(scope="module")
def accounts(puebla_command):
    script = (
        "from puebla.accounts.roles import role_user_create\n"
        f"role_user_create('secretariat', email='{ACCOUNTS['secretariat']}', "
        f"password='{PASSWORD}', totp_secret='{TOTP_SECRET}')\n"
        f"role_user_create('focal_point_a', email='{ACCOUNTS['costa_rica']}', password='{PASSWORD}')\n"
    )
    puebla_command("shell", "-c", script)
    return ACCOUNTS


def as_file(rows, name):
    return {"name": name, "mimeType": "text/csv", "buffer": csv_file(rows, delimiter=";").read()}


def test_round_upload_with_mistakes_fix_submit_accept(page, accounts, live_server_url):
    # 1. The secretariat opens a round for Costa Rica.
    ts = open_as(page, live_server_url, accounts["secretariat"], secretariat=True)
    ts.goto("/es/intranet/estadisticas/rondas/nueva/")
    expect(ts.get_by_role("heading", level=1)).to_have_text("Abrir una ronda de estadísticas")
    ts.get_by_label("Entradas y salidas por nacionalidad, sexo y edad (v1)").check()
    ts.get_by_label("Primer periodo").fill("2026-01")
    due = datetime.date.today() + datetime.timedelta(days=21)
    ts.get_by_role("textbox", name="Fecha límite:").fill(due.isoformat())
    ts.get_by_label("Costa Rica", exact=True).check()
    ts.get_by_role("button", name="Abrir la ronda").click()
    expect(ts.get_by_role("status")).to_contain_text("Se abrió la ronda")
    round_url = ts.url
    costa_rica = ts.get_by_role("row").filter(has=ts.get_by_role("rowheader", name="Costa Rica"))
    expect(costa_rica).to_contain_text("Sin cargar")
    assert_accessible(ts)

    # 2. Costa Rica's focal point finds it and downloads the template.
    page.goto("/es/accounts/login/")
    sign_in(page, accounts["costa_rica"])
    panel = page.get_by_role("region", name="Estadísticas migratorias")
    expect(panel).to_contain_text("su país aún no ha cargado sus cifras")
    panel.get_by_role("link", name="Entradas y salidas por nacionalidad, sexo y edad").click()
    expect(page.locator("#submission-state")).to_have_text("Aún no se han cargado cifras.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX), con las listas de códigos").click()
    assert download.value.suggested_filename == "entries_exits-v1-es.xlsx"

    # 3. A file with two mistakes: both are listed with their place, nothing is kept.
    rows = figures(DIMENSIONS, ["2026-01"])
    bad = [dict(row) for row in rows]
    bad[3]["SEX"] = "X"
    bad[7]["OBS_VALUE"] = "-4"
    page.get_by_label("Archivo con las cifras").set_input_files(as_file(bad, "enero.csv"))
    page.get_by_role("button", name="Cargar y revisar").click()
    expect(page.get_by_role("alert")).to_contain_text("El archivo no se aceptó: 2 problemas.")
    problems = page.get_by_role("table", name="Problemas del archivo")
    expect(problems).to_contain_text("fila 5, columna SEX")
    expect(problems).to_contain_text("«-4» es negativo")
    assert_accessible(page)

    # 4. The fixed file is kept as the draft, then submitted from the request's page.
    page.get_by_label("Archivo con las cifras").set_input_files(as_file(rows, "enero.csv"))
    page.get_by_role("button", name="Cargar y revisar").click()
    expect(page.get_by_role("status")).to_contain_text("El archivo se leyó sin problemas")
    expect(page.locator("#submission-state")).to_contain_text("«enero.csv»")
    assert_accessible(page)
    page.get_by_role("link", name="Su página: estado, envío y decisión").click()
    page.get_by_role("button", name="Enviar la respuesta").click()
    expect(page.locator("#answer-state")).to_have_text("Estado: Enviada")

    # 5. The secretariat reads the completeness and accepts.
    ts.goto(round_url)
    expect(costa_rica).to_contain_text("1 / 1")
    expect(costa_rica).to_contain_text("100 %")
    expect(costa_rica).to_contain_text("Enviada")
    ts.get_by_role("link", name="Su página: estado, envío y decisión").click()
    ts.get_by_role("link", name="Aceptar o devolver la respuesta de Costa Rica").click()
    ts.get_by_role("button", name="Aceptar la respuesta de Costa Rica").click()
    expect(ts.get_by_role("status")).to_contain_text("Se aceptó la respuesta de Costa Rica")
    ts.goto(round_url)
    expect(costa_rica).to_contain_text("Aceptada")

    # 6. The secretariat publishes: the approved figures of Costa Rica become a release.
    ts.get_by_role("link", name="Publicar las cifras aprobadas").click()
    approved = ts.get_by_role("table", name="Las cifras aprobadas que publicará esta versión")
    expect(approved.get_by_role("rowheader", name="Costa Rica")).to_be_visible()
    assert_accessible(ts)
    ts.get_by_label("Nota, en español").fill("Cifras de enero de Costa Rica.")
    ts.get_by_role("button", name="Publicar", exact=True).click()
    expect(ts.get_by_role("status")).to_contain_text("Se publicó la versión")
    release_url = ts.url
    ts.context.close()

    # 7. A visitor reads the chart and its table, with JavaScript off then on, and downloads
    # the SDMX-CSV: the figures Costa Rica sent.
    january = next(
        int(row["OBS_VALUE"])
        for row in rows
        if row["FLOW"] == "ENTRY" and all(row[key] == "_T" for key in DIMENSIONS[1:])
    )
    for javascript in (False, True):
        visitor = page.context.browser.new_context(
            base_url=live_server_url, java_script_enabled=javascript, locale="es-ES"
        )
        reader = visitor.new_page()
        reader.goto("/es/")
        reader.get_by_role("navigation", name="Navegación principal").get_by_role(
            "link", name="Estadísticas"
        ).click()
        reader.get_by_role("link", name="Entradas y salidas por nacionalidad, sexo y edad").click()
        assert reader.url.split("?")[0].rstrip("/").rsplit("/", 1)[0] in release_url
        expect(reader.locator("figure.statistics-chart svg")).to_be_visible()
        table = reader.get_by_role("region", name="Número de movimientos")
        expect(table.get_by_role("columnheader", name="Costa Rica")).to_be_visible()
        expect(table.get_by_role("row", name="2026-01")).to_contain_text(
            f"{january:,}".replace(",", "\u00a0")
        )
        if javascript:  # axe runs as a script in the page: not where scripts are off
            assert_accessible(reader)
        with reader.expect_download() as download:
            reader.get_by_role("link", name="SDMX-CSV").click()
        with open(download.value.path(), encoding="utf-8") as file:
            sent = list(csv.DictReader(file))
        assert {row["REF_AREA"] for row in sent} == {"CRI"}
        assert len(sent) == len(rows)
        visitor.close()
