"""The index kept current: a record of a registered kind is indexed when saved and taken out
when deleted (puebla.search.registry says which kinds; puebla.search.services writes).

One receiver for every model, connected once when the app is ready, rather than one per kind
connected by the registry: the registry then needs nothing from the services that read it.

A record's bodies (the audience "members of named bodies") are a many-to-many relation, written
after the record is saved: their own signal indexes the record again, so that the copy of its
audience in the index (puebla.core.access.carried_audience) follows them.

Records no save announces are indexed after each migration (`puebla setup` migrates at every
start): a row a migration made (the Reserve Fund's), and the records of a kind a new version
of Puebla made searchable, which its upgrade would otherwise leave out until `search_reindex`.
"""

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from puebla.search import registry, services
from puebla.search.models import Entry


def _index_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: related records may not be there yet; search_reindex indexes them
        return
    if registry.is_registered(sender):
        services.index_record(instance)


def _unindex_deleted(sender, instance, **kwargs):
    if registry.is_registered(sender):
        services.unindex_record(instance)


def _index_audience_bodies(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # record.audience_bodies.set(...)
        record_model, records = type(instance), [instance]
    else:  # body.<reverse accessor>.add(record): `model` is the record's
        record_model = model
        if not registry.is_registered(model) or not pk_set:
            return  # a reverse clear names no records; nothing registered writes one
        records = list(model._default_manager.filter(pk__in=pk_set))
    if not registry.is_registered(record_model) or registry.for_model(record_model).public:
        return
    if sender is not record_model._meta.get_field("audience_bodies").remote_field.through:
        return
    for record in records:
        services.index_record(record)


def index_missing() -> dict[str, int]:
    """Index the records of every kind that have no row in the index; returns how many were
    looked at per kind. A record with no row because it has no text, or because its kind's
    `indexed` keeps it out, is looked at again each time (they are few)."""
    looked_at = {}
    for searchable in registry.registered():
        indexed = Entry.objects.filter(kind=searchable.kind).values("record_id")
        missing = searchable.all_records().exclude(pk__in=indexed)
        looked_at[searchable.kind] = 0
        for record in missing.iterator(chunk_size=services.BATCH):
            services.index_record(record)
            looked_at[searchable.kind] += 1
    return looked_at


def _index_missing_after_migrate(sender, using, plan=None, **kwargs):
    # `flush` sends the signal too, without a plan, on a database it just emptied. The index
    # lives in the default database, where the services write.
    if plan is None or using != DEFAULT_DB_ALIAS:
        return
    # Only on a database at the latest migration: the models read here are the current ones.
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    # Indexing announces itself through the shared cache (puebla.search.vocabulary), which on
    # a new installation may be the database's, not made yet: `puebla setup` makes it after
    # migrating. Making it here (a no-op when it exists) lets `migrate` stand on its own.
    call_command("createcachetable", database=using, verbosity=0)
    index_missing()


def connect(app_config) -> None:
    post_save.connect(_index_saved, weak=False, dispatch_uid="puebla.search:index")
    post_delete.connect(_unindex_deleted, weak=False, dispatch_uid="puebla.search:unindex")
    # Sent once per app after every migration: the search app's is enough.
    post_migrate.connect(
        _index_missing_after_migrate,
        sender=app_config,
        weak=False,
        dispatch_uid="puebla.search:index-missing",
    )
    m2m_changed.connect(
        _index_audience_bodies, weak=False, dispatch_uid="puebla.search:audience-bodies"
    )
