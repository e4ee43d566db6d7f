"""Files attached to a case: the documents app's upload rules (type from the content, size
limit), and the content encrypted in storage with the fund's key, so that a copy of the files
folder or bucket, like a database dump, holds no personal data in clear.

Files live in the documents' private storage (no public URL) under `fund/`, with a random
name; the person's own file name is an encrypted column. The download view (part B) reads
them through `case_file_content` and writes the access log.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core.access import is_fund_officer
from puebla.documents.services import check_upload
from puebla.fund import crypto
from puebla.fund.locking import locked_case
from puebla.fund.models import CaseFile, State
from puebla.fund.permissions import acts_for_requester

FOLDER = "fund"
# Files can be added until the case ends.
OPEN_STATES = (
    State.DRAFT,
    State.SUBMITTED,
    State.UNDER_REVIEW,
    State.APPROVED,
    State.DISBURSED,
    State.RETURN_CONFIRMED,
)


def storage():
    return storages["documents"]


@transaction.atomic
def case_file_add(*, case, by, upload) -> CaseFile:
    """Attach `upload` (an uploaded file) to `case`: the requesting body or a fund officer,
    while the case is open; accepted types only, within DOCUMENT_MAX_BYTES."""
    locked = locked_case(case)
    if not (is_fund_officer(by) or acts_for_requester(by, locked)):
        raise ValidationError(_("Only the requesting body or a fund officer can add files."))
    if locked.state not in OPEN_STATES or locked.erased_at:
        raise ValidationError(_("Files can no longer be added to this case."))
    try:  # the repository's checks: not empty, within DOCUMENT_MAX_BYTES, an accepted type
        kind = check_upload(upload)
    except ValidationError as refused:
        raise ValidationError({"upload": refused.messages}) from None
    data = upload.read()
    stored_name = storage().save(
        f"{FOLDER}/{uuid.uuid4().hex}", ContentFile(crypto.encrypt_bytes(data))
    )
    # Were the transaction to fail from here, the stored object would stay behind, encrypted
    # and named by nothing: unreadable without a row, and never served.
    return CaseFile.objects.create(
        case=locked,
        stored_name=stored_name,
        name=(upload.name or kind.extension)[:200],
        content_type=kind.mime,
        size=len(data),
        uploaded_by=by,
        uploaded_at=timezone.now(),
    )


def case_file_content(*, case_file: CaseFile) -> bytes:
    """The file's content in clear (the caller checked access and logs the download)."""
    with storage().open(case_file.stored_name, "rb") as stored:
        return crypto.decrypt_bytes(stored.read())


def case_files_delete(*, case) -> int:
    """Remove a case's files, stored objects and rows (erasure). Returns how many."""
    files = list(CaseFile.objects.filter(case=case))
    for case_file in files:
        name = case_file.stored_name
        transaction.on_commit(lambda name=name: storage().delete(name))
    CaseFile.objects.filter(pk__in=[case_file.pk for case_file in files]).delete()
    return len(files)


def case_file_reencrypt(*, case_file: CaseFile) -> None:
    """Encrypt a stored file again with the newest key (key rotation)."""
    with storage().open(case_file.stored_name, "rb") as stored:
        token = stored.read()
    rotated = crypto.fernet().rotate(token)
    if rotated != token:
        # A new object first, the row pointed at it, the old object gone only after commit:
        # a failure on the way leaves the file readable under one name or the other.
        old_name = case_file.stored_name
        case_file.stored_name = storage().save(f"{FOLDER}/{uuid.uuid4().hex}", ContentFile(rotated))
        case_file.save(update_fields=["stored_name"])
        transaction.on_commit(lambda: storage().delete(old_name))
