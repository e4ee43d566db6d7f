"""The recent-changes page: the newest history rows of every audited model, merged."""

import heapq
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from simple_history.models import HistoricalChanges

CHANGE_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class Change:
    when: datetime
    who: object
    kind: str
    model_name: str
    record: str
    history_id: int


def audited_history_models():
    """History tables of audited models (not the tables of their many-to-many history)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
        and any(field.name == "history_date" for field in model._meta.fields)
    ]


def recent_changes(*, limit: int) -> list[Change]:
    """The `limit` newest changes across audited models: one query per audited model."""
    streams = [_changes_of(model, limit) for model in audited_history_models()]
    return list(heapq.merge(*streams, key=lambda change: change.when, reverse=True))[:limit]


def _changes_of(history_model, limit: int) -> list[Change]:
    model_name = str(history_model.instance_type._meta.verbose_name)
    rows = history_model.objects.select_related("history_user").order_by("-history_date")[:limit]
    return [
        Change(
            when=row.history_date,
            who=row.history_user,
            kind=CHANGE_TYPES.get(row.history_type, row.history_type),
            model_name=model_name,
            record=_label(row),
            history_id=row.history_id,
        )
        for row in rows
    ]


def _label(row) -> str:
    """A readable name from the row's own columns, without loading related records."""
    for field in ("title", "name", "full_name", "email", "slug", "year"):
        value = getattr(row, field, "")
        if value:
            return f"{value} (#{row.id})"
    return f"#{row.id}"
