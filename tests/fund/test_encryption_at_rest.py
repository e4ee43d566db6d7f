"""A migrant's name and birth date are nowhere in clear at rest: not in the bytes of the SQLite
database file (and its WAL), not in a `pg_dump` of the PostgreSQL database (with DATABASE_URL),
not in the files folder. Production settings in processes of their own, on a database of their
own. This module is also the program that files the case:

`python -m tests.fund.test_encryption_at_rest seed FOLDER`
"""

import os
import subprocess
import sys
from pathlib import Path

from tests.migrated import migrated_database

GIVEN = "Zacarías Wenceslao"
FAMILY = "Quetzalcóatl-Ixchel"
BIRTH_DATE = "2011-02-17"
# What must not be found, as text is stored in UTF-8 (and folded, in case something indexed it).
FRAGMENTS = [FAMILY, "Quetzalc", "Ixchel", "Wenceslao", "Zacar", BIRTH_DATE, "Quetzalcoatl"]


def test_the_name_is_nowhere_at_rest(tmp_path):
    from tests.test_cli import ROOT, environment_for

    data = tmp_path / "data"
    with migrated_database(data, "fundpii") as database_url:
        environment = environment_for(
            data, **({"DATABASE_URL": database_url} if database_url else {})
        )

        def run(*arguments: str) -> subprocess.CompletedProcess:
            done = subprocess.run(
                [sys.executable, *arguments],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert done.returncode == 0, done.stderr
            return done

        run("-m", "puebla", "migrate")  # as an operator would; the copy is migrated already
        run("-m", "puebla", "load-rcm")
        seeded = run("-m", "tests.fund.test_encryption_at_rest", "seed", str(tmp_path))
        # The program read the name back through the application: it was stored.
        assert seeded.stdout.strip() == f"{GIVEN} {FAMILY} {BIRTH_DATE}"
        assert FAMILY not in seeded.stderr

        stores = {path: path.read_bytes() for path in data.rglob("*") if path.is_file()}
        assert any(path.parent.name == "fund" for path in stores), "the file was not stored"
        if database_url:
            dump = subprocess.run(
                ["pg_dump", "--no-owner", database_url],
                capture_output=True,
                timeout=300,
                check=True,
            ).stdout
            assert b"fund_identity" in dump and b"gAAAAA" in dump
            stores["pg_dump"] = dump
        else:
            assert data / "puebla.sqlite3" in stores
        # The scan reads the data: a column kept in clear (the decision's language) is found.
        assert any(b"Spanish" in content for content in stores.values())
        for where, content in stores.items():
            for fragment in FRAGMENTS:
                assert fragment.encode() not in content, f"{fragment!r} in {where}"
                assert fragment.encode("utf-16-le") not in content, f"{fragment!r} in {where}"


def main() -> None:
    folder = Path(sys.argv[2])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from puebla.accounts.models import User
    from puebla.directory.models import Country, Organisation
    from puebla.fund import files, ledger, services
    from puebla.fund.models import Case
    from tests.fund import factories

    iom = Organisation.objects.get(slug="iom")
    officers = [
        User.objects.create_user(
            f"pii-officer-{number}@example.org",
            full_name=f"Officer {number}",
            affiliation="observer_organisation",
            organisation=iom,
            is_fund_officer=True,
        )
        for number in (1, 2)
    ]
    requester = User.objects.create_user(
        "pii-requester@example.org",
        full_name="Requester",
        affiliation="member_state",
        country=Country.objects.get(iso_code="CR"),
    )
    ledger.contribution_record(
        by=officers[0],
        donor="Donor",
        amount="1000.00",
        entry_date=timezone.localdate(),
        reference="PII",
    )
    named = f"{GIVEN} {FAMILY}"
    case = services.case_create(
        by=requester,
        fields=factories.request_fields(
            return_plan=f"Bus for {named}",
            national_programmes_gap=f"{named} is not covered",
            decision_by=f"Consul, with {named}",
            guardian_authority=f"Guardian of {named}",
        ),
        identity={
            "given_names": GIVEN,
            "family_names": FAMILY,
            "birth_date": datetime.date.fromisoformat(BIRTH_DATE),
        },
    )
    services.case_submit(case=case, by=requester)
    services.case_review_start(case=case, by=officers[0])
    services.case_question_ask(case=case, by=officers[0], text=f"Is {named} well?")
    services.case_question_answer(case=case, by=requester, text=f"{named} is well.")
    files.case_file_add(
        case=case,
        by=requester,
        upload=SimpleUploadedFile(f"{FAMILY}.pdf", b"%PDF-1.4\n" + named.encode() + b"\n%%EOF"),
    )
    services.case_approve(case=case, by=officers[1], note=f"For {named}")
    services.case_disburse(case=case, by=officers[1], amount="640", iom_office="IOM")
    services.case_return_confirm(case=case, by=officers[1], returned_on=timezone.localdate())
    services.case_close(case=case, by=officers[1], note=f"{named} is home")
    services.access_log_record(case=case, user=officers[1], action="view")
    identity = Case.objects.get(pk=case.pk).identity
    print(identity.given_names, identity.family_names, identity.birth_date.isoformat())
    (folder / "seeded").touch()


if __name__ == "__main__":
    main()
