"""`make soak`'s check and verdict (soak/instance.py, soak/report.py): a write the clients were
told was saved is found once, a missing one is reported lost, one stored twice is reported, a
file with other bytes is not counted equal; and any of these fails the run."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile

from puebla.accounts.models import User
from puebla.documents.sample_files import pdf_with_text
from puebla.followup.models import InputRequest
from puebla.followup.requests import services as answers
from puebla.meetings import delegations
from puebla.meetings.models import Meeting
from soak import instance, report

SENT = pdf_with_text("Reforma migratoria")


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def nominate(meeting, focal_point, email):
    delegations.nomination_create(
        meeting=meeting,
        country=focal_point.country,
        by=focal_point,
        given_name="Delegada",
        family_name="Carga",
        email=email,
    )


def test_the_check_finds_each_write_once_and_reports_the_lost_and_the_repeated(db):
    plan = instance.prepare(2)
    focal_point = User.objects.get(email=plan["accounts"][0]["email"])
    meeting, other = Meeting.objects.filter(slug__startswith=instance.MARK)[:2]
    nominate(meeting, focal_point, "soak-1@puebla.invalid")
    nominate(meeting, focal_point, "soak-2@puebla.invalid")
    nominate(other, focal_point, "soak-2@puebla.invalid")  # one click, stored twice
    nominate(meeting, focal_point, "soak-stray@puebla.invalid")  # never confirmed
    request = InputRequest.objects.filter(countries=focal_point.country).first()
    answers.answer_save_draft(
        request=request,
        country=focal_point.country,
        by=focal_point,
        text="soak 0-a",
        uploads=[
            SimpleUploadedFile("soak-a.pdf", SENT, content_type="application/pdf"),
            SimpleUploadedFile("soak-b.pdf", SENT, content_type="application/pdf"),
        ],
    )

    found = instance.check(
        {
            "nominate": ["soak-1@puebla.invalid", "soak-2@puebla.invalid", "soak-3@puebla.invalid"],
            "answer": ["soak 0-a", "soak 0-b"],
            "upload": {"soak-a.pdf": sha256(SENT), "soak-b.pdf": sha256(b"other")},
        }
    )

    assert found["nominate"] == {
        "confirmed": 3,
        "once": 1,
        "lost": 1,
        "duplicated": 1,
        "unconfirmed_stored": 1,
    }
    assert found["answer"] == {
        "confirmed": 2,
        "once": 1,
        "lost": 1,
        "duplicated": 0,
        "unconfirmed_stored": 0,
    }
    assert (found["upload"]["once"], found["upload"]["bytes_equal"]) == (2, 1)
    run = {"records": [("browse", 12.0, "")], "locked": 0, "server_errors": 0}
    assert not report.passed(run | {"checked": found})
    whole = {
        kind: {"confirmed": 1, "once": 1, "lost": 0, "duplicated": 0, "unconfirmed_stored": 0}
        for kind in ("nominate", "answer", "upload")
    }
    assert report.passed(run | {"checked": whole})
    assert not report.passed(run | {"checked": whole, "records": [("search", 0.0, "HTTP 500")]})


def test_the_percentile_is_the_nearest_rank():
    assert report.percentile([float(n) for n in range(1, 101)], 0.95) == 95.0
    assert report.percentile([3.0], 0.95) == 3.0
