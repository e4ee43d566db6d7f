"""The search thesaurus Puebla ships (puebla/rcm/thesaurus.yaml), loaded with the RCM dataset.

Each pair quotes where each of its terms comes from: a seed document (`seed:` its file name,
the quote found word for word in it by tests/search/test_thesaurus_data.py) or a named public
source (`name:` and `url:`, for the Spanish the seeds do not give). A pair may cite several
sources; every language needs one. Each quote must contain its term as a query would find it
(contiguous words, by stems); a term put together from two sources (no source gives it whole)
must say so in its `note`, and each of its words must still be quoted.

The generic loader (puebla.core.datasets) takes a seed-only `source`; a pair's sources are
richer, so this module loads a pair itself (`load_pair`), with the same all-or-nothing load.
"""

from typing import Any

from django.core.exceptions import ValidationError

from puebla.core.datasets import SEED_FILE_NAME, DatasetFile
from puebla.search.thesaurus import term_in_text, words_in_text
from puebla.search.thesaurus_models import ThesaurusPair, term_key

LANGUAGES = ("es", "en")
PAIR_KEYS = {"es", "en", "sources", "note"}
SOURCE_KEYS = {"language", "seed", "name", "url", "quote"}


def source_line(source: dict) -> str:
    """One source as the `source` field shows it."""
    seed = source.get("seed")
    where = f"seed {seed}" if seed else f"{source['name']}, {source['url']}"
    return f'{source["language"]} — {where}: "{source["quote"]}"'


def pair_problems(raw: Any) -> list[str]:
    """What is wrong with a pair as written in the file (empty when nothing is)."""
    if not isinstance(raw, dict):
        return ["must be a mapping with es, en and sources"]
    problems = [
        f"'{key}' is not a field of a pair" for key in sorted(set(raw) - PAIR_KEYS, key=str)
    ]
    terms = {language: raw.get(language) for language in LANGUAGES}
    for language, term in terms.items():
        if not isinstance(term, str) or not term.strip():
            problems.append(f"'{language}' must give the term in that language")
    if "note" in raw and not isinstance(raw["note"], str):
        problems.append("'note' must be text")
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources:
        return [*problems, "'sources' must list where each term comes from"]
    for number, source in enumerate(sources, start=1):
        problems += [f"source {number}: {problem}" for problem in _source_problems(source)]
    if problems:
        return problems
    for language, term in terms.items():
        quotes = [source["quote"] for source in sources if source["language"] == language]
        if not quotes:
            problems.append(f"no source gives the {language} term {term!r}")
        elif not any(term_in_text(term, quote, language) for quote in quotes):
            if not raw.get("note", "").strip():
                problems.append(
                    f"no quote contains the {language} term {term!r}: quote it, or say in "
                    "'note' how it is put together"
                )
            elif not words_in_text(term, quotes, language):
                problems.append(f"the {language} quotes do not give every word of {term!r}")
    return problems


def _source_problems(source: Any) -> list[str]:
    if not isinstance(source, dict):
        return ["must be a mapping"]
    problems = [
        f"'{key}' is not a field of a source" for key in sorted(set(source) - SOURCE_KEYS, key=str)
    ]
    if source.get("language") not in LANGUAGES:
        problems.append("'language' must be es or en")
    quote = source.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        problems.append("'quote' must quote the term in its context")
    if "seed" in source:
        if not isinstance(source["seed"], str) or not SEED_FILE_NAME.match(source["seed"]):
            problems.append("'seed' must name a seed file")
    else:
        name, url = source.get("name"), source.get("url")
        if not isinstance(name, str) or not name.strip():
            problems.append("a source other than a seed must be named ('name')")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            problems.append("a source other than a seed must give its web address ('url')")
    return problems


def load_pair(raw: Any) -> tuple[type[ThesaurusPair], str]:
    """Create or update the pair `raw` describes; ValidationError when it is not right."""
    problems = pair_problems(raw)
    if problems:
        raise ValidationError(problems)
    values = {
        "term_es": raw["es"].strip(),
        "term_en": raw["en"].strip(),
        "source": "\n".join(source_line(source) for source in raw["sources"]),
        "note": raw.get("note", "").strip(),
    }
    pair = ThesaurusPair.objects.filter(
        key_es=term_key(values["term_es"]), key_en=term_key(values["term_en"])
    ).first()
    if pair is not None and all(getattr(pair, name) == value for name, value in values.items()):
        return ThesaurusPair, "unchanged"
    outcome = "created" if pair is None else "updated"
    pair = pair or ThesaurusPair()
    for name, value in values.items():
        setattr(pair, name, value)
    pair.full_clean()
    pair._change_reason = "Loaded from the RCM dataset (thesaurus.yaml)"
    pair.save()
    return ThesaurusPair, outcome


FILES = [DatasetFile("thesaurus.yaml", "pairs", load_record=load_pair)]
