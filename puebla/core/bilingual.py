"""Text kept in Spanish and in English: one column per language, named `<field>_<language>`.

Puebla declares both columns on the model itself (`title_es, title_en = bilingual(...)`) and
reads them through `puebla.core.text.text_and_language`, the one place that decides what a
reader sees when their language's text is missing (DESIGN.md, "Bilingual text"). Nothing
rewrites a query or an attribute by the request's language: what a model says is what the
database holds.
"""

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import get_language


def bilingual(field_class: type[models.Field], label, **options) -> tuple[models.Field, ...]:
    """One `field_class` per site language, in the order of settings.LANGUAGES (Spanish,
    English), each labelled "<label> (<language>)". Blank is allowed in each: a source may
    give a text in one language only; a model or form that needs one says so in `clean()`."""
    columns = tuple(
        field_class(format_lazy("{} ({})", label, language_name), blank=True, **options)
        for _code, language_name in settings.LANGUAGES
    )
    for column in columns:
        column.text_label = label  # what a form says before "in Spanish" (text_label())
    return columns


def text_label(model, field: str):
    """The label of the text `field` kept in both languages, without a language: "title"."""
    return model._meta.get_field(f"{field}_{settings.LANGUAGE_CODE[:2]}").text_label


def language_column(field: str, language: str | None = None) -> str:
    """The name of `field`'s column in `language` (the active language by default), for a
    query: `order_by(language_column("country__name"))` sorts by the reader's names."""
    language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    return f"{field}_{language}"


def base_name(column: str) -> tuple[str, ...]:
    """("title",) for "title_es" or "title_en"; () for a column of no language."""
    for code, _name in settings.LANGUAGES:
        if column.endswith(f"_{code}"):
            return (column.removesuffix(f"_{code}"),)
    return ()


def fill_language_columns(apps, app_label: str, fields_by_model: dict[str, list[str]]):
    """Migration step: the `_es`/`_en` columns django-modeltranslation left nullable become
    empty strings, and a text only its single base column held moves into the Spanish
    column (Puebla's default language, which that base column followed). Runs on each model
    and on its history."""
    languages = [code for code, _name in settings.LANGUAGES]
    for model_name, fields in fields_by_model.items():
        for name in (model_name, f"Historical{model_name}"):
            try:
                model = apps.get_model(app_label, name)
            except LookupError:
                continue
            base_names = {field.name for field in model._meta.get_fields()}
            for record in model._base_manager.all().iterator():
                changed = []
                for field in fields:
                    for code in languages:
                        column = f"{field}_{code}"
                        if getattr(record, column) is None:
                            setattr(record, column, "")
                            changed.append(column)
                    base = getattr(record, field, "") if field in base_names else ""
                    if base and not any(getattr(record, f"{field}_{c}") for c in languages):
                        setattr(record, f"{field}_{languages[0]}", base)
                        changed.append(f"{field}_{languages[0]}")
                if changed:
                    record.save(update_fields=sorted(set(changed)))


def fill_base_columns(apps, app_label: str, fields_by_model: dict[str, list[str]]):
    """The reverse step: each restored base column takes the Spanish text, else the English."""
    languages = [code for code, _name in settings.LANGUAGES]
    for model_name, fields in fields_by_model.items():
        for name in (model_name, f"Historical{model_name}"):
            try:
                model = apps.get_model(app_label, name)
            except LookupError:
                continue
            for record in model._base_manager.all().iterator():
                for field in fields:
                    texts = [getattr(record, f"{field}_{code}") or "" for code in languages]
                    setattr(record, field, next((text for text in texts if text), ""))
                record.save(update_fields=list(fields))
