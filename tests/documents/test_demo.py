"""Demo mode's sample documents: one per audience, each with a Spanish PDF and an English
Word file whose text is read; made once; each text restates a fact of the seed it quotes."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from puebla.documents.models import Document, DocumentFile
from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db


def test_samples_are_made_once_with_their_files_and_text(
    settings, django_capture_on_commit_callbacks
):
    settings.DEMO_MODE = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_documents", stdout=open("/dev/null", "w"))  # noqa: SIM115
    samples = Document.objects.filter(slug__startswith="sample-")
    assert sorted(samples.values_list("audience", flat=True)) == sorted(
        ["public", "participants", "observers", "members", "body", "country", "secretariat"]
    )
    files = DocumentFile.objects.filter(document__in=samples)
    assert sorted(set(files.values_list("extension", flat=True))) == ["docx", "pdf"]
    assert set(files.values_list("text_state", flat=True)) == {"read"}
    comparative = files.get(document__slug="sample-comparative-matrix", language="es")
    assert "matriz comparativa" in comparative.text
    call_command("demo_documents", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Document.objects.filter(slug__startswith="sample-").count() == 7


def test_samples_respect_the_access_model(client, sign_in, settings):
    settings.DEMO_MODE = True
    call_command("demo_documents", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with translation.override("en"):
        library = reverse("documents:library")
    page = client.get(library).content.decode()
    assert "Sample: the RCM&#x27;s two sites" in page
    assert "Sample: input for the comparative matrix" not in page
    sign_in("official_a")
    page = client.get(library).content.decode()
    assert "Sample: input for the comparative matrix" in page
    assert "Sample: work plan of the Consular Network" not in page


def test_samples_exist_only_in_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="only in demo mode"):
        call_command("demo_documents")


def test_each_sample_quotes_the_seed_it_cites():
    samples = yaml.safe_load(
        (Path(settings.RCM_DATASET_DIR) / "demo_documents.yaml").read_text(encoding="utf-8")
    )["documents"]
    for sample in samples:
        seed = (SEEDS / sample["source"]).read_text(encoding="utf-8")
        assert " ".join(sample["evidence"].split()) in " ".join(seed.split()), sample["slug"]
