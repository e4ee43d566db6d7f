"""The secretariat changes a request's reminders and names the heads of delegation; a focal
point (or the secretariat for the country) takes a file off a draft answer. Each page as its
user sees it; everyone else gets "not found"."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from puebla.followup.models import AnswerFile, HeadOfDelegation, InputRequest, SentReminder
from puebla.followup.requests import services
from tests.followup import factories
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def text(response) -> str:
    """The page's words, without the markup between them."""
    return html.unescape(strip_tags(response.content.decode()))


def rules_of(request):
    return list(request.reminder_rules.values_list("offset_days", "repeat_days"))


@pytest.fixture
def secretariat():
    return make_user("secretariat", email="ts-reminder-pages@example.org")


# --- A request's reminders --------------------------------------------------------------------


def test_the_secretariat_changes_who_is_reminded_when_and_with_what_text(client, secretariat):
    request = factories.make_request(by=secretariat)
    client.force_login(secretariat)
    request_page = client.get(url("followup:request", request.pk))
    assert url("followup:request_reminders", request.pk) in request_page.content.decode()
    assert "Change the reminders" in text(request_page)

    page = client.get(url("followup:request_reminders", request.pk))
    shown = text(page)
    assert "-14\n-3\n0\n7/7" in shown  # the request's schedule, as typed when it was made
    assert "No reminder has been sent for this request yet." in shown
    assert url("followup:heads") in page.content.decode()  # who "the head" is

    response = client.post(
        url("followup:request_reminders", request.pk),
        {
            "schedule": "-7\n0\n3/3",
            "remind_officials": "on",
            "remind_head": "on",
            "reminder_text_es": "Faltan sus aportes.",
            "reminder_text_en": "Your input is missing.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("followup:request", request.pk)
    request.refresh_from_db()
    assert rules_of(request) == [(-7, None), (0, None), (3, 3)]
    assert (request.remind_focal_points, request.remind_officials, request.remind_head) == (
        False,
        True,
        True,
    )
    assert request.escalate_to_head is False
    assert (request.reminder_text_es, request.reminder_text_en) == (
        "Faltan sus aportes.",
        "Your input is missing.",
    )
    shown = text(client.get(response["Location"]))
    assert "The reminders of this request were changed." in shown
    assert "7 days before the due date" in shown
    assert "3 days after the due date, then every 3 days" in shown
    # The form now starts from what was saved.
    page = client.get(url("followup:request_reminders", request.pk))
    assert "-7\n0\n3/3" in text(page)
    assert "Your input is missing." in text(page)


def test_a_reminder_after_the_close_is_refused_in_spanish_keeping_what_was_typed(
    client, secretariat
):
    request = factories.make_request(by=secretariat, late_rule=InputRequest.LateRule.CLOSED)
    before = rules_of(request)
    assert before == [(-14, None), (-3, None), (0, None)]  # closed: none after the due date
    client.force_login(secretariat)
    response = client.post(
        url("followup:request_reminders", request.pk, language="es"),
        {
            "schedule": "-3\n5/2",
            "remind_focal_points": "on",
            "reminder_text_es": "Texto que no se pierde",
        },
    )
    assert response.status_code == 200
    shown = text(response)
    assert "Esta solicitud se cierra en su fecha límite" in shown
    assert "-3\n5/2" in shown and "Texto que no se pierde" in shown
    request.refresh_from_db()
    assert rules_of(request) == before
    assert request.reminder_text_es == ""


def test_a_line_that_is_not_a_reminder_is_named(client, secretariat):
    request = factories.make_request(by=secretariat)
    client.force_login(secretariat)
    response = client.post(
        url("followup:request_reminders", request.pk), {"schedule": "-3\nnext week"}
    )
    assert response.status_code == 200
    assert "Line 2 is not a reminder" in text(response)
    assert rules_of(request) == [(-14, None), (-3, None), (0, None), (7, 7)]


def test_the_reminders_already_sent_are_listed(client, secretariat):
    request = factories.make_request(by=secretariat)
    other = factories.make_request(by=secretariat, codes=("HN",))
    day = timezone.localdate() - datetime.timedelta(days=2)
    sent_at = timezone.now() - datetime.timedelta(days=2)
    SentReminder.objects.create(
        request=request, country=factories.country("CR"), scheduled_for=day, sent_at=sent_at
    )
    SentReminder.objects.create(
        request=other, country=factories.country("HN"), scheduled_for=day, sent_at=sent_at
    )
    client.force_login(secretariat)
    shown = text(client.get(url("followup:request_reminders", request.pk)))
    assert "Reminders already sent" in shown
    assert "Costa Rica" in shown
    assert "Honduras" not in shown  # another request's reminder
    assert "No reminder has been sent" not in shown


def test_the_reminders_page_is_the_secretariats_only(client, secretariat):
    request = factories.make_request(by=secretariat)
    client.force_login(factories.person("CR", focal=True))
    assert client.get(url("followup:request_reminders", request.pk)).status_code == 404
    response = client.post(url("followup:request_reminders", request.pk), {"schedule": ""})
    assert response.status_code == 404
    assert len(rules_of(request)) == 4
    client.force_login(secretariat)
    assert client.get(url("followup:request_reminders", request.pk + 1000)).status_code == 404


# --- Heads of delegation ----------------------------------------------------------------------


def test_the_secretariat_names_a_head_of_delegation(client, secretariat):
    client.force_login(secretariat)
    requests_page = client.get(url("followup:requests")).content.decode()
    assert url("followup:heads") in requests_page
    page = text(client.get(url("followup:heads")))
    assert "Costa Rica" in page
    assert "Not given" in page
    costa_rica = factories.country("CR")
    response = client.post(
        url("followup:heads"),
        {
            "country": costa_rica.pk,
            "full_name": "Ana Rojas",
            "email": "Ana.Rojas@Example.org",
            "language": "en",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("followup:heads")
    head = HeadOfDelegation.objects.get(country=costa_rica)
    assert (head.full_name, head.email, head.language) == (
        "Ana Rojas",
        "ana.rojas@example.org",
        "en",
    )
    page = text(client.get(response["Location"]))
    assert "Ana Rojas is the head of delegation of Costa Rica." in page
    assert "ana.rojas@example.org" in page
    # The change link starts the form from the recorded head.
    change = client.get(url("followup:heads") + f"?country={costa_rica.pk}")
    assert 'value="Ana Rojas"' in change.content.decode()
    # An address edited by hand is no country: the plain page, not an error.
    for odd in ("²", "x", "9" * 40):
        assert "Ana Rojas" in text(client.get(url("followup:heads") + f"?country={odd}"))


def test_a_bad_head_of_delegation_is_refused_keeping_what_was_typed(client, secretariat):
    client.force_login(secretariat)
    costa_rica = factories.country("CR")
    response = client.post(
        url("followup:heads", language="es"),
        {"country": costa_rica.pk, "full_name": "Ana Rojas", "email": "not an address"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Ana Rojas"' in content and 'value="not an address"' in content
    assert "Introduzca una dirección de correo electrónico válida." in text(response)
    assert not HeadOfDelegation.objects.filter(country=costa_rica).exists()


def test_the_heads_list_costs_the_same_queries_however_many_are_named(client, secretariat):
    client.force_login(secretariat)

    def name_heads():
        for code in ("CR", "GT", "HN", "MX"):
            services.head_of_delegation_set(
                country=factories.country(code),
                by=secretariat,
                full_name=f"Head {code}",
                email=f"head-{code.lower()}@example.org",
            )

    _before, after = assert_queries_constant(client, url("followup:heads"), name_heads)
    assert "Head MX" in text(after)


def test_the_heads_page_is_the_secretariats_only(client):
    client.force_login(factories.person("CR", focal=True))
    assert client.get(url("followup:heads")).status_code == 404
    response = client.post(
        url("followup:heads"),
        {
            "country": factories.country("CR").pk,
            "full_name": "Forged",
            "email": "forged@example.org",
            "language": "es",
        },
    )
    assert response.status_code == 404
    assert not HeadOfDelegation.objects.exists()


# --- Taking a file off a draft answer ---------------------------------------------------------


@pytest.fixture
def draft(secretariat):
    """Costa Rica's draft answer with one file, saved by one of its focal points."""
    request = factories.make_request(by=secretariat)
    focal = factories.person("CR", focal=True)
    answer = services.answer_save_draft(
        request=request,
        country=factories.country("CR"),
        by=focal,
        text="Our draft",
        uploads=[factories.pdf("evidence-cr.pdf")],
    )
    return {"request": request, "focal": focal, "answer": answer, "file": answer.files.get()}


def test_a_focal_point_removes_a_file_from_the_draft_after_confirming(
    client, draft, django_capture_on_commit_callbacks
):
    request, stored = draft["request"], draft["file"]
    name, storage = stored.file.name, stored.file.storage
    assert storage.exists(name)
    client.force_login(draft["focal"])
    country_page = client.get(url("followup:request", request.pk)).content.decode()
    remove_url = url("followup:answer_file_remove", request.pk, stored.pk)
    assert remove_url in country_page

    confirm = client.get(remove_url)
    assert confirm.status_code == 200
    shown = text(confirm)
    assert "evidence-cr.pdf" in shown
    assert "Remove the file" in shown
    assert AnswerFile.objects.filter(pk=stored.pk).exists()  # a GET removes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove_url)
    assert response.status_code == 302
    assert response["Location"] == url("followup:request", request.pk)
    assert not AnswerFile.objects.filter(pk=stored.pk).exists()
    assert not storage.exists(name)
    page = text(client.get(response["Location"]))
    assert "The file evidence-cr.pdf was removed from the answer." in page
    assert "Our draft" in page  # the draft itself stays


def test_the_secretariat_removes_a_file_for_the_country(client, draft, secretariat):
    client.force_login(secretariat)
    remove_url = url("followup:answer_file_remove", draft["request"].pk, draft["file"].pk)
    assert "evidence-cr.pdf" in text(client.get(remove_url))
    assert client.post(remove_url).status_code == 302
    assert not draft["answer"].files.exists()


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(("GT", True), id="another country's focal point"),
        pytest.param(("CR", False), id="an official of the country, not a focal point"),
    ],
)
def test_anyone_else_is_told_the_file_does_not_exist(client, draft, who):
    code, focal = who
    client.force_login(factories.person(code, focal=focal))
    request, stored = draft["request"], draft["file"]
    remove_url = url("followup:answer_file_remove", request.pk, stored.pk)
    missing_url = url("followup:answer_file_remove", request.pk, stored.pk + 1000)
    assert client.get(remove_url).status_code == 404
    assert client.post(remove_url).status_code == 404
    assert client.get(missing_url).status_code == 404
    assert AnswerFile.objects.filter(pk=stored.pk).exists()


def test_a_file_of_another_request_is_not_found(client, draft, secretariat):
    other = factories.make_request(by=secretariat)
    client.force_login(draft["focal"])
    wrong = url("followup:answer_file_remove", other.pk, draft["file"].pk)
    assert client.get(wrong).status_code == 404


def test_a_file_of_an_accepted_answer_stays(client, draft, secretariat):
    request, stored = draft["request"], draft["file"]
    services.answer_submit(request=request, country=factories.country("CR"), by=draft["focal"])
    services.answer_accept(answer=draft["answer"], by=secretariat)
    client.force_login(draft["focal"])
    country_page = client.get(url("followup:request", request.pk)).content.decode()
    remove_url = url("followup:answer_file_remove", request.pk, stored.pk)
    assert remove_url not in country_page  # no "Remove" beside an accepted answer's file
    confirm = text(client.get(remove_url))
    assert "This answer was accepted and can no longer change." in confirm
    assert "Remove the file" not in confirm
    response = client.post(remove_url)
    assert response.status_code == 200
    assert "This answer was accepted and can no longer change." in text(response)
    assert AnswerFile.objects.filter(pk=stored.pk).exists()


def test_a_file_of_a_submitted_answer_comes_off_only_once_it_is_a_draft_again(client, draft):
    request, stored = draft["request"], draft["file"]
    services.answer_submit(request=request, country=factories.country("CR"), by=draft["focal"])
    client.force_login(draft["focal"])
    remove_url = url("followup:answer_file_remove", request.pk, stored.pk)
    # The secretariat may be reading the submitted answer: no "Remove" beside its files.
    assert remove_url not in client.get(url("followup:request", request.pk)).content.decode()
    confirm = text(client.get(remove_url))
    assert "save it as a draft first" in confirm and "Remove the file" not in confirm
    response = client.post(remove_url)
    assert response.status_code == 200
    assert "This answer is submitted: save it as a draft first, then remove the file." in text(
        response
    )
    assert AnswerFile.objects.filter(pk=stored.pk).exists()
