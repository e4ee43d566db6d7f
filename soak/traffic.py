"""One soak client: a person who, until the deadline, browses the portal, searches, signs in,
nominates delegates, saves answers and uploads files, as a focal point of a member state does.

Each client runs in a process of its own (soak.__main__) and returns what it did: one record
per HTTP exchange (action, milliseconds, whether it succeeded) and every write the server
confirmed, by the identifier the soak's check looks for afterwards (soak.instance.check).

A write counts as confirmed only when the server's answer says so (its success message after
the redirect). A write whose answer never came (a timeout, a reset) is an error and is not in
the confirmed list: if the server stored it anyway, the check reports it as stored but not
confirmed, which is not a loss.
"""

import contextlib
import hashlib
import http.cookiejar
import random
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from bench.multipart import form_data
from puebla.documents.sample_files import pdf_with_text
from soak.instance import MARK

# How often each action is picked: mostly reading, as on a real day.
ACTIONS = {
    "browse": 50,
    "search": 15,
    "sign_in": 7,
    "nominate": 10,
    "answer": 8,
    "upload": 10,
}
SEARCH_TERMS = [
    "migración",
    "retorno",
    "trata de personas",
    "niñez migrante",
    "Plan de Acción",
    "protección consular",
    "labour migration",
    "return",
    "refugees",
    "Guatemala",
    "frontera",
    "integración",
]
SUCCESS = 'class="message message-success"'
TIMEOUT = 60


class Session:
    """Cookies, a client address of its own (as a proxy forwards it), and the time each
    exchange took."""

    def __init__(self, base_url: str, address: str, records: list, action: str):
        self.base_url = base_url
        self.address = address
        self.records = records
        self.action = action
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.url = ""
        self.page = ""

    def get(self, path: str) -> str:
        return self._open(urllib.request.Request(self.base_url + path))  # noqa: S310

    def post(self, path: str, fields: dict, files: list = (), mime: str = "") -> str:
        """Submit the form at `path` with its CSRF token and hidden version, plus `fields`."""
        page = self.get(path)
        values = {"csrfmiddlewaretoken": _hidden(page, "csrfmiddlewaretoken")}
        version = _hidden(page, "version")
        if version is not None:
            values["version"] = version
        values.update(fields)
        if files:
            body, content_type = form_data(list(values.items()), list(files), mime)
        else:
            body, content_type = (
                urllib.parse.urlencode(values).encode(),
                "application/x-www-form-urlencoded",
            )
        request = urllib.request.Request(  # noqa: S310 - our loopback server
            self.url, data=body, method="POST", headers={"Content-Type": content_type}
        )
        return self._open(request)

    def _open(self, request) -> str:
        request.add_header("X-Forwarded-For", self.address)
        request.add_header("Accept-Encoding", "identity")
        begun = time.monotonic()
        try:
            with self.opener.open(request, timeout=TIMEOUT) as answer:
                self.url = answer.url
                self.page = answer.read().decode()
        except urllib.error.HTTPError as error:
            self._record(begun, f"HTTP {error.code} on {request.full_url}")
            raise
        except (urllib.error.URLError, OSError) as error:
            self._record(begun, f"{type(error).__name__} on {request.full_url}: {error}")
            raise
        self._record(begun, "")
        return self.page

    def _record(self, begun: float, error: str) -> None:
        self.records.append((self.action, (time.monotonic() - begun) * 1000, error))


def _hidden(page: str, name: str) -> str | None:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else None


