"""Reading a stored file's text (extraction.py), and what to record when it cannot be read."""

import logging
import shutil
import tempfile

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from puebla.accounts.models import User
from puebla.core.mail import mail_queue, subject_prefixed
from puebla.documents import extraction
from puebla.documents.models import Document, DocumentFile
from puebla.search.services import index_record

logger = logging.getLogger(__name__)


def file_text_read(file_id: int) -> str:
    """Read the file's text into its row; returns the state it ends in. A file that cannot be
    read stays stored and downloadable; its state and reason show to the secretariat."""
    stored = DocumentFile.objects.filter(pk=file_id).first()
    if stored is None:
        return "gone"
    if stored.extension not in extraction.READERS:
        _record(file_id, state=DocumentFile.TextState.NONE)
        return DocumentFile.TextState.NONE
    try:
        with (
            stored.file.open("rb") as source,
            tempfile.NamedTemporaryFile(suffix=f".{stored.extension}") as copy,
        ):
            shutil.copyfileobj(source, copy)  # the storage may not be a local folder
            copy.flush()
            text = extraction.read_text(stored.extension, copy.name)
    except extraction.Unreadable as problem:
        logger.warning("document file %s: text unreadable (%s)", file_id, problem)
        with transaction.atomic():
            _record(file_id, state=DocumentFile.TextState.UNREADABLE, problem=str(problem))
            _tell_the_secretariat(stored)
        return DocumentFile.TextState.UNREADABLE
    _record(file_id, state=DocumentFile.TextState.READ, text=text)
    index_record(Document.objects.get(pk=stored.document_id))  # its text is now searchable
    return DocumentFile.TextState.READ


def _tell_the_secretariat(stored: DocumentFile) -> None:
    """Mail each secretariat account, in its language: the file is kept but search will not
    find its text, and the upload page says why."""
    for address, language in User.objects.secretariat().addresses().items():
        with translation.override(language):
            mail_queue(
                to=[address],
                subject=subject_prefixed(
                    _("A file's text could not be read: %(document)s")
                    % {"document": stored.document}
                ),
                body=render_to_string(
                    "documents/email/unreadable.txt",
                    {
                        "stored": stored,
                        "link": settings.SITE_URL
                        + reverse("documents:upload", args=[stored.document.slug]),
                    },
                ),
            )


def _record(file_id: int, *, state: str, text: str = "", problem: str = "") -> None:
    # Derived data, not an edit: no history row (update() bypasses simple-history).
    DocumentFile.objects.filter(pk=file_id).update(
        text_state=state, text=text, text_problem=problem[:300]
    )
