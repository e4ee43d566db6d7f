"""The search index: derived data, rebuilt at will (`manage.py search_reindex`), never the
source of a record or of who may see it.

One row per record per language. Each row carries a copy of its record's audience (the access
model's audience, country and bodies: puebla.core.access.carried_audience), kept current by the
same signals that keep its text current, so that a search decides who may find a row from that
copy (puebla.search.columns, which asks puebla.core.access.would_see once per distinct copy)
rather than by asking every kind's records; tests/search/test_visibility.py proves the two
agree. A restricted record's title is stored here but never leaves the database for someone
who may not see it.

The same on every database: `title_terms` and `text_terms` hold the row's folded, stemmed
words (puebla.search.text), which each process reads into memory to match queries
(puebla.search.postings). Until migration 0010 the databases' own full-text indexes did that
(FTS5 tables on SQLite, a table of text search vectors on PostgreSQL).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The thesaurus has its own module; Django finds an app's models in models.py.
from puebla.search.thesaurus_models import ThesaurusPair  # noqa: F401


class Entry(models.Model):
    kind = models.CharField(_("kind"), max_length=60)
    record_id = models.PositiveBigIntegerField(_("record"))
    language = models.CharField(_("language of the text"), max_length=8)
    title = models.TextField(_("title"), blank=True)
    text = models.TextField(_("text"), blank=True)
    # Filters, the same on every language's row of a record.
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # The sources imply the year without stating it: the year facet says so. Nullable (empty
    # reads as "no") so that SQLite added the column in place, without rebuilding the table
    # (which dropped the triggers of the full-text indexes it had until migration 0010).
    year_inferred = models.BooleanField(_("year inferred"), null=True, blank=True)
    body = models.ForeignKey(
        "directory.Body",
        verbose_name=_("body"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    theme = models.CharField(_("theme"), max_length=60, blank=True)
    # Who may find the record: a copy of its audience (puebla.core.access.carried_audience).
    # Nullable so that SQLite adds the columns in place (see year_inferred); a row without an
    # audience is found by the secretariat only.
    audience = models.CharField(_("audience"), max_length=20, null=True, blank=True)  # noqa: DJ001
    audience_country_id = models.PositiveBigIntegerField(_("country"), null=True, blank=True)
    audience_body_ids = models.TextField(_("bodies"), null=True, blank=True)  # noqa: DJ001
    # The languages the record is available in: "es", "en" or "es_en".
    record_languages = models.CharField(_("available in"), max_length=20, blank=True)
    # The title's and the text's terms (puebla.search.matching.prepare), which the search reads
    # into memory (puebla.search.postings).
    title_terms = models.TextField(blank=True, editable=False)
    text_terms = models.TextField(blank=True, editable=False)

    class Meta:
        db_table = "search_entry"
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_id", "language"], name="search_entry_one_per_language"
            ),
        ]

    def __str__(self):
        return f"{self.kind}:{self.record_id}:{self.language}"


class Word(models.Model):
    """A word of the index's titles and texts, for "Did you mean": how it folds, how the records
    write it, and in how many index rows of its language it is (to prefer frequent words).

    Kept by puebla/search/services.py with the index (puebla/search/vocabulary.py). Like the
    index, it holds words of records some readers may not see: a suggestion is offered only
    once a search *as the reader* finds something with it (puebla/search/suggestions.py).
    """

    language = models.CharField(_("language"), max_length=8)
    folded = models.CharField(_("folded word"), max_length=40)
    # Its Snowball stem in the language: a query word whose stem some word has is not misspelt.
    stem = models.CharField(_("stem"), max_length=40)
    written = models.CharField(_("written form"), max_length=80)
    entries = models.PositiveIntegerField(_("index rows"), default=0)

    class Meta:
        db_table = "search_word"
        verbose_name = _("word of the index")
        verbose_name_plural = _("words of the index")
        constraints = [
            models.UniqueConstraint(fields=["language", "folded"], name="search_word_once"),
        ]

    def __str__(self):
        return f"{self.language}:{self.written}"
