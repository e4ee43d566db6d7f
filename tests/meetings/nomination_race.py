"""Run by test_nomination_race.py in processes of their own, on a database of their own:
`python -m tests.meetings.nomination_race MODE FOLDER` with MODE one of
  setup   a meeting with one seat per country, and a focal point of Costa Rica
  hold    nominate "first", then keep the transaction open until FOLDER/go exists
  take    nominate "second" (the other focal point's click, at the same moment)
  report  print each nomination's status as JSON
"""

import json
import os
import sys
from pathlib import Path

from tests.races import holding_until_go


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    from django.db import transaction

    from puebla.accounts.models import User
    from puebla.directory.models import Country
    from puebla.meetings import delegations
    from puebla.meetings.models import Meeting, Nomination
    from puebla.meetings.services import meeting_create

    if mode == "setup":
        User.objects.create_user(
            "race-focal-point@example.org",
            full_name="Race",
            affiliation="member_state",
            country=Country.objects.get(iso_code="CR"),
            is_focal_point=True,
        )
        meeting_create(
            fields={"slug": "race", "kind": "workshop", "title_en": "Race", "seats_per_country": 1},
            by=None,
        )
        return
    if mode == "report":
        print(json.dumps(dict(Nomination.objects.values_list("given_name", "status"))))
        return
    focal_point = User.objects.get(email="race-focal-point@example.org")

    def nominate(name: str) -> None:
        delegations.nomination_create(
            meeting=Meeting.objects.get(slug="race"),
            country=focal_point.country,
            by=focal_point,
            given_name=name,
            family_name="Racer",
            email=f"{name}@example.org",
        )

    if mode == "hold":
        with transaction.atomic(), holding_until_go(folder):
            nominate("first")
    elif mode == "take":
        nominate("second")


if __name__ == "__main__":
    main()
