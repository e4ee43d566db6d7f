"""What many public pages work out alike from the public content, kept in each process until
the content changes (the content version of puebla.core.pagecache).

The pages themselves are cached per version (pagecache), but each address and each of its
query's values is a page of its own: the Plan of Action's every level is some 100 pages at ten
times the generated data, each with its filters, and every one of them reads the same
roll-up of the whole plan. Kept here, the roll-up is worked out once per process and version,
as each page is rendered once; an edit bumps the version (every save of public content does),
so the next page that asks works it out again, from the edit.
"""

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

from puebla.core.pagecache import content_version

Result = TypeVar("Result")


def kept_per_version(function: Callable[..., Result]) -> Callable[..., Result]:
    """`function`, whose result depends on the public content and on its (hashable)
    arguments only, kept per arguments until the content version changes."""
    lock = threading.Lock()
    kept: dict = {"version": None, "results": {}}

    @functools.wraps(function)
    def wrapper(*arguments):
        version = content_version()
        with lock:
            if kept["version"] != version:
                kept["version"], kept["results"] = version, {}
            results = kept["results"]
            if arguments in results:
                return results[arguments]
        # Worked out outside the lock: two requests may both work it out once, never wait.
        result = function(*arguments)
        with lock:
            if kept["version"] == version:
                results[arguments] = result
        return result

    return wrapper
