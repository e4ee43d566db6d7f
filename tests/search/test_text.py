"""Folding and stemming (puebla.search.text): the terms both backends look for."""

from hypothesis import given
from hypothesis import strategies as st

from puebla.search import text

# Any text at all: every Unicode category, control characters, emoji and lone surrogates.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)


@given(any_text)
def test_folding_is_idempotent(value):
    once = text.fold(value)
    assert text.fold(once) == once


@given(any_text, st.sampled_from(["es", "en"]))
def test_never_raises_on_any_text(value, language):
    text.terms(value, language)
    text.query_terms(value, language)
    text.normalize(value)
    list(text.written_words(value))


@given(st.text(max_size=200), st.sampled_from(["es", "en"]))
def test_terms_are_folded_words(value, language):
    for term in text.terms(value, language):
        assert term
        assert term == text.fold(term)
        assert " " not in term


def test_accents_and_the_tilde_do_not_matter():
    assert text.terms("migración", "es") == text.terms("migracion", "es")
    assert text.terms("MIGRACIÓN", "es") == text.terms("migracion", "es")
    assert text.terms("niños", "es") == text.terms("ninos", "es")
    assert text.fold("Año Migración Ü") == "ano migracion u"


def test_a_decomposed_accent_is_folded_like_a_composed_one():
    assert text.terms("migracio\u0301n", "es") == text.terms("migración", "es")


def test_spanish_plurals_and_endings_share_a_stem():
    assert text.terms("migrantes", "es") == text.terms("migrante", "es")
    assert text.terms("políticas", "es") == text.terms("política", "es")
    assert text.terms("jornaleros agrícolas", "es") == text.terms("jornalero agricola", "es")


def test_english_endings_share_a_stem():
    assert text.terms("returns", "en") == ["return"]
    assert text.terms("harvesting harvests", "en") == ["harvest", "harvest"]


def test_emoji_punctuation_and_control_characters_are_not_words():
    assert text.words("🇨🇷 migración\x00—\x1f¡sí! a_b") == ["migracion", "si", "a", "b"]


def test_a_query_leaves_out_stop_words_as_postgresql_does():
    assert text.query_terms("la migración de los niños", "es") == ["migracion", "nin"]
    assert text.query_terms("the returns of migrants", "en") == ["return", "migrant"]
    assert text.query_terms("de la", "es") == []
    # "más" folds to "mas", which PostgreSQL's list (holding "más") does not stop either.
    assert text.query_terms("más", "es") == ["mas"]


def test_a_query_counts_each_word_once_and_a_few_words_at_most():
    assert text.query_terms("migración migraciones MIGRACIÓN", "es") == ["migracion"]
    many = " ".join(f"palabra{number}" for number in range(50))
    assert len(text.query_terms(many, "es")) == text.MOST_QUERY_TERMS


def test_written_words_keep_their_accents_in_place():
    value = "Políticas de migracio\u0301n"
    assert [value[start:end] for start, end in text.written_words(value)] == [
        "Políticas",
        "de",
        "migracio\u0301n",
    ]


def test_normalize_drops_control_characters_but_not_line_breaks():
    assert text.normalize("a\x00b\x7f\tc\nd") == "ab\tc\nd"
