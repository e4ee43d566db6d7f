"""The Plan of Action grown to about twenty years of work: 1,500 activities by default, in made-up
objectives and implementation actions under the themes of the plan the public page shows (the
shipped 2009 plan after `puebla setup`; a plan of its own when there is none), with statuses,
schedules, responsible bodies and Global Compact tags, so the page the benchmark measures
(`/es/plan-de-accion/`) draws every level of a large tree.

Texts are plainly made up ("Actividad generada 12" / "Generated activity 12"). Written with
bulk inserts, the generated items placed after each theme's own and every position renumbered
in reading order, as the importer keeps them; the page cache is told once at the end.
"""

import random

from bench.generators import Generator, Size

ACTIVITIES_PER_ACTION = 5
ACTIONS_PER_OBJECTIVE = 3
THEMES = [  # used only when no plan exists yet
    ("policy", "Política migratoria y gestión", "Migration policy and management"),
    ("rights", "Derechos humanos", "Human rights"),
    ("development", "Migración y desarrollo", "Migration and development"),
]
SCHEDULES = [
    ("Permanente", "Ongoing"),
    ("En curso", "In progress"),
    ("Pendiente", "Pending"),
    ("", ""),
]


def generate(sizes: dict[str, int], rng: random.Random) -> dict[str, int]:
    from django.db import transaction

    from puebla.core.pagecache import bump_content_version

    with transaction.atomic():
        created = _grow(sizes["plan-activities"], rng)
    bump_content_version()
    return created


def _plan():
    from puebla.planning.models import Item, Plan

    plan = Plan.objects.order_by("position", "slug").first()
    if plan is not None:
        return plan
    plan = Plan.objects.create(
        slug="bench-plan", title_es="Plan de Acción generado", title_en="Generated Plan of Action"
    )
    for position, (key, name_es, name_en) in enumerate(THEMES, start=1):
        Item.objects.create(
            plan=plan,
            level=Item.Level.THEME,
            position=position,
            key=key,
            text_es=name_es,
            text_en=name_en,
        )
    return plan


def _grow(count: int, rng: random.Random) -> dict[str, int]:
    from puebla.directory.models import Body
    from puebla.planning.models import GcmObjective, Item, Status

    plan = _plan()
    existing = list(Item.objects.filter(plan=plan).order_by("position"))
    themes = [item for item in existing if item.level == Item.Level.THEME]
    statuses = list(Status.objects.all())
    bodies = list(Body.objects.exclude(kind="secretariat").order_by("slug"))
    objectives = list(GcmObjective.objects.order_by("number"))

    # Objectives, actions and activities for each theme in turn, as (theme, [items in order]).
    added = {theme.pk: [] for theme in themes}
    activities, number = [], 0
    while number < count:
        theme = themes[(number // (ACTIVITIES_PER_ACTION * ACTIONS_PER_OBJECTIVE)) % len(themes)]
        group = len(added[theme.pk]) + 1
        objective = Item(
            plan=plan,
            parent=theme,
            level=Item.Level.OBJECTIVE,
            key=f"{theme.key}/bench-{group}",
            number=f"{900 + group}",
            text_es=f"Objetivo generado {group}",
            text_en=f"Generated objective {group}",
        )
        added[theme.pk].append(objective)
        for action_number in range(1, ACTIONS_PER_OBJECTIVE + 1):
            action = Item(
                plan=plan,
                level=Item.Level.ACTION,
                key=f"{objective.key}.{action_number}",
                number=f"{objective.number}.{action_number}",
                text_es=f"Acción generada {objective.number}.{action_number}",
                text_en=f"Generated action {objective.number}.{action_number}",
            )
            action.parent_item = objective
            added[theme.pk].append(action)
            for activity_number in range(1, ACTIVITIES_PER_ACTION + 1):
                if number >= count:
                    break
                number += 1
                schedule = rng.choice(SCHEDULES)
                body = rng.choice(bodies) if bodies and rng.random() < 0.6 else None
                activity = Item(
                    plan=plan,
                    level=Item.Level.ACTIVITY,
                    key=f"{action.key}.{activity_number}",
                    number=f"{action.number}.{activity_number}",
                    text_es=f"Actividad generada {number}",
                    text_en=f"Generated activity {number}",
                    schedule_es=schedule[0],
                    schedule_en=schedule[1],
                    status=rng.choice(statuses) if statuses else None,
                    responsible_kind="body" if body else rng.choice(["secretariat", "presidency"]),
                    responsible_body=body,
                    marked=rng.random() < 0.1,
                )
                activity.parent_item = action
                added[theme.pk].append(activity)
                activities.append(activity)

    # Parents first (bulk_create sets their keys), then their parts.
    new = [item for theme in themes for item in added[theme.pk]]
    for level in (Item.Level.OBJECTIVE, Item.Level.ACTION, Item.Level.ACTIVITY):
        batch = [item for item in new if item.level == level]
        for item in batch:
            if hasattr(item, "parent_item"):
                item.parent = item.parent_item
        Item.objects.bulk_create(batch, batch_size=500)

    # Reading order: each theme's own items, then its generated ones; positions renumbered.
    ordered, current = [], None
    for item in existing:
        if item.level == Item.Level.THEME:
            if current is not None:
                ordered += added[current.pk]
            current = item
        ordered.append(item)
    if current is not None:
        ordered += added[current.pk]
    for position, item in enumerate(ordered, start=1):
        item.position = position * 10
    Item.objects.bulk_update(ordered, ["position"], batch_size=500)

    through = Item.gcm_objectives.through
    tags = [
        through(item_id=activity.pk, gcmobjective_id=rng.choice(objectives).pk)
        for activity in activities
        if objectives and rng.random() < 0.5
    ]
    through.objects.bulk_create(tags, batch_size=500)
    return {
        "plan items": len(new),
        "plan activities": len(activities),
        "Global Compact tags": len(tags),
    }


GENERATOR = Generator(
    name="planning",
    sizes=(
        Size(
            "plan-activities",
            1500,
            "Plan of Action activities (under made-up objectives and actions of its themes)",
        ),
    ),
    generate=generate,
)
