"""The translation desk (issue 30, part 1): what exists in one language only, counted on the
intranet home, translated beside its source, with its history, marked wherever it shows, and
out of date once its source changes, until someone reviews it."""

import csv
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from puebla.accounts.body_editors import body_editor_appoint
from puebla.core.models import Translation
from puebla.directory.models import Organisation
from puebla.intranet.models import Notice
from puebla.planning import shipped
from puebla.planning.models import Item
from puebla.translation_desk.kinds import all_kinds
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

pytestmark = pytest.mark.django_db

SPANISH = "Intercambiar información sobre las buenas prácticas de la región."
TRANSLATED = "traducido por la Secretaría Técnica"
NOT_TRANSLATED = "aún sin traducción al español"


def url(name, language="es", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def text(response) -> str:
    """The page as a reader reads it: its words, without the markup."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


def words(source: str) -> str:
    """A source text as a page shows it: its <i> markup is emphasis, its spaces single."""
    return " ".join(re.sub(r"</?i>", " ", source).split())


def translate_url(record, field, language="es", page_language="es"):
    return url(
        "translation_desk:translate",
        page_language,
        kind=record._meta.label_lower,
        pk=record.pk,
        field=field,
        into=language,
    )


@pytest.fixture
def shipped_plan():
    shipped.load()


@pytest.fixture
def item(shipped_plan):
    """The first item of the shipped Plan of Action that the source gives in English only:
    the desk lists the oldest first."""
    return Item.objects.filter(text_es="").exclude(text_en="").order_by("pk")[0]


def waiting_into_spanish(page: str) -> int:
    found = re.search(r"(\d+) registros? tienen? textos solo en inglés", page)
    return int(found[1]) if found else 0


def test_the_secretariat_translates_a_plan_item_and_the_pages_and_export_carry_it(
    client, sign_in, item
):
    secretariat = sign_in("secretariat")
    home = text(client.get(url("intranet:home")))
    waiting = waiting_into_spanish(home)
    assert waiting > 0 and "Abrir el escritorio de traducción" in home

    listing = text(client.get(url("translation_desk:waiting", kind="planning.item", into="es")))
    assert words(item.text_en)[:60] in listing

    response = client.post(translate_url(item, "text"), {"text": SPANISH})
    assert response.status_code == 302
    assert "La traducción quedó guardada" in text(client.get(response["Location"]))

    item.refresh_from_db()
    assert item.text_es == SPANISH and item.text_en  # the source is kept
    record = item.history.first()
    assert record.history_user == secretariat
    assert record.history_change_reason == "Traducido en el escritorio de traducción"
    desk = Translation.objects.get(object_id=item.pk, field="text", language="es")
    assert (desk.translated_by, desk.source_text) == (secretariat, item.text_en)

    client.logout()
    page = text(client.get(url("planning:item", pk=item.pk)))
    assert f"{SPANISH} ({TRANSLATED})" in page
    english = text(client.get(url("planning:item", "en", pk=item.pk)))
    assert item.text_en in english and "translated by" not in english

    export = client.get(url("planning:export", file_format="csv"))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert any(f"{SPANISH} ({TRANSLATED})" in cell for row in rows for cell in row)

    client.force_login(secretariat)
    listing = client.get(url("translation_desk:waiting", kind="planning.item", into="es"))
    assert translate_url(item, "text") not in listing.content.decode()


def test_a_changed_source_shows_the_translation_out_of_date_until_reviewed(client, sign_in, item):
    secretariat = sign_in("secretariat")
    client.post(translate_url(item, "text"), {"text": SPANISH})
    item.refresh_from_db()
    item.text_en = item.text_en + " And its follow-up."
    item.save()

    desk = text(client.get(url("translation_desk:desk")))
    assert "Traducciones desactualizadas" in desk and str(item) in desk
    page = text(client.get(url("planning:item", pk=item.pk)))
    assert "traducción desactualizada: el original cambió" in page
    form = text(client.get(translate_url(item, "text")))
    assert "Esta traducción está desactualizada" in form and "And its follow-up." in form

    response = client.post(translate_url(item, "text"), {"action": "review", "text": SPANISH})
    assert response.status_code == 302
    assert "No hay ninguna traducción desactualizada." in text(
        client.get(url("translation_desk:desk"))
    )
    page = text(client.get(url("planning:item", pk=item.pk)))
    assert "desactualizada" not in page and TRANSLATED in page
    reviewed = Translation.objects.get(object_id=item.pk, field="text", language="es")
    assert reviewed.source_text == item.text_en
    assert reviewed.history.first().history_user == secretariat


def test_a_spanish_only_text_is_translated_into_english(client, sign_in):
    sign_in("secretariat")
    notice = Notice.objects.create(
        slug="aviso-solo-en-espanol", title_es="Reunión del GRCM aplazada", audience="public"
    )
    listing = text(
        client.get(url("translation_desk:waiting", "en", kind="intranet.notice", into="en"))
    )
    assert "Reunión del GRCM aplazada" in listing
    client.post(
        translate_url(notice, "title", language="en", page_language="en"),
        {"text": "RCGM meeting postponed"},
    )
    page = text(client.get(url("intranet:notice", "en", slug=notice.url_slug)))
    assert "RCGM meeting postponed (translated by the Technical Secretariat)" in page


def test_a_body_s_editor_translates_that_body_s_records_only(client, sign_in, shipped_plan):
    secretariat = make_user("secretariat", email="ts@example.org")
    editor = make_user("official_b", email="editora@example.org")
    theirs = Item.objects.filter(text_es="", responsible_body__isnull=False).exclude(text_en="")[0]
    others = (
        Item.objects.filter(text_es="")
        .exclude(text_en="")
        .exclude(responsible_body=theirs.responsible_body)[0]
    )
    body_editor_appoint(body=theirs.responsible_body, user=editor, by=secretariat)
    client.force_login(type(editor).objects.get(pk=editor.pk))

    listing = text(client.get(url("translation_desk:waiting", kind="planning.item", into="es")))
    assert words(theirs.text_en)[:50] in listing
    assert words(others.text_en)[:50] not in listing
    assert client.get(translate_url(others, "text")).status_code == 404
    refused = client.post(translate_url(others, "text"), {"text": SPANISH})
    assert refused.status_code == 404
    others.refresh_from_db()
    assert others.text_es == ""
    # The secretariat's own records are not theirs either.
    assert (
        client.get(
            url("translation_desk:waiting", kind="directory.organisation", into="es")
        ).status_code
        == 200
    )
    organisation = Organisation.objects.filter(name_es="").exclude(name_en="").first()
    if organisation is not None:
        assert client.get(translate_url(organisation, "name")).status_code == 404

    response = client.post(translate_url(theirs, "text"), {"text": SPANISH})
    assert response.status_code == 302
    client.logout()
    page = text(client.get(url("planning:item", pk=theirs.pk)))
    assert f"{SPANISH} (traducido por los editores del órgano)" in page


def test_a_member_official_has_no_desk(client, sign_in):
    sign_in("official_a")
    assert client.get(url("translation_desk:desk")).status_code == 404
    assert "escritorio de traducción" not in text(client.get(url("intranet:home")))


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ("", "Escriba la traducción: está vacía."),
        ("x" * 301, "Asegúrese de que este valor tenga menos de 300 caracteres"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_written(client, sign_in, posted, message):
    sign_in("secretariat")
    organisation = Organisation.objects.create(
        slug="only-english", name_en="Only English", kind="international"
    )
    response = client.post(translate_url(organisation, "name"), {"text": posted})
    assert response.status_code == 200 and message in text(response)
    organisation.refresh_from_db()
    assert organisation.name_es == "" and not Translation.objects.exists()


def test_a_text_the_source_gives_in_both_languages_is_not_the_desk_s(client, sign_in):
    sign_in("secretariat")
    organisation = Organisation.objects.exclude(name_es="").exclude(name_en="").first()
    assert client.get(translate_url(organisation, "name")).status_code == 404
    response = client.post(translate_url(organisation, "name"), {"text": "Otro nombre"})
    assert response.status_code == 404
    assert Organisation.objects.get(pk=organisation.pk).name_es == organisation.name_es


def test_every_kind_of_bilingual_record_reaches_the_desk(client, sign_in):
    keys = {kind.key for kind in all_kinds()}
    assert {
        "directory.organisation",
        "directory.body",
        "directory.presidency",
        "meetings.meeting",
        "meetings.agendaitem",
        "documents.document",
        "planning.item",
        "intranet.notice",
        "followup.commitment",
        "followup.inputrequest",
    } <= keys
    sign_in("secretariat")
    for key in sorted(keys):
        for language in ("es", "en"):
            response = client.get(url("translation_desk:waiting", kind=key, into=language))
            assert response.status_code == 200, key


def test_the_waiting_list_costs_the_same_queries_however_many_records(client, sign_in):
    sign_in("secretariat")

    def grow():
        for number in range(30):
            Organisation.objects.create(
                slug=f"english-only-{number}", name_en=f"English only {number}", kind="forum"
            )

    _before, after = assert_queries_constant(
        client, url("translation_desk:waiting", kind="directory.organisation", into="es"), grow
    )
    assert "English only 3" in text(after) or "English only 29" in text(after)


def test_files_and_mail_carry_the_same_notes_as_the_pages(client, sign_in):
    from puebla.core.text_marks import marked_text

    notice = Notice.objects.create(
        slug="solo-ingles", title_en="Only in English", audience="public"
    )
    assert marked_text(notice, "title", "es") == f"Only in English ({NOT_TRANSLATED})"
    sign_in("secretariat")
    client.post(translate_url(notice, "title"), {"text": "Solo en inglés"})
    notice.refresh_from_db()
    assert marked_text(notice, "title", "es") == f"Solo en inglés ({TRANSLATED})"
    assert marked_text(notice, "title", "en") == "Only in English"
