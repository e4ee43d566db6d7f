"""Loading reviewable YAML datasets into the database, idempotently and all-or-nothing.

Each app describes its files with `Spec`s (which model, which natural key, which fields); this
module reads them, resolves references by natural key, empties the fields a record leaves out,
validates every record with the model's own `full_clean()`, and writes inside one transaction. Any problem anywhere rolls the
whole load back and is reported with the file, the record and the offending value.

Every record must say where its facts come from (`source`: the seed file names) and quote the
passage (`evidence`), which the test suite checks against the seed itself. A value the seeds
imply without stating it is listed under `inferred` (field names) with a `note` in each
language saying why. All four are stored on the record (puebla.core.provenance), so the
portal can show them; a nested record without a source of its own takes its parent's.
"""

import datetime
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation

from puebla.core.provenance import Provenance

SEED_FILE_NAME = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
PROVENANCE_KEYS = {"source", "evidence", "note", "inferred"}


class Kind:
    TEXT = "text"
    TRANSLATED = "translated"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"


@dataclass(frozen=True)
class Ref:
    """A field that names another record by its natural key (e.g. a country's ISO code)."""

    model: type[models.Model]
    key: str


@dataclass(frozen=True)
class Refs:
    """A many-to-many field given as a list of natural keys (e.g. body slugs)."""

    model: type[models.Model]
    key: str


@dataclass(frozen=True)
class Spec:
    model: type[models.Model]
    key: tuple[str, ...]
    fields: dict[str, Any]
    required: frozenset[str] = frozenset()
    nested: dict[str, "Spec"] = field(default_factory=dict)
    parent_field: str | None = None  # for nested specs: the field pointing at the parent
    # Fields a reader takes as facts (names, dates, contacts): the test suite requires each
    # value to be quoted word for word in the record's evidence (in English, the seeds'
    # language), or the field to be listed under `inferred` with a note.
    stated: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DatasetFile:
    name: str  # file name inside the dataset folder
    list_key: str  # the top-level key holding the list of records
    spec: Spec | None = None
    # A file whose records are not one model's fields with seed-only provenance (a thesaurus
    # pair cites a public glossary beside the seeds) names the function that loads one record
    # instead of a Spec: it takes the raw record and returns the model and what it did
    # ("created", "updated" or "unchanged"), or raises ValidationError, reported like any
    # other problem (and the whole load rolled back).
    load_record: Callable[[Any], tuple[type[models.Model], str]] | None = None


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    field: str
    message: str
    value: Any = None

    def __str__(self):
        where = f"{self.file}, {self.record}"
        if self.field:
            where += f", field '{self.field}'"
        shown = "" if self.value is None else f" (value: {self.value!r})"
        return f"{where}: {self.message}{shown}"


class DatasetError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def lines(self) -> list[str]:
        labels = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{label}: {self.created[label]} created, {self.updated[label]} updated, "
            f"{self.unchanged[label]} unchanged"
            for label in labels
        ]


def load_dataset(folder: Path, files: list[DatasetFile]) -> LoadReport:
    """Load `files` from `folder` in order; raise DatasetError and write nothing on any problem."""
    loader = _Loader()
    with transaction.atomic():
        for dataset_file in files:
            loader.load_file(folder / dataset_file.name, dataset_file)
        if loader.problems:
            raise DatasetError(loader.problems)  # leaving the block rolls everything back
    return loader.report


