"""The secretariat writes notices in the intranet: both languages, an audience, now or later;
bad input changes nothing; deleting asks first and keeps the history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from puebla.directory.models import Body, Country
from puebla.intranet.models import Notice
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def form_data(**overrides):
    return {
        "title_es": "Reunión de la red consular",
        "title_en": "Consular network meeting",
        "body_es": "Texto en español.",
        "body_en": "Text in English.",
        "audience": "body",
        "audience_bodies": [Body.objects.get(slug="network-consular-protection").pk],
        "audience_country": "",
        "published_on": "",
        **overrides,
    }


def test_a_bilingual_notice_for_one_body_reaches_its_members_only(client, sign_in):
    secretariat = sign_in("secretariat")
    response = client.post(en("intranet:notice_new"), form_data())
    assert response.status_code == 302
    notice = Notice.objects.get(title_en="Consular network meeting")
    assert (notice.title_es, notice.body_en) == ("Reunión de la red consular", "Text in English.")
    assert notice.history.first().history_user == secretariat

    member = make_user("liaison_officer")  # consular network
    other = make_user("official_b")
    for reader, status in ((member, 200), (other, 404)):
        client.force_login(reader)
        assert client.get(en("intranet:notice", slug=notice.slug)).status_code == status


def test_a_notice_dated_later_is_seen_by_the_secretariat_only_until_then(client, sign_in):
    sign_in("secretariat")
    later = timezone.localdate() + datetime.timedelta(days=3)
    client.post(
        en("intranet:notice_new"),
        form_data(audience="members", audience_bodies=[], published_on=later.isoformat()),
    )
    notice = Notice.objects.get(title_en="Consular network meeting")
    assert client.get(en("intranet:notice", slug=notice.slug)).status_code == 200
    client.force_login(make_user("official_a"))
    assert client.get(en("intranet:notice", slug=notice.slug)).status_code == 404
    Notice.objects.filter(pk=notice.pk).update(published_on=timezone.localdate())
    assert client.get(en("intranet:notice", slug=notice.slug)).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title_es": "", "title_en": ""}, "Give the title in Spanish, in English, or in both."),
        ({"audience_bodies": []}, "Choose the bodies whose members may read it."),
        ({"audience": "country"}, "Choose the country whose officials may read it."),
        ({"audience": "members"}, "Bodies apply only to the audience"),
        ({"published_on": "31/02/2027"}, "Enter a valid date."),
    ],
)
def test_bad_input_is_explained_and_writes_nothing(client, sign_in, overrides, message):
    sign_in("secretariat")
    before = Notice.objects.count()
    page = client.post(en("intranet:notice_new"), form_data(**overrides)).content.decode()
    assert message in page
    assert "Nothing has been saved yet." in page
    assert Notice.objects.count() == before


def test_editing_changes_the_notice_and_keeps_its_history(client, sign_in):
    sign_in("secretariat")
    notice = Notice.objects.get(slug="comparative-matrix-input")
    data = form_data(
        title_en="Input for the comparative matrix (updated)",
        audience="country",
        audience_bodies=[],
        audience_country=Country.objects.get(iso_code="CR").pk,
    )
    assert client.post(en("intranet:notice_edit", slug=notice.slug), data).status_code == 302
    notice.refresh_from_db()
    assert notice.title_en == "Input for the comparative matrix (updated)"
    assert notice.audience_country.iso_code == "CR" and not notice.audience_bodies.exists()
    assert notice.history.count() >= 2


def test_deleting_asks_first(client, sign_in):
    sign_in("secretariat")
    notice = Notice.objects.get(slug="comparative-matrix-input")
    page = client.get(en("intranet:notice_delete", slug=notice.slug)).content.decode()
    assert "Nobody will see this notice any more." in page
    assert Notice.objects.filter(pk=notice.pk).exists()
    assert client.post(en("intranet:notice_delete", slug=notice.slug)).status_code == 302
    assert not Notice.objects.filter(pk=notice.pk).exists()
    assert Notice.history.filter(id=notice.pk, history_type="-").exists()
