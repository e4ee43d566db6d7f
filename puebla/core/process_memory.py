"""Data each process keeps in memory, loaded in one go and loaded again when a version in the
shared cache says that some process changed it: the translation desk's marks, the search's
thesaurus and vocabulary. Asked for many times a page (every `localized` text, every search),
they cost no query while nothing changed.

A process looks at the version at most once a request (request_started) and once a second
outside requests (jobs), so a change shows everywhere at the next request after it is saved.
"""

import threading
import time
import uuid
from collections.abc import Callable
from typing import Generic, TypeVar

from django.core.cache import cache
from django.core.signals import request_started
from django.db import transaction

RECHECK_SECONDS = 1.0

Loaded = TypeVar("Loaded")


class SharedVersionMemory(Generic[Loaded]):
    def __init__(self, version_key: str, load: Callable[[], Loaded], empty: Loaded):
        self.version_key = version_key
        self.load = load
        self.lock = threading.Lock()
        self.version = None
        self.value = empty
        self.checked_at = float("-inf")
        # Each request looks at the version once, whatever the time since the last look.
        request_started.connect(self.recheck, weak=False, dispatch_uid=f"puebla:{version_key}")

    def current(self) -> Loaded:
        if time.monotonic() - self.checked_at < RECHECK_SECONDS:
            return self.value
        with self.lock:
            version = cache.get(self.version_key)
            if version is None:
                # A cache emptied (or never written): take a new version, so that no process
                # keeps what it loaded under the old one.
                cache.add(self.version_key, uuid.uuid4().hex, timeout=None)
                version = cache.get(self.version_key)
            if version != self.version:
                self.value = self.load()
                self.version = version
            self.checked_at = time.monotonic()
            return self.value

    def recheck(self, **_kwargs) -> None:
        """Look at the version at the next use, as each request does."""
        self.checked_at = float("-inf")

    def changed(self) -> None:
        """Some data was written: every process loads it again (this one at once; and once the
        transaction commits, again, so that no process keeps what it loaded before)."""
        self._new_version()
        connection = transaction.get_connection()
        if not connection.in_atomic_block:
            return  # autocommit: the write is already committed
        # Once on commit per transaction, however many writes it makes (as puebla.core.pagecache
        # does): a rolled-back savepoint drops its callbacks, so a later write registers anew.
        if self._new_version not in [entry[1] for entry in connection.run_on_commit]:
            transaction.on_commit(self._new_version)

    def _new_version(self) -> None:
        cache.set(self.version_key, uuid.uuid4().hex, timeout=None)
        self.recheck()
