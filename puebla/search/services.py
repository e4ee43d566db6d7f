"""Writes to the search index (DESIGN.md §5): a record in, a record out, everything again.

Saves and deletes of a registered kind call `index_record` and `unindex_record` by themselves
(puebla.search.registry). Call `index_record(record)` yourself when a record's searchable text
changes without a save of the record (a document's file added, its text extracted), and run
`manage.py search_reindex` (`index_rebuild`) after writes that bypass save(): bulk_create,
.update(), raw SQL.

Every write tells the processes that keep the index's columns in memory to load them again
(puebla.search.columns). The vocabulary of "Did you mean" (search.Word) is written with the
index: the words a record's rows gained and lost, in a few statements
(puebla/search/vocabulary.py).
"""

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from puebla.search import columns, matching, registry, vocabulary
from puebla.search.models import Entry
from puebla.search.registry import Searchable

# Rows written per statement when rebuilding.
BATCH = 500


@transaction.atomic
def index_record(record: models.Model) -> None:
    """Index `record` (of a registered kind) as it is now: one row per language it has text in;
    rows of languages it no longer has are removed, and every row when the kind's `indexed`
    says the record is not to be indexed."""
    searchable = registry.for_model(type(record))
    entries = _entries(searchable, record)
    rows = Entry.objects.filter(kind=searchable.kind, record_id=record.pk)
    replaced = list(rows.values_list("language", "title", "text"))
    rows.exclude(language__in=[entry.language for entry in entries]).delete()
    if entries:
        Entry.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["kind", "record_id", "language"],
            update_fields=[
                "title",
                "text",
                "year",
                "year_inferred",
                "body",
                "theme",
                "record_languages",
                "audience",
                "audience_country_id",
                "audience_body_ids",
                "title_terms",
                "text_terms",
            ],
        )
    vocabulary.rows_replaced(replaced, [(e.language, e.title, e.text) for e in entries])
    columns.changed()


@transaction.atomic
def unindex_record(record: models.Model) -> None:
    """Remove `record` (of a registered kind) from the index."""
    searchable = registry.for_model(type(record))
    rows = Entry.objects.filter(kind=searchable.kind, record_id=record.pk)
    vocabulary.rows_replaced(rows.values_list("language", "title", "text"), [])
    rows.delete()
    columns.changed()


@transaction.atomic
def index_rebuild() -> dict[str, int]:
    """Empty the index and index every record of every registered kind again.

    Returns the number of records indexed per kind (those `indexed` keeps out not counted).
    """
    Entry.objects.all().delete()
    indexed = {}
    for searchable in registry.registered():
        indexed[searchable.kind] = 0
        batch: list[Entry] = []
        for record in searchable.all_records().iterator(chunk_size=BATCH):
            if not searchable.indexed(record):
                continue
            batch += _entries(searchable, record)
            indexed[searchable.kind] += 1
            if len(batch) >= BATCH:
                Entry.objects.bulk_create(batch)
                batch = []
        Entry.objects.bulk_create(batch)
    vocabulary.rebuild(Entry.objects.values_list("language", "title", "text").iterator(BATCH))
    columns.changed()
    return indexed


def _entries(searchable: Searchable, record) -> list[Entry]:
    if not searchable.indexed(record):
        return []
    texts = searchable.texts(record)
    unknown = set(texts) - set(registry.languages())
    if unknown:
        raise ValueError(f"{searchable.kind}: no stemmer for the languages {sorted(unknown)}")
    filters = searchable.filters(record)
    body = filters.get("body")
    audience, audience_country_id, audience_body_ids = searchable.carried_audience(record)
    common = {
        "kind": searchable.kind,
        "record_id": record.pk,
        "year": filters.get("year"),
        "year_inferred": bool(filters.get("year") and filters.get("year_inferred")),
        "body_id": getattr(body, "pk", body),
        "theme": filters.get("theme") or "",
        "record_languages": record_languages(filters.get("language")),
        "audience": audience,
        "audience_country_id": audience_country_id,
        "audience_body_ids": audience_body_ids,
    }
    entries = []
    for language, (title, body_text) in texts.items():
        if not (title or "").strip() and not (body_text or "").strip():
            continue
        entry = Entry(language=language, title=title or "", text=body_text or "", **common)
        matching.prepare(entry)
        entries.append(entry)
    return entries


def record_languages(value: Any) -> str:
    """The stored form of the languages a record is available in: codes joined by "_" in the
    site's order ("es_en"), from a code, a joined string or an iterable of codes."""
    if not value:
        return ""
    codes: Iterable[str] = value.split("_") if isinstance(value, str) else value
    wanted = set(codes)
    known = [code for code in registry.languages() if code in wanted]
    return "_".join(known + sorted(wanted - set(known)))
