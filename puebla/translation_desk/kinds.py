"""The kinds of records the desk serves: every model with a text kept in both languages
(`bilingual()` columns, puebla.core.bilingual), found in the app registry rather than listed,
so a new app's records reach the desk without a line here."""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.conf import settings
from django.http import Http404

from puebla.core.text import other_language


@dataclass(frozen=True)
class Kind:
    model: type
    fields: tuple[str, ...]  # base names: ("title", "description")

    @property
    def key(self) -> str:
        return self.model._meta.label_lower  # "planning.item"

    @property
    def label(self):
        return self.model._meta.verbose_name_plural

    def field_label(self, field: str):
        return self.column(field, settings.LANGUAGE_CODE).text_label

    def column(self, field: str, language: str):
        return self.model._meta.get_field(f"{field}_{language[:2]}")

    def lacking(self, field: str, language: str) -> dict:
        """The lookups of the records whose `field` exists in the other language only."""
        return {f"{field}_{language}": "", f"{field}_{other_language(language)}__gt": ""}


def _bilingual_fields(model) -> tuple[str, ...]:
    first = settings.LANGUAGES[0][0]
    return tuple(
        field.name.removesuffix(f"_{first}")
        for field in model._meta.concrete_fields
        if hasattr(field, "text_label") and field.name.endswith(f"_{first}")
    )


@cache
def all_kinds() -> tuple[Kind, ...]:
    found = []
    for model in apps.get_models():
        # simple-history's copies carry the same columns; their texts are the past's.
        if hasattr(model, "instance_type") or model._meta.app_label == "core":
            continue
        if fields := _bilingual_fields(model):
            found.append(Kind(model, fields))
    return tuple(sorted(found, key=lambda kind: kind.key))


def kind_for(key: str) -> Kind:
    for kind in all_kinds():
        if kind.key == key:
            return kind
    raise Http404
