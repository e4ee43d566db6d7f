"""Personal data encrypted field by field (puebla.fund.crypto): the columns and the history
rows hold Fernet tokens, the logs and a data dump never the name, and a key rotation keeps old
ciphertext readable until `fund_reencrypt` rewrites it with the new key."""

import base64
import io
import logging

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from puebla.fund import crypto, erasure, files, services
from puebla.fund.models import Case, CaseFile, Identity, Message, State, Transition
from tests.fund import factories
from tests.roles import make_user

pytestmark = pytest.mark.django_db

NAME = factories.SEEDED_FAMILY_NAMES
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people():
    officer_1, officer_2 = factories.officer(1), factories.officer(2)
    factories.contribute(officer_1, "5000.00")
    return {"requester": make_user("official_a"), "reviewer": officer_1, "approver": officer_2}


def raw_rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
        return cursor.fetchall()


def tables() -> list[str]:
    return [name for name in connection.introspection.table_names() if name.startswith("fund_")]


def a_case_full_of_the_name(people):
    """A closed case whose every free text, question and file names the migrant."""
    named = f"for {factories.SEEDED_GIVEN_NAMES} {NAME}"
    case = factories.case_in(
        State.UNDER_REVIEW,
        **people,
        fields={
            "return_plan": f"Bus {named}",
            "national_programmes_gap": f"No programme {named}",
            "decision_by": f"Consul, with {NAME}",
            "guardian_authority": f"Guardian of {NAME}",
        },
    )
    services.case_question_ask(case=case, by=people["reviewer"], text=f"Is {NAME} well?")
    services.case_question_answer(case=case, by=people["requester"], text=f"{NAME} is well.")
    files.case_file_add(
        case=case,
        by=people["requester"],
        upload=SimpleUploadedFile(f"passport-{NAME}.pdf", PDF + NAME.encode()),
    )
    services.case_approve(case=case, by=people["approver"], note=f"Approved {named}")
    services.case_disburse(case=case, by=people["approver"], amount="640", iom_office="IOM")
    services.case_withdraw(case=case, by=people["requester"], reason=f"{NAME} stays")
    return Case.objects.get(pk=case.pk)


def test_no_column_of_the_fund_holds_the_name_in_clear(people, caplog):
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        case = a_case_full_of_the_name(people)
    dumped = "".join(repr(raw_rows(table)) for table in tables())
    for fragment in (
        NAME,
        "Quetzalc",
        "Wenceslao",
        factories.identity_fields()["birth_date"].isoformat(),
    ):
        assert fragment not in dumped
    # The SQL sent (parameters included) and every log line hold ciphertext only.
    assert NAME not in repr(queries.captured_queries)
    assert NAME not in caplog.text
    # ... while the application reads it back.
    assert case.identity.family_names == NAME
    assert NAME in case.return_plan and NAME in case.messages.first().text


def test_history_rows_hold_ciphertext_and_read_back(people):
    case = a_case_full_of_the_name(people)
    identity_history = raw_rows("fund_historicalidentity")
    assert identity_history and NAME not in repr(identity_history)
    assert NAME not in repr(raw_rows("fund_historicalcase"))
    assert Identity.history.filter(case_id=case.pk).first().family_names == NAME
    assert NAME in Case.history.filter(id=case.pk).first().return_plan


def test_names_and_representations_never_show_the_name(people):
    case = a_case_full_of_the_name(people)
    for record in (case, case.identity, *case.messages.all(), *case.files.all()):
        assert NAME not in str(record) and NAME not in repr(record)


def test_a_data_dump_holds_ciphertext_and_loads_back(people):
    a_case_full_of_the_name(people)
    out = io.StringIO()
    call_command("dumpdata", "fund", stdout=out)
    assert NAME not in out.getvalue()
    assert crypto.TOKEN_START in out.getvalue()


def test_the_stored_file_is_encrypted(people):
    case = a_case_full_of_the_name(people)
    stored = case.files.get()
    with files.storage().open(stored.stored_name, "rb") as raw:
        content = raw.read()
    assert NAME.encode() not in content and b"%PDF" not in content
    assert files.case_file_content(case_file=stored).startswith(PDF)
    assert stored.name == f"passport-{NAME}.pdf"


