"""Other phrasings of a query, from the search thesaurus (puebla.search.thesaurus_models).

The search parses a query per language and matches each language's rows with that language's
stems, so "trata de personas" misses the records that exist in English only. `alternatives()`
gives the query again with each thesaurus term it contains replaced by its counterpart in the
other language ("trafficking in persons guatemala"), for the search to look for as well.

Terms are found as contiguous words, compared by their Snowball stems in the term's own
language (puebla.search.text), so accents, capitals, plurals and other endings do not matter:
"Retornos Asistidos" contains the term "retorno asistido".

Every search asks, so a database query each time would be one more per search. Each process
keeps the pairs in memory (a few hundred short strings), loaded in one query and loaded again
when the shared cache's version says that some process saved or deleted a pair
(puebla.core.process_memory).
"""

import itertools
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save

from puebla.core.process_memory import SharedVersionMemory
from puebla.search.text import STEMMERS, WRITTEN_WORD, stem, words

VERSION_KEY = "puebla:thesaurus-version"
# A handful: each alternative is one more phrasing for the search to look for.
MOST_ALTERNATIVES = 4
# Words of a query looked at; a longer text keeps its tail as written.
MOST_WORDS = 40
MOST_CHOICES = 64


@dataclass(frozen=True)
class _Term:
    stems: tuple[str, ...]  # in the term's own language
    counterpart: str  # the other language's term, as written


class _Index:
    """The pairs, by language and first stem."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.terms: dict[str, dict[str, list[_Term]]] = {language: {} for language in STEMMERS}
        for term_es, term_en in pairs:
            self._add("es", term_es, term_en)
            self._add("en", term_en, term_es)
        for by_first in self.terms.values():
            for terms in by_first.values():
                # Longest first, then by counterpart: the order alternatives come out in.
                terms.sort(key=lambda term: (-len(term.stems), term.counterpart.casefold()))

    def _add(self, language: str, term: str, counterpart: str) -> None:
        stems = tuple(stem(word, language) for word in words(term))
        if stems and counterpart.strip():
            self.terms[language].setdefault(stems[0], []).append(
                _Term(stems, " ".join(counterpart.split()))
            )

    def matches_at(self, stems_by_language: dict[str, list[str]], position: int):
        """(length, counterparts) of the longest terms starting at `position`, or None."""
        found: dict[int, list[str]] = {}
        for language, stems in stems_by_language.items():
            for term in self.terms[language].get(stems[position], ()):
                length = len(term.stems)
                if tuple(stems[position : position + length]) == term.stems:
                    found.setdefault(length, []).append(term.counterpart)
        if not found:
            return None
        longest = max(found)
        return longest, list(dict.fromkeys(found[longest]))

    def __bool__(self):
        return any(self.terms.values())


_cache = SharedVersionMemory(VERSION_KEY, lambda: _load(), _Index([]))
# Look at the version at the next use, as each request does (tests that empty the cache).
recheck = _cache.recheck


def _load() -> _Index:
    from puebla.search.thesaurus_models import ThesaurusPair

    return _Index(list(ThesaurusPair.objects.order_by("pk").values_list("term_es", "term_en")))


def thesaurus_changed(**_kwargs) -> None:
    """Called once a pair is saved or deleted: every process loads the pairs again."""
    _cache.changed()


def connect() -> None:
    """Every save and delete of a pair, whoever makes it (the intranet, the dataset, the
    shell), changes the version."""
    from puebla.search.thesaurus_models import ThesaurusPair

    post_save.connect(thesaurus_changed, sender=ThesaurusPair, dispatch_uid="puebla-thesaurus")
    post_delete.connect(thesaurus_changed, sender=ThesaurusPair, dispatch_uid="puebla-thesaurus")


def _tokens(query: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) of the query's words as written, at most MOST_WORDS."""
    tokens = []
    for match in WRITTEN_WORD.finditer(query):
        for word in words(match.group()):
            tokens.append((match.start(), match.end(), word))
            if len(tokens) >= MOST_WORDS:
                return tokens
    return tokens


def alternatives(query: str) -> list[str]:
    """The other phrasings of `query`: each thesaurus term it contains (in either language)
    replaced by its counterpart, the rest as written. The longest term wins where terms
    overlap; a term with several counterparts gives several phrasings. At most
    MOST_ALTERNATIVES, in a fixed order; never `query` itself, and [] when it contains no
    term. Accepts any text and never raises."""
    if not isinstance(query, str) or not query.strip():
        return []
    index = _cache.current()
    if not index:
        return []
    tokens = _tokens(query)
    if not tokens:
        return []
    stems_by_language = {
        language: [stem(word, language) for _start, _end, word in tokens] for language in STEMMERS
    }
    # Segments of the query: text kept as written, or a term's counterparts to choose from.
    segments: list[list[str]] = []
    written_from = position = 0
    while position < len(tokens):
        match = index.matches_at(stems_by_language, position)
        if match is None:
            position += 1
            continue
        length, counterparts = match
        start, end = tokens[position][0], tokens[position + length - 1][1]
        segments.append([query[written_from:start]])
        segments.append(counterparts)
        written_from, position = end, position + length
    if len(segments) == 0:
        return []
    segments.append([query[written_from:]])
    original = words(query)
    found = []
    # A term can give back the query's own words (a Spanish word read as the English term
    # it also stems like): such choices are skipped, so the choices looked at are bounded.
    for choice in itertools.islice(itertools.product(*segments), MOST_CHOICES):
        phrasing = " ".join("".join(choice).split())
        if phrasing and words(phrasing) != original and phrasing not in found:
            found.append(phrasing)
            if len(found) >= MOST_ALTERNATIVES:
                break
    return found


def term_in_text(term: str, text: str, language: str) -> bool:
    """Whether `text` contains `term` as contiguous words, compared by their stems in
    `language` (as a query finds it)."""
    wanted = [stem(word, language) for word in words(term)]
    found = [stem(word, language) for word in words(text)]
    if not wanted:
        return False
    return any(
        found[start : start + len(wanted)] == wanted
        for start in range(len(found) - len(wanted) + 1)
    )


def words_in_text(term: str, texts: list[str], language: str) -> bool:
    """Whether every word of `term` is in one of `texts` (by stems in `language`)."""
    found = {stem(word, language) for text in texts for word in words(text)}
    return all(stem(word, language) in found for word in words(term))
