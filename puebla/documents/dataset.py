"""How the documents' dataset file maps onto its model (see puebla.core.datasets).

The documents are the publications the seeds name: metadata only, no files (the document page
says Puebla holds none). Loaded after the directory and the meetings, which they name.
"""

from puebla.core.datasets import DatasetFile, Kind, Ref, Spec
from puebla.directory.models import Body
from puebla.documents.models import Document
from puebla.meetings.models import Meeting

DOCUMENTS = Spec(
    model=Document,
    key=("slug",),
    fields={
        "slug": Kind.TEXT,
        "kind": Kind.TEXT,
        "title": Kind.TRANSLATED,
        "summary": Kind.TRANSLATED,
        "year": Kind.INTEGER,
        "date": Kind.DATE,
        "body": Ref(Body, "slug"),
        "meeting": Ref(Meeting, "slug"),
        "theme": Kind.TEXT,
        "audience": Kind.TEXT,
    },
    required=frozenset({"slug", "kind", "title", "audience"}),
    # The meeting, the date and the Plan of Action theme are not written the way the seeds
    # write them: tests/documents/test_dataset.py checks them against the evidence.
    stated=frozenset({"title", "year", "body"}),
)

FILES = [DatasetFile("documents.yaml", "documents", DOCUMENTS)]
