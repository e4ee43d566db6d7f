"""The text of a stored file, for search: PDF (pypdf), Word (python-docx), and the other
formats where a maintained library reads them; images have none.

Reading runs in a child process with limits on time, memory and output, so a hostile file
(a PDF with deep nesting or a huge stream) can fail or be killed without hanging or starving
the worker. `python -m puebla.documents.extraction KIND PATH` is that child.
"""

import resource
import subprocess
import sys

from puebla.core.text import without_control_characters

SECONDS = 60
MEMORY_BYTES = 1024 * 1024 * 1024
# More text than any real document: the rest is cut.
MAX_CHARACTERS = 2_000_000


class Unreadable(Exception):
    pass


def read_text(kind: str, path: str) -> str:
    """The text of the file at `path` of type `kind` ("pdf", "docx", ...). Raises Unreadable."""
    try:
        done = subprocess.run(  # noqa: S603 - our own module, our own arguments
            [sys.executable, "-m", "puebla.documents.extraction", kind, path],
            capture_output=True,
            timeout=SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise Unreadable(f"took more than {SECONDS} s") from error
    if done.returncode != 0:
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["killed"]
        raise Unreadable(last[0][:200])
    # A PDF's strings may hold NUL and other control characters: nothing a reader sees, and
    # PostgreSQL keeps no NUL in text (the job failed there, the file stuck "not read yet").
    return without_control_characters(done.stdout.decode("utf-8", "replace")[:MAX_CHARACTERS])


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


def _pdf(path: str) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx(path: str) -> str:
    import docx

    document = docx.Document(path)
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])


def _xlsx(path: str) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    return "\n".join(
        " ".join(str(value) for value in row if value is not None)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


READERS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx}


def main() -> None:
    # The child limits itself (not preexec_fn: the worker that starts it has threads).
    _limits()
    kind, path = sys.argv[1], sys.argv[2]
    text = READERS[kind](path)
    sys.stdout.write(text[:MAX_CHARACTERS])


if __name__ == "__main__":
    main()
