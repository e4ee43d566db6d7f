"""A plain HTTP client with cookies for tests and drills against a real Puebla server."""

import http.cookiejar
import re
import urllib.parse
import urllib.request

from bench.multipart import form_data


class Browser:
    """Plain HTTP with cookies, following redirects, sending each form's CSRF token."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.url = ""
        self.page = ""

    def get(self, path: str) -> str:
        return self._open(urllib.request.Request(self._absolute(path)))  # noqa: S310

    def get_bytes(self, path: str) -> bytes:
        """The body of `path` as sent (a download)."""
        with self.opener.open(self._absolute(path), timeout=30) as answer:
            self.url = answer.url
            return answer.read()

    def post(self, path: str, fields: dict) -> str:
        """Submit the form of the page at `path` (its CSRF token) with `fields`."""
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise ValueError(f"no form on {path}")
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **fields})
        request = urllib.request.Request(self.url, data=data.encode(), method="POST")  # noqa: S310
        return self._open(request)

    def post_file(self, path: str, fields: dict, file_field: str, name: str, content: bytes) -> str:
        """Submit the upload form of the page at `path` with `fields` and one file, as a
        browser sends it (multipart/form-data)."""
        content_type, body = self.upload_body(path, fields, file_field, name, content)
        request = urllib.request.Request(  # noqa: S310
            self.url, data=body, method="POST", headers={"Content-Type": content_type}
        )
        return self._open(request)

    def upload_body(
        self, path: str, fields: dict, file_field: str, name: str, content: bytes
    ) -> tuple[str, bytes]:
        """The Content-Type and body a browser would post from the upload form at `path` (its
        CSRF token read from the page, which becomes self.url), for a test that sends them
        itself (slowly, say)."""
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise ValueError(f"no form on {path}")
        body, content_type = form_data(
            [("csrfmiddlewaretoken", token.group(1)), *fields.items()],
            [(file_field, name, content)],
        )
        return content_type, body

    def cookie_header(self) -> str:
        """The Cookie header this browser sends to its server."""
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)

    def session_ids(self) -> set[str]:
        return {cookie.value for cookie in self.cookies if cookie.name == "sessionid"}

    def _absolute(self, path: str) -> str:
        return path if path.startswith("http") else self.base_url + path

    def _open(self, request) -> str:
        with self.opener.open(request, timeout=30) as answer:
            self.url = answer.url
            self.page = answer.read().decode()
        return self.page
