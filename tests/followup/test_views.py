"""The follow-up's pages as each person sees them: the secretariat asks, the addressed focal
points answer, other countries see nothing (404), the secretariat returns and accepts."""

import datetime
import html

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from puebla.followup.models import Answer, InputRequest, ReminderPreference
from puebla.followup.requests import services
from tests.followup import factories
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def text(response) -> str:
    """The page's words, without the markup between them."""
    return html.unescape(strip_tags(response.content.decode()))


@pytest.fixture
def secretariat():
    return make_user("secretariat", email="ts-views@example.org")


def test_the_secretariat_creates_a_request_with_the_default_reminders(
    client, secretariat, django_capture_on_commit_callbacks
):
    focal = factories.person("CR", focal=True, language="en")
    client.force_login(secretariat)
    page = client.get(url("followup:request_new"))
    assert "-14\n-3\n0\n7/7" in text(page)
    due = timezone.localdate() + datetime.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("followup:request_new"),
            {
                "title_es": "Cambios en la política migratoria",
                "title_en": "Changes in migration policy",
                "instructions_en": "Send the changes since the last meeting.",
                "due_date": due.isoformat(),
                "late_rule": "accept_late",
                "countries": [factories.country("CR").pk, factories.country("GT").pk],
                "schedule": "-14\n-3\n0\n7/7",
                "remind_focal_points": "on",
            },
        )
    made = InputRequest.objects.get(title_en="Changes in migration policy")
    assert response.status_code == 302
    assert response["Location"] == url("followup:request", made.pk)
    assert list(made.reminder_rules.values_list("offset_days", "repeat_days")) == [
        (-14, None), (-3, None), (0, None), (7, 7)
    ]  # fmt: skip
    [sent] = [message for message in mail.outbox if focal.email in message.to]
    assert "Changes in migration policy" in sent.subject
    page = text(client.get(response["Location"]))
    assert "Changes in migration policy" in page
    assert "Costa Rica" in page and "Guatemala" in page
    assert "14 days before the due date" in page
    assert "7 days after the due date, then every 7 days" in page


def test_bad_request_input_keeps_what_was_typed_and_says_why_in_spanish(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        url("followup:request_new", language="es"),
        {
            "title_es": "Insumos para la matriz",
            "instructions_es": "Texto que no se pierde",
            "due_date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            "late_rule": "closed",
            "schedule": "-3\n5/7",
        },
    )
    page = text(response)
    assert response.status_code == 200
    assert "Texto que no se pierde" in page
    assert "Elija los países a los que se solicita, o todos los países miembros." in page
    assert not InputRequest.objects.filter(title_es="Insumos para la matriz").exists()
    response = client.post(
        url("followup:request_new"),
        {
            "title_en": "Closed one",
            "due_date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            "late_rule": "closed",
            "countries": [factories.country("CR").pk],
            "schedule": "-3\n5/7",
        },
    )
    assert "This request closes on its due date" in text(response)
    response = client.post(
        url("followup:request_new"),
        {
            "title_en": "Bad schedule",
            "due_date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            "late_rule": "accept_late",
            "countries": [factories.country("CR").pk],
            "schedule": "two weeks before",
        },
    )
    assert "Line 1 is not a reminder" in text(response)
    assert not InputRequest.objects.exists()


