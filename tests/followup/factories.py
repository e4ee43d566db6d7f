"""Follow-up records made for tests: people of given countries, requests, answers."""

import datetime
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from puebla.accounts.models import User
from puebla.directory.models import Country
from puebla.documents.sample_files import pdf_with_text
from puebla.followup.requests import services

numbers = itertools.count(1)


def country(code: str) -> Country:
    return Country.objects.get(iso_code=code)


def person(code: str | None, *, focal: bool = False, language: str = "es", role: str = ""):
    """An active account: a member-state official of `code` (a focal point when `focal`), or
    the secretariat when `code` is None."""
    number = next(numbers)
    if code is None:
        return User.objects.create_user(
            f"ts-{number}@example.org",
            full_name=f"Secretariat {number}",
            affiliation="secretariat",
            language=language,
        )
    return User.objects.create_user(
        f"{role or ('fp' if focal else 'official')}-{code.lower()}-{number}@example.org",
        full_name=f"Person {code} {number}",
        affiliation="member_state",
        country=country(code),
        is_focal_point=focal,
        language=language,
    )


def make_request(*, by, codes=("CR", "GT"), due_in: int = 30, **fields):
    number = next(numbers)
    values = {
        "title_es": f"Solicitud {number}",
        "title_en": f"Request {number}",
        "instructions_es": "Envíen sus cambios.",
        "instructions_en": "Send your changes.",
        "due_date": timezone.localdate() + datetime.timedelta(days=due_in),
    }
    values.update(fields)
    if "countries" not in values and not values.get("all_member_states"):
        values["countries"] = [country(code) for code in codes]
    return services.input_request_create(by=by, **values)


def pdf(name: str = "answer.pdf", text: str = "Evidence") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_with_text(text), content_type="application/pdf")
