"""Run by test_reminders_race.py in processes of their own, on a database of their own:
`python -m tests.followup.reminder_race MODE FOLDER` with MODE one of
  setup   a request to every member state, made a month ago, due in 3 days (its "3 days
          before" reminder is due today), and a focal point of each country
  hold    send the reminders, then keep the transaction open until FOLDER/go exists
  take    send the reminders (a second worker, at the same moment)
  report  print, as JSON, the sent-reminder rows and the mails per address
"""

import datetime
import json
import os
import sys
from collections import Counter
from pathlib import Path

from tests.races import holding_until_go


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from puebla.accounts.models import User
    from puebla.core.models import OutgoingMail
    from puebla.followup.models import InputRequest, SentReminder
    from puebla.followup.requests import reminders, services
    from puebla.meetings.querysets import member_states

    if mode == "setup":
        secretariat = User.objects.create_user(
            "race-ts@example.org", full_name="TS", affiliation="secretariat"
        )
        for country in member_states():
            User.objects.create_user(
                f"race-{country.iso_code.lower()}@example.org",
                full_name=country.iso_code,
                affiliation="member_state",
                country=country,
                is_focal_point=True,
            )
        request = services.input_request_create(
            by=secretariat,
            all_member_states=True,
            title_en="Race",
            due_date=timezone.localdate() + datetime.timedelta(days=3),
        )
        InputRequest.objects.filter(pk=request.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=30)
        )
        OutgoingMail.objects.all().delete()  # the request's own mails: not reminders
        return
    if mode == "report":
        mails = Counter(address for row in OutgoingMail.objects.all() for address in row.to)
        print(json.dumps({"stamped": SentReminder.objects.count(), "mails": dict(mails)}))
        return
    if mode == "hold":
        with transaction.atomic(), holding_until_go(folder):
            reminders.reminders_send()
    elif mode == "take":
        reminders.reminders_send()


if __name__ == "__main__":
    main()
