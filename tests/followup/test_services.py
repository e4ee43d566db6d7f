"""The answer's workflow: request → draft → submit → return → revise → submit → accept, with
the mail each step sends (recipients, language, link) and the step it records."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from puebla.followup.models import Answer, AnswerFile, InputRequest, Transition
from puebla.followup.requests import services
from puebla.followup.requests.links import request_link
from tests.followup.factories import country, make_request, pdf, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English here; test_closed_deadline_in_spanish reads Spanish."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def people():
    return {
        "ts": person(None, language="en"),
        "cr": person("CR", focal=True, language="es"),
        "gt": person("GT", focal=True, language="en"),
        "mx": person("MX", focal=True),
        "cr_official": person("CR"),
    }


def test_whole_workflow_with_mail_and_steps(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = make_request(by=people["ts"], title_es="Cambios de ley", title_en="Law changes")
    to = {message.to[0]: message for message in mail.outbox}
    assert set(to) == {people["cr"].email, people["gt"].email}  # not Mexico: not addressed
    assert to[people["cr"].email].subject == "[CRM] Solicitud de insumos: Cambios de ley"
    assert request_link(request.pk, "es") in to[people["cr"].email].body
    assert "/es/" in request_link(request.pk, "es")
    assert to[people["gt"].email].subject == "[RCM] Request for input: Law changes"
    assert request_link(request.pk, "en") in to[people["gt"].email].body
    assert "Send your changes." in to[people["gt"].email].body

    cr = country("CR")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_save_draft(
            request=request, country=cr, by=people["cr"], text="Una **reforma**."
        )
        assert answer.state == "draft" and mail.outbox == []
        answer = services.answer_submit(request=request, country=cr, by=people["cr"])
    assert answer.state == "submitted" and not answer.late
    assert [message.to for message in mail.outbox] == [[people["ts"].email]]
    assert mail.outbox[0].subject == "[RCM] Answer submitted by Costa Rica: Law changes"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_return(answer=answer, by=people["ts"], comment="Añadan la fecha.")
    assert answer.state == "returned"
    assert [message.to for message in mail.outbox] == [[people["cr"].email]]
    assert "Añadan la fecha." in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("[CRM] Respuesta devuelta")

    services.answer_submit(request=request, country=cr, by=people["cr"], text="Reforma de 2024.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_accept(answer=answer, by=people["ts"])
    assert answer.state == "accepted" and answer.published_at is not None
    assert [message.to for message in mail.outbox] == [[people["cr"].email]]

    steps = list(answer.transitions.values_list("from_state", "to_state", "by", "on_behalf_of"))
    ts, fp = people["ts"].pk, people["cr"].pk
    # Each acted for themselves: the focal point for their own country, the secretariat in
    # deciding; nobody "on behalf of" anyone.
    assert steps == [
        ("not_started", "draft", fp, None),
        ("draft", "submitted", fp, None),
        ("submitted", "returned", ts, None),
        ("returned", "submitted", fp, None),
        ("submitted", "accepted", ts, None),
    ]
    assert Transition.objects.get(to_state="returned").comment == "Añadan la fecha."
    assert answer.history.count() >= 5
    # Accepted: it no longer changes.
    with pytest.raises(ValidationError, match="accepted"):
        services.answer_save_draft(request=request, country=cr, by=people["cr"], text="x")


def test_secretariat_submits_on_behalf_of_a_country(people):
    request = make_request(by=people["ts"])
    answer = services.answer_submit(
        request=request, country=country("GT"), by=people["ts"], text="Recibido por correo."
    )
    step = answer.transitions.last()
    assert (step.by, step.on_behalf_of.iso_code) == (people["ts"], "GT")
    name = people["ts"].full_name
    assert step.actor() == f"{name} (Technical Secretariat), on behalf of Guatemala"


def test_a_submitted_answer_revised_goes_back_to_draft(people):
    request = make_request(by=people["ts"])
    cr = country("CR")
    services.answer_submit(request=request, country=cr, by=people["cr"], text="Uno")
    answer = services.answer_save_draft(request=request, country=cr, by=people["cr"], text="Dos")
    assert answer.state == "draft"
    assert answer.transitions.last().to_state == "draft"


def test_late_answer_is_taken_and_marked_late(people, django_capture_on_commit_callbacks):
    request = make_request(by=people["ts"], due_in=0)
    after = request.closes_at + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_submit(
            request=request, country=country("CR"), by=people["cr"], text="Tarde", now=after
        )
    assert answer.late and answer.state == "submitted"
    assert "marked late" in mail.outbox[-1].body


def test_closed_deadline_refuses_and_keeps_the_draft(people):
    request = make_request(by=people["ts"], due_in=0, late_rule="closed")
    after = request.closes_at + datetime.timedelta(seconds=1)
    with pytest.raises(ValidationError) as refused:
        services.answer_submit(
            request=request, country=country("CR"), by=people["cr"], text="Mi borrador", now=after
        )
    assert "takes no late answers" in str(refused.value)
    answer = Answer.objects.get(request=request)
    assert (answer.state, answer.text) == ("draft", "Mi borrador")


def test_an_on_time_answer_is_not_taken_back_once_the_deadline_closed(people):
    request = make_request(by=people["ts"], due_in=3, late_rule="closed")
    cr = country("CR")
    services.answer_submit(request=request, country=cr, by=people["cr"], text="A tiempo")
    type(request).objects.filter(pk=request.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=2)
    )
    request.refresh_from_db()
    for change in (services.answer_save_draft, services.answer_submit):
        with pytest.raises(ValidationError) as refused:
            change(request=request, country=cr, by=people["cr"], text="Otra cosa")
        assert "your submitted answer stays as it is" in str(refused.value)
    answer = Answer.objects.get(request=request)
    assert (answer.state, answer.text, answer.late) == ("submitted", "A tiempo", False)


def test_closed_deadline_in_spanish(people):
    from django.utils import translation

    request = make_request(by=people["ts"], due_in=0, late_rule="closed")
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        services.answer_submit(
            request=request,
            country=country("CR"),
            by=people["cr"],
            text="x",
            now=request.closes_at,
        )
    assert "no acepta respuestas tardías" in str(refused.value)


@pytest.mark.parametrize("who", ["cr_official", "mx"])
def test_only_focal_points_of_addressed_countries_answer(people, who):
    request = make_request(by=people["ts"])
    target = country("MX") if who == "mx" else country("CR")
    with pytest.raises(
        ValidationError, match=r"Only the focal points of Costa Rica|is not addressed to Mexico"
    ):
        services.answer_save_draft(request=request, country=target, by=people[who], text="x")
    assert not Answer.objects.exists()


def test_a_focal_point_cannot_answer_for_another_country(people):
    request = make_request(by=people["ts"])
    with pytest.raises(ValidationError, match="focal points of Guatemala"):
        services.answer_save_draft(
            request=request, country=country("GT"), by=people["cr"], text="x"
        )
    assert not Answer.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_answer_is_refused(people, text):
    request = make_request(by=people["ts"])
    with pytest.raises(ValidationError, match="empty"):
        services.answer_submit(request=request, country=country("CR"), by=people["cr"], text=text)
    assert Answer.objects.get().state == "draft"  # nothing submitted


def test_a_file_alone_is_an_answer(people):
    request = make_request(by=people["ts"])
    answer = services.answer_submit(
        request=request, country=country("CR"), by=people["cr"], text="", uploads=[pdf()]
    )
    assert answer.state == "submitted"
    stored = answer.files.get()
    assert (stored.extension, stored.original_name) == ("pdf", "answer.pdf")
    assert stored.file.storage.exists(stored.file.name)


def test_file_refused_by_the_document_rules_writes_nothing(people):
    request = make_request(by=people["ts"])
    fake = SimpleUploadedFile(
        "informe.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError, match="not one of the accepted types"):
        services.answer_save_draft(
            request=request, country=country("CR"), by=people["cr"], text="Texto", uploads=[fake]
        )
    assert not Answer.objects.exists() and not AnswerFile.objects.exists()


def test_stale_version_is_refused(people):
    request = make_request(by=people["ts"])
    cr = country("CR")
    first = services.answer_save_draft(request=request, country=cr, by=people["cr"], text="a")
    services.answer_save_draft(
        request=request, country=cr, by=people["cr"], text="b", version=first.version
    )
    with pytest.raises(ValidationError, match="changed this answer"):
        services.answer_save_draft(
            request=request, country=cr, by=people["cr"], text="c", version=first.version
        )
    assert Answer.objects.get().text == "b"


def test_only_the_secretariat_creates_returns_and_accepts(people):
    with pytest.raises(
        ValidationError, match="Only the Technical Secretariat asks countries for input"
    ):
        make_request(by=people["cr"])
    request = make_request(by=people["ts"])
    answer = services.answer_submit(
        request=request, country=country("CR"), by=people["cr"], text="x"
    )
    for action in (services.answer_accept, services.answer_return):
        with pytest.raises(
            ValidationError, match=r"Only the Technical Secretariat (accepts|returns) answers"
        ):
            action(answer=answer, by=people["cr"], comment="c")
    with pytest.raises(ValidationError, match="Say what to revise"):
        services.answer_return(answer=answer, by=people["ts"], comment=" ")


def test_request_for_all_member_states_and_template(people):
    request = make_request(by=people["ts"], all_member_states=True, template=pdf("plantilla.pdf"))
    assert request.countries.count() == 11
    assert request.template_name == "plantilla.pdf"
    assert request.template_file.storage.exists(request.template_file.name)


def test_request_with_a_refused_template_writes_nothing(people):
    bad = SimpleUploadedFile("t.pdf", b"#!/bin/sh\n", content_type="application/pdf")
    with pytest.raises(ValidationError, match="not one of the accepted types"):
        make_request(by=people["ts"], template=bad)
    assert not InputRequest.objects.exists()


def test_default_reminder_schedule(people):
    accept = make_request(by=people["ts"])
    closed = make_request(by=people["ts"], late_rule="closed")
    rules = lambda request: list(request.reminder_rules.values_list("offset_days", "repeat_days"))  # noqa: E731
    assert rules(accept) == [(-14, None), (-3, None), (0, None), (7, 7)]
    assert rules(closed) == [(-14, None), (-3, None), (0, None)]


@pytest.mark.parametrize("schedule", [[(-3, None), (2, None)], [(0, 7)]])
def test_reminder_after_the_close_is_refused(people, schedule):
    with pytest.raises(ValidationError, match="closes on its due date"):
        make_request(by=people["ts"], late_rule="closed", schedule=schedule)
    assert not InputRequest.objects.exists()
    request = make_request(by=people["ts"], late_rule="closed")
    with pytest.raises(ValidationError, match="closes on its due date"):
        services.reminder_schedule_set(request=request, by=people["ts"], schedule=schedule)
    assert request.reminder_rules.count() == 3


def test_answers_are_country_owned(people):
    request = make_request(by=people["ts"])
    answer = services.answer_save_draft(
        request=request, country=country("CR"), by=people["cr"], text="Borrador"
    )
    visible = lambda user: set(Answer.objects.visible_to(user))  # noqa: E731
    assert visible(people["cr"]) == {answer} == visible(people["cr_official"])
    assert visible(people["ts"]) == {answer}
    assert visible(people["gt"]) == set() == visible(person("CR", role="x").__class__())
    assert set(Answer.objects.editable_by(people["cr"])) == {answer}
    assert set(Answer.objects.editable_by(people["cr_official"])) == set()
    services.answer_submit(request=request, country=country("CR"), by=people["cr"])
    services.answer_accept(answer=answer, by=people["ts"])
    assert visible(people["gt"]) == set()  # accepted, and still the country's and the TS's
    assert set(Answer.objects.editable_by(people["cr"])) == set()


def test_markdown_is_cleaned():
    from puebla.followup.markdown import render

    html = render("Hola <script>alert(1)</script> [x](javascript:alert(1)) **b**")
    assert "<script" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html  # a typed tag stays visible as text
    assert "<strong>b</strong>" in html


def test_a_file_is_taken_off_a_draft_and_out_of_storage(people, django_capture_on_commit_callbacks):
    request = make_request(by=people["ts"])
    answer = services.answer_save_draft(
        request=request, country=country("CR"), by=people["cr"], text="x", uploads=[pdf()]
    )
    stored = answer.files.get()
    with pytest.raises(ValidationError, match="Only the focal points of Costa Rica"):
        services.answer_file_remove(stored=stored, by=people["gt"])
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_file_remove(stored=stored, by=people["cr"])
    assert not answer.files.exists()
    assert not stored.file.storage.exists(stored.file.name)
