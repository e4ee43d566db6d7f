"""`python -m bench.queries SPEC`: SQL queries per request for each page, as a JSON list.

Run in its own process with the benchmark server's environment (bench mode on), so it reads
the same database and the same shared cache through Django's test Client. SPEC is a JSON list
of {"path", "served", "cookie"}: for a public page ("cached" or "rendered") it counts a fresh
rendering (`?bench-render=1`, a cache miss) and a page-cache hit, and checks from the page
cache's bench header that each was what it claims; for a signed-in page, a request with the
member's session cookie (`name=value`). A hit's count is 0: the page cache reads the content
version from the database at most once a second (puebla/core/pagecache.py).
"""

import json
import os
import sys

# Each count is of a second request: the first one in a process does first-request work (a
# connection's setup, content types, a new session's first touch) that is not the page's.
REPEAT = 2


def public_page_queries(client, path: str) -> dict[str, int]:
    """{"rendered": queries of a cache miss, "cached": queries of a cache hit} for `path`."""
    from puebla.core.pagecache import BENCH_HEADER, BENCH_RENDER_PARAMETER

    rendered_path = f"{path}{'&' if '?' in path else '?'}{BENCH_RENDER_PARAMETER}=1"
    rendered = _count(client, rendered_path, expect=(BENCH_HEADER, "miss"))
    cached = _count(client, path, expect=(BENCH_HEADER, "hit"))
    return {"rendered": rendered, "cached": cached}


def signed_in_page_queries(client, path: str) -> int:
    """Queries of `path` for the client's signed-in member (never from the page cache)."""
    return _count(client, path, expect=None)


def _count(client, path: str, *, expect) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} answered {response.status_code}, not 200")
    if expect is not None:
        header, outcome = expect
        said = response.get(header)
        if said != outcome:
            raise SystemExit(
                f"GET {path}: the page cache said {header}: {said}, not {outcome} "
                "(is the process in bench mode, PUEBLA_BENCH=1?)"
            )
    return len(captured)


def main(spec: list[dict]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    from django.test import Client

    anonymous = Client(HTTP_HOST="127.0.0.1")
    public = {}  # path -> {"rendered": n, "cached": n}: both ways of serving a page in one go
    counts = []
    for page in spec:
        path, served = page["path"], page["served"]
        if served in {"cached", "rendered"}:
            if path not in public:
                public[path] = public_page_queries(anonymous, path)
            counts.append(public[path][served])
        else:
            member = Client(HTTP_HOST="127.0.0.1")
            name, value = page["cookie"].split("=", 1)
            member.cookies[name] = value
            counts.append(signed_in_page_queries(member, path))
    print(json.dumps(counts))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
