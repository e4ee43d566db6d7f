"""Real files of every accepted type, made here, and hostile ones."""

import io
import zipfile

from openpyxl import Workbook

from puebla.documents.sample_files import docx_with_text, pdf_with_text


def pdf(text: str = "Migración segura y ordenada") -> bytes:
    return pdf_with_text(text)


def docx_file(text: str = "Retorno voluntario asistido") -> bytes:
    return docx_with_text(text)


def xlsx_file() -> bytes:
    workbook = Workbook()
    workbook.active.append(["País", "Cambios"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def pptx_file() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})


def odt_file() -> bytes:
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def ods_file() -> bytes:
    return _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
    )


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100


def zip_bomb() -> bytes:
    """A Word-looking archive that expands to 210 MB of zeros from a few hundred kilobytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w/>")
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as entry:
            block = b"\x00" * (1024 * 1024)
            for _ in range(210):
                entry.write(block)
    return out.getvalue()