def test_the_template_file_follows_the_document_rules(client, secretariat):
    client.force_login(secretariat)
    fields = {
        "title_en": "With a template",
        "due_date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "late_rule": "accept_late",
        "countries": [factories.country("CR").pk],
        "schedule": "0",
    }
    refused = client.post(
        url("followup:request_new"),
        {**fields, "template": SimpleUploadedFile("x.exe", b"MZ\x90\x00binary")},
    )
    assert refused.status_code == 200
    assert not InputRequest.objects.exists()
    response = client.post(
        url("followup:request_new"), {**fields, "template": factories.pdf("template.pdf")}
    )
    made = InputRequest.objects.get()
    assert response.status_code == 302
    focal = factories.person("CR", focal=True)
    client.force_login(focal)
    page = text(client.get(url("followup:request", made.pk)))
    assert "Download the template (template.pdf)" in page
    download = client.get(url("followup:template", made.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(factories.person("GT", focal=True))
    assert client.get(url("followup:template", made.pk)).status_code == 404


def test_another_country_sees_nothing_and_the_focal_point_answers(client, secretariat):
    made = factories.make_request(by=secretariat, codes=["CR"], title_en="Policy changes 2026")
    guatemala = factories.person("GT", focal=True)
    client.force_login(guatemala)
    assert client.get(url("followup:request", made.pk)).status_code == 404
    home = text(client.get(url("intranet:home")))
    assert "Policy changes 2026" not in home
    costa_rica = factories.person("CR", focal=True, language="en")
    client.force_login(costa_rica)
    home = text(client.get(url("intranet:home")))
    assert "What Costa Rica owes" in home and "Policy changes 2026" in home
    response = client.post(
        url("followup:request", made.pk),
        {"text": "We changed **law 123**.<script>alert(1)</script>", "action": "draft"},
    )
    assert response.status_code == 302
    answer = Answer.objects.get(request=made)
    assert answer.state == "draft"
    page = client.get(url("followup:request", made.pk)).content.decode()
    assert "<strong>law 123</strong>" in page
    assert "<script>alert" not in page
    # The draft is Costa Rica's own: Guatemala's focal point cannot open its file or page.
    client.force_login(guatemala)
    assert client.get(url("followup:request", made.pk)).status_code == 404
    client.force_login(costa_rica)
    response = client.post(
        url("followup:request", made.pk),
        {"text": "We changed **law 123**.", "action": "submit", "version": answer.version},
    )
    assert response.status_code == 302
    assert Answer.objects.get(request=made).state == "submitted"
    home = text(client.get(url("intranet:home")))
    assert "What Costa Rica has submitted" in home
    assert "Policy changes 2026: Submitted" in home


def test_an_empty_answer_is_refused_in_spanish_and_nothing_typed_is_lost(client, secretariat):
    made = factories.make_request(by=secretariat, codes=["CR"])
    client.force_login(factories.person("CR", focal=True))
    response = client.post(
        url("followup:request", made.pk, language="es"), {"text": "   ", "action": "submit"}
    )
    assert response.status_code == 200
    assert "La respuesta está vacía" in text(response)
    response = client.post(
        url("followup:request", made.pk, language="es"),
        {"text": "Texto escrito", "action": "draft", "files": [SimpleUploadedFile("a.exe", b"MZ")]},
    )
    assert response.status_code == 200
    assert "Texto escrito" in text(response)
    assert "Corrija los errores" in text(response)
    # The refused file wrote nothing: the draft the empty submission left is still empty.
    assert Answer.objects.get(request=made).text == ""
    assert not Answer.objects.get(request=made).files.exists()


def test_a_second_first_draft_does_not_write_over_the_first(client, secretariat):
    made = factories.make_request(by=secretariat, codes=["CR"])
    first, second = factories.person("CR", focal=True), factories.person("CR", focal=True)
    # Both open the page before Costa Rica has any answer: the form says so (version 0).
    client.force_login(second)
    assert (
        'name="version" value="0"' in client.get(url("followup:request", made.pk)).content.decode()
    )
    client.force_login(first)
    client.post(
        url("followup:request", made.pk),
        {"text": "The first draft", "action": "draft", "version": "0"},
    )
    client.force_login(second)
    response = client.post(
        url("followup:request", made.pk),
        {"text": "The second draft", "action": "draft", "version": "0"},
    )
    assert response.status_code == 200
    assert "Someone changed this answer since you opened it." in text(response)
    assert "The second draft" in text(response)  # what they typed is still in the form
    assert Answer.objects.get(request=made).text == "The first draft"


def test_officials_read_but_do_not_answer(client, secretariat):
    made = factories.make_request(by=secretariat, codes=["CR"], title_en="Read only")
    client.force_login(factories.person("CR"))
    page = text(client.get(url("followup:request", made.pk)))
    assert "Read only" in page
    assert "Your country's focal points write and submit the answer." in page
    assert client.post(url("followup:request", made.pk), {"text": "x"}).status_code == 404


def test_the_secretariat_returns_then_accepts(
    client, secretariat, django_capture_on_commit_callbacks
):
    made = factories.make_request(by=secretariat, codes=["CR"], title_en="Return me")
    focal = factories.person("CR", focal=True, language="en")
    services.answer_submit(request=made, country=focal.country, by=focal, text="First try")
    answer = Answer.objects.get()
    client.force_login(secretariat)
    page = text(client.get(url("followup:request", made.pk)))
    assert "Accept or return the answer of Costa Rica" in page
    decide = url("followup:answer", made.pk, answer.pk)
    assert "First try" in text(client.get(decide))
    refused = client.post(decide, {"decision": "return", "comment": ""})
    assert "Say what to revise" in text(refused)
    assert Answer.objects.get().state == "submitted"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide, {"decision": "return", "comment": "Add the decree's number."}
        )
    assert response.status_code == 302
    assert Answer.objects.get().state == "returned"
    assert any(focal.email in message.to for message in mail.outbox)
    client.force_login(focal)
    page = text(client.get(url("followup:request", made.pk)))
    assert "Add the decree's number." in page and "First try" in page
    client.post(
        url("followup:request", made.pk),
        {
            "text": "Second try, decree 45",
            "action": "submit",
            "version": Answer.objects.get().version,
        },
    )
    assert Answer.objects.get().state == "submitted"
    client.force_login(secretariat)
    client.post(decide, {"decision": "accept", "comment": ""})
    assert Answer.objects.get().state == "accepted"
    client.force_login(focal)
    page = text(client.get(url("followup:request", made.pk)))
    assert "Accepted" in page and "Second try, decree 45" in page
    assert 'name="action"' not in page
    assert client.post(url("followup:request", made.pk), {"text": "x"}).status_code == 404


def test_the_digest_preference(client):
    focal = factories.person("CR", focal=True, language="en")
    client.force_login(focal)
    assert "one mail listing all my country" in text(client.get(url("intranet:home")))
    client.post(url("followup:digest"), {"digest": "on"})
    assert ReminderPreference.objects.get(user=focal).digest
    client.post(url("followup:digest"), {})
    assert not ReminderPreference.objects.get(user=focal).digest
    client.force_login(factories.person("CR"))
    assert client.post(url("followup:digest"), {"digest": "on"}).status_code == 404
