import pytest
from django.urls import NoReverseMatch, clear_url_caches, reverse


@pytest.fixture(autouse=True)
def _request_page(settings):
    """Mail links need the request page's URL; a stand-in serves until the pages exist."""
    try:
        reverse("followup:request", args=[1])
    except NoReverseMatch:
        settings.ROOT_URLCONF = "tests.followup.stub_urls"
        clear_url_caches()
        yield
        clear_url_caches()
        return
    yield
