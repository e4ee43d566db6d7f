"""A server killed during an upload (issue 32): the secretariat, signed in with its second
factor, adds a file to a document through the upload form of `puebla serve`, and the server's
whole process group is killed (SIGKILL, as a power cut or the out-of-memory killer would) at
the two worst moments:

- while the request's body is still arriving: the test sends half of it over a socket of its
  own and kills once the server is seen writing what arrived;
- after the file is stored, before its row is committed: the test holds the lock the upload's
  transaction must take after storing the file (SQLite's write lock, or the document's row on
  PostgreSQL), sees the file whole in the documents' folder, and kills.

Afterwards there is no row, and what the kill left is an orphan that the worker's hourly sweep
removes once no upload could still own it: the part received, in FILE_UPLOAD_TEMP_DIR (it was
in the system's temporary folder, which nothing of Puebla's swept), or the stored file, which
`puebla check-storage` lists. The server started again, the same person, still signed in,
uploads the file again: one row, one stored file, its bytes those sent.
"""

import contextlib
import hashlib
import itertools
import os
import shutil
import signal
import socket
import sqlite3
import time
from pathlib import Path

import pytest

from bench.browser import Browser
from bench.database import fresh_database
from bench.server import PueblaServer
from puebla.backups.storage_check import ORPHAN_GRACE
from tests.documents import samples
from tests.migrated import DATABASE_FILE, migrated_database
from tests.roles import totp_code
from tests.serving.waiting import wait_for

SLUG = "informe-del-apagon"
EMAIL = "ts-upload@example.org"
PASSWORD = "secretariat-password-for-the-killed-upload-42"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"
# Large enough to be caught arriving (Django keeps up to 2.5 MB in memory, then writes a
# temporary file), well within the 50 MB a person may upload.
CONTENT = samples.pdf("Informe del apagón") + os.urandom(8 * 1024 * 1024)
PREPARE = (
    "from django.urls import reverse\n"
    "from django.utils import translation\n"
    "from puebla.accounts.roles import role_user_create\n"
    "from puebla.documents import services\n"
    f"ts = role_user_create('secretariat', email='{EMAIL}', password='{PASSWORD}', "
    f"totp_secret='{TOTP_SECRET}')\n"
    "services.document_create(fields={"
    f"'slug': '{SLUG}', 'kind': 'report', 'title_es': 'Informe', 'audience': 'members'"
    "}, by=ts)\n"
    "with translation.override('es'):\n"
    f"    print('url:', reverse('documents:upload', kwargs={{'slug': '{SLUG}'}}))\n"
)
ROWS = (
    "from puebla.documents.models import DocumentFile\n"
    f"for row in DocumentFile.objects.filter(document__slug='{SLUG}'):\n"
    "    print('row:', row.file.name, row.sha256, row.size)\n"
)
# What the worker runs at twenty past every hour.
SWEEP = (
    "from puebla.backups.tasks import orphan_files_remove\n"
    "print('removed:', orphan_files_remove.call_local())\n"
)
DATABASES = itertools.count()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """One `puebla setup` with the secretariat's account and a document, copied for each test:
    the data folder, and on PostgreSQL a database the tests' are made from."""
    data = tmp_path_factory.mktemp("upload-prepared")
    with migrated_database(data, "uploadprep") as url:
        preparer = PueblaServer(data, database_url=url)
        preparer.command("setup")
        output = preparer.command("shell", "-c", PREPARE).stdout
        yield data, url or "", output.split("url: ", 1)[1].strip()


@contextlib.contextmanager
def serving(prepared, tmp_path: Path, web_server: str = "granian"):
    template_data, template_url, upload_path = prepared
    shutil.copytree(template_data, tmp_path / "data")
    with fresh_database(f"upload{next(DATABASES)}", template=template_url) as url:
        server = PueblaServer(
            tmp_path / "data", database_url=url, name="upload", env={"WEB_SERVER": web_server}
        )
        server.upload_path = upload_path
        server.start()
        try:
            yield server
        finally:
            server.stop()