class _Loader:
    def __init__(self):
        self.problems: list[Problem] = []
        self.report = LoadReport()
        self.file = ""

    def load_file(self, path: Path, dataset_file: DatasetFile) -> None:
        self.file = path.name
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            self.problems.append(Problem(self.file, "whole file", "", f"cannot be read: {error}"))
            return
        if _holds_nul(content):
            # YAML writes it "\0"; no database text keeps it (PostgreSQL refuses the write).
            message = "holds the NUL character (written \\0 in YAML): remove it"
            self.problems.append(Problem(self.file, "whole file", "", message))
            return
        records = content.get(dataset_file.list_key) if isinstance(content, dict) else None
        if not isinstance(records, list):
            message = f"must hold a list of records under '{dataset_file.list_key}:'"
            self.problems.append(Problem(self.file, "whole file", "", message))
            return
        for number, raw in enumerate(records, start=1):
            if dataset_file.load_record is not None:
                self.load_own_record(dataset_file.load_record, raw, f"record {number}")
            else:
                self.load_record(dataset_file.spec, raw, f"record {number}", parent=None)

    def load_own_record(self, load_record, raw: Any, label: str) -> None:
        try:
            with transaction.atomic():  # a refused record leaves nothing half-written
                model, outcome = load_record(raw)
        except ValidationError as error:
            messages = (
                error.message_dict.items()
                if hasattr(error, "error_dict")
                else [("", error.messages)]
            )
            for field_name, field_messages in messages:
                shown_field = "" if field_name == "__all__" else field_name
                for message in field_messages:
                    self.problems.append(Problem(self.file, label, shown_field, message))
            return
        counter = {"created": self.report.created, "updated": self.report.updated}.get(
            outcome, self.report.unchanged
        )
        counter[_model_label(model, plural=True)] += 1

    def load_record(self, spec: Spec, raw: Any, label: str, parent: models.Model | None) -> None:
        if not isinstance(raw, dict):
            self.problems.append(Problem(self.file, label, "", "must be a mapping of fields", raw))
            return
        label = _label(spec, raw, label)
        count_before = len(self.problems)
        self.check_keys(spec, raw, label, nested=parent is not None)
        values = {}
        for name, kind in spec.fields.items():
            if name not in raw:
                if name in spec.required:
                    self.problems.append(Problem(self.file, label, name, "is required"))
                elif name not in spec.key:
                    values.update(_empty(spec.model, name, kind))
                continue
            values.update(self.convert(name, kind, raw[name], label))
        if parent is not None:
            values[spec.parent_field] = parent
        if issubclass(spec.model, Provenance):
            values.update(self.provenance(spec, raw, label, parent))
        if len(self.problems) > count_before:
            return
        instance = self.save(spec, values, label)
        if instance is None:
            return
        for name, nested_spec in spec.nested.items():
            items = raw.get(name, [])
            if not isinstance(items, list):
                self.problems.append(Problem(self.file, label, name, "must be a list", items))
                continue
            for number, item in enumerate(items, start=1):
                self.load_record(nested_spec, item, f"{label} > {name} {number}", parent=instance)

    def check_keys(self, spec: Spec, raw: dict, label: str, *, nested: bool) -> None:
        allowed = set(spec.fields) | set(spec.nested) | PROVENANCE_KEYS
        for unknown in sorted(set(raw) - allowed, key=str):
            self.problems.append(
                Problem(
                    self.file,
                    label,
                    str(unknown),
                    f"is not a field; expected one of {sorted(allowed)}",
                )
            )
        if nested and "source" not in raw:
            return  # a nested record inherits its parent's source
        sources = raw.get("source")
        sources = sources if isinstance(sources, list) else [sources]
        for source in sources:
            if not isinstance(source, str) or not SEED_FILE_NAME.match(source):
                self.problems.append(
                    Problem(
                        self.file,
                        label,
                        "source",
                        "must name the seed file(s) it comes from",
                        source,
                    )
                )

    def provenance(
        self, spec: Spec, raw: dict, label: str, parent: models.Model | None
    ) -> dict[str, Any]:
        """The record's source, evidence, inferred fields and note, as stored on the model."""
        if "source" not in raw and isinstance(parent, Provenance):
            values = {"source": parent.source, "evidence": parent.evidence}
        else:
            quotes = _as_list(raw.get("evidence"))
            if not quotes or not all(isinstance(quote, str) and quote.strip() for quote in quotes):
                message = "must quote the passage(s) of the source it comes from"
                self.problems.append(Problem(self.file, label, "evidence", message, quotes))
                return {}
            values = {
                "source": "\n".join(str(source) for source in _as_list(raw.get("source"))),
                "evidence": "\n".join(quote.strip() for quote in quotes),
            }
        inferred = _as_list(raw.get("inferred"))
        if not all(isinstance(name, str) and name in spec.fields for name in inferred):
            message = f"must list field names among {sorted(spec.fields)}"
            self.problems.append(Problem(self.file, label, "inferred", message, inferred))
            return {}
        values["inferred"] = " ".join(inferred)
        if "note" in raw:
            values.update(self.convert("note", Kind.TRANSLATED, raw["note"], label))
        else:
            values.update({f"note_{language}": "" for language in _languages()})
        if inferred and not any(values.get(f"note_{language}") for language in _languages()):
            self.problems.append(
                Problem(self.file, label, "note", "must say why the inferred fields are inferred")
            )
        return values

    def convert(self, name: str, kind: Any, value: Any, label: str) -> dict[str, Any]:
        def problem(message):
            self.problems.append(Problem(self.file, label, name, message, value))
            return {}

        if isinstance(kind, Refs):
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                return problem("must be a list of keys")
            targets = list(kind.model._default_manager.filter(**{f"{kind.key}__in": value}))
            missing = set(value) - {getattr(target, kind.key) for target in targets}
            if missing:
                return problem(f"unknown {_model_label(kind.model)} {kind.key} {sorted(missing)}")
            return {name: targets}
        if isinstance(kind, Ref):
            if value is None:
                return {name: None}
            target = kind.model._default_manager.filter(**{kind.key: value}).first()
            if target is None:
                return problem(f"unknown {_model_label(kind.model)} {kind.key}")
            return {name: target}
        if kind == Kind.TRANSLATED:
            if isinstance(value, str):
                return problem("needs a value per language, e.g. {es: ..., en: ...}")
            if not isinstance(value, dict) or not value or set(value) - set(_languages()):
                return problem(f"must map language codes {_languages()} to text")
            if not all(isinstance(text, str) for text in value.values()):
                return problem("each language's value must be text")
            return {
                f"{name}_{language}": value.get(language, "").strip() for language in _languages()
            }
        if kind == Kind.TEXT:
            return {name: value.strip()} if isinstance(value, str) else problem("must be text")
        if kind == Kind.INTEGER:
            valid = isinstance(value, int) and not isinstance(value, bool)
            return {name: value} if valid else problem("must be a whole number")
        if kind == Kind.BOOLEAN:
            return {name: value} if isinstance(value, bool) else problem("must be true or false")
        if kind == Kind.DATE:
            if value is None or isinstance(value, datetime.date):
                return {name: value}
            try:
                return {name: datetime.date.fromisoformat(str(value))}
            except ValueError:
                return problem("must be a date written YYYY-MM-DD")
        raise ValueError(f"unknown field kind {kind!r}")  # a programming error in a Spec

    def save(self, spec: Spec, values: dict[str, Any], label: str) -> models.Model | None:
        model = spec.model
        many = {
            name: values.pop(name)
            for name, kind in spec.fields.items()
            if isinstance(kind, Refs) and name in values
        }
        lookup = {name: values.get(name) for name in spec.key}
        instance = model._default_manager.filter(**lookup).first()
        created = instance is None
        if created:
            instance = model(**values)
            changed = True
        else:
            changed = False
            for name, value in values.items():
                if getattr(instance, name) != value:
                    setattr(instance, name, value)
                    changed = True
        try:
            instance.full_clean()
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                shown_field = "" if field_name == "__all__" else field_name
                for message in messages:
                    value = values.get(field_name)
                    self.problems.append(Problem(self.file, label, shown_field, message, value))
            return None
        model_label = _model_label(model, plural=True)
        if not created:
            for name, targets in many.items():
                current = set(getattr(instance, name).values_list("pk", flat=True))
                changed = changed or current != {target.pk for target in targets}
        if changed:
            instance.save()
            for name, targets in many.items():
                getattr(instance, name).set(targets)
            (self.report.created if created else self.report.updated)[model_label] += 1
        else:
            self.report.unchanged[model_label] += 1
        return instance


