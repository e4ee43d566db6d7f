"""Demo mode's sample documents (puebla/rcm/demo_documents.yaml), made through the services
as a person would make them, with their files: idempotent, so every `make run` may call it."""

from pathlib import Path

import yaml
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from puebla.directory.models import Body, Country
from puebla.documents import services
from puebla.documents.models import Document
from puebla.documents.sample_files import docx_with_text, pdf_with_text

SAMPLES = Path(settings.RCM_DATASET_DIR) / "demo_documents.yaml"


@transaction.atomic
def demo_documents_ensure(*, by) -> int:
    """Create the sample documents not there yet; returns how many were made."""
    made = 0
    for sample in yaml.safe_load(SAMPLES.read_text(encoding="utf-8"))["documents"]:
        if Document.objects.filter(slug=sample["slug"]).exists():
            continue
        fields = {
            "slug": sample["slug"],
            "kind": sample["kind"],
            "audience": sample["audience"],
            "title_es": sample["title"]["es"],
            "title_en": sample["title"]["en"],
            "source": sample["source"],
            "evidence": sample["evidence"],
        }
        if "audience_country" in sample:
            fields["audience_country"] = Country.objects.get(iso_code=sample["audience_country"])
        if "body" in sample:
            fields["body"] = Body.objects.get(slug=sample["body"])
        bodies = Body.objects.filter(slug__in=sample.get("audience_bodies", []))
        document = services.document_create(fields=fields, bodies=bodies, by=by)
        files = {
            "es": ("ejemplo.pdf", pdf_with_text(sample["text"]["es"])),
            "en": ("sample.docx", docx_with_text(sample["text"]["en"])),
        }
        for language, (name, content) in files.items():
            services.file_load(
                document=document, language=language, upload=SimpleUploadedFile(name, content)
            )
        made += 1
    return made
