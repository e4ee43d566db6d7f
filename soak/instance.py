"""`python -m soak.instance <step>`: the soak's steps that run inside the instance under load
(its DATA_DIR and DATABASE_URL), each printing its result as JSON (bench.steps).

prepare N   N focal points (one per member state, in turn), each with a password; meetings that
            take nominations and input requests addressed to every member state
check FILE  for every write the clients made (FILE: JSON, see soak.traffic), how many times it
            is stored
"""

import datetime
import json
import sys
from pathlib import Path

from bench.steps import step_run

PASSWORD = "soak-focal-point-password-for-a-throwaway-instance"  # noqa: S105
# Spread over several meetings and requests, so that no one page grows with the whole run's
# writes (a delegation page lists its country's nominations, an answer its files).
MEETINGS = 6
REQUESTS = 6
# Every record the soak writes carries this prefix, so the check finds the stray ones too.
MARK = "soak"


def prepare(clients: int) -> dict:
    from django.urls import reverse
    from django.utils import timezone, translation

    from puebla.accounts.models import User
    from puebla.accounts.services import invitation_accept, invitation_create
    from puebla.followup.requests import services as requests
    from puebla.meetings.querysets import member_states
    from puebla.meetings.services import meeting_create

    countries = list(member_states().order_by("iso_code"))
    secretariat = User.objects.create_user(
        f"{MARK}-secretariat@puebla.invalid",
        full_name="Soak secretariat",
        affiliation="secretariat",
    )
    accounts = []
    for number in range(clients):
        country = countries[number % len(countries)]
        # Made as every account is: an invitation, accepted (the address is then confirmed).
        invitation = invitation_create(
            invited_by=None,
            email=f"{MARK}-focal-{number}@puebla.invalid",
            given_name="Soak",
            family_name=f"focal point {number}",
            language="es",
            affiliation="member_state",
            country=country,
            is_focal_point=True,
            notify=False,
        )
        user = invitation_accept(token=invitation.token, password=PASSWORD)
        accounts.append({"email": user.email, "country": country.iso_code})
    today = timezone.localdate()
    meetings = [
        meeting_create(
            fields={
                "slug": f"{MARK}-meeting-{number}",
                "kind": "workshop",
                "title_es": f"Taller de carga {number}",
                "title_en": f"Load workshop {number}",
                "audience": "members",
                "seats_per_country": 2,
            },
            by=None,
        )
        for number in range(MEETINGS)
    ]
    input_requests = [
        requests.input_request_create(
            by=secretariat,
            all_member_states=True,
            title_es=f"Solicitud de carga {number}",
            title_en=f"Load request {number}",
            instructions_es="Envíen sus cambios.",
            instructions_en="Send your changes.",
            due_date=today + datetime.timedelta(days=60),
        )
        for number in range(REQUESTS)
    ]
    with translation.override("es"):
        return {
            "password": PASSWORD,
            "accounts": accounts,
            "login": reverse("account_login"),
            "intranet": reverse("intranet:home"),
            "search": reverse("search:results"),
            "delegations": [reverse("meetings:delegation", args=[m.slug]) for m in meetings],
            "requests": [reverse("followup:request", args=[r.pk]) for r in input_requests],
        }


def check(writes: dict) -> dict:
    """How often each write is stored, by kind; and the soak's records no client confirmed."""
    from puebla.followup.models import Answer, AnswerFile
    from puebla.meetings.models import Nomination

    stored = {
        "nominate": list(
            Nomination.objects.filter(email__startswith=MARK).values_list("email", flat=True)
        ),
        # Every saved draft is a row of the answer's history, with the text it saved.
        "answer": list(Answer.history.filter(text__startswith=MARK).values_list("text", flat=True)),
        "upload": list(
            AnswerFile.objects.filter(original_name__startswith=MARK).values_list(
                "original_name", flat=True
            )
        ),
    }
    found = {}
    for kind, confirmed in writes.items():
        counts: dict[str, int] = {}
        for value in stored.get(kind, []):
            counts[value] = counts.get(value, 0) + 1
        found[kind] = {
            "confirmed": len(confirmed),
            "once": sum(counts.get(value) == 1 for value in confirmed),
            "lost": sum(value not in counts for value in confirmed),
            "duplicated": sum(counts.get(value, 0) > 1 for value in confirmed),
            "unconfirmed_stored": len(set(counts) - set(confirmed)),
        }
    if "upload" in writes:
        found["upload"]["bytes_equal"] = _uploads_equal(writes["upload"])
    return found


def _uploads_equal(sent: dict[str, str]) -> int:
    """How many uploaded files are stored with the very bytes sent (their sha256, read back)."""
    from puebla.backups.stored_files import stored_sha256
    from puebla.documents.models import documents_storage
    from puebla.followup.models import AnswerFile

    storage = documents_storage()
    return sum(
        stored_sha256(storage, stored) == sent.get(name)
        for name, stored in AnswerFile.objects.filter(original_name__in=list(sent)).values_list(
            "original_name", "file"
        )
    )


def main(argv: list[str]) -> None:
    step_run(
        argv,
        {
            "prepare": lambda clients: prepare(int(clients)),
            "check": lambda path: check(json.loads(Path(path).read_text())),
        },
        __doc__,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