def _holds_nul(content: Any) -> bool:
    """Whether any text in `content` (as YAML reads it) holds NUL. Walked once per list or
    mapping: a YAML alias may make one hold itself."""
    waiting, seen = [content], set()
    while waiting:
        value = waiting.pop()
        if isinstance(value, str) and "\x00" in value:
            return True
        if isinstance(value, dict | list) and id(value) not in seen:
            seen.add(id(value))
            waiting += [*value.keys(), *value.values()] if isinstance(value, dict) else value
    return False


def _empty(model: type[models.Model], name: str, kind: Any) -> dict[str, Any]:
    """A field the record leaves out is emptied: the file, not an earlier load, says what is
    known, so a value removed from the file (an invented one, say) leaves the database too."""
    if kind == Kind.TRANSLATED:
        return {f"{name}_{language}": "" for language in _languages()}
    if isinstance(kind, Refs):
        return {name: []}
    return {name: model._meta.get_field(name).get_default()}


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _label(spec: Spec, raw: dict, label: str) -> str:
    key_values = [str(raw[name]) for name in spec.key if isinstance(raw.get(name), str | int)]
    return f"{label} ({', '.join(key_values)})" if key_values else label


def _model_label(model: type[models.Model], *, plural: bool = False) -> str:
    """The model's English name: this module's reports are for the person running the load."""
    with translation.override("en"):
        return str(model._meta.verbose_name_plural if plural else model._meta.verbose_name)


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]
