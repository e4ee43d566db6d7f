"""A body larger than its sender may send is refused with 413 before a byte of it is read
(issue 27 finding 4: an anonymous 300 MB POST to the sign-in page was read in full)."""

import io

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


class CountingBody(io.RawIOBase):
    """A body of `size` zero bytes made as it is read, counting what was read."""

    def __init__(self, size: int):
        self.size = size
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        count = min(len(buffer), self.size - self.read_bytes)
        buffer[:count] = b"\0" * count
        self.read_bytes += count
        return count


def post(client: Client, path: str, size: int, content_type: str) -> tuple:
    body = CountingBody(size)
    response = client.generic(
        "POST",
        path,
        CONTENT_TYPE=content_type,
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": body},
    )
    return response, body.read_bytes


@pytest.mark.parametrize(
    "content_type", ["multipart/form-data; boundary=x", "application/x-www-form-urlencoded"]
)
def test_an_anonymous_300_mb_sign_in_is_refused_unread(content_type):
    response, read = post(Client(), "/en/accounts/login/", 300 * MB, content_type)
    assert response.status_code == 413
    assert read == 0
    page = response.content.decode()
    assert "What you sent is too large" in page
    assert "Nothing was received or saved" in page


def test_the_refusal_is_in_spanish_on_a_spanish_page():
    response, _read = post(
        Client(), "/es/accounts/login/", 300 * MB, "application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "Lo que envió es demasiado grande" in response.content.decode()


def test_a_form_without_a_file_is_kept_small_even_signed_in(client, sign_in):
    sign_in("secretariat")
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response, read = post(client, "/en/intranet/", limit + 1, "application/x-www-form-urlencoded")
    assert (response.status_code, read) == (413, 0)


def test_a_signed_in_upload_may_be_as_large_as_the_largest_file(client, sign_in):
    sign_in("secretariat")
    largest = settings.DOCUMENT_MAX_BYTES
    # Within the limit the request goes on to the page (which refuses the empty multipart
    # body for its own reasons, but reads it).
    response, read = post(client, "/en/intranet/", largest, "multipart/form-data; boundary=x")
    assert response.status_code != 413
    response, read = post(
        client, "/en/intranet/", largest + 2 * MB, "multipart/form-data; boundary=x"
    )
    assert (response.status_code, read) == (413, 0)
    # An anonymous visitor uploads nothing: the small limit.
    response, read = post(Client(), "/en/intranet/", 3 * MB, "multipart/form-data; boundary=x")
    assert (response.status_code, read) == (413, 0)
