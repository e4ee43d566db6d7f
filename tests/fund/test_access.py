"""Who reaches a Reserve Fund case: its requesting body and the fund officers. Anyone else gets
the same answer as for a case that does not exist (a 404; a visitor who is not signed in is
sent to sign in, for a real case and an invented one alike), and no access-log row is written.
"""

import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from puebla.fund.models import AccessLogEntry, State
from tests.fund import factories
from tests.fund.factories import SEEDED_FAMILY_NAMES, case_in, officer
from tests.roles import make_user

pytestmark = pytest.mark.django_db

CASE_PAGES = ("case", "edit", "submit", "answer", "withdraw")
OFFICER_PAGES = ("review", "approve", "reject", "disburse", "return", "close")


def url(name, uid, language="en"):
    with translation.override(language):
        return reverse(f"fund:{name}", kwargs={"uid": uid})


@pytest.fixture
def case():
    """Costa Rica's government asks for a return from Costa Rica to Guatemala."""
    return case_in(State.SUBMITTED, requester=make_user("official_a"))


@pytest.mark.parametrize(
    "role",
    [
        "official_b",  # Guatemala: the return country, but not the requesting government
        "liaison_officer",  # Mexico
        "observer_state",
        "observer_organisation",
        "civil_society",
        "secretariat",  # the Technical Secretariat is not a fund officer
    ],
)
def test_others_get_not_found_and_leave_no_trace(client, sign_in, case, role):
    sign_in(role)
    for name in CASE_PAGES + OFFICER_PAGES:
        for language in ("en", "es"):
            assert client.get(url(name, case.uid, language)).status_code == 404, name
            assert client.post(url(name, case.uid, language), {"reason": "x"}).status_code == 404
    assert not AccessLogEntry.objects.exists()
    case.refresh_from_db()
    assert case.state == State.SUBMITTED


def test_an_organisation_sees_only_its_own_cases(client, sign_in):
    factories.accepted("rncom")
    factories.accepted("unhcr")
    theirs = case_in(State.SUBMITTED, requester=make_user("observer_organisation"))  # UNHCR
    sign_in("civil_society")  # RNCOM
    assert client.get(url("case", theirs.uid)).status_code == 404
    assert theirs.reference not in client.get(reverse("fund:my_requests")).content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in_whether_the_case_exists_or_not(client, case):
    for name in CASE_PAGES + OFFICER_PAGES:
        real = client.get(url(name, case.uid))
        invented = client.get(url(name, uuid.uuid4()))
        assert real.status_code == invented.status_code == 302
        assert real["Location"].split("?")[0] == invented["Location"].split("?")[0]
    assert not AccessLogEntry.objects.exists()


def test_an_invented_case_is_not_found_for_an_officer(client):
    client.force_login(officer())
    assert client.get(url("case", uuid.uuid4())).status_code == 404


def test_the_requesting_government_and_the_officers_see_it(client, case):
    colleague = make_user("focal_point_a")  # another Costa Rican official
    for user in (colleague, officer()):
        client.force_login(user)
        response = client.get(url("case", case.uid))
        assert response.status_code == 200
        assert SEEDED_FAMILY_NAMES in response.content.decode()
    assert AccessLogEntry.objects.filter(case=case).count() == 2


def test_the_requester_cannot_take_the_officers_steps(client, case):
    client.force_login(case.filed_by)
    for name in OFFICER_PAGES:
        assert client.get(url(name, case.uid)).status_code == 404
        assert client.post(url(name, case.uid), {"action": "start"}).status_code == 404
    case.refresh_from_db()
    assert case.state == State.SUBMITTED


def test_the_officers_cannot_edit_or_answer_for_the_requester(client, case):
    client.force_login(officer())
    for name in ("edit", "submit", "answer"):
        assert client.get(url(name, case.uid)).status_code == 404


def test_the_access_log_names_who_opened_the_case_for_the_officers_only(client, case):
    first, second = officer(1), officer(2)
    client.force_login(first)
    client.get(url("case", case.uid))
    client.force_login(second)
    page = client.get(url("case", case.uid, "es")).content.decode()
    assert "Registro de accesos" in page
    assert first.email in page and second.email in page
    client.force_login(case.filed_by)
    page = client.get(url("case", case.uid)).content.decode()
    assert "Access log" not in page and first.email not in page
    assert AccessLogEntry.objects.filter(case=case, action="view").count() == 3
