"""What the planning app ships: the reference lists (Global Compact objectives, SDG targets)
and the plans in puebla/rcm/plans.yaml, each imported from its seed by the importer people use
(`puebla import-plan`), its themes named where another seed names them (`theme_names`), then
the responsible parties the items' own words name
(puebla/rcm/plan_responsible.yaml, inferred and marked so). Idempotent: loading again changes
nothing. `puebla setup` runs it (manage.py load_plans); tests call `load()`.
"""

from pathlib import Path

import yaml
from django.db import transaction
from django.db.models import Exists, OuterRef

from puebla import rcm
from puebla.directory.models import Body
from puebla.planning import cells, importer, sources
from puebla.planning.models import GcmObjective, Item, Plan, SdgTarget

FOLDER = rcm.FOLDER


def _read(name: str, folder: Path) -> dict:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def load_reference_lists(folder: Path = FOLDER) -> int:
    """Create or update the GCM objectives and SDG targets; returns how many changed."""
    changed = 0
    data = _read("gcm_objectives.yaml", folder)
    for record in data["objectives"]:
        values = {
            "title_en": record.get("en", ""),
            "title_es": record.get("es", ""),
            "source": " ".join(data["source"].split()),
        }
        changed += _upsert(GcmObjective, {"number": record["number"]}, values)
    data = _read("plan_sdg_targets.yaml", folder)
    for record in data["targets"]:
        values = {
            "goal": record["goal"],
            "text_en": record.get("en", ""),
            "text_es": record.get("es", ""),
            "source": " ".join(data["source"].split()),
        }
        changed += _upsert(SdgTarget, {"code": record["code"]}, values)
    return changed


def _upsert(model, key: dict, values: dict) -> int:
    record = model.objects.filter(**key).first()
    if record is None:
        model.objects.create(**key, **values)
        return 1
    different = {name: value for name, value in values.items() if getattr(record, name) != value}
    if different:
        for name, value in different.items():
            setattr(record, name, value)
        # Saved, not updated: the save is what reindexes an objective for the site search and
        # makes the cached pages that show it stale.
        record.save(update_fields=list(different))
    return int(bool(different))


def load_plans(folder: Path = FOLDER) -> list[str]:
    """Import every shipped plan from its seed copy, once; returns the report's lines.

    A plan already in the database is left as it is: from then on the intranet keeps it, and
    importing the seed again at each `puebla setup` would undo its editors' changes. A newer
    table goes in with `puebla import-plan`, on purpose."""
    from puebla.documents.models import Document

    lines = []
    for record in _read("plans.yaml", folder)["plans"]:
        existing = Plan.objects.filter(slug=record["slug"]).first()
        if existing is not None:
            named = _name_themes(existing, record.get("theme_names", []))
            lines.append(f"{record['slug']}: already there, left as the intranet keeps it")
            lines += [
                f"{record['slug']}: theme “{key}” named as its seed names it" for key in named
            ]
            continue
        parsed = importer.parse(sources.read(folder / record["file"]), plan=None)
        changes = importer.apply(
            parsed, plan_slug=record["slug"], source=record["source"], commit=True
        )
        plan = Plan.objects.get(slug=record["slug"])
        plan.source = record["source"]
        plan.evidence = "\n".join(record["evidence"])
        plan.document = Document.objects.filter(slug=record.get("document", "")).first()
        plan.save()
        _name_themes(plan, record.get("theme_names", []))
        lines.append(
            f"{record['slug']}: {len(changes.created)} new, {len(changes.changed)} changed, "
            f"{len(changes.archived)} archived, {len(parsed.anomalies)} anomalies in the source"
        )
    return lines


def _name_themes(plan: Plan, names: list[dict]) -> list[str]:
    """A theme's name in a language its table does not give, from another seed that names
    the theme (quoted): its source and evidence are added to the item's. Only where nobody has
    named it in that language (the intranet's name stands); returns the keys of the themes
    named."""
    named = []
    for record in names:
        theme = Item.objects.filter(plan=plan, key=record["theme"], level=Item.Level.THEME).first()
        if theme is None:
            continue
        changed = False
        for code in ("es", "en"):
            name = record.get(code)
            if name and not getattr(theme, f"text_{code}"):
                setattr(theme, f"text_{code}", name)
                changed = True
        if not changed:
            continue
        evidence = " ".join(record["evidence"].split())
        theme.source = "\n".join(dict.fromkeys([*theme.source.splitlines(), record["source"]]))
        theme.evidence = "\n".join(dict.fromkeys([*theme.evidence.splitlines(), evidence]))
        theme._change_reason = f"named as {record['source']} names it"
        theme.save()
        named.append(theme.key)
    return named


def load_responsible(folder: Path = FOLDER) -> list[str]:
    """Set the responsible party the rules of plan_responsible.yaml infer from an item's words,
    marked as inferred with the rule's note, on the items nobody has given one: no responsible
    party, and no history row made by a person (the secretariat's choice, even to leave it
    empty, stands). Returns the report's line."""
    data = _read("plan_responsible.yaml", folder)
    plan = Plan.objects.filter(slug=data["plan"]).first()
    if plan is None:
        return []
    edited = Item.history.model.objects.filter(id=OuterRef("pk"), history_user__isnull=False)
    candidates = (
        Item.objects.filter(plan=plan, responsible_kind="")
        .exclude(Exists(edited))
        .order_by("position")
    )
    bodies = {body.slug: body for body in Body.objects.filter(slug__in=_body_slugs(data))}
    count = 0
    for item in candidates:
        words = cells.without_markup(f"{item.text_en} {item.text_es}")
        rule = next((rule for rule in data["rules"] if rule["words"] in words), None)
        if rule is None:
            continue
        item.responsible_kind = rule["responsible"]
        item.responsible_body = bodies[rule["body"]] if rule.get("body") else None
        inferred = {"responsible_kind", *(["responsible_body"] if rule.get("body") else [])}
        item.inferred = " ".join(sorted({*item.inferred.split(), *inferred}))
        # The rule's note replaces the importer's about a status read from the bold italics:
        # the item's page explains that status beside it, in words of its own.
        item.note_es, item.note_en = rule["note"]["es"].strip(), rule["note"]["en"].strip()
        item.source = item.source or data["source"]
        item._change_reason = "responsible party inferred from the item's words"
        item.full_clean(exclude=["plan", "parent"])
        item.save()
        count += 1
    return [f"{data['plan']}: {count} responsible parties inferred from the items' words"]


def _body_slugs(data: dict) -> list[str]:
    return [rule["body"] for rule in data["rules"] if rule.get("body")]


def load(folder: Path = FOLDER) -> list[str]:
    with transaction.atomic():
        count = load_reference_lists(folder)
        return [
            f"reference lists: {count} changed",
            *load_plans(folder),
            *load_responsible(folder),
        ]
