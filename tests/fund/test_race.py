"""Two fund officers approve two requests at the same moment, and the fund has money for one:
one approval goes through, the other is refused, never both. Real processes on a database of
their own: SQLite (its write lock) here, PostgreSQL (the fund's row lock) when DATABASE_URL is
set. This module is also the processes' program:

`python -m tests.fund.test_race MODE FOLDER` with MODE one of
  setup   USD 1,000 in the fund, two requests of USD 600 under review, two officers
  hold    approve the first, then keep the transaction open until FOLDER/go exists
  take    approve the second (the other officer's click, at the same moment)
  report  print each request's state and the fund's position as JSON
"""

import json
import os
import sys
from pathlib import Path

from tests.races import holding_until_go, race


def test_the_last_dollars_approved_twice_at_once_are_given_once(tmp_path):
    with race("tests.fund.test_race", tmp_path, "fundrace") as approvals:
        approvals.hold_then_take()
        report = approvals.report()
        assert report == {
            "first": "approved",
            "second": "under_review",
            "refusal": "The fund has USD 400.00 available, less than the USD 600.00 this "
            "approval needs.",
            "available": "400.00",
        }


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils import timezone, translation

    from puebla.accounts.models import User
    from puebla.directory.models import Country, Organisation
    from puebla.fund import ledger, services
    from puebla.fund.models import Case
    from tests.fund import factories

    translation.activate("en")

    def officer(number: int) -> User:
        return User.objects.get(email=f"race-officer-{number}@example.org")

    if mode == "setup":
        iom = Organisation.objects.get(slug="iom")
        for number in (1, 2):
            User.objects.create_user(
                f"race-officer-{number}@example.org",
                full_name=f"Officer {number}",
                affiliation="observer_organisation",
                organisation=iom,
                is_fund_officer=True,
            )
        requester = User.objects.create_user(
            "race-requester@example.org",
            full_name="Requester",
            affiliation="member_state",
            country=Country.objects.get(iso_code="CR"),
        )
        ledger.contribution_record(
            by=officer(1),
            donor="Race donor",
            amount="1000.00",
            entry_date=timezone.localdate(),
            reference="RACE",
        )
        references = {}
        for name in ("first", "second"):
            case = services.case_create(
                by=requester,
                fields=factories.request_fields(cost="600.00"),
                identity=factories.identity_fields(given_names=name),
            )
            services.case_submit(case=case, by=requester)
            services.case_review_start(case=case, by=officer(1))
            references[name] = case.pk
        (folder / "cases.json").write_text(json.dumps(references))
        return
    cases = json.loads((folder / "cases.json").read_text())
    if mode == "report":
        print(
            json.dumps(
                {
                    **{name: Case.objects.get(pk=pk).state for name, pk in sorted(cases.items())},
                    "refusal": (folder / "refusal").read_text(),
                    "available": str(ledger.position().available),
                }
            )
        )
        return
    if mode == "hold":
        with transaction.atomic(), holding_until_go(folder):
            services.case_approve(case=Case.objects.get(pk=cases["first"]), by=officer(2))
    elif mode == "take":
        try:
            services.case_approve(case=Case.objects.get(pk=cases["second"]), by=officer(2))
        except ValidationError as refused:
            (folder / "refusal").write_text(" ".join(refused.messages))


if __name__ == "__main__":
    main()
