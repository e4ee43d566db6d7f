"""The kinds of records the site search finds, each registered once by the app that owns it.

An app describes a kind with a `Searchable` and calls `register()` from its AppConfig.ready()
(an app below search in the import layers, such as the directory, is registered by the search
app itself: puebla/search/directory.py). From then on:

- every save of a record of the kind indexes it again, and every delete removes it from the index
  (post_save / post_delete, puebla.search.signals: the index is derived data, like a cache, and a signal is the one
  place that sees every save, from the admin, the services, the dataset load or a shell). A
  record whose text lives in other records (a document's files) is indexed again by the service
  that changes them, with `puebla.search.services.index_record`;
- `manage.py search_reindex` rebuilds the whole index from `all_records()`;
- a search counts and shows a record only if its index rows' copy of the record's audience
  admits the user (puebla.core.access.would_see, asked by puebla.search.columns), and asks
  `visible(user)`, the model's own `visible_to(user)`, once more for the records on the page. So a kind is either
  `public=True`, a statement that every record of it is for everyone, or an `AudienceFields`
  model whose `visible_to` is exactly the audience rule (puebla.core.access.
  has_plain_audience_rule): a copy of the audience can then decide what `visible_to` decides.
  A kind with another rule (a country's own records) would need its rule carried too;
- a record for which `indexed(record)` is False has no row in the index at all: not a row
  hidden from some readers, but none (a person the public pages do not show, whose name must
  not be findable even by reading the index table). Saving the record applies the predicate
  again; when what decides it lives on another record (a person's appointment), the code that
  saves that record calls `index_record` for this one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from puebla.core import access
from puebla.search.text import STEMMERS


@dataclass(frozen=True)
class Searchable:
    """How to index and show one kind of record.

    kind      a stable key, "<app>.<model>" (stored in the index: renaming it needs a reindex)
    model     the model; its primary key must be an integer
    label     the kind's name in the plural, translatable ("Meetings"), for facets and results
    texts     record -> {language: (title, text)} for "es" and "en"; an empty pair is skipped
    url       record -> the address of its page (reversed in the active language)
    filters   record -> {"year": int | None, "year_inferred": bool, "body": Body | body id |
              None, "theme": str, "language": "es" | "en" | "es_en" | an iterable of those
              codes}; all optional. "year_inferred": the sources imply the year, not state it.
              "language" is the languages the record itself is available in.
    themes    the names of the theme keys `filters` gives: choices, [(key, translatable label)]
    public    the model has no `visible_to`: every record is for everyone (must be said)
    indexed   record -> whether the record is in the index at all (every record by default);
              False keeps it out entirely, whoever searches
    select_related  relations that `texts`, `filters` and `url` follow, fetched with the records
    prefetch_related  many-valued relations `texts` and `filters` read (a document's files),
              fetched with the records when the whole index is rebuilt
    """

    kind: str
    model: type[models.Model]
    label: Any
    texts: Callable[[Any], dict[str, tuple[str, str]]]
    url: Callable[[Any], str]
    filters: Callable[[Any], dict[str, Any]] = lambda record: {}
    themes: tuple[tuple[str, Any], ...] = ()
    public: bool = False
    indexed: Callable[[Any], bool] = lambda record: True
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def visible(self, user) -> models.QuerySet:
        """The records `user` may see, from the access model."""
        manager = self.model._default_manager
        if self.public:
            return manager.all()
        return manager.visible_to(user)

    def all_records(self) -> models.QuerySet:
        """Every record of the kind, as the reindex reads them."""
        # The bodies of the audience, which the index carries a copy of (carried_audience).
        audience = () if self.public else ("audience_bodies",)
        prefetched = tuple(dict.fromkeys(self.prefetch_related + audience))
        return (
            self.model._default_manager.select_related(*self.select_related)
            .prefetch_related(*prefetched)
            .order_by("pk")
        )

    def carried_audience(self, record) -> tuple[str, int | None, str]:
        """The copy of `record`'s audience its index rows carry (puebla.core.access)."""
        if self.public:
            return access.Audience.PUBLIC, None, ""
        return access.carried_audience(record)

    @property
    def country_officials(self) -> tuple:
        """Whose officials read the kind's "one country" records (none for a public kind)."""
        return () if self.public else tuple(self.model.COUNTRY_OFFICIALS)

    def restriction(self, record) -> str:
        """Who may see a shown record, in the access model's words ("" for a public one)."""
        if getattr(record, "audience", "public") == "public":
            return ""
        return access.audience_description(record)


_registry: dict[str, Searchable] = {}
# The same kinds by model: every save in Puebla asks whether its model is indexed.
_by_model: dict[type[models.Model], Searchable] = {}


def register(searchable: Searchable) -> None:
    """Make a kind searchable; see the module docstring for what follows."""
    existing = _registry.get(searchable.kind)
    if existing is not None and existing.model is not searchable.model:
        raise ImproperlyConfigured(
            f"The search kind {searchable.kind!r} is already {existing.model._meta.label}'s."
        )
    if not searchable.public and not access.has_plain_audience_rule(searchable.model):
        raise ImproperlyConfigured(
            f"{searchable.model._meta.label} must be an AudienceFields model whose visible_to "
            "is the audience rule (puebla.core.access), or be registered with public=True if "
            "every record is for everyone: the index carries a copy of the audience only."
        )
    if not isinstance(searchable.model._meta.pk, models.IntegerField):
        raise ImproperlyConfigured(f"{searchable.model._meta.label} needs an integer primary key.")
    _registry[searchable.kind] = searchable
    _by_model[searchable.model] = searchable


def is_registered(model: type[models.Model]) -> bool:
    """Whether records of `model` are indexed (puebla.search.signals asks on every save)."""
    return model in _by_model


def registered() -> list[Searchable]:
    return list(_registry.values())


def for_model(model: type[models.Model]) -> Searchable:
    try:
        return _by_model[model]
    except KeyError:
        raise LookupError(f"{model._meta.label} is not registered with the site search.") from None


def theme_label(key: str) -> str:
    """The name of a theme key, from the kinds that give it one (the key itself otherwise)."""
    for searchable in _registry.values():
        for value, label in searchable.themes:
            if value == key:
                return str(label)
    return key


def languages() -> list[str]:
    """The languages texts are indexed in: the site's, each with its stemmer."""
    return [code for code, _name in settings.LANGUAGES if code in STEMMERS]
