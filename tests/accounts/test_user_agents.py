"""The sessions page names a session's browser and system, read from its User-Agent header."""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from puebla.accounts.user_agents import browser_and_system

# Real headers, as these browsers send them.
REAL = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0": (
        "Firefox 128 on Windows"
    ),
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0": "Edge 131 on Windows",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.6 Safari/605.1.15": "Safari 17 on macOS",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.6 Mobile/15E148 Safari/604.1": "Safari 17 on iOS",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36": "Chrome 131 on Android",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/156.0.0.0 Safari/537.36": "Chrome 156 on Linux",
    "curl/8.5.0": "Another browser on another system",
    "": "Another browser on another system",
}


@pytest.mark.parametrize(("header", "expected"), REAL.items())
def test_real_headers_are_named(header, expected):
    with translation.override("en"):
        assert browser_and_system(header) == expected


def test_the_words_are_in_the_readers_language():
    with translation.override("es"):
        assert browser_and_system(next(iter(REAL))) == "Firefox 128 en Windows"
        assert browser_and_system("curl/8.5.0") == "Otro navegador en otro sistema"


@given(st.text(max_size=600))
def test_any_header_gives_a_phrase_and_never_fails(header):
    with translation.override("en"):
        phrase = browser_and_system(header)
    assert " on " in phrase and phrase.strip() == phrase


@pytest.mark.django_db
def test_the_sessions_page_names_the_browser_not_the_header(client):
    from django.urls import reverse

    from tests.roles import PASSWORD, make_user

    user = make_user("official_a")
    header = next(iter(REAL))
    with translation.override("en"):
        client.post(
            reverse("account_login"),
            {"login": user.email, "password": PASSWORD},
            HTTP_USER_AGENT=header,
        )
        page = client.get(reverse("usersessions_list"), HTTP_USER_AGENT=header).content.decode()
    assert ">Firefox 128 on Windows<" in page
    assert f'title="{header}"' in page
