"""The two answers a page may give hostile input: accepted (a redirect), or refused with its
messages on the page and nothing written. Anything else (a server error, an exception, a
refusal that wrote something or said nothing) fails the test."""

import html

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext
from hypothesis import event
from hypothesis.control import currently_in_test_context

from tests.hostile.kept import Kept, assert_nothing_written, kept

ACCEPTED = 302
# Above every refused form (templates/forms/errors.html).
SUMMARY = "Please correct the errors below. Nothing has been saved yet."


def page_text(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def refusal_messages(response) -> list[str]:
    """The messages of the page's form, each of which the page must show."""
    form = response.context["form"]
    return [
        " ".join(str(message).split()) for messages in form.errors.values() for message in messages
    ]


def check(response, before: Kept) -> Kept | None:
    """The state after an accepted input (for the test to compare with what was sent), or None
    after a refusal, having checked that it was said and that nothing was written."""
    assert response.status_code in (ACCEPTED, 200, 400), response.status_code
    if currently_in_test_context():  # --hypothesis-show-statistics: how many of each
        event(f"answered {response.status_code}")
    if response.status_code == ACCEPTED:
        return kept()
    # A POST with no field and no file the form knows is read as no POST at all (the views'
    # `Form(request.POST or None)`): the empty form again. Only a script sends that.
    if response.status_code == 200 and response.context["form"].is_bound:  # with its errors
        messages = refusal_messages(response)
        assert messages, "the form came back without saying why"
        shown = page_text(response)
        with translation.override(response.wsgi_request.LANGUAGE_CODE):  # the page's language
            assert gettext(SUMMARY) in shown
        for message in messages:
            assert message in shown, message
    # 400: a body that is not a form at all (Django's own "Bad Request").
    assert_nothing_written(before)
    return None