class Client:
    def __init__(self, number: int, base_url: str, plan: dict, pages: list[str], seed: int):
        self.number = number
        self.base_url = base_url
        self.plan = plan
        self.pages = pages
        self.random = random.Random(seed)  # noqa: S311 - a repeatable mix, not a secret
        self.account = plan["accounts"][number]
        self.records: list = []
        self.writes: dict = {"nominate": [], "answer": [], "upload": {}}
        self.sign_ins = 0
        self.focal_point: Session | None = None

    def address(self) -> str:
        """An address of this client's own; each sign-in from a new one, as people sign in
        from their own machines (the limit on sign-ins is per address)."""
        return f"10.{self.number}.{self.sign_ins // 250 % 250}.{self.sign_ins % 250 + 1}"

    def run(self, deadline: float) -> dict:
        actions, weights = zip(*ACTIONS.items(), strict=True)
        while time.monotonic() < deadline:
            action = self.random.choices(actions, weights)[0]
            # A failed exchange is recorded by its session; the next action goes on.
            with contextlib.suppress(urllib.error.URLError, OSError):
                getattr(self, action)()
        return {"records": self.records, "writes": self.writes}

    def browse(self) -> None:
        Session(self.base_url, self.address(), self.records, "browse").get(
            self.random.choice(self.pages)
        )

    def search(self) -> None:
        term = urllib.parse.quote(self.random.choice(SEARCH_TERMS))
        Session(self.base_url, self.address(), self.records, "search").get(
            f"{self.plan['search']}?q={term}"
        )

    def sign_in(self) -> Session | None:
        """A new session of the client's account; None when the sign-in did not land on the
        intranet's home (an error)."""
        self.sign_ins += 1
        session = Session(self.base_url, self.address(), self.records, "sign_in")
        session.post(
            self.plan["login"],
            {"login": self.account["email"], "password": self.plan["password"]},
        )
        if not session.url.endswith(self.plan["intranet"]):
            self.records.append(("sign_in", 0.0, f"not signed in: landed on {session.url}"))
            return None
        return session

    def _signed_in(self, action: str) -> Session:
        if self.focal_point is None:
            self.focal_point = self.sign_in()
            if self.focal_point is None:
                raise OSError("not signed in")  # recorded; the next action signs in again
        self.focal_point.action = action
        return self.focal_point

    def nominate(self) -> None:
        session = self._signed_in("nominate")
        email = f"{MARK}-{self.number}-{len(self.writes['nominate'])}-{uuid.uuid4().hex[:8]}@puebla.invalid"
        page = session.post(
            self.random.choice(self.plan["delegations"]),
            {
                "given_name": "Delegada",
                "family_name": f"Carga {self.number}",
                "position": "Directora",
                "institution": "Dirección General de Migración",
                "email": email,
                "language": "es",
            },
        )
        self._confirmed(page, "nominate", email)

    def answer(self) -> None:
        session = self._signed_in("answer")
        text = f"{MARK} {self.number}-{uuid.uuid4().hex}: cambios de política migratoria."
        page = session.post(self._request(), {"text": text, "action": "draft"})
        self._confirmed(page, "answer", text)

    def upload(self) -> None:
        session = self._signed_in("upload")
        name = f"{MARK}-{self.number}-{uuid.uuid4().hex[:12]}.pdf"
        content = pdf_with_text(f"Reforma migratoria {name}")
        text = f"{MARK} {self.number}-{uuid.uuid4().hex}: con anexo."
        page = session.post(
            self._request(),
            {"text": text, "action": "draft"},
            files=[("files", name, content)],
            mime="application/pdf",
        )
        if self._confirmed(page, "answer", text):
            self.writes["upload"][name] = hashlib.sha256(content).hexdigest()

    def _request(self) -> str:
        """One of the requests this client answers: clients of one country (more clients than
        member states) share them out, so that no one's form goes stale under another's save."""
        members = len({account["country"] for account in self.plan["accounts"]})
        sharing = -(-len(self.plan["accounts"]) // members)  # clients per country, at most
        mine = self.plan["requests"][self.number // members :: sharing]
        return self.random.choice(mine)

    def _confirmed(self, page: str, kind: str, identifier: str) -> bool:
        session = self.focal_point
        if SUCCESS not in page:
            error = re.search(r'class="(?:errorlist|message message-error)[^"]*">(.{0,200})', page)
            session.records.append(
                (kind, 0.0, f"not confirmed: {error.group(1) if error else session.url}")
            )
            return False
        self.writes[kind].append(identifier)
        return True


def client_run(number: int, base_url: str, plan: dict, pages: list[str], seconds: float) -> dict:
    """The entry point of a client's process."""
    return Client(number, base_url, plan, pages, seed=number).run(time.monotonic() + seconds)
