"""Orphan and missing files (issue 32): an upload whose transaction rolls back leaves its file
behind (Django has no hook on rollback); `puebla check-storage` lists it, the hourly sweep
removes it once no upload could still own it (and so the part of an upload a killed server left
in FILE_UPLOAD_TEMP_DIR), and a file a record names but the storage lacks is reported as
missing."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction

from puebla.backups.storage_check import ORPHAN_GRACE, orphans_remove, storage_check
from puebla.documents import services
from puebla.documents.models import documents_storage
from tests.documents import samples
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    secretariat = make_user("secretariat", email="ts-storage@example.org")
    made = services.document_create(
        fields={
            "slug": "storage-check",
            "kind": "report",
            "title_en": "Storage",
            "audience": "members",
        },
        by=secretariat,
    )
    return made, secretariat


def upload(document, by, language="es"):
    return services.file_upload(
        document=document,
        language=language,
        upload=SimpleUploadedFile("informe.pdf", samples.pdf()),
        by=by,
    )


def test_a_rolled_back_upload_leaves_an_orphan_that_is_listed_then_swept(document, capsys):
    made, secretariat = document
    kept = upload(made, secretariat)
    with pytest.raises(RuntimeError), transaction.atomic():
        lost = upload(made, secretariat, language="en")
        raise RuntimeError("the change the upload was part of failed")
    storage = documents_storage()
    orphan = lost.file.name
    assert storage.exists(orphan)
    check = storage_check()
    assert orphan in check.orphans["documents"]
    assert kept.file.name not in check.orphans["documents"]
    call_command("check_storage")
    assert f"  orphan  {orphan}" in capsys.readouterr().out
    written = storage.get_modified_time(orphan)
    # An upload may still be under way within the grace: left alone.
    assert f"documents/{orphan}" not in orphans_remove(now=written + ORPHAN_GRACE / 2)
    assert storage.exists(orphan)
    removed = orphans_remove(now=written + ORPHAN_GRACE + datetime.timedelta(seconds=1))
    assert f"documents/{orphan}" in removed
    assert not storage.exists(orphan)
    assert storage.exists(kept.file.name)


def test_a_named_file_the_storage_lacks_is_reported_missing(document, capsys):
    made, secretariat = document
    gone = upload(made, secretariat)
    documents_storage().delete(gone.file.name)
    assert gone.file.name in storage_check().missing["documents"]
    with pytest.raises(CommandError, match="restore them from a backup"):
        call_command("check_storage")
    assert f"  missing {gone.file.name}" in capsys.readouterr().out


def test_the_part_of_an_upload_a_killed_server_left_is_swept_once_no_upload_could_own_it(
    settings, tmp_path
):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    # Django's own temporary file for an upload's body, as its upload handler makes it while
    # the body arrives; a killed server never closes it, so it stays.
    arriving = TemporaryUploadedFile("informe.pdf", "application/pdf", 0, None)
    arriving.write(samples.pdf())
    arriving.flush()
    part = Path(arriving.temporary_file_path())
    assert part.parent == tmp_path
    written = datetime.datetime.fromtimestamp(part.stat().st_mtime, datetime.UTC)
    # It may still be arriving.
    assert f"uploads/{part.name}" not in orphans_remove(now=written + ORPHAN_GRACE / 2)
    assert part.exists()
    removed = orphans_remove(now=written + ORPHAN_GRACE + datetime.timedelta(seconds=1))
    assert f"uploads/{part.name}" in removed
    assert not part.exists()
    arriving.close()  # as Django's would after a request: the file gone is no error
