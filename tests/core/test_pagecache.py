"""Anonymous visitors get public pages from the cache; edits show at once; accounts never do."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path

from puebla.core.pagecache import bump_content_version, public_page
from puebla.directory.models import Body, Country

pytestmark = pytest.mark.django_db


def make_user():
    """Someone with an account, whatever field signs people in (a username, an e-mail).

    Saved directly rather than through create_user(): what the account model requires of a
    new account (a name, an affiliation) is not what these tests are about.
    """
    user_model = get_user_model()
    user = user_model(**{user_model.USERNAME_FIELD: "visitor@example.org"})
    user.set_unusable_password()
    user.save()
    return user


def get(client, url):
    """The page's text and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


@pytest.mark.parametrize(
    "url", ["/es/", "/en/members/", "/es/estructura/", "/en/presidencies/", "/es/contacto/"]
)
def test_second_anonymous_request_is_served_from_the_cache_without_queries(client, url):
    first, first_queries = get(client, url)
    second, second_queries = get(client, url)
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    # Security headers too (CSP, X-Frame-Options ...): a cached page is no less protected.
    assert dict(second.headers) == dict(first.headers)


def test_each_language_has_its_own_cached_page(client):
    get(client, "/es/miembros/")
    english, _ = get(client, "/en/members/")
    assert "Dominican Republic" in english.content.decode()
    assert "República Dominicana" not in english.content.decode()


def test_an_edit_of_a_country_name_shows_on_the_next_request(client):
    get(client, "/en/members/")
    country = Country.objects.get(iso_code="DO")
    country.name_en = "Dominican Republic (renamed)"
    country.save()
    page, queries = get(client, "/en/members/")
    assert "<li>Dominican Republic (renamed)</li>" in page.content.decode()
    assert queries > 0


def test_a_write_without_signals_shows_once_the_service_bumps_the_version(client):
    get(client, "/en/structure/")
    Body.objects.filter(slug="rcgm").update(name_en="Regional Group (bulk-edited)")
    bump_content_version()
    page, _ = get(client, "/en/structure/")
    assert "Regional Group (bulk-edited)" in page.content.decode()


def test_anonymous_public_pages_carry_no_csrf_token_and_set_no_cookie(client):
    for _ in range(2):  # rendered, then from the cache
        response, _ = get(client, "/es/")
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_signed_in_users_pages_are_never_cached(client):
    client.force_login(make_user())
    _, first_queries = get(client, "/en/members/")
    _, second_queries = get(client, "/en/members/")
    assert first_queries > 0
    assert second_queries > 0
    # Nor did the signed-in requests leave a page behind for anonymous visitors.
    client.logout()
    _, anonymous_queries = get(client, "/en/members/")
    assert anonymous_queries > 0


def test_a_signed_in_user_never_gets_the_anonymous_page(client):
    get(client, "/en/presidencies/")  # cached for anonymous visitors
    client.force_login(make_user())
    _, queries = get(client, "/en/presidencies/")
    assert queries > 0


def test_a_visitor_with_pending_messages_gets_a_freshly_rendered_page(client):
    get(client, "/es/")
    client.cookies["messages"] = "pending"
    _, queries = get(client, "/es/")
    assert queries > 0


def test_a_transaction_saving_many_records_bumps_the_version_once_more_on_commit(
    django_capture_on_commit_callbacks,
):
    # On commit: so that a page another request rendered from the data before the commit,
    # under the version bumped by the first save, does not outlive the commit.
    with django_capture_on_commit_callbacks() as callbacks:
        for country in Country.objects.all():
            country.save()
    assert callbacks.count(bump_content_version) == 1
    # Nor does any memory that processes reload when data changes (the search's columns, as
    # countries are in the search index) ask more than once.
    assert len(callbacks) == len(set(callbacks)) <= 2


# A page that opts two query parameters into its cache key, and counts its renderings.
renderings = []


@public_page(params=("colour", "page"))
def colour_page(request):
    renderings.append(request.get_full_path())
    return HttpResponse(f"colour {request.GET.get('colour', 'none')}")


urlpatterns = [path("colours/", colour_page)]


@pytest.mark.urls(__name__)
def test_named_query_parameters_make_pages_of_their_own(client):
    renderings.clear()
    red = client.get("/colours/?colour=red")
    again = client.get("/colours/?colour=red")
    blue = client.get("/colours/?colour=blue")
    assert (red.content, again.content, blue.content) == (
        b"colour red",
        b"colour red",
        b"colour blue",
    )
    assert renderings == ["/colours/?colour=red", "/colours/?colour=blue"]
    # The order of the parameters does not matter.
    client.get("/colours/?page=2&colour=red")
    client.get("/colours/?colour=red&page=2")
    assert len(renderings) == 3


@pytest.mark.urls(__name__)
def test_unknown_query_parameters_cannot_flood_the_cache(client):
    renderings.clear()
    client.get("/colours/?colour=red")
    for number in range(20):
        response = client.get(f"/colours/?colour=red&junk={number}")
        assert response.content == b"colour red"
    assert renderings == ["/colours/?colour=red"]


def test_pages_beyond_the_memory_bound_are_dropped_least_recently_used_first(client, settings):
    settings.PAGE_CACHE_MB = 0  # room for one page only: the last one stored is always kept
    get(client, "/en/members/")
    _, from_the_cache = get(client, "/en/members/")
    get(client, "/en/structure/")  # pushes the members' page out
    _, rendered_again = get(client, "/en/members/")
    assert from_the_cache == 0
    assert rendered_again > 0
