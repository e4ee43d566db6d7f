"""Each case page offers only the steps its reader may take, and says why of the others
(issue 29, item 7): the reviewer is not sent to an approval that refuses them, officers are
not offered the requester's withdrawal, and an empty fund is said before anyone tries."""

import html

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from puebla.accounts.models import User
from puebla.fund.models import LedgerEntry, State
from tests.fund import factories
from tests.fund.factories import case_in, officer

pytestmark = pytest.mark.django_db


def url(name, case=None, language="es"):
    with translation.override(language):
        return reverse(f"fund:{name}", kwargs={"uid": case.uid} if case else None)


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def next_steps(page: str) -> str:
    return page.split('id="next-steps"')[1].split("</section>")[0]


@pytest.fixture
def under_review():
    reviewer, approver = officer(1), officer(2)
    factories.contribute(reviewer, "5000.00")
    requester = factories.make_user("official_a")
    case = case_in(State.UNDER_REVIEW, requester=requester, reviewer=reviewer)
    return case, reviewer, approver, requester


def test_the_reviewer_is_told_why_not_and_the_second_officer_is_offered_approval(
    client, under_review
):
    case, reviewer, approver, _requester = under_review
    client.force_login(reviewer)
    steps = next_steps(text(client.get(url("case", case))))
    assert f'href="{url("approve", case)}"' not in steps
    assert 'Aprobar la solicitud: <span class="refusal">Cuatro ojos:' in steps
    assert f'href="{url("reject", case)}"' in steps

    client.force_login(approver)
    steps = next_steps(text(client.get(url("case", case))))
    assert f'href="{url("approve", case)}"' in steps


def test_officers_are_not_offered_the_withdrawal_and_its_page_says_why(client, under_review):
    case, _reviewer, approver, requester = under_review
    client.force_login(approver)
    page = text(client.get(url("case", case)))
    assert "Retirar la solicitud" not in page
    refusal = text(client.get(url("withdraw", case)))
    assert "Solo la entidad solicitante retira su solicitud" in refusal
    assert 'type="submit"' not in refusal.split('role="note"')[1]
    client.post(url("withdraw", case), {"reason": "Por error."})
    case.refresh_from_db()
    assert case.state == State.UNDER_REVIEW

    client.force_login(requester)
    assert f'href="{url("withdraw", case)}"' in text(client.get(url("case", case)))


def test_an_empty_fund_is_said_on_the_case_and_on_the_approval_in_the_readers_format(client):
    reviewer, approver = officer(1), officer(2)
    case = case_in(
        State.UNDER_REVIEW, requester=factories.make_user("official_a"), reviewer=reviewer
    )
    assert not LedgerEntry.objects.exists()
    client.force_login(approver)
    steps = next_steps(text(client.get(url("case", case))))
    assert "El fondo tiene USD 0,00 disponibles para nuevas aprobaciones" in steps
    approval = text(client.get(url("approve", case)))
    # The plan's cost and what the fund has, written alike (the cost is not the balance).
    assert f"USD {str(case.cost).replace('.', ',')}" in approval
    assert "El fondo tiene USD 0,00 disponibles" in approval
    response = text(client.post(url("approve", case), {"amount": str(case.cost)}))
    assert "USD 0,00" in response and "0.00" not in response
    case.refresh_from_db()
    assert case.state == State.UNDER_REVIEW


def test_demo_mode_lets_the_two_officer_approval_be_tried(client, settings, tmp_path):
    from puebla.accounts.roles import demo_accounts_ensure

    settings.DEMO_MODE = True
    demo_accounts_ensure(secrets_file=tmp_path / "demo-accounts.json")
    call_command("demo_fund", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demo_fund", stdout=open("/dev/null", "w"))  # noqa: SIM115 - once only
    first = User.objects.get(email="demo-fund-officer@puebla.invalid")
    second = User.objects.get(email="demo-fund-officer-2@puebla.invalid")
    assert first.is_fund_officer and second.is_fund_officer
    entry = LedgerEntry.objects.get()
    assert "Demo data" in entry.donor and "not an RCM fact" in entry.note

    requester = User.objects.get(email="demo-official-a@puebla.invalid")
    case = case_in(State.SUBMITTED, requester=requester)
    client.force_login(first)
    client.post(url("review", case), {"action": "start", "version": case.version})
    client.force_login(second)
    case.refresh_from_db()
    client.post(url("approve", case), {"amount": str(case.cost), "version": case.version})
    case.refresh_from_db()
    assert case.state == State.APPROVED
    ledger = text(client.get(url("ledger")))
    assert "Datos de demostración / Demo data" in ledger
