"""What a country downloads to report in a structure: the template (CSV or XLSX, with the
code lists in the workbook), and the structure itself as SDMX-ML 2.1 (sdmx1), for a
statistics office's own software. A filled template is what puebla.stats.validation reads."""

import csv
import io

import openpyxl
import sdmx
from openpyxl.styles import Font
from sdmx.message import StructureMessage
from sdmx.model import common, v21

from puebla.core.spreadsheets import neutralised
from puebla.core.text import text_in
from puebla.stats.models import DataStructure, Dimension
from puebla.stats.validation import (
    OBS_STATUS,
    OBS_VALUE,
    REF_AREA,
    TIME_PERIOD,
    template_columns,
)

AGENCY = "RCM"
LANGUAGES = ("es", "en")


def template_csv(structure: DataStructure) -> bytes:
    """The template's header, UTF-8 with a byte-order mark (so that a spreadsheet opens
    accented text rightly)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(template_columns(structure))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode()


def template_xlsx(structure: DataStructure, language: str) -> bytes:
    """The template as a workbook: the data sheet's header, then a sheet per dimension with
    its codes and their names in `language`."""
    workbook = openpyxl.Workbook()
    data = workbook.active
    data.title = "data" if language == "en" else "datos"
    data.append(template_columns(structure))
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    for dimension in _dimensions(structure):
        sheet = workbook.create_sheet(dimension.key[:31])
        sheet.append([dimension.key, text_in(dimension, "name", language)])
        for code in _codes(dimension):
            sheet.append([neutralised(code.code), neutralised(text_in(code, "name", language))])
        sheet.column_dimensions["B"].width = 50
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def structure_sdmx_ml(structure: DataStructure) -> bytes:
    """The structure (its code lists, concepts and data structure definition) as an SDMX-ML
    2.1 structure message."""
    return sdmx.to_xml(structure_message(structure), pretty_print=True)


def structure_message(structure: DataStructure) -> StructureMessage:
    """The structure as sdmx1 objects: its code lists, concepts and data structure definition
    (`message.structure[structure.key]`, with which sdmx1 reads the released SDMX-CSV)."""
    agency = common.Agency(id=AGENCY)
    version = f"{structure.version}.0"
    concepts = common.ConceptScheme(
        id=f"CS_{structure.key}",
        maintainer=agency,
        version=version,
        is_final=True,
        name=_names(structure, "name"),
    )
    definition = v21.DataStructureDefinition(
        id=structure.key,
        maintainer=agency,
        version=version,
        is_final=True,
        name=_names(structure, "name"),
    )
    message = StructureMessage()
    dimensions = _dimensions(structure)
    area = next((d.code_list for d in dimensions if d.code_list.key == "CL_AREA"), None)
    lists = {}
    for dimension in dimensions:
        if dimension.code_list.key not in lists:
            lists[dimension.code_list.key] = _code_list(dimension.code_list, agency)
            message.add(lists[dimension.code_list.key])
    order = 1
    if area is not None:
        concept = common.Concept(
            id=REF_AREA, name={"es": "País que informa", "en": "Reporting country"}
        )
        concepts.append(concept)
        definition.dimensions.append(
            common.Dimension(
                id=REF_AREA,
                concept_identity=concept,
                order=order,
                local_representation=common.Representation(enumerated=lists[area.key]),
            )
        )
        order += 1
    for dimension in dimensions:
        concept = common.Concept(id=dimension.key, name=_names(dimension, "name"))
        concepts.append(concept)
        definition.dimensions.append(
            common.Dimension(
                id=dimension.key,
                concept_identity=concept,
                order=order,
                local_representation=common.Representation(
                    enumerated=lists[dimension.code_list.key]
                ),
            )
        )
        order += 1
    period = common.Concept(id=TIME_PERIOD, name={"es": "Periodo", "en": "Period"})
    value = common.Concept(id=OBS_VALUE, name=_names(structure, "measure"))
    status = common.Concept(
        id=OBS_STATUS, name={"es": "Estado de la observación", "en": "Observation status"}
    )
    for concept in (period, value, status):
        concepts.append(concept)
    definition.dimensions.append(
        common.TimeDimension(id=TIME_PERIOD, concept_identity=period, order=order)
    )
    definition.measures.append(v21.PrimaryMeasure(id=OBS_VALUE, concept_identity=value))
    message.add(concepts)
    message.add(definition)
    return message


def _dimensions(structure: DataStructure) -> list[Dimension]:
    return list(
        structure.dimensions.select_related("code_list").prefetch_related(
            "allowed", "code_list__codes"
        )
    )


def _codes(dimension: Dimension):
    allowed = {code.pk for code in dimension.allowed.all()}
    return [code for code in dimension.code_list.codes.all() if not allowed or code.pk in allowed]


def _code_list(code_list, agency) -> common.Codelist:
    made = common.Codelist(
        id=code_list.key,
        maintainer=agency,
        version="1.0",
        is_final=True,
        name=_names(code_list, "name"),
    )
    for code in code_list.codes.all():
        made.append(common.Code(id=code.code, name=_names(code, "name")))
    return made


def _names(record, field: str) -> dict[str, str]:
    return {
        language: getattr(record, f"{field}_{language}")
        for language in LANGUAGES
        if getattr(record, f"{field}_{language}")
    }
