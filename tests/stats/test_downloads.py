"""The template and the structure a country downloads, opened back as its software would."""

import csv
import io

import openpyxl
import pytest
import sdmx
from django.core.files.uploadedfile import SimpleUploadedFile

from puebla.stats import downloads, services
from puebla.stats.models import DataStructure
from tests.followup.factories import country
from tests.stats.conftest import ENTRIES_EXITS
from tests.stats.files import figures

pytestmark = pytest.mark.django_db


def entries_exits():
    return DataStructure.objects.get(key="ENTRIES_EXITS", version=1)


def test_the_csv_template_filled_in_is_taken(monthly_round, focal_point):
    template = downloads.template_csv(entries_exits())
    assert template.startswith(b"\xef\xbb\xbf")
    header = template.decode("utf-8-sig").strip().split(",")
    assert header == ["REF_AREA", *ENTRIES_EXITS, "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n")
    writer.writerows(figures(ENTRIES_EXITS, ["2026-01"]))
    filled = SimpleUploadedFile("plantilla.csv", template + buffer.getvalue().encode())
    submission, checked = services.submission_upload(
        round=monthly_round, country=country("CR"), by=focal_point, upload=filled
    )
    assert checked.valid and submission.rows == len(figures(ENTRIES_EXITS, ["2026-01"]))


@pytest.mark.parametrize(
    ("language", "sheet", "belize"), [("es", "datos", "Belice"), ("en", "data", "Belize")]
)
def test_the_workbook_template_lists_the_codes_in_the_language(language, sheet, belize):
    workbook = openpyxl.load_workbook(
        io.BytesIO(downloads.template_xlsx(entries_exits(), language))
    )
    assert workbook.sheetnames == [sheet, *ENTRIES_EXITS]
    assert [cell.value for cell in workbook[sheet][1]] == [
        "REF_AREA",
        *ENTRIES_EXITS,
        "TIME_PERIOD",
        "OBS_VALUE",
        "OBS_STATUS",
    ]
    flows = [row[0] for row in workbook["FLOW"].iter_rows(min_row=2, values_only=True)]
    assert flows == ["ENTRY", "EXIT"]  # the codes this structure allows, not the whole list
    nationalities = dict(workbook["NATIONALITY"].iter_rows(min_row=2, values_only=True))
    assert nationalities["BLZ"] == belize and "XXA" in nationalities and "_T" in nationalities


def test_the_structure_as_sdmx_ml_reads_back():
    message = sdmx.read_sdmx(io.BytesIO(downloads.structure_sdmx_ml(entries_exits())))
    definition = message.structure["ENTRIES_EXITS"]
    assert [d.id for d in definition.dimensions] == ["REF_AREA", *ENTRIES_EXITS, "TIME_PERIOD"]
    assert [m.id for m in definition.measures] == ["OBS_VALUE"]
    sexes = message.codelist["CL_SEX"]
    assert str(sexes["F"].name["es"]) == "Mujeres" and str(sexes["F"].name["en"]) == "Female"
    assert str(message.codelist["CL_AREA"]["GTM"].name["en"]) == "Guatemala"
    assert str(definition.name["es"]).startswith("Entradas y salidas")
