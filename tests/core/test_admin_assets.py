"""The admin's forms load nothing from another host (the CSP would block it, and a CDN sees who
works when), and each translated field says its language."""

import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

OFF_SITE = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")


def test_no_admin_add_page_loads_anything_from_another_host(client, sign_in):
    sign_in("secretariat")
    checked = 0
    for model in admin.site._registry:
        try:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        except NoReverseMatch:
            continue
        response = client.get(url)
        if response.status_code != 200:
            continue  # superuser-only, or added elsewhere (invitations, accounts)
        checked += 1
        assert not OFF_SITE.findall(response.content.decode()), url
    assert checked >= 5


def test_translated_fields_are_labelled_with_their_language(client, sign_in):
    sign_in("secretariat")
    page = client.get(reverse("admin:intranet_notice_add")).content.decode()
    for language, name in (("es", "Español"), ("en", "Inglés")):
        assert re.search(rf"<label[^>]*for=\"id_title_{language}\"[^>]*>Título \({name}\)", page)
