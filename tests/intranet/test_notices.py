"""Each role sees exactly the notices of its audiences; the rest are 404 and never listed."""

import datetime
import html
import logging
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from puebla.directory.models import Appointment, Body
from puebla.intranet.models import Notice
from tests.roles import VISIBLE_NOTICES

pytestmark = pytest.mark.django_db


def en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("role", [role for role in VISIBLE_NOTICES if role != "anonymous"])
def test_each_role_lists_and_opens_exactly_its_notices(client, sign_in, role):
    sign_in(role)
    listing = html.unescape(client.get(en("intranet:notices")).content.decode())
    expected = VISIBLE_NOTICES[role]
    for notice in Notice.objects.all():
        shown = notice.title_en in listing
        assert shown == (notice.slug in expected), f"{role}: {notice.slug} shown={shown}"
        status = client.get(en("intranet:notice", slug=notice.slug)).status_code
        assert status == (200 if notice.slug in expected else 404), f"{role}: {notice.slug}"
    count = len(expected)
    assert f"{count} notice{'s' if count != 1 else ''} you can see" in listing


def test_the_query_does_not_repeat_a_notice_shared_by_several_bodies(client, sign_in):
    user = sign_in("liaison_officer")
    notice = Notice.objects.get(slug="consular-network-work-plan")
    notice.audience_bodies.add(Body.objects.get(slug="rcgm"))
    Appointment.objects.create(
        person=user.person,
        body=Body.objects.get(slug="rcgm"),
        title_es="Miembro",
        title_en="Member",
    )
    assert Notice.objects.visible_to(user).filter(slug=notice.slug).count() == 1


def test_a_hidden_notice_is_a_404_and_is_logged(client, sign_in, caplog):
    user = sign_in("official_b")
    caplog.set_level(logging.INFO, logger="puebla.security")
    response = client.get(en("intranet:notice", slug="costa-rica-ppt-2020"))
    assert response.status_code == 404
    assert "Costa Rica: preparing" not in response.content.decode()
    assert f"access-denied user={user.pk} intranet.Notice" in caplog.text


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(en("intranet:notice", slug="welcome-virtual-secretariat"))
    assert response.status_code == 302
    assert response["Location"].startswith(en("account_login"))


def test_my_secretariat_shows_who_i_am_and_what_i_can_reach(client, sign_in):
    sign_in("liaison_officer")
    page = client.get(en("intranet:home")).content.decode()
    assert "Member-state official — Mexico" in page
    assert "Liaison Officers Network for Consular Protection — Liaison officer" in page
    assert "Members of Liaison Officers Network for Consular Protection" in page
    # Among the latest notices, under the network's one name, with no invented date.
    assert (
        "Work plan of the Liaison Officers Network for Consular Protection</a> "
        "<small>(publication date not given)</small>" in page
    )


def test_a_notice_without_a_date_says_so_and_shows_its_inferred_title(client, sign_in):
    sign_in("liaison_officer")
    listing = client.get(en("intranet:notices")).content.decode()
    assert '<span class="not-given">not given</span>' in listing
    page = client.get(en("intranet:notice", slug="consular-network-work-plan")).content.decode()
    assert "Publication date not given." in page
    assert '<details class="inferred"><summary>Inferred: why?</summary>' in page
    assert "we take it to be the Liaison Officers Network for Consular Protection" in page


def test_a_dated_notice_shows_its_date(client, sign_in):
    Notice.objects.filter(slug="welcome-virtual-secretariat").update(
        published_on=datetime.date(2020, 3, 2)
    )
    sign_in("official_a")
    page = client.get(en("intranet:notice", slug="welcome-virtual-secretariat")).content.decode()
    assert "Published on March 2, 2020." in page
    listing = client.get(en("intranet:notices")).content.decode()
    # Dated notices come first, undated ones after them.
    assert listing.index("Welcome to the RCM virtual secretariat") < listing.index(
        "Civil-society participation"
    )


def test_a_missing_translation_is_flagged_in_the_intranet_too(client, sign_in):
    Notice.objects.filter(slug="welcome-virtual-secretariat").update(title_en="")
    sign_in("official_a")
    page = client.get(en("intranet:notices")).content.decode()
    assert '<span lang="es">Bienvenida a la secretaría virtual de la CRM</span>' in page
    assert "not yet translated into English" in page


def test_spanish_pages_link_notices_by_a_spanish_key_and_switch_to_the_english_one(client, sign_in):
    sign_in("official_a")
    notice = Notice.objects.get(slug="comparative-matrix-input")
    assert notice.slug_es == "insumos-para-la-matriz-comparativa-antes-de-la-reunion-del-grcm"
    with translation.override("es"):
        spanish_url = reverse("intranet:notice", kwargs={"slug": notice.slug_es})
        spanish_list = client.get(reverse("intranet:notices")).content.decode()
    with translation.override("en"):
        english_url = reverse("intranet:notice", kwargs={"slug": notice.slug})
    assert f'href="{spanish_url}"' in spanish_list
    spanish_page = client.get(spanish_url).content.decode()
    assert f'href="{english_url}" hreflang="en"' in spanish_page
    # A Spanish address with the English key (an older link) still opens the notice.
    with translation.override("es"):
        older = reverse("intranet:notice", kwargs={"slug": notice.slug})
    assert client.get(older).status_code == 200


def test_the_home_shows_the_latest_notices_the_reader_may_see(client, sign_in):
    """The five newest first, the undated after every dated one, a notice dated later hidden
    until its day from all but the secretariat, and none of another audience."""
    today = timezone.localdate()
    for days, audience in ((1, "members"), (-1, "members"), (-2, "secretariat"), (-3, "members")):
        Notice.objects.create(
            slug=f"latest-{days}",
            title_en=f"Latest notice {days}",
            published_on=today + datetime.timedelta(days=days),
            audience=audience,
        )
    Notice.objects.filter(slug="welcome-virtual-secretariat").update(published_on=today)
    sign_in("official_a")
    latest = " ".join(html.unescape(client.get(en("intranet:home")).content.decode()).split())
    latest = latest[latest.index("Latest notices") : latest.index("All notices")]
    shown = re.findall(r'">([^<]+)</a>', latest)
    assert shown[:3] == [
        "Welcome to the RCM virtual secretariat",
        "Latest notice -1",
        "Latest notice -3",
    ]
    assert len(shown) == 5 and "Latest notice 1" not in latest
    assert "Latest notice -2" not in latest  # the secretariat's own

    sign_in("secretariat")
    latest = html.unescape(client.get(en("intranet:home")).content.decode())
    assert latest.index("Latest notice 1<") < latest.index("Latest notice -1<")


def test_notices_are_indexed_latest_first_with_the_undated_last():
    """The index the latest notices are read by keeps the ordering's place for undated notices
    on each database (puebla.core.indexes.NullsLastIndex)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'notice_latest_first'"
            )
            assert "(published_on DESC NULLS LAST, slug)" in cursor.fetchone()[0]
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'notice_latest_first'")
            assert '("published_on" DESC, "slug")' in cursor.fetchone()[0]
