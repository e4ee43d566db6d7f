"""`python -m bench.queries PATH ...`: SQL queries per request for each path, as JSON.

Run in its own process with the benchmark server's environment, so it reads the same database
and the same shared cache through Django's test Client. For each path it counts the queries of
a freshly rendered page (a query string the cache has never seen makes it a miss) and of the
same page served from the page cache; both counts include the cache's own queries when the
cache is the database (the default without REDIS_URL).
"""

import json
import os
import sys
import uuid


def main(paths: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} answered {response.status_code}")
        return len(captured)

    counts = {}
    for path in paths:
        fresh = f"{path}{'&' if '?' in path else '?'}bench-miss={uuid.uuid4().hex}"
        rendered = count(fresh)
        counts[path] = {"rendered": rendered, "cached": count(fresh)}
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
