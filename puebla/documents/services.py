"""Writes to the document repository (DESIGN.md §5): keyword-only, validated, atomic.

A refused or failed upload leaves the document and its files exactly as they were: the file
is checked before anything is written, stored under a new name before the row is made, and
removed again if the row is not. A stored file is deleted only after the transaction that
stops using it commits. Reading a file's text for search is a job, after commit (tasks.py).
"""

import hashlib
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.documents import filetypes
from puebla.documents.models import Document, DocumentFile, stored_name

CHUNK = 1024 * 1024


@transaction.atomic
def document_create(*, fields: dict[str, Any], bodies: Iterable = (), by) -> Document:
    """A new document, written by `by` (who must be able to edit it: the secretariat, or an
    editor of its body); in a folder, it takes the folder's audience unless one is given."""
    folder = fields.get("folder")
    if folder is not None and "audience" not in fields:
        fields = fields | {
            "audience": folder.audience,
            "audience_country": folder.audience_country,
        }
        bodies = bodies or list(folder.audience_bodies.all())
    document = Document(**fields)
    document.full_clean()
    document._history_user = by
    document.save()
    document.audience_bodies.set(bodies)
    access.refuse_unless_editable(by, document)
    return document


@transaction.atomic
def document_update(
    *, document: Document, changes: dict[str, Any], bodies: Iterable | None = None, by
) -> Document:
    """Change a document; `by` must be able to edit it before and after the change."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    access.refuse_unless_editable(by, locked)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked._history_user = by
    locked.save()
    if bodies is not None:
        locked.audience_bodies.set(bodies)
    access.refuse_unless_editable(by, locked)
    return locked


def file_upload(*, document: Document, language: str, upload, by) -> DocumentFile:
    """Store `upload` (a Django UploadedFile) as the newest version of the document's file in
    `language`. Raises ValidationError, having written nothing, when it is refused."""
    if not access.can_edit(by, document):
        raise ValidationError(_("You may not add files to this document."))
    return _checked_store(document=document, language=language, upload=upload, by=by)


def file_load(*, document: Document, language: str, upload) -> DocumentFile:
    """As file_upload, for Puebla's own loaders (demo mode's samples): no person adds it, so
    no person's rights are checked; the file is checked all the same."""
    return _checked_store(document=document, language=language, upload=upload, by=None)


def _checked_store(*, document, language, upload, by) -> DocumentFile:
    kind = check_upload(upload)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return _store(
        document=document,
        language=language,
        content=upload,
        original_name=upload.name,
        kind=kind,
        size=upload.size,
        sha256=digest.hexdigest(),
        by=by,
    )


def file_restore(*, version: DocumentFile, by) -> DocumentFile:
    """Make an older version the newest again: a new version with the same content, so the
    history stays a straight line and nothing is lost."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat restores older versions."))
    with version.file.open("rb") as stored:
        content = ContentFile(stored.read())
    kind = filetypes.identify_bytes(content.read())
    content.seek(0)
    return _store(
        document=version.document,
        language=version.language,
        content=content,
        original_name=version.original_name,
        kind=kind,
        size=version.size,
        sha256=version.sha256,
        by=by,
        restored_from=version,
    )


def check_upload(upload) -> filetypes.FileType:
    """The accepted type of `upload`, or a ValidationError saying what is wrong."""
    if not upload.size:
        raise ValidationError(_("The file is empty. Choose the file again."))
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB. Make it smaller, or split it.")
            % {"limit": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(4096)
    try:
        return filetypes.identify(head, upload)
    except filetypes.Refused as refused:
        raise ValidationError(str(refused)) from refused
    finally:
        upload.seek(0)


def _store(
    *, document, language, content, original_name, kind, size, sha256, by, restored_from=None
):
    storage = DocumentFile._meta.get_field("file").storage
    name = storage.save(stored_name(None, f"x.{kind.extension}"), content)
    try:
        with transaction.atomic():
            Document.objects.select_for_update().get(pk=document.pk)  # one version number at a time
            latest = DocumentFile.objects.filter(document=document, language=language).aggregate(
                Max("version")
            )["version__max"]
            made = DocumentFile(
                document=document,
                language=language,
                version=(latest or 0) + 1,
                file=name,
                original_name=original_name[:255],
                extension=kind.extension,
                mime=kind.mime,
                size=size,
                sha256=sha256,
                uploaded_by=by,
                restored_from=restored_from,
            )
            made.full_clean()
            made._history_user = by
            made.save()
            transaction.on_commit(lambda: _read_text_later(made.pk))
    except BaseException:
        storage.delete(name)  # the row was not made: the file must not stay behind
        raise
    return made


def _read_text_later(file_id: int) -> None:
    from puebla.documents.tasks import read_text  # the task module imports this one

    read_text(file_id)
