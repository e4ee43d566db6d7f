"""The follow-up's two upload paths: the secretariat's new request with its template file
(followup:request_new), and a focal point's answer with its files (followup:request). Any
field may be hostile or missing, any file damaged or misnamed. Accepted, what is kept is what
was sent; refused, the page says why and nothing is written, except what the service promises
to keep: a refused submission keeps the draft it saved first, exactly as sent."""

import datetime
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import event, example, given
from hypothesis import strategies as st

from puebla.core.text import without_control_characters
from puebla.followup.models import Answer, AnswerFile, InputRequest, Transition
from puebla.followup.requests.services import NO_ANSWER_YET
from tests.documents import samples
from tests.followup import factories
from tests.hostile import hostile_settings, inputs, multipart, outcome
from tests.hostile.kept import kept, read_stored, rolled_back
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def url(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@st.composite
def damaged_form(draw, valid: dict[str, list[str]]) -> list[tuple[str, str]]:
    """A valid form's fields with up to three of them replaced by hostile text, repeated, or
    left out."""
    fields = dict(valid)
    for name in draw(st.sets(st.sampled_from(sorted(valid)), max_size=3)):
        fields[name] = draw(
            st.one_of(st.just([]), st.lists(inputs.form_text, min_size=1, max_size=2))
        )
    return [(name, value) for name, values in fields.items() for value in values]


def uploads(field: str, max_size: int):
    return st.lists(
        st.tuples(st.just(field), inputs.file_names, inputs.file_contents), max_size=max_size
    )


# --- A new request and its template -------------------------------------------------------


def request_form() -> dict[str, list[str]]:
    due = timezone.localdate() + datetime.timedelta(days=30)
    return {
        "title_es": ["Cambios en la política migratoria"],
        "title_en": ["Changes in migration policy"],
        "instructions_en": ["Send the changes since the last meeting."],
        "due_date": [due.isoformat()],
        "late_rule": ["accept_late"],
        "countries": [str(factories.country("CR").pk), str(factories.country("GT").pk)],
        "schedule": ["-14\n-3\n0\n7/7"],
        "remind_focal_points": ["on"],
        "reminder_text_es": [""],
    }


@pytest.fixture
def secretariat(client):
    person = make_user("secretariat")
    client.force_login(person)
    return person


@hostile_settings(25)
@given(data=st.data(), template=uploads("template", max_size=1))
@example(data=None, template=[("template", "plantilla.docx", samples.docx_file())])
@example(data=None, template=[("template", "../../plantilla.odt", inputs.odd_archives()[2])])
@example(data=None, template=[("template", "informe.pdf", inputs.odd_archives()[3])])
def test_a_new_request_with_any_template_is_made_as_sent_or_refused(
    client, secretariat, data, template
):
    fields = data.draw(damaged_form(request_form())) if data else multipart_fields(request_form())
    with rolled_back() as before:
        response = multipart.post(client, url("followup:request_new"), fields, template)
        after = outcome.check(response, before)
        if after is None:
            return
        made = InputRequest.objects.latest("pk")
        stored = after.new_files(before)
        if made.template_file:
            [(alias, name)] = stored
            assert name == made.template_file.name
            assert read_stored(alias, name) == template[0][2]
            assert not {"/", "\\", "\x00"} & set(made.template_name)
        else:
            assert stored == set()


def form_bound(response) -> bool:
    return response.context["form"].is_bound


def multipart_fields(form: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, values in form.items() for value in values]


# --- A country's answer and its files ------------------------------------------------------


@pytest.fixture
def addressed(client):
    """A request to Costa Rica and Guatemala, and a focal point of Costa Rica signed in."""
    item = factories.make_request(by=make_user("secretariat"))
    client.force_login(factories.person("CR", focal=True, language="en"))
    return item


# What saving a draft writes: the answer, its history, its files, its first transition.
ANSWER_TABLES = {
    model._meta.db_table for model in (Answer, Answer.history.model, AnswerFile, Transition)
}


@hostile_settings(25)
@given(
    text=inputs.form_text,
    files=uploads("files", max_size=3),
    version=st.one_of(st.just(str(NO_ANSWER_YET)), inputs.form_text, st.none()),
    action=st.one_of(st.sampled_from(["save", "submit"]), inputs.form_text, st.none()),
)
@example(
    text="Our changes", files=[("files", "a.pdf", samples.pdf())], version="0", action="submit"
)
@example(text="", files=[], version="0", action="submit")  # nothing to submit: the draft stays
@example(
    text="x", files=[("files", "nota.odt", inputs.odd_archives()[1])], version="0", action="save"
)
def test_an_answer_with_any_files_is_kept_as_sent_or_refused(
    client, addressed, text, files, version, action
):
    fields = [("text", text)]
    fields += [] if version is None else [("version", version)]
    fields += [] if action is None else [("action", action)]
    with rolled_back() as before:
        response = multipart.post(client, url("followup:request", addressed.pk), fields, files)
        if response.status_code == outcome.ACCEPTED:
            event("saved")
            after = kept()
        elif action == "submit" and response.status_code == 200 and form_bound(response):
            # Refused after the draft was saved, or before: either way, only the draft.
            event("submission refused")
            after = kept()
            assert set(after.changed_tables(before)) <= ANSWER_TABLES
            assert outcome.refusal_messages(response)
        else:
            outcome.check(response, before)
            return
        answer = Answer.objects.filter(request=addressed).first()
        if answer is None:
            assert after.changed_tables(before) == {}
            return
        # Every posted value loses its control characters first (puebla.core.form_input).
        assert answer.text == without_control_characters(text).strip()
        kept_files = [read_stored(alias, name) for alias, name in after.new_files(before)]
        assert len(kept_files) == answer.files.count()
        assert not Counter(kept_files) - Counter(content for _f, _n, content in files)
        for stored in answer.files.all():
            assert not {"/", "\\", "\x00"} & set(stored.original_name)
