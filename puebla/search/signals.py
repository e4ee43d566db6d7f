"""The index kept current: a record of a registered kind is indexed when saved and taken out
when deleted (puebla.search.registry says which kinds; puebla.search.services writes).

One receiver for every model, connected once when the app is ready, rather than one per kind
connected by the registry: the registry then needs nothing from the services that read it.
"""

from django.db.models.signals import post_delete, post_save

from puebla.search import registry, services


def _index_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: related records may not be there yet; search_reindex indexes them
        return
    if registry.is_registered(sender):
        services.index_record(instance)


def _unindex_deleted(sender, instance, **kwargs):
    if registry.is_registered(sender):
        services.unindex_record(instance)


def connect() -> None:
    post_save.connect(_index_saved, weak=False, dispatch_uid="puebla.search:index")
    post_delete.connect(_unindex_deleted, weak=False, dispatch_uid="puebla.search:unindex")
