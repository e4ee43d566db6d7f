"""The shipped thesaurus (puebla/rcm/thesaurus.yaml): loaded with the RCM dataset, every pair
with a source for each of its terms, every quote from a seed found word for word in it, and a
second load changes nothing."""

import re

import pytest
import yaml
from django.core.management import call_command

from puebla import rcm
from puebla.core.datasets import DatasetError, load_dataset
from puebla.search import dataset
from puebla.search.thesaurus_models import ThesaurusPair, term_key
from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db

QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(QUOTES)).strip()


def shipped_pairs() -> list[dict]:
    return yaml.safe_load((rcm.FOLDER / "thesaurus.yaml").read_text(encoding="utf-8"))["pairs"]


def test_at_least_sixty_pairs_are_shipped_and_loaded_each_with_its_source():
    pairs = shipped_pairs()
    assert len(pairs) >= 60
    for pair in pairs:
        assert not dataset.pair_problems(pair), pair["es"]
    loaded = {(p.key_es, p.key_en): p for p in ThesaurusPair.objects.all()}
    for pair in pairs:
        record = loaded[(term_key(pair["es"]), term_key(pair["en"]))]
        assert record.term_es == pair["es"] and record.term_en == pair["en"]
        for source in pair["sources"]:
            assert source["quote"] in record.source
        assert record.source.count("\n") == len(pair["sources"]) - 1


def test_every_quote_from_a_seed_is_in_that_seed_word_for_word():
    seeds = {}
    missing = []
    for pair in shipped_pairs():
        for source in pair["sources"]:
            if "seed" not in source:
                assert source["url"].startswith(("https://", "http://")) and source["name"]
                continue
            name = source["seed"]
            if name not in seeds:
                seeds[name] = normalise((SEEDS / name).read_text(encoding="utf-8"))
            if normalise(source["quote"]) not in seeds[name]:
                missing.append(f"{pair['es']}: {source['quote']!r} is not in {name}")
    assert not missing, "\n".join(missing)


def test_a_term_no_source_gives_whole_says_so_in_its_note():
    for pair in shipped_pairs():
        for language in ("es", "en"):
            quotes = [s["quote"] for s in pair["sources"] if s["language"] == language]
            if not any(dataset.term_in_text(pair[language], q, language) for q in quotes):
                assert pair.get("note"), pair[language]


def test_loading_again_changes_nothing():
    before = list(ThesaurusPair.objects.order_by("pk").values())
    call_command("load_rcm", verbosity=0)
    assert list(ThesaurusPair.objects.order_by("pk").values()) == before


@pytest.mark.parametrize(
    ("pair", "problem"),
    [
        ({"es": "movilidad", "en": "mobility", "sources": []}, "'sources' must list"),
        (
            {
                "es": "movilidad",
                "en": "mobility",
                "sources": [
                    {"language": "es", "seed": "000_190f8ec4f9cce0c1.txt", "quote": "movilidad"}
                ],
            },
            "no source gives the en term",
        ),
        (
            {
                "es": "movilidad",
                "en": "mobility",
                "sources": [
                    {
                        "language": "es",
                        "name": "A glossary",
                        "url": "example.org",
                        "quote": "movilidad",
                    },
                    {"language": "en", "seed": "000_190f8ec4f9cce0c1.txt", "quote": "mobility"},
                ],
            },
            "give its web address ('url')",
        ),
        (
            {
                "es": "movilidad",
                "en": "mobility",
                "sources": [
                    {"language": "es", "seed": "000_190f8ec4f9cce0c1.txt", "quote": "migración"},
                    {"language": "en", "seed": "000_190f8ec4f9cce0c1.txt", "quote": "mobility"},
                ],
            },
            "no quote contains the es term",
        ),
    ],
)
def test_a_pair_without_its_sources_stops_the_load_and_writes_nothing(tmp_path, pair, problem):
    (tmp_path / "thesaurus.yaml").write_text(yaml.safe_dump({"pairs": [pair]}), encoding="utf-8")
    before = ThesaurusPair.objects.count()
    with pytest.raises(DatasetError) as raised:
        load_dataset(tmp_path, dataset.FILES)
    assert problem in str(raised.value)
    assert ThesaurusPair.objects.count() == before
