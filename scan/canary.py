"""The scan's proof that it can find what it looks for: before attacking Puebla, sqlmap (with the
very options and parser the scan uses) attacks a tiny web application that builds its SQL by
joining strings, one GET parameter and one POST form with a CSRF-style token. If sqlmap does
not report both parameters injectable, a pass of the scan would mean nothing: the scan fails.
"""

import secrets
import socketserver
import sqlite3
import threading
import urllib.parse
import wsgiref.simple_server
from pathlib import Path

from scan import sqlmap
from scan.crawl import Target

PLANTED = {"name", "title"}  # the parameters the toy application puts in its SQL as text


class _Quiet(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, *arguments):
        pass


class _Threading(socketserver.ThreadingMixIn, wsgiref.simple_server.WSGIServer):
    """One thread a connection: sqlmap keeps one open while it opens another."""

    daemon_threads = True


def toy_application(database: Path):
    """A WSGI application with two injectable parameters (and a token it checks, as Django's
    CSRF protection would)."""
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS items (name TEXT, title TEXT)")
        connection.executemany(
            "INSERT INTO items VALUES (?, ?)", [("alpha", "First"), ("beta", "Second")]
        )
    token = secrets.token_hex(8)

    def query(sql: str) -> list:
        try:
            with sqlite3.connect(database) as connection:
                return connection.execute(sql).fetchall()
        except sqlite3.Error:
            return []

    def application(environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/items":
            name = urllib.parse.parse_qs(environ.get("QUERY_STRING", "")).get("name", [""])[0]
            # The defect on purpose: the value joined into the SQL text.
            rows = query("SELECT title FROM items WHERE name = '" + name + "'")  # noqa: S608
            body = "<ul>" + "".join(f"<li>{row[0]}</li>" for row in rows) + "</ul>"
        elif path == "/search" and environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            fields = urllib.parse.parse_qs(environ["wsgi.input"].read(length).decode())
            if fields.get("csrfmiddlewaretoken", [""])[0] != token:
                start_response("403 Forbidden", [("Content-Type", "text/plain")])
                return [b"bad token"]
            title = fields.get("title", [""])[0]
            rows = query("SELECT name FROM items WHERE title = '" + title + "'")  # noqa: S608
            body = f"<p>{len(rows)} found</p>" + "".join(f"<p>{row[0]}</p>" for row in rows)
        else:
            body = (
                '<form method="post" action="/search">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
                '<input name="title" value="First"></form>'
            )
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [f"<html><body>{body}</body></html>".encode()]

    return application


def run(work: Path, dbms: str = "SQLite") -> dict:
    """sqlmap on the toy application; {"found": the injectable parameters, "missed": ...}."""
    work.mkdir(parents=True, exist_ok=True)
    server = wsgiref.simple_server.make_server(
        "127.0.0.1",
        0,
        toy_application(work / "toy.sqlite3"),
        server_class=_Threading,
        handler_class=_Quiet,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    targets = [
        Target("GET", f"{base}/items?name=alpha"),
        Target(
            "POST",
            f"{base}/search",
            (("csrfmiddlewaretoken", "x"), ("title", "First")),
            page=f"{base}/",
        ),
    ]
    found = set()
    try:
        for number, target in enumerate(targets, 1):
            outcome = sqlmap.run(
                target, "", work / f"sqlmap-{number}", work / f"sqlmap-{number}.log", dbms=dbms
            )
            found |= {finding.parameter for finding in outcome.injectable}
    finally:
        server.shutdown()
        server.server_close()
    return {"found": sorted(found), "missed": sorted(PLANTED - found)}
