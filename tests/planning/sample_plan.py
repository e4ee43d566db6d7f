"""A small plan for the page and editing tests, written with the models (the importer has
tests of its own): two themes, objectives, actions and activities with statuses, responsible
parties and Global Compact tags, and `grow()` to add many more activities."""

import datetime

from django.db.models import F

from puebla.directory.models import Body
from puebla.planning.models import GcmObjective, Item, Plan, Status

Level = Item.Level


def gcm(number: int) -> GcmObjective:
    """The reference list ships with the app's dataset; a test makes the ones it tags."""
    objective, _created = GcmObjective.objects.get_or_create(
        number=number,
        defaults={"title_en": f"Compact objective {number}", "title_es": f"Objetivo {number}"},
    )
    return objective


class Builder:
    def __init__(self, slug="sample-plan"):
        self.plan = Plan.objects.create(
            slug=slug,
            title_es="Plan de Acción de prueba",
            title_en="Sample Plan of Action",
            updated_on=datetime.date(2009, 11, 13),
            position=1,
        )
        self.position = 0
        self.statuses = Status.by_key()

    def add(self, parent, level, number, text_en, text_es="", *, status=None, **fields):
        self.position += 10
        key = f"{parent.key}/{number}" if parent else number
        return Item.objects.create(
            plan=self.plan,
            parent=parent,
            level=level,
            position=self.position,
            key=key,
            number=number if level != Level.THEME else "",
            text_en=text_en,
            text_es=text_es,
            status=self.statuses[status] if status else None,
            **fields,
        )


def make_plan():
    """The sample plan; returns (plan, {name: item})."""
    consular = Body.objects.get(slug="network-consular-protection")
    smuggling = Body.objects.get(slug="network-smuggling-trafficking")
    build = Builder()
    items = {}
    policy = items["policy"] = build.add(
        None, Level.THEME, "policy", "Migration policy and management", "Política migratoria"
    )
    items["o1"] = build.add(policy, Level.OBJECTIVE, "1", "To develop a migration policy.")
    items["a1.1"] = build.add(items["o1"], Level.ACTION, "1.1", "To exchange information.")
    items["t1.1.1"] = build.add(
        items["a1.1"],
        Level.ACTIVITY,
        "1.1.1",
        "Information exchange within the Liaison Officer Networks",
        "Intercambio de información en las redes",
        status="ongoing",
        schedule_en="Ongoing",
        responsible_kind="body",
        responsible_body=consular,
    )
    items["t1.1.2"] = build.add(
        items["a1.1"],
        Level.ACTIVITY,
        "1.1.2",
        "Training for consular officers",
        status="completed",
        status_since=datetime.date(2015, 3, 1),
        responsible_kind="body",
        responsible_body=smuggling,
    )
    items["o2"] = build.add(policy, Level.OBJECTIVE, "2", "To identify basic norms.")
    items["a2.1"] = build.add(items["o2"], Level.ACTION, "2.1", "To analyse existing criteria.")
    items["t2.1.1"] = build.add(
        items["a2.1"],
        Level.ACTIVITY,
        "2.1.1",
        "IOM manual on the detection of fraudulent documents",
        status="pending",
        responsible_kind="secretariat",
    )
    rights = items["rights"] = build.add(
        None, Level.THEME, "rights", "Human rights", "Derechos humanos"
    )
    items["r1"] = build.add(rights, Level.OBJECTIVE, "1", "To respect human rights.")
    items["ra1.1"] = build.add(items["r1"], Level.ACTION, "1.1", "To adopt cooperation actions.")
    items["rt1.1.1"] = build.add(
        items["ra1.1"],
        Level.ACTIVITY,
        "1.1.1",
        "Seminars, workshops, campaigns on the rights of migrants",
        status="in_progress",
        responsible_kind="presidency",
    )
    items["rt1.1.1"].gcm_objectives.set([gcm(7)])
    items["t1.1.1"].gcm_objectives.set([gcm(7), gcm(21)])
    return build.plan, items


def grow(plan, count, *, start=0):
    """`count` more activities under new objectives and actions of the plan's first theme,
    with statuses, responsible bodies and tags, as an import would write them (positions in
    the tree's reading order)."""
    statuses = list(Status.objects.all())
    bodies = list(Body.objects.order_by("slug")[:3])
    objectives = [gcm(number) for number in (1, 2, 3)]
    theme = Item.objects.filter(plan=plan, level=Level.THEME).order_by("position").first()
    # In reading order, as an import numbers them: after the theme's own items, before the
    # next theme's, which move down to make room.
    following = (
        Item.objects.filter(plan=plan, level=Level.THEME, position__gt=theme.position)
        .order_by("position")
        .first()
    )
    if following is not None:
        Item.objects.filter(plan=plan, position__gte=following.position).update(
            position=F("position") + 3 * count + 10
        )
    before = Item.objects.filter(plan=plan)
    if following is not None:
        before = before.filter(position__lt=following.position)
    position = before.order_by("-position").first().position
    made = []
    for group in range(start, start + count, 10):
        position += 1
        objective = Item.objects.create(
            plan=plan,
            parent=theme,
            level=Level.OBJECTIVE,
            position=position,
            key=f"grown/{group}",
            number=str(100 + group),
            text_en=f"Grown objective {group}",
        )
        position += 1
        action = Item.objects.create(
            plan=plan,
            parent=objective,
            level=Level.ACTION,
            position=position,
            key=f"grown/{group}/1",
            number=f"{100 + group}.1",
            text_en=f"Grown action {group}",
        )
        activities = []
        for number in range(group, min(group + 10, start + count)):
            position += 1
            activities.append(
                Item(
                    plan=plan,
                    parent=action,
                    level=Level.ACTIVITY,
                    position=position,
                    key=f"grown/{group}/1/{number}",
                    number=f"{100 + group}.1.{number - group + 1}",
                    text_en=f"Grown activity {number}",
                    text_es=f"Actividad generada {number}",
                    schedule_en="Ongoing",
                    status=statuses[number % len(statuses)],
                    responsible_kind="body",
                    responsible_body=bodies[number % len(bodies)],
                )
            )
        made += Item.objects.bulk_create(activities)
    through = Item.gcm_objectives.through
    through.objects.bulk_create(
        through(item_id=item.pk, gcmobjective_id=objectives[index % 3].pk)
        for index, item in enumerate(made)
    )
    return made