def signed_in(server: PueblaServer) -> Browser:
    staff = Browser(server.url)
    staff.post("/es/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    # Each test's database is a copy: the code one test used is unused in the next's.
    staff.post(staff.url, {"code": totp_code(TOTP_SECRET, account=str(server.data_dir))})
    assert "/intranet/" in staff.url, staff.url
    return staff


def send_upload(server: PueblaServer, staff: Browser, *, share: float) -> socket.socket:
    """A connection that has sent the upload's headers and `share` of its body, slowly."""
    content_type, body = staff.upload_body(
        server.upload_path, {"language": "es"}, "file", "informe.pdf", CONTENT
    )
    connection = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    connection.sendall(
        f"POST {server.upload_path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        f"Cookie: {staff.cookie_header()}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n".encode()
    )
    sent, step = int(len(body) * share), 256 * 1024
    for start in range(0, sent, step):
        connection.sendall(body[start : min(start + step, sent)])
        time.sleep(0.02)
    return connection


def kill(server: PueblaServer) -> None:
    """SIGKILL to the server and its workers (the process group of its session)."""
    os.killpg(server.process.pid, signal.SIGKILL)
    server.process.wait(timeout=30)


def stored(server: PueblaServer) -> list[Path]:
    return sorted(path for path in (server.data_dir / "documents").rglob("*") if path.is_file())


def upload_parts(server: PueblaServer) -> list[Path]:
    return sorted((server.data_dir / "uploads").glob("*.upload*"))


def rows(server: PueblaServer) -> list[list[str]]:
    output = server.command("shell", "-c", ROWS).stdout
    return [line.split()[1:] for line in output.splitlines() if line.startswith("row: ")]


def swept(server: PueblaServer) -> int:
    return int(server.command("shell", "-c", SWEEP).stdout.split("removed: ", 1)[1])


def older_than_any_upload(path: Path) -> None:
    """Move the file's time back past ORPHAN_GRACE, rather than waiting an hour."""
    moment = time.time() - ORPHAN_GRACE.total_seconds() - 60
    os.utime(path, (moment, moment))


def assert_the_retry_is_stored_once(server: PueblaServer, staff: Browser) -> None:
    """The server started again, the same session uploads the file again: one row, one file,
    its bytes those sent."""
    server.start()
    page = staff.post_file(server.upload_path, {"language": "es"}, "file", "informe.pdf", CONTENT)
    assert "Se agregó la versión 1 del archivo." in page
    [(name, sha256, size)] = rows(server)
    [path] = stored(server)
    assert path.relative_to(server.data_dir / "documents").as_posix() == name
    assert path.read_bytes() == CONTENT
    assert (sha256, int(size)) == (hashlib.sha256(CONTENT).hexdigest(), len(CONTENT))
    assert not upload_parts(server)
    assert "documents: 0 orphan files, 0 missing" in server.command("check-storage").stdout


@pytest.mark.parametrize("web_server", ["granian", "gunicorn"])
def test_an_upload_killed_while_its_body_arrives_leaves_nothing_once_swept(
    prepared, tmp_path, web_server
):
    with serving(prepared, tmp_path, web_server) as server:
        staff = signed_in(server)
        connection = send_upload(server, staff, share=0.5)
        # The server has received part of it and is writing it to a temporary file.
        [part] = wait_for(lambda: upload_parts(server), "the upload seen arriving")
        wait_for(lambda: part.stat().st_size > 1024 * 1024, "a megabyte of it written")
        kill(server)
        connection.close()
        assert rows(server) == []
        assert stored(server) == []
        assert "documents: 0 orphan files, 0 missing" in server.command("check-storage").stdout
        # The part received is left, where the worker's sweep finds it once it is old enough.
        assert upload_parts(server) == [part]
        assert swept(server) == 0  # it might still be arriving
        older_than_any_upload(part)
        assert swept(server) == 1
        assert not upload_parts(server)
        assert_the_retry_is_stored_once(server, staff)


@contextlib.contextmanager
def upload_transaction_blocked(server: PueblaServer, database_url: str | None):
    """Hold what the upload's transaction takes first, after storing the file: SQLite's write
    lock, or on PostgreSQL the document's row (the version number is chosen under it)."""
    if database_url is None:
        with contextlib.closing(
            sqlite3.connect(server.data_dir / DATABASE_FILE, timeout=0, isolation_level=None)
        ) as database:
            database.execute("BEGIN IMMEDIATE")
            yield
            database.execute("ROLLBACK")
        return
    import psycopg

    with psycopg.connect(database_url) as database:
        database.execute("SELECT id FROM documents_document WHERE slug = %s FOR UPDATE", [SLUG])
        yield
        database.rollback()


def test_an_upload_killed_between_storing_its_file_and_its_row_leaves_an_orphan_swept(
    prepared, tmp_path
):
    with serving(prepared, tmp_path) as server:
        staff = signed_in(server)
        url = server.environment.get("DATABASE_URL")
        with upload_transaction_blocked(server, url):
            connection = send_upload(server, staff, share=1)
            [orphan] = wait_for(lambda: stored(server), "the file stored")
            wait_for(lambda: orphan.stat().st_size == len(CONTENT), "the file stored whole")
            kill(server)
        connection.close()
        assert rows(server) == []
        name = orphan.relative_to(server.data_dir / "documents").as_posix()
        listed = server.command("check-storage").stdout
        assert "documents: 1 orphan files, 0 missing" in listed
        assert f"  orphan  {name}" in listed
        assert swept(server) == 0  # an upload might still be about to record it
        assert orphan.exists()
        older_than_any_upload(orphan)
        assert swept(server) == 1
        assert stored(server) == []
        assert not upload_parts(server)
        assert_the_retry_is_stored_once(server, staff)
