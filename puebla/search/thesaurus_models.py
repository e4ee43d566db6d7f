"""The search thesaurus: pairs of a Spanish and an English term that say the same thing, so a
query in one language also looks for the other's words (puebla.search.thesaurus).

A pair is data, not code: the RCM's terms are shipped in puebla/rcm/thesaurus.yaml, each side
quoted from a seed or from a named public glossary (`source`), and the Technical Secretariat
adds and corrects pairs in the intranet. Terms are compared folded (case and accents) word by
word, so "Trata de Personas" and "trata de personas" are the same term.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from puebla.search.text import words

# A term is a name or a phrase ("niñas, niños y adolescentes migrantes no acompañados"), not
# a sentence: more words would never be typed whole, so would never match.
MOST_TERM_WORDS = 10
TERM_LENGTH = 200
EMPTY_TERM = _("Write the term: it is empty.")


def term_key(term: str) -> str:
    """The folded words of `term`, one space between them: how two terms are compared."""
    return " ".join(words(term or ""))


class ThesaurusPairQuerySet(models.QuerySet):
    def containing(self, text: str):
        """Pairs whose either term, or source, contains `text` (accents and case aside for
        the terms)."""
        text = (text or "").strip()
        if not text:
            return self
        key = term_key(text)
        condition = models.Q(source__icontains=text)
        if key:
            condition |= models.Q(key_es__contains=key) | models.Q(key_en__contains=key)
        return self.filter(condition)


class ThesaurusPair(models.Model):
    term_es = models.CharField(
        _("Spanish term"), max_length=TERM_LENGTH, error_messages={"blank": EMPTY_TERM}
    )
    term_en = models.CharField(
        _("English term"), max_length=TERM_LENGTH, error_messages={"blank": EMPTY_TERM}
    )
    source = models.TextField(
        _("source"),
        error_messages={
            "blank": _("Say where each term comes from: a seed document or a glossary.")
        },
        help_text=_(
            "Where each term comes from: the seed document or the public glossary (with its "
            "address), and a short quotation of each term as written there."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    # The folded terms (term_key), kept for the uniqueness rule and the list's search box.
    key_es = models.CharField(max_length=TERM_LENGTH * 2, editable=False)
    key_en = models.CharField(max_length=TERM_LENGTH * 2, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    objects = ThesaurusPairQuerySet.as_manager()

    class Meta:
        db_table = "search_thesaurus_pair"
        verbose_name = _("thesaurus pair")
        verbose_name_plural = _("thesaurus pairs")
        ordering = ["key_es", "key_en", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key_es", "key_en"], name="search_thesaurus_pair_unique_folded"
            ),
        ]

    def __str__(self):
        return f"{self.term_es} / {self.term_en}"

    def save(self, *args, **kwargs):
        self.set_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "key_es", "key_en"}
        super().save(*args, **kwargs)

    def set_keys(self) -> None:
        self.term_es = (self.term_es or "").strip()
        self.term_en = (self.term_en or "").strip()
        self.key_es = term_key(self.term_es)
        self.key_en = term_key(self.term_en)

    def clean(self):
        super().clean()
        self.set_keys()
        errors = {}
        for field, key in (("term_es", self.key_es), ("term_en", self.key_en)):
            if not getattr(self, field):
                continue  # clean_fields() says it is empty
            if not key:
                errors[field] = gettext("The term must contain at least one word.")
            elif len(key.split()) > MOST_TERM_WORDS:
                errors[field] = gettext(
                    "A term has at most %(count)s words: write the name or phrase a visitor "
                    "would type, not a sentence."
                ) % {"count": MOST_TERM_WORDS}
        if errors:
            raise ValidationError(errors)
        if not self.key_es or not self.key_en:
            return
        if self.key_es == self.key_en:
            raise ValidationError(
                {
                    "term_en": gettext(
                        "The two terms are the same word for word: a pair gives a term and its "
                        "translation."
                    )
                }
            )
        duplicate = (
            ThesaurusPair.objects.filter(key_es=self.key_es, key_en=self.key_en)
            .exclude(pk=self.pk)
            .exists()
        )
        if duplicate:
            raise ValidationError(
                {
                    "term_es": gettext(
                        "This pair is already in the thesaurus (accents and capitals aside)."
                    )
                }
            )
