"""`python -m drill.instance <step>`: the drill's steps that run inside an instance (its
DATA_DIR and DATABASE_URL), each printing JSON.

populate            a member with a password, and the documents that member may download
digest [TABLE=N]    every table's rows and every stored file, hashed (TABLE=N: its first N
                    rows only, for a table written to after the backup)
write-until FILE    write mail rows, one a moment, until FILE exists; print how many
"""

import datetime
import decimal
import hashlib
import json
import sys
import time
import uuid
from pathlib import Path

from bench.steps import step_run

EMAIL = "drill-member@puebla.invalid"
PASSWORD = "drill-password-for-a-restored-copy-42"  # noqa: S105 - a throwaway instance's
# A name to look for in the archive's bytes: it must be there only encrypted.
MIGRANT_FAMILY_NAMES = "Wenceslao-Simulacro"
WRITTEN_TABLE = "core_outgoingmail"


def populate() -> dict:
    from django.urls import reverse
    from django.utils import translation

    from puebla.backups.stored_files import stored_sha256
    from puebla.documents.models import Document, DocumentFile, documents_storage

    user = role_user_create_once("liaison_officer", EMAIL)
    _fund_case()
    files = DocumentFile.objects.filter(
        document__in=Document.objects.visible_to(user)
    ).select_related("document")
    downloads = []
    with translation.override("es"):
        for file in files.exclude(document__audience="public"):
            downloads.append(
                {
                    "url": reverse(
                        "documents:download", kwargs={"slug": file.document.slug, "pk": file.pk}
                    ),
                    "language": file.language,
                    "sha256": stored_sha256(documents_storage(), file.file.name),
                }
            )
        home = reverse("intranet:home")
    return {"email": EMAIL, "password": PASSWORD, "home": home, "downloads": downloads}


def _fund_case() -> None:
    """A Reserve Fund request filed by Costa Rica's government: its person and texts are the
    encrypted columns a backup must copy as they are."""
    from django.utils import timezone

    from puebla.directory.models import Country
    from puebla.fund import services
    from puebla.fund.models import Category, Identity

    if Identity.objects.exists():
        return
    today = timezone.localdate()
    services.case_create(
        by=role_user_create_once("official_a", "drill-government@puebla.invalid"),
        fields={
            "category": Category.UNACCOMPANIED_CHILD,
            "departure_country": Country.objects.get(iso_code="CR"),
            "return_country": Country.objects.get(iso_code="GT"),
            "return_plan": "Autobús de San José a Ciudad de Guatemala con acompañante.",
            "cost": decimal.Decimal("640.00"),
            "national_programmes_gap": "El programa nacional no cubre acompañantes.",
            "decision_on": today - datetime.timedelta(days=3),
            "decision_language": "Spanish",
            "decision_by": "Consular officer with the child's guardian",
            "guardian_authority": "Child protection office of the return country",
        },
        identity={
            "given_names": "Zacarías",
            "family_names": MIGRANT_FAMILY_NAMES,
            "birth_date": today.replace(year=today.year - 15, day=1),
        },
    )


def role_user_create_once(role: str, email: str):
    from puebla.accounts.models import User
    from puebla.accounts.roles import role_user_create

    return User.objects.filter(email=email).first() or role_user_create(
        role, email=email, password=PASSWORD
    )


def digest(prefixes: dict[str, int]) -> dict:
    from puebla.backups import stored_files, tables

    found: dict[str, dict] = {"tables": {}, "files": {}}
    for model in tables.model_tables():
        table = model._meta.db_table
        rows = tables.rows(model, "default")
        limit = prefixes.get(table)
        hashed, count = hashlib.sha256(), 0
        for row in rows:
            if limit is not None and count == limit:
                break
            hashed.update(json.dumps([_canonical(value) for value in row]).encode())
            count += 1
        found["tables"][table] = {"rows": count, "sha256": hashed.hexdigest()}
        if any(tables.stored_as_written(field) for field in model._meta.concrete_fields):
            # Read through the fields too: the encrypted columns decrypt with this instance's
            # keys, as the pages will read them.
            clear = hashlib.sha256()
            for row in model._base_manager.order_by("pk").values_list().iterator():
                clear.update(json.dumps([_canonical(value) for value in row]).encode())
            found["tables"][table]["clear_sha256"] = clear.hexdigest()
    for alias, storage in stored_files.kept_storages().items():
        for name in stored_files.names(storage):
            found["files"][f"{alias}/{name}"] = stored_files.stored_sha256(storage, name)
    return found


def _canonical(value):
    """A value as both engines give it back: times in UTC, JSON with sorted keys."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def write_until(stop: Path) -> dict:
    from puebla.core.models import OutgoingMail

    written = 0
    while not stop.exists():
        OutgoingMail.objects.create(
            to=["drill@puebla.invalid"], subject=f"drill {written}", body="written while backing up"
        )
        written += 1
        time.sleep(0.01)
    return {"written": written}


def main(argv: list[str]) -> None:
    step_run(
        argv,
        {
            "populate": populate,
            "digest": lambda *prefixes: digest(
                {name: int(count) for name, count in (part.split("=") for part in prefixes)}
            ),
            "write-until": lambda stop: write_until(Path(stop)),
        },
        __doc__,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
