"""The Reserve Fund's case files (fund:file_add), as the requesting official attaches them: any
file, any name. Accepted, the stored file decrypts to the bytes sent; refused, the page says
why and nothing is written (no row, no encrypted object left in the storage)."""

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import example, given

from puebla.fund import files
from puebla.fund.models import CaseFile, State
from tests.documents import samples
from tests.fund import factories
from tests.hostile import hostile_settings, inputs, multipart, outcome
from tests.hostile.kept import rolled_back

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(client):
    requester = factories.make_user("official_a")  # Costa Rica: the departure country
    made = factories.case_in(State.SUBMITTED, requester=requester)
    client.force_login(requester)
    return made


@hostile_settings(25)
@given(name=inputs.file_names, content=inputs.file_contents)
@example(name="consentimiento.pdf", content=samples.pdf())
@example(name="..\\..\\consentimiento.odt", content=inputs.odd_archives()[1])
def test_any_case_file_is_kept_as_sent_or_refused_with_nothing_written(client, case, name, content):
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