def test_a_file_of_a_type_not_accepted_is_refused(people):
    case = factories.case_in(State.SUBMITTED, **people)
    with pytest.raises(ValidationError, match="no es de uno de los tipos aceptados"):
        files.case_file_add(
            case=case, by=people["requester"], upload=SimpleUploadedFile("a.pdf", b"MZ\x90\x00")
        )
    assert not CaseFile.objects.exists()


def new_key() -> str:
    return base64.urlsafe_b64encode(b"a-new-fund-key-for-the-rotation!").decode()


def test_key_rotation_reads_old_ciphertext_then_reencrypts(people, settings):
    case = a_case_full_of_the_name(people)
    old_key = settings.FUND_ENCRYPTION_KEYS[0]
    before = raw_rows("fund_identity")
    with override_settings(FUND_ENCRYPTION_KEYS=[new_key(), old_key]):
        # Old ciphertext is still read; new writes use the new key.
        assert Identity.objects.get(case=case).family_names == NAME
        again = services.case_create(
            by=people["requester"],
            fields=factories.request_fields(),
            identity=factories.identity_fields(),
        )
        # The duplicate warning still finds the person hashed under the old key.
        assert list(services.case_duplicates(case=again)) == [case]
        assert erasure.fund_reencrypt() > 0
        assert raw_rows("fund_identity") != before
        assert list(services.case_duplicates(case=again)) == [case]
        stored = case.files.get()
    with override_settings(FUND_ENCRYPTION_KEYS=[new_key()]):  # the old key is gone
        assert Identity.objects.get(case=case).family_names == NAME
        assert Identity.history.filter(case_id=case.pk).first().family_names == NAME
        assert NAME in Case.objects.get(pk=case.pk).return_plan
        assert NAME in Transition.objects.filter(case=case).last().note
        assert NAME in Message.objects.filter(case=case).first().text
        assert files.case_file_content(case_file=stored).startswith(PDF)
        assert list(services.case_duplicates(case=again)) == [case]
    with pytest.raises(InvalidToken), override_settings(FUND_ENCRYPTION_KEYS=[old_key]):
        Identity.objects.get(case=case)


def test_the_old_key_alone_cannot_read_the_new_ciphertext():
    token = Fernet(new_key()).encrypt(b"x").decode()
    with pytest.raises(InvalidToken):
        crypto.decrypt(token)


def test_the_person_hash_ignores_case_accents_punctuation_and_order():
    birth = factories.years_ago(15)
    assert crypto.person_hash("José Pérez-Gómez", birth) == crypto.person_hash(
        "PEREZ GOMEZ, jose", birth
    )
    assert crypto.person_hash("José Pérez", birth) != crypto.person_hash(
        "José Pérez", birth.replace(day=1) if birth.day != 1 else birth.replace(day=2)
    )


def test_production_does_not_start_without_the_fund_key(tmp_path):
    from tests.test_settings import MFA_KEY, STRONG_KEY, run_manage

    result = run_manage(
        "check",
        environment={
            "DEBUG": "0",
            "SECRET_KEY": STRONG_KEY,
            "MFA_ENCRYPTION_KEYS": MFA_KEY,
            "FUND_ENCRYPTION_KEYS": "",
            "FUND_ENCRYPTION_KEYS_FILE": "",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "FUND_ENCRYPTION_KEYS is not set and DEBUG is off" in result.stderr
    wrong = run_manage(
        "check",
        environment={
            "DEBUG": "0",
            "SECRET_KEY": STRONG_KEY,
            "MFA_ENCRYPTION_KEYS": MFA_KEY,
            "FUND_ENCRYPTION_KEYS": "not-a-key",
        },
        tmp_path=tmp_path,
    )
    assert "FUND_ENCRYPTION_KEYS holds a value that is not a Fernet key" in wrong.stderr


def test_make_creates_the_fund_key_readable_by_its_owner_only(tmp_path):
    import stat
    import subprocess

    from tests.test_cli import ROOT

    path = tmp_path / "keys" / "fund_keys"
    made = subprocess.run(
        ["make", "--no-print-directory", f"FUND_KEYS_FILE={path}", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    Fernet(path.read_text().strip())  # a valid key
