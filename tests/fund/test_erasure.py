"""Erasure of personal data a set time after a case ends (puebla.fund.erasure, the daily job in
puebla.fund.tasks), on a frozen clock: the identity, free texts, messages and files go; the
anonymised case, the ledger and the statistics stay exactly as they were."""

import datetime
import io

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from puebla.fund import crypto, erasure, files, ledger, services, statistics, tasks
from puebla.fund.models import AccessLogEntry, Case, Identity, LedgerEntry, State
from tests.fund import factories
from tests.roles import make_user

pytestmark = pytest.mark.django_db

NAME = factories.SEEDED_FAMILY_NAMES
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def people():
    officer_1, officer_2 = factories.officer(1), factories.officer(2)
    factories.contribute(officer_1, "5000.00")
    return {"requester": make_user("official_a"), "reviewer": officer_1, "approver": officer_2}


def clear_texts() -> str:
    """Every value of every fund table, Fernet tokens decrypted: what the data says."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith("fund_"):
                cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
                for row in cursor.fetchall():
                    for value in row:
                        if isinstance(value, str) and value.startswith(crypto.TOKEN_START):
                            value = crypto.decrypt(value)
                        found.append(str(value))
    return "\n".join(found)


def snapshot():
    return (
        repr(statistics.public_statistics()),
        repr(statistics.case_statistics()),
        ledger.position(),
        list(LedgerEntry.objects.values_list("pk", "kind", "amount", "case_id", "entry_date")),
        list(
            Case.objects.order_by("pk").values_list(
                "pk", "state", "category", "departure_country", "return_country", "cost",
                "approved_amount", "submitted_at", "returned_on", "ended_at",
            )
        ),
        AccessLogEntry.objects.count(),
    )  # fmt: skip


def ended_case(people, state: str) -> Case:
    """A case naming the migrant everywhere (texts, a question, a file, the reasons), brought to
    `state`: closed, rejected, or withdrawn after payment."""
    case = factories.case_in(
        State.UNDER_REVIEW, **people, fields={"return_plan": f"Bus for {NAME}"}
    )
    services.case_question_ask(case=case, by=people["reviewer"], text=f"Is {NAME} well?")
    files.case_file_add(
        case=case, by=people["requester"], upload=SimpleUploadedFile(f"{NAME}.pdf", PDF)
    )
    services.access_log_record(case=case, user=people["reviewer"], action="view")
    approver = people["approver"]
    if state == State.REJECTED:
        services.case_reject(case=case, by=approver, reason=f"{NAME} has other help.")
        return Case.objects.get(pk=case.pk)
    services.case_approve(case=case, by=approver, note=f"Approved for {NAME}")
    services.case_disburse(case=case, by=approver, amount="640", iom_office="IOM San José")
    if state == State.WITHDRAWN:
        services.case_withdraw(case=case, by=people["requester"], reason=f"{NAME} stays")
    else:
        services.case_return_confirm(case=case, by=approver, returned_on=timezone.localdate())
        services.case_close(case=case, by=approver)
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def ended(people):
    """Three ended cases naming the migrant, one still under review naming someone else; and
    when the last of the three ended."""
    cases = [ended_case(people, state) for state in (State.CLOSED, State.REJECTED, State.WITHDRAWN)]
    open_case = factories.case_in(
        State.UNDER_REVIEW, **people, identity={"given_names": "Ana", "family_names": "Still-Open"}
    )
    services.case_question_ask(case=open_case, by=people["reviewer"], text="Where is Still-Open?")
    return cases, open_case, max(case.ended_at for case in cases)


def test_nothing_is_erased_before_the_retention_period(ended):
    _cases, _open_case, ended_at = ended
    before = snapshot()
    assert erasure.fund_erase_due(now=ended_at + relativedelta(months=23, days=27)) == 0
    assert NAME in clear_texts()
    assert snapshot() == before


def test_personal_data_goes_and_the_figures_stay(
    ended, settings, django_capture_on_commit_callbacks
):
    cases, open_case, ended_at = ended
    assert settings.FUND_RETENTION_MONTHS == 24
    stored_files = [case_file.stored_name for case in cases for case_file in case.files.all()]
    assert stored_files
    before = snapshot()
    frozen = ended_at + relativedelta(months=24, seconds=1)

    # Stored files are removed once the erasure is committed.
    with django_capture_on_commit_callbacks(execute=True):
        assert erasure.fund_erase_due(now=frozen) == 3

    assert NAME not in clear_texts()
    assert factories.SEEDED_GIVEN_NAMES not in clear_texts()
    assert snapshot() == before  # statistics, ledger, anonymised cases, access log
    for case in Case.objects.filter(pk__in=[case.pk for case in cases]):
        assert case.erased_at == frozen
        assert (case.return_plan, case.decision_by, case.decision_reason) == ("", "", "")
        assert not Identity.objects.filter(case=case).exists()
        assert not Identity.history.filter(case_id=case.pk).exists()
        assert not case.files.exists()
        assert all(not row.return_plan for row in Case.history.filter(id=case.pk))
    assert not any(files.storage().exists(name) for name in stored_files)
    # The case still under review keeps everything.
    assert Identity.objects.get(case=open_case).family_names == "Still-Open"
    assert "Where is Still-Open?" in clear_texts()
    # Once is enough.
    assert erasure.fund_erase_due(now=frozen + datetime.timedelta(days=1)) == 0


def test_the_daily_job_erases_what_is_due_by_the_clock(ended, monkeypatch):
    cases, _open_case, ended_at = ended
    monkeypatch.setattr(timezone, "now", lambda: ended_at + relativedelta(months=25))
    assert tasks.erase_personal_data.call_local() == 3
    assert not Identity.objects.filter(case__in=cases).exists()


def test_the_retention_period_is_a_setting(ended, settings):
    _cases, _open_case, ended_at = ended
    settings.FUND_RETENTION_MONTHS = 6
    assert erasure.fund_erase_due(now=ended_at + relativedelta(months=6, seconds=1)) == 3


def test_an_erased_case_takes_no_new_files(ended, people):
    cases, _open_case, ended_at = ended
    erasure.fund_erase_due(now=ended_at + relativedelta(months=25))
    with pytest.raises(ValidationError, match="datos personales de este caso se borraron"):
        files.case_file_add(
            case=cases[0], by=people["requester"], upload=SimpleUploadedFile("x.pdf", PDF)
        )


def test_the_commands_say_how_many_and_name_nobody(ended, monkeypatch):
    from django.core.management import call_command

    _cases, _open_case, ended_at = ended
    out = io.StringIO()
    call_command("fund_erase_due", stdout=out)
    assert out.getvalue().strip() == "Reserve Fund cases erased: 0."
    monkeypatch.setattr(timezone, "now", lambda: ended_at + relativedelta(months=25))
    call_command("fund_erase_due", stdout=out)
    call_command("fund_reencrypt", stdout=out)
    assert "Reserve Fund cases erased: 3." in out.getvalue()
    assert "re-encrypted with the newest key" in out.getvalue()
    assert NAME not in out.getvalue()


def test_an_abandoned_draft_is_erased_and_can_no_longer_change(people):
    draft = factories.case_in(State.DRAFT, **people)
    assert erasure.fund_erase_due(now=draft.created_at + relativedelta(months=23)) == 0
    assert erasure.fund_erase_due(now=draft.created_at + relativedelta(months=24, days=1)) == 1
    assert not Identity.objects.filter(case=draft).exists()
    with pytest.raises(ValidationError, match="datos personales"):
        services.case_submit(case=draft, by=people["requester"])
    with pytest.raises(ValidationError, match="datos personales"):
        services.case_withdraw(case=draft, by=people["requester"])
