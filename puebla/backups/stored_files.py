"""The files Puebla stores (documents, follow-up answers, the Reserve Fund's case files, which
are kept encrypted and copied as they are): every storage but the static files, which
`puebla setup` builds from the code."""

import hashlib
from collections.abc import Iterator

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, storages

BUILT_FROM_CODE = {"staticfiles"}
CHUNK = 1024 * 1024


def kept_storages() -> dict[str, Storage]:
    """The storages whose files only a backup can bring back, by alias (one per location)."""
    found: dict[str, Storage] = {}
    seen: set[str] = set()
    for alias in settings.STORAGES:
        if alias in BUILT_FROM_CODE:
            continue
        storage = storages[alias]
        if place(storage) not in seen:
            seen.add(place(storage))
            found[alias] = storage
    return found


def place(storage: Storage) -> str:
    """Where a storage keeps its files: two storages with one place hold the same files."""
    return f"{type(storage).__name__}:{getattr(storage, 'location', '')}:" + str(
        getattr(storage, "bucket_name", "")
    )


def names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name in the storage, folders walked; none when it was never written."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for inner in sorted(folders):
        yield from names(storage, f"{folder}/{inner}" if folder else inner)


def sha256_of(readable) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: readable.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def stored_sha256(storage: Storage, name: str) -> str:
    with storage.open(name, "rb") as stored:
        return sha256_of(stored)


def put(storage: Storage, name: str, readable) -> None:
    """Store `readable` under exactly `name`, replacing a file there."""
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, File(readable))
    if saved != name:  # a storage that renames would break every record pointing at it
        storage.delete(saved)
        raise OSError(f"the storage stored {name!r} as {saved!r}")


def remove_every_file(storage: Storage) -> int:
    removed = 0
    for name in list(names(storage)):
        storage.delete(name)
        removed += 1
    return removed
