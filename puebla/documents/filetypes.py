"""What an uploaded file is, from its content (never its name), and whether to accept it.

puremagic (a maintained signature library) names the format from the first bytes. The office
formats are zip archives, so for them the archive is also opened and its parts read: a
Word file is a zip with `word/document.xml`, an OpenDocument file names its type in `mimetype`.
An archive that would expand past EXPANDED_LIMIT, or holds too many parts, is refused before
anything reads it (a "zip bomb").
"""

import io
import lzma
import zipfile
import zlib
from dataclasses import dataclass

import puremagic
from django.utils.translation import gettext_lazy as _

# An office file whose parts add up to more than this, expanded, is refused.
EXPANDED_LIMIT = 200 * 1024 * 1024
MAX_PARTS = 5000


@dataclass(frozen=True)
class FileType:
    extension: str
    mime: str
    label: str


PDF = FileType("pdf", "application/pdf", "PDF")
PNG = FileType("png", "image/png", "PNG")
JPEG = FileType("jpg", "image/jpeg", "JPEG")
DOCX = FileType(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"
)
XLSX = FileType(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
)
PPTX = FileType(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
)
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text")
ODS = FileType("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet")
ACCEPTED = (PDF, DOCX, XLSX, PPTX, ODT, ODS, PNG, JPEG)

# The part that makes a zip archive an Office Open XML file of each kind.
OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
OPENDOCUMENT = {ODT.mime: ODT, ODS.mime: ODS}
# How reading a part of a damaged or odd archive fails: a bad header or checksum, compressed
# data cut or corrupt (zlib, bz2's OSError, lzma), a method zipfile does not read
# (NotImplementedError), an encrypted part (RuntimeError), a directory that places a part
# before the archive's start (ValueError: a negative seek). None of them is an office file.
DAMAGED_ARCHIVE = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


class Refused(Exception):
    """The file is not accepted; the message says why and what to do, in the user's language."""


def accepted_names() -> str:
    return ", ".join(kind.extension.upper() for kind in ACCEPTED)


def identify(head: bytes, whole) -> FileType:
    """The type of the file whose first bytes are `head`; `whole` is a seekable binary file.

    Raises Refused for anything not in ACCEPTED, including an archive that is not an office
    file or would expand too far.
    """
    try:
        found = {match.extension.lower().lstrip(".") for match in puremagic.magic_string(head)}
    except puremagic.PureError:
        found = set()
    if "pdf" in found and head.startswith(b"%PDF-"):
        return PDF
    if "png" in found and head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if found & {"jpg", "jpeg"} and head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office(whole)
    raise Refused(
        _("This file is not one of the accepted types (%(types)s): its content says otherwise.")
        % {"types": accepted_names()}
    )


def _office(whole) -> FileType:
    whole.seek(0)
    try:
        with zipfile.ZipFile(whole) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > EXPANDED_LIMIT:
                raise Refused(
                    _(
                        "This office file would expand to more than %(size)s MB when opened, "
                        "which no real document does. Save it again from its program."
                    )
                    % {"size": EXPANDED_LIMIT // (1024 * 1024)}
                )
            names = {part.filename for part in parts}
            for name, kind in OOXML_PARTS.items():
                if name in names:
                    return kind
            if "mimetype" in names:
                declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if declared in OPENDOCUMENT:
                    return OPENDOCUMENT[declared]
    except DAMAGED_ARCHIVE:
        pass
    finally:
        whole.seek(0)
    raise Refused(_("This archive is not a Word, Excel, PowerPoint or OpenDocument file."))


def identify_bytes(content: bytes) -> FileType:
    return identify(content[:4096], io.BytesIO(content))
