"""Every record Puebla ships quotes its sources word for word.

After the shipped data is loaded (the RCM dataset, as every test starts with it, and the plans
`puebla setup` imports), every record of every model that carries provenance
(puebla.core.provenance) is read back from the database, and each line of its evidence must be
found in the seed files it names. One test lists every offender at once, so that a reviewer
sees the whole list, not the first mistake.
"""

import re

import pytest
from django.apps import apps

from puebla.core.provenance import Provenance
from puebla.planning import shipped
from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db

# Typographic quotes and apostrophes count as their plain forms: a quote copied from a
# rendering of the source may have either, and the words are what must match.
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(QUOTES)).strip()


def provenance_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Provenance) and not model._meta.abstract
    ]


def seed_text(names: list[str], cache: dict[str, str | None]) -> str | None:
    """The named seeds' text, normalised and joined; None when one of them does not exist."""
    texts = []
    for name in names:
        if name not in cache:
            path = SEEDS / name
            cache[name] = normalise(path.read_text(encoding="utf-8")) if path.is_file() else None
        if cache[name] is None:
            return None
        texts.append(cache[name])
    return " ".join(texts)


def offenders() -> list[str]:
    found, cache = [], {}
    for model in provenance_models():
        for record in model._base_manager.order_by("pk"):
            quotes = [line for line in record.evidence.splitlines() if line.strip()]
            names = record.source.split()
            if not quotes and not names:
                continue  # made in the intranet, not shipped: it claims no source
            where = f"{model._meta.label} {getattr(record, 'slug', record.pk)}"
            if not quotes or not names:
                found.append(f"{where}: has a source without evidence, or evidence without one")
                continue
            text = seed_text(names, cache)
            if text is None:
                found.append(f"{where}: names a seed that does not exist ({', '.join(names)})")
                continue
            found.extend(
                f"{where}: {quote!r} is not in {', '.join(names)}"
                for quote in quotes
                if normalise(quote) not in text
            )
    return found


def test_every_shipped_record_quotes_its_seeds_word_for_word():
    shipped.load()
    checked = {
        model._meta.label: model._base_manager.exclude(evidence="").count()
        for model in provenance_models()
    }
    # Every kind of shipped record is walked: the directory, meetings and who attended them,
    # documents, notices, and the plan's items.
    for label in (
        "directory.Fact",
        "directory.Organisation",
        "directory.Milestone",
        "meetings.Meeting",
        "meetings.Attendance",
        "documents.Document",
        "intranet.Notice",
        "planning.Plan",
        "planning.Item",
    ):
        assert checked[label] > 0, f"no shipped {label} was loaded"
    problems = offenders()
    assert not problems, "Evidence not found word for word in its seed:\n" + "\n".join(problems)


def test_a_misquoted_record_is_listed_with_its_quote():
    from puebla.directory.models import Fact

    fact = Fact.objects.get(slug="decisions-closed-door")
    fact.evidence = "The decisions of Vice-Ministers are adopted in public."
    fact.save()
    other = Fact.objects.get(slug="full-name")
    other.source = "999_0000000000000000.txt"
    other.save()
    problems = offenders()
    assert any("decisions-closed-door" in line and "adopted in public" in line for line in problems)
    assert any("full-name" in line and "does not exist" in line for line in problems)
