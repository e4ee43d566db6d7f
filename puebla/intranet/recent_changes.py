"""The recent-changes page: the newest edits people made to every audited model, merged.

Only rows of records the reader may open are listed (puebla.core.access.history_visible_to):
the Reserve Fund's cases, for one, are the fund officers' and their requesters', not the rest
of the secretariat's. Rows without an author are left out: the data load and the system's own
bookkeeping write them, and they would bury the edits the secretariat needs to see.
"""

import heapq
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from simple_history.models import HistoricalChanges

from puebla.core.access import history_visible_to

CHANGE_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class Change:
    when: datetime
    who: object
    kind: str
    model_name: str
    record: str
    url: str  # the record in the admin, or "" (a deletion, a model without an admin page)
    history_id: int


def audited_history_models():
    """History tables of audited models (not the tables of their many-to-many history)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
        and any(field.name == "history_date" for field in model._meta.fields)
    ]


def recent_changes(*, user, limit: int) -> list[Change]:
    """The `limit` newest changes `user` may see across audited models: one query per
    audited model."""
    streams = [_changes_of(model, user, limit) for model in audited_history_models()]
    return list(heapq.merge(*streams, key=lambda change: change.when, reverse=True))[:limit]


def _changes_of(history_model, user, limit: int) -> list[Change]:
    model = history_model.instance_type
    model_name = str(model._meta.verbose_name)
    rows = (
        history_visible_to(history_model, user)
        .filter(history_user__isnull=False)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    return [
        Change(
            when=row.history_date,
            who=row.history_user,
            kind=CHANGE_TYPES.get(row.history_type, row.history_type),
            model_name=model_name,
            record=_label(row),
            url="" if row.history_type == "-" else _admin_url(model, row.id),
            history_id=row.history_id,
        )
        for row in rows
    ]


def _admin_url(model, pk) -> str:
    if not admin.site.is_registered(model):
        return ""
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""


def _label(row) -> str:
    """A readable name from the row's own columns, in the reader's language where the record
    has one per language, without loading related records."""
    languages = [translation.get_language() or "es", "es", "en"]
    for field in ("title", "name", "full_name", "email", "slug", "year"):
        candidates = [f"{field}_{language}" for language in languages] + [field]
        for name in candidates:
            value = getattr(row, name, "")
            if value:
                return f"{value} (#{row.id})"
    return f"#{row.id}"
