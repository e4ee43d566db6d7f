"""The language switch links only to pages of this site, rebuilt from the URL they resolve to."""

import re

import pytest

pytestmark = pytest.mark.django_db


def hrefs(page) -> list[str]:
    return re.findall(r'href="([^"]*)"', page.content.decode())


@pytest.mark.parametrize("path", ["/%2Fevil.com/", "/es/%2Fevil.com/", "/es//evil.com/x"])
def test_a_404_for_a_path_naming_another_site_links_to_no_other_site(client, path):
    page = client.get(path)
    assert page.status_code == 404
    links = hrefs(page)
    assert not [link for link in links if "evil.com" in link], links
    assert not [link for link in links if link.startswith("//")], links
    assert "/en/" in links  # the switch still leads somewhere: the home page in English


def test_the_switch_keeps_the_reader_on_the_same_page_and_query(client):
    english = client.get("/en/?page=2")
    assert english.status_code == 200
    assert "/es/?page=2" in hrefs(english)
