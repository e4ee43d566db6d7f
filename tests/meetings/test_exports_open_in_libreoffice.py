"""The participant exports open in LibreOffice as they do in Excel: the XLSX converted by
LibreOffice itself gives back every row, accents and a formula-looking name as text."""

import csv
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from puebla.meetings import delegations
from tests.meetings.test_delegations import open_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def test_libreoffice_reads_the_xlsx_export(client, sign_in, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: `make test` installs it (scripts/system-packages)"
    focal_point = make_user("focal_point_a")
    secretariat = sign_in("secretariat")
    meeting = open_meeting()
    for given, family in (("José", "Núñez"), ("Ana", "=1+1")):
        nomination = delegations.nomination_create(
            meeting=meeting,
            country=focal_point.country,
            by=focal_point,
            given_name=given,
            family_name=family,
            position="Dirección de Migración",
            email=f"{given.lower()}@example.org".replace("é", "e"),
        )
        delegations.nomination_confirm(nomination=nomination, by=secretariat)
    with translation.override("es"):
        url = reverse("meetings:participants_export", args=[meeting.slug, "xlsx"])
    (tmp_path / "participants.xlsx").write_bytes(client.get(url).content)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # comma, quote, UTF-8
            "--outdir",
            str(tmp_path),
            str(tmp_path / "participants.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    rows = list(csv.reader(io.StringIO((tmp_path / "participants.csv").read_text("utf-8"))))
    assert rows[0][:3] == ["País u organización", "Nombre", "Apellidos"]
    assert sorted(row[:3] for row in rows[1:]) == [
        ["Costa Rica", "Ana", "'=1+1"],
        ["Costa Rica", "José", "Núñez"],
    ]
