"""Run as `python -m tests.followup.commitments_migration_program` on the empty database the
environment names (tests/followup/test_commitments_migration.py): migrate, step the follow-up
back to before migration 0003, write a request naming one commitment and an answer's history
as it was recorded then (every step "on behalf of" the answer's country), migrate forward and
back again, and print what each state holds, as JSON."""

import json
import os

import django

BEFORE = ("followup", "0002_transition_order")
AFTER = ("followup", "0003_request_commitments_and_history_wording")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    call_command("migrate", verbosity=0)

    def migrate(target):
        """Migrate the follow-up to `target`; the models as the database then has them: every
        migration applied (an app that depends on a later follow-up migration, the
        statistics', is unapplied with it)."""
        executor = MigrationExecutor(connection)
        executor.migrate([target])
        loader = MigrationExecutor(connection).loader
        applied = [node for node in loader.applied_migrations if node in loader.graph.nodes]
        return loader.project_state(applied).apps

    old = migrate(BEFORE)
    country = old.get_model("directory", "Country").objects.create(
        iso_code="CR", name_es="Costa Rica", name_en="Costa Rica"
    )
    users = old.get_model("accounts", "User").objects
    secretariat = users.create(email="ts@example.org", full_name="TS", affiliation="secretariat")
    focal_point = users.create(
        email="fp@example.org",
        full_name="FP",
        affiliation="member_state",
        country=country,
        is_focal_point=True,
    )
    meeting = old.get_model("meetings", "Meeting").objects.create(
        kind="vice_ministerial", slug="vm", title_en="VM", audience="members"
    )
    declaration = old.get_model("followup", "Declaration").objects.create(
        meeting=meeting, title_en="Declaration"
    )
    commitment = old.get_model("followup", "Commitment").objects.create(
        declaration=declaration, number="3", text_en="Commitment"
    )
    request = old.get_model("followup", "InputRequest").objects.create(
        commitment=commitment, title_en="Request", due_date="2030-01-01"
    )
    answer = old.get_model("followup", "Answer").objects.create(
        request=request, owner_country=country, state="accepted"
    )
    steps = old.get_model("followup", "Transition").objects
    for from_state, to_state, by in (
        ("not_started", "draft", focal_point),
        ("draft", "submitted", secretariat),  # the secretariat submitted for Costa Rica
        ("submitted", "accepted", secretariat),  # ... then decided, for itself
    ):
        steps.create(
            answer=answer,
            from_state=from_state,
            to_state=to_state,
            by=by,
            on_behalf_of=country,
            at="2029-12-01T10:00:00Z",
        )

    def history(apps) -> list:
        return list(
            apps.get_model("followup", "Transition")
            .objects.order_by("pk")
            .values_list("to_state", "on_behalf_of__iso_code")
        )

    new = migrate(AFTER)
    forward = {
        "commitments": list(
            new.get_model("followup", "InputRequest")
            .objects.get(pk=request.pk)
            .commitments.values_list("number", flat=True)
        ),
        "history": history(new),
    }
    old = migrate(BEFORE)
    backward = {
        "commitment": old.get_model("followup", "InputRequest")
        .objects.get(pk=request.pk)
        .commitment.number,
        "history": history(old),
    }
    call_command("migrate", verbosity=0)
    print(json.dumps({"forward": forward, "backward": backward}))


if __name__ == "__main__":
    main()
