"""A fresh PostgreSQL database for one benchmark run or browser-test session, when
DATABASE_URL names a server.

The benchmark writes thousands of generated records, the browser tests their accounts: never
in the database DATABASE_URL names (it may be someone's real data). They create
`<name>_<purpose>_<pid>` on the same server instead, and drop it at the end, as CI does for its
test database.
"""

import os
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

# The server the benchmark and the drill create their databases on, unless DATABASE_URL names one.
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/puebla"


def postgres_server() -> str:
    """The PostgreSQL server the benchmark, the drill and the soak make their databases on:
    the one DATABASE_URL names, else DEFAULT_POSTGRES."""
    return os.environ.get("DATABASE_URL", "").strip() or DEFAULT_POSTGRES


def postgres_reachable(url: str, timeout: int = 3) -> bool:
    """Whether the PostgreSQL server `url` names answers (its maintenance database)."""
    import psycopg

    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return False
    try:
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), connect_timeout=timeout):
            return True
    except psycopg.Error:
        return False


@contextmanager
def fresh_database(purpose: str = "bench", url: str | None = None, template: str = ""):
    """Yield the DATABASE_URL the server should use: None (SQLite in its DATA_DIR) or the URL of
    a new, empty PostgreSQL database `<name>_<purpose>_<pid>`, dropped afterwards.

    `url` names the server (and the database the name is derived from); by default the
    environment's DATABASE_URL. `template`, the URL of another such database that nobody is
    connected to, makes the new one a copy of it.
    """
    url = os.environ.get("DATABASE_URL", "") if url is None else url
    if not url:
        yield None
        return
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(f"Puebla's servers run on SQLite or PostgreSQL, not {parts.scheme}.")
    name = f"{parts.path.lstrip('/') or 'puebla'}_{purpose}_{os.getpid()}"
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        copied = urlsplit(template).path.lstrip("/")
        create = sql.SQL("{} TEMPLATE {}").format(create, sql.Identifier(copied))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(create)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
