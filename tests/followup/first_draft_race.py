"""Run by test_first_draft_race.py in processes of their own, on a database of their own:
`python -m tests.followup.first_draft_race MODE FOLDER` with MODE one of
  setup   a request to Costa Rica, not answered yet, and two of its focal points
  hold    the first focal point saves the first draft, then keeps the transaction open until
          FOLDER/go exists
  take    the second focal point saves a first draft too, at the same moment, from a form
          opened when there was no answer yet (version NO_ANSWER_YET); writes what it was told
          to FOLDER/told
  report  print, as JSON, the country's answers, their text, version and state changes, and
          what the second was told
"""

import datetime
import json
import os
import sys
from pathlib import Path

from tests.races import holding_until_go

FIRST = "race-first@example.org"
SECOND = "race-second@example.org"


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils import timezone

    from puebla.accounts.models import User
    from puebla.directory.models import Country
    from puebla.followup.models import Answer, InputRequest, Transition
    from puebla.followup.requests import services

    costa_rica = Country.objects.get(iso_code="CR")
    if mode == "setup":
        secretariat = User.objects.create_user(
            "race-ts@example.org", full_name="TS", affiliation="secretariat"
        )
        for email in (FIRST, SECOND):
            User.objects.create_user(
                email,
                full_name=email,
                affiliation="member_state",
                country=costa_rica,
                is_focal_point=True,
            )
        services.input_request_create(
            by=secretariat,
            countries=[costa_rica],
            title_en="First draft race",
            due_date=timezone.localdate() + datetime.timedelta(days=10),
        )
        return
    request = InputRequest.objects.get(title_en="First draft race")
    if mode == "report":
        answers = Answer.objects.filter(request=request, owner_country=costa_rica)
        report = {
            "answers": [
                {"text": answer.text, "version": answer.version, "state": answer.state}
                for answer in answers
            ],
            "transitions": list(
                Transition.objects.filter(answer__in=answers).values_list("from_state", "to_state")
            ),
            "told": (folder / "told").read_text() if (folder / "told").exists() else "",
        }
        print(json.dumps(report))
        return

    def save(email: str, text: str) -> None:
        services.answer_save_draft(
            request=request,
            country=costa_rica,
            by=User.objects.get(email=email),
            text=text,
            version=services.NO_ANSWER_YET,
        )

    if mode == "hold":
        with transaction.atomic(), holding_until_go(folder):
            save(FIRST, "The first focal point's draft")
    elif mode == "take":
        try:
            save(SECOND, "The second focal point's draft")
        except ValidationError as error:
            (folder / "told").write_text(" ".join(error.messages))


if __name__ == "__main__":
    main()
