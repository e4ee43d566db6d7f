"""The SQL injection pass: for each role, a fresh signed-in session, the crawl, and sqlmap on
every target no earlier role reached (one form or query is one view's code whoever sends it;
which rows it reads differs, how it reads them does not)."""

import concurrent.futures
import http.client
import json
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from bench.server import ROOT, PueblaServer
from scan import sqlmap
from scan.crawl import Crawl, Target, crawl

# The page a signed-in session must open for the session to count (the intranet's home).
INTRANET_HOME = "/es/intranet/"


@dataclass
class RoleResult:
    role: str
    pages: int = 0
    targets: int = 0  # forms and queries this role reached
    attacked: int = 0  # of those, the ones no earlier role reached, with a parameter
    without_parameters: int = 0  # new ones with no parameter but the CSRF token
    parameters: int = 0  # parameters sqlmap tested
    injectable: list[dict] = field(default_factory=list)
    not_tested: list[dict] = field(default_factory=list)  # targets sqlmap could not test
    sessions_renewed: int = 0
    seconds: float = 0.0


class Resolver:
    """A process inside the instance that names the URL pattern of each path it is given."""

    def __init__(self, server: PueblaServer):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scan.instance", "resolve"],
            cwd=ROOT,
            env=server.environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.known: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        if path not in self.known:
            self.process.stdin.write(path + "\n")
            self.process.stdin.flush()
            self.known[path] = json.loads(self.process.stdout.readline())
        return self.known[path]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def signed_in(server: PueblaServer, role: str) -> str:
    """A fresh session of `role`'s demo account, checked by opening the intranet with it."""
    if role == "anonymous":
        return ""
    made = json.loads(server.python("-m", "scan.instance", "session", role).stdout)
    status, _location, _cookie = _fetch(server.url + INTRANET_HOME, made["cookie"])
    if status != 200:
        raise SystemExit(f"scan: {role}'s session does not open {INTRANET_HOME} ({status})")
    return made["cookie"]


def session_alive(server: PueblaServer, cookie: str) -> bool:
    return not cookie or _fetch(server.url + INTRANET_HOME, cookie)[0] == 200


def attack_role(
    server: PueblaServer,
    role: str,
    *,
    seeds: list[str],
    resolve: Resolver,
    attacked: set[tuple],
    work: Path,
    jobs: int,
    dbms: str,
    say=print,
) -> tuple[RoleResult, Crawl]:
    result = RoleResult(role)
    cookie = signed_in(server, role)
    say(f"scan: {role}: crawling")
    found = crawl(server.url, seeds, cookie=cookie, resolve=resolve, say=say)
    result.pages = len(found.pages)
    result.targets = len(found.targets)
    new = [(key, target) for key, target in found.targets.items() if key not in attacked]
    attacked.update(key for key, _ in new)
    # A form whose only field is its CSRF token (a read-only admin page's) has nothing to inject.
    result.without_parameters = sum(1 for _, target in new if not target.parameters)
    new = [(key, target) for key, target in new if target.parameters]
    result.attacked = len(new)
    # Reads first, then forms by falling number of fields, and those that delete or withdraw
    # last: an edit form before the one-button step (submit, approve, withdraw) whose first
    # success takes it away.
    new.sort(key=lambda pair: attack_order(pair[1]))
    say(f"scan: {role}: sqlmap on {len(new)} new targets ({jobs} at a time)")
    state = {"cookie": cookie}
    logs = work / "sqlmap" / role
    logs.mkdir(parents=True, exist_ok=True)

    def attack(numbered):
        number, (key, target) = numbered
        outcome = sqlmap.run(
            target,
            _with_csrf_cookie(target, state["cookie"]),
            logs / f"{number:03d}",
            logs / f"{number:03d}.log",
            dbms=dbms,
        )
        return number, key, target, outcome

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for number, _key, target, outcome in pool.map(attack, enumerate(new, 1)):
            result.parameters += len(outcome.tested)
            where = {"method": target.method, "url": target.url, "log": f"{number:03d}.log"}
            for finding in outcome.injectable:
                result.injectable.append({**where, **vars(finding)})
            if outcome.problems or not outcome.tested:
                reason = outcome.problems or outcome.errors or ["no parameter tested"]
                result.not_tested.append({**where, "why": reason[0]})
            if not session_alive(server, state["cookie"]):
                # A form of the role's own account took its session away: make another.
                state["cookie"] = signed_in(server, role)
                result.sessions_renewed += 1
    say(
        f"scan: {role}: {result.parameters} parameters tested, "
        f"{len(result.injectable)} injectable, {len(result.not_tested)} targets not tested"
    )
    return result, found


# Pages with a form for anonymous visitors and for signed-in people: one of them sets the CSRF
# cookie a session starts without.
FORM_PAGES = ("/es/accounts/login/", "/es/accounts/password/change/")


def with_csrf_cookie(server: PueblaServer, cookie: str) -> str:
    """`cookie` and a CSRF cookie, set once. A crawler that starts without one makes the server
    give each of its first parallel requests a different one, and the forms it keeps then carry
    tokens for secrets other than the one it sends back: a genuine post is refused like a
    forged one, and wapiti reports the CSRF check as not working."""
    for page in FORM_PAGES:
        _status, _location, set_cookie = _fetch(server.url + page, cookie)
        csrf = _csrf_part(set_cookie)
        if csrf:
            return f"{cookie}; {csrf}" if cookie else csrf
    raise SystemExit(f"scan: none of {FORM_PAGES} set a CSRF cookie")


def _csrf_part(set_cookie: str) -> str:
    return next(
        (part.strip() for part in set_cookie.split(";") if part.strip().startswith("csrftoken=")),
        "",
    )


def attack_order(target: Target) -> tuple:
    return (target.method == "POST", _removes(target), -len(target.parameters), target.url)


def _removes(target: Target) -> bool:
    path = urllib.parse.urlsplit(target.url).path
    return target.method == "POST" and path.rstrip("/").rsplit("/", 1)[-1] in REMOVING_STEPS


# The last segment of the paths of forms that delete, withdraw or deactivate something.
REMOVING_STEPS = {"delete", "eliminar", "retirar", "desactivar", "quitar", "terminar", "retire"}


def _with_csrf_cookie(target: Target, cookie: str) -> str:
    """`cookie` and the CSRF cookie the form's page sets: the tokens sqlmap then reads from that
    page match it, as a browser's would."""
    if target.method != "POST" or not target.page:
        return cookie
    _status, _location, set_cookie = _fetch(target.page, cookie)
    csrf = _csrf_part(set_cookie)
    return f"{cookie}; {csrf}" if cookie and csrf else (cookie or csrf)


def _fetch(url: str, cookie: str) -> tuple[int, str, str]:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        answer = connection.getresponse()
        answer.read()
        return answer.status, answer.getheader("Location", ""), answer.getheader("Set-Cookie", "")
    finally:
        connection.close()
