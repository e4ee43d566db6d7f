"""The vocabulary of "Did you mean" follows the index: the words of titles and texts, as the
records write them, counted in index rows; lookups stay quick at 50,000 words."""

import random
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from puebla.search import services, vocabulary
from puebla.search.editdistance import distance
from puebla.search.models import Word
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def counts(*folded):
    return {
        (word.language, word.folded): (word.written, word.entries)
        for word in Word.objects.filter(folded__in=folded)
    }


def test_the_words_of_titles_and_texts_are_counted_with_their_accents():
    make_meeting(
        slug="a", title_es="Tráfico en Xolotlán", title_en="Xolotlan", description_es="Xolotlan."
    )
    make_meeting(slug="b", title_es="Xolotlán", title_en="Xolotlan smugglers")
    assert counts("xolotlan", "en") == {
        ("es", "xolotlan"): ("xolotlán", 2),  # the accented form, though one text has none
        ("en", "xolotlan"): ("xolotlan", 2),
    }  # "en", a stop word, is not a word worth suggesting


def test_a_record_changed_or_deleted_takes_its_words_with_it():
    meeting = make_meeting(slug="a", title_es="La zafra", title_en="Harvest")
    make_meeting(slug="b", title_es="Otra zafra", title_en="Harvest time")
    assert counts("zafra")[("es", "zafra")] == ("zafra", 2)
    meeting.title_es = "La cosecha"
    meeting.save()
    meeting.save()  # saved unchanged: counted once still
    assert counts("zafra", "cosecha") == {
        ("es", "zafra"): ("zafra", 1),
        ("es", "cosecha"): ("cosecha", 1),
    }
    meeting.delete()
    assert counts("zafra", "cosecha") == {("es", "zafra"): ("zafra", 1)}


def test_a_rebuild_gives_the_same_vocabulary():
    make_meeting(slug="a", title_es="Tráfico de migrantes", description_es="Tráfico y trata.")
    make_meeting(slug="b", title_es="Migrantes en tránsito", title_en="Migrants in transit")
    kept = sorted(Word.objects.values_list("language", "folded", "stem", "written", "entries"))
    Word.objects.all().delete()
    services.index_rebuild()
    assert (
        sorted(Word.objects.values_list("language", "folded", "stem", "written", "entries")) == kept
    )


def osa(first, second):
    """The textbook optimal string alignment distance, the whole table."""
    table = [[0] * (len(second) + 1) for _ in range(len(first) + 1)]
    for i in range(len(first) + 1):
        table[i][0] = i
    for j in range(len(second) + 1):
        table[0][j] = j
    for i in range(1, len(first) + 1):
        for j in range(1, len(second) + 1):
            table[i][j] = min(
                table[i - 1][j] + 1,
                table[i][j - 1] + 1,
                table[i - 1][j - 1] + (first[i - 1] != second[j - 1]),
            )
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


letters = st.text(alphabet="abcá", max_size=9)


@given(letters, letters, st.integers(min_value=0, max_value=3))
def test_the_banded_distance_is_the_textbook_one_up_to_its_limit(first, second, limit):
    assert distance(first, second, limit) == min(osa(first, second), limit + 1)


@given(
    st.text(alphabet="abcá", min_size=3, max_size=11),
    st.integers(min_value=1, max_value=2),
    st.randoms(use_true_random=False),
)
def test_the_candidates_hold_every_word_within_the_edits(word, edits, chance):
    """The letter-pair narrowing never loses a word within reach (its promise: a superset)."""
    typo = list(word)
    for _ in range(edits):
        at = chance.randrange(len(typo))
        what = chance.choice(["change", "add", "remove", "swap"])
        if what == "add":
            typo.insert(at, chance.choice("abcx"))
        elif what == "change":
            typo[at] = chance.choice("abcx")
        elif what == "remove" and len(typo) > 1:
            del typo[at]
        elif at < len(typo) - 1:
            typo[at], typo[at + 1] = typo[at + 1], typo[at]
    typo = "".join(typo)
    allowed = vocabulary.budget(typo)
    language = vocabulary._Language([("zzzz", "zzzz", 1), (word, word, 1)], frozenset())
    if allowed and distance(typo, word, allowed) <= allowed:
        assert 1 in language.candidates(typo, allowed)


def test_fifty_thousand_words():
    """At 50,000 words: loaded in one query, a typo corrected, and few words compared."""
    chance = random.Random(7)  # noqa: S311 (made-up words, the same on every run)
    syllables = "ma ci on tra fi co de la ra pro tec gra mi es ta do men te re so ri cu pa lo"
    syllables = syllables.split()
    made = set()
    while len(made) < 50_000:
        made.add("".join(chance.choice(syllables) for _ in range(chance.randint(2, 6))))
    made -= {"trafico"}
    rows = [("es", word, word, chance.randint(1, 50)) for word in made]
    rows.append(("es", "trafico", "tráfico", 100))
    vocabulary._add(rows)
    vocabulary.changed()
    started = time.perf_counter()
    found = vocabulary.nearest("trafiko", "es")
    took = time.perf_counter() - started
    assert found[0].written == "tráfico"
    assert took < 5  # about 0.1 s here (loading, indexing the lengths used, looking up)
    language = vocabulary._memory.current()["es"]
    compared = [
        len(language.candidates(word, vocabulary.budget(word)))
        for word in ("trafiko", "migracionez", "protecion")
    ]
    assert max(compared) < 1_000, compared  # of 50,000: the edit distance is computed for few
