"""Hostile input, generated: file contents, file names and form text.

Contents start from real files of every accepted type (tests/documents/samples.py) and damage
them: cut, bytes flipped, junk put in front, another type's signature; besides random bytes,
nothing, and archives that are not what they say (a tiny zip bomb: a part that declares a
huge size; a part compressed in a way nobody reads; an encrypted part; too many parts).
"""

import functools
import io
import re
import struct
import zipfile

from hypothesis import strategies as st

from tests.documents import samples


@functools.cache
def real_files() -> tuple[bytes, ...]:
    return (
        samples.pdf(),
        samples.docx_file(),
        samples.xlsx_file(),
        samples.pptx_file(),
        samples.odt_file(),
        samples.ods_file(),
        samples.PNG,
        samples.JPEG,
    )


def _zip(parts: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def _patched_central_entries(content: bytes, offset: int, value: bytes) -> bytes:
    """`content` with `value` written at `offset` of each central directory entry: zipfile
    reads a part's sizes, compression and flags there."""
    data = bytearray(content)
    start = 0
    while (found := data.find(b"PK\x01\x02", start)) != -1:
        data[found + offset : found + offset + len(value)] = value
        start = found + 4
    return bytes(data)


def _moved_directory(content: bytes, by: int) -> bytes:
    """`content` with the end record's offset of the central directory moved by `by` bytes."""
    data = bytearray(content)
    end = data.rfind(b"PK\x05\x06")
    (offset,) = struct.unpack("<I", data[end + 16 : end + 20])
    data[end + 16 : end + 20] = struct.pack("<I", offset + by)
    return bytes(data)


@functools.cache
def odd_archives() -> tuple[bytes, ...]:
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    word = samples.docx_file()
    return (
        # A part that says it expands to 4 GB (a zip bomb's header, kept tiny).
        _patched_central_entries(word, 24, struct.pack("<I", 0xFFFFFFF0)),
        # The mimetype part compressed with a method zipfile does not read (Deflate64).
        _patched_central_entries(odt, 10, struct.pack("<H", 9)),
        # Parts marked encrypted.
        _patched_central_entries(odt, 8, struct.pack("<H", 1)),
        # A directory said to start further on than it does: its parts seem to start before
        # the archive (found by make scan).
        _moved_directory(odt, 100),
        # More parts than any office file holds.
        _zip({f"word/part{n}.xml": b"" for n in range(5001)}, zipfile.ZIP_STORED),
        # A zip inside a zip, an empty archive, a zip of text.
        _zip({"inner.docx": word}),
        _zip({}),
        _zip({"notes.txt": b"hola"}),
    )


def _flipped(content: bytes, positions: list[int], values: list[int]) -> bytes:
    data = bytearray(content)
    for position, value in zip(positions, values, strict=False):
        if data:
            data[position % len(data)] ^= value or 1
    return bytes(data)


@st.composite
def damaged(draw, content: bytes) -> bytes:
    how = draw(st.sampled_from(["cut", "flip", "junk in front", "signature", "tail"]))
    if how == "cut":
        return content[: draw(st.integers(0, max(len(content) - 1, 0)))]
    if how == "flip":
        count = draw(st.integers(1, 16))
        positions = draw(st.lists(st.integers(0, 10**6), min_size=count, max_size=count))
        values = draw(st.lists(st.integers(0, 255), min_size=count, max_size=count))
        return _flipped(content, positions, values)
    if how == "junk in front":
        return draw(st.binary(min_size=1, max_size=64)) + content
    if how == "signature":  # another type's first bytes on this one's body
        other = draw(st.sampled_from(real_files()))
        return other[:8] + content[8:]
    return content + draw(st.binary(min_size=1, max_size=256))


@st.composite
def _damaged_real(draw) -> bytes:
    return draw(damaged(draw(st.sampled_from(real_files()))))


file_contents = st.one_of(
    # Real files twice as often as each kind of damage: enough of them are accepted to check
    # what is kept.
    st.sampled_from(real_files()),
    st.sampled_from(real_files()),
    _damaged_real(),
    st.builds(lambda: b"") | st.binary(max_size=2048),
    st.sampled_from(odd_archives()),
    st.sampled_from(odd_archives()).flatmap(damaged),
)

# Names as a hostile client sends them: separators, "..", NUL and other controls, right-to-left
# marks, quotes, very long, an extension that says otherwise, or nothing at all.
_NAME_PARTS = st.sampled_from(
    [
        "../",
        "..\\",
        "/",
        "\\",
        "\x00",
        "\x1b",
        "\u202e",
        "\u200f",
        '"',
        "'",
        ";",
        "%00",
        "C:",
        "..",
        ".",
        "informe",
        "ﾃｽﾄ",
        "مرحبا",
        "\U0001d518\U0001d52b",  # letters outside the Basic Multilingual Plane
        ".pdf",
        ".docx",
        ".exe",
        ".xlsx",
        "a" * 300,
        " ",
    ]
)
_ORDINARY_NAMES = st.sampled_from(
    ["informe.pdf", "acta final.docx", "datos.xlsx", "foto.JPG", "nota"]
)
file_names = st.one_of(
    # Ordinary names first and as often as hostile ones (hypothesis favours the first choice
    # of one_of): enough files arrive to check what is kept.
    _ORDINARY_NAMES,
    st.lists(_NAME_PARTS, min_size=1, max_size=6).map("".join),
    _ORDINARY_NAMES,
    st.text(max_size=40),
)

# Form text: control characters, bidirectional marks, very long, or ordinary.
form_text = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(codec="utf-8"), max_size=60),
    st.sampled_from(["", " ", "\x00", "a\x00b", "\u202e\u200f", "\r\n\t", "x" * 5000]),
)

# What XML (XLSX, DOCX) cannot hold at all: a writer refuses it before any importer sees it.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
