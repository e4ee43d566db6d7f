"""`python -m scan.instance <step>`: the scan's steps that run inside the scanned instance (its
DATA_DIR and DATABASE_URL), each printing JSON.

session ROLE     a signed-in session of the demo account of ROLE (made by `puebla setup` with
                 DEMO=1, its second factor set up where the role requires one), as the cookie
                 `name=value`
patterns         every URL pattern of the project: {"route", "name"}
resolve          the pattern route of each path read from standard input, one a line, as
                 each is read (a JSON string, "" where no pattern matches)
populate         the records demo mode lacks for the crawl to reach every kind of page
                 (scan/records.py)
"""

import json
import os
import sys


def session(role: str) -> dict:
    from bench.member import session_cookie
    from puebla.accounts.models import User

    # The role's authenticator was set up by demo_accounts, so its second factor counts.
    user = User.objects.get(email=f"demo-{role.replace('_', '-')}@puebla.invalid")
    return {"role": role, "email": user.email, "cookie": session_cookie(user)}


def patterns() -> list[dict]:
    """Each pattern's route (as `resolve()` reports it) and qualified name."""
    from django.urls import URLResolver, get_resolver

    def walk(entries, prefix="", namespaces=()):
        for entry in entries:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
                yield from walk(entry.url_patterns, route, inner)
            else:
                yield {"route": route, "name": ":".join((*namespaces, entry.name or route))}

    return list(walk(get_resolver().url_patterns))


def resolve(paths: list[str]) -> dict[str, str]:
    """Each path's pattern route, "" for a path no pattern matches."""
    from django.urls import Resolver404
    from django.urls import resolve as django_resolve

    routes = {}
    for path in paths:
        try:
            routes[path] = django_resolve(path).route
        except Resolver404:
            routes[path] = ""
    return routes


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    step, *arguments = sys.argv[1:]
    if step == "session":
        print(json.dumps(session(*arguments)))
    elif step == "populate":
        from scan.records import populate

        print(json.dumps(populate()))
    elif step == "patterns":
        print(json.dumps(patterns()))
    elif step == "resolve":
        for line in sys.stdin:  # a path a line, answered at once: the crawler waits for each
            print(json.dumps(resolve([line.strip()])[line.strip()]), flush=True)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
