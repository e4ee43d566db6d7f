"""The Reserve Fund's case files (fund:file_add), as the requesting official or a fund officer
attaches them: any file, any name. Accepted, the stored file decrypts to the bytes sent;
refused, the page says why and nothing is written (no row, no encrypted object left in the
storage)."""

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from puebla.fund import files
from puebla.fund.models import CaseFile, State
from tests.documents import samples
from tests.fund import factories
from tests.hostile import hostile_settings, inputs, multipart, outcome
from tests.hostile.kept import rolled_back

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_and_people():
    """A submitted case, who filed it, and a fund officer (whose role needs the second factor:
    make_user enrols it, and force_login is the sign-in after it)."""
    requester = factories.make_user("official_a")  # Costa Rica: the departure country
    return factories.case_in(State.SUBMITTED, requester=requester), {
        "requester": requester,
        "fund officer": factories.officer(),
    }


@hostile_settings(25)
@given(
    who=st.sampled_from(["requester", "fund officer"]),
    name=inputs.file_names,
    content=inputs.file_contents,
)
@example(who="requester", name="consentimiento.pdf", content=samples.pdf())
@example(who="fund officer", name="..\\..\\consentimiento.odt", content=inputs.odd_archives()[1])
def test_any_case_file_is_kept_as_sent_or_refused_with_nothing_written(
    client, case_and_people, who, name, content
):
    case, people = case_and_people
    client.force_login(people[who])
    with translation.override("en"):
        address = reverse("fund:file_add", kwargs={"uid": case.uid})
    with rolled_back() as before:
        response = multipart.post(client, address, [], [("upload", name, content)])
        after = outcome.check(response, before)
        if after is None:
            return
        [(_alias, stored_name)] = after.new_files(before)
        made = CaseFile.objects.get(case=case, stored_name=stored_name)
        assert files.case_file_content(case_file=made) == content
        assert made.size == len(content)
        assert not {"/", "\\", "\x00"} & set(made.name)
