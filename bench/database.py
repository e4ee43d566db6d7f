"""A fresh PostgreSQL database for one benchmark run, when DATABASE_URL names a server.

The benchmark writes thousands of generated records: it must never do so in the database
DATABASE_URL names (it may be someone's real data). It creates `<name>_bench_<pid>` on the
same server instead, and drops it at the end, as CI does for its test database.
"""

import os
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit


@contextmanager
def fresh_database():
    """Yield the DATABASE_URL the server should use: None (SQLite in its DATA_DIR) or the URL of
    a new, empty PostgreSQL database that is dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        yield None
        return
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(f"make bench measures SQLite or PostgreSQL, not {parts.scheme}.")
    name = f"{parts.path.lstrip('/') or 'puebla'}_bench_{os.getpid()}"
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
